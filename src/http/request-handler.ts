import type { IncomingMessage, ServerResponse } from 'node:http';

import { HeaderMap, type ApolloServer } from '@apollo/server';
import cors from 'cors';
import type { Logger } from 'pino';

import {
  correlationIdFrom,
  createContext,
  type AppMode,
  type ContextDeps,
  type GatewayContext,
} from '../context';
import type { GatewayMetrics } from '../observability/metrics';
import type { Explorer } from './explorer';
import type { CountryRulesCache } from '../partner-center/country-validation-rules.cache';
import type { PartnerCenterClient } from '../partner-center/partner-center.client';
import { legacyJsonStatus } from './legacy-json-status';
import { securityHeaders } from './security-headers';

export const GRAPHQL_PATH = '/graphql';
export const METRICS_PATH = '/metrics';

type Middleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

export interface RequestHandlerOptions {
  server: ApolloServer<GatewayContext>;
  client: PartnerCenterClient;
  countryRules: CountryRulesCache;
  logger: Logger;
  corsOrigins: string[];
  maxBodyBytes: number;
  /** GraphQL requests handled at once; more are refused at once (503, RATE_LIMITED, Retry-After 1). */
  maxConcurrentRequests: number;
  /** Whether the gateway is shutting down (readiness false, Connection: close). */
  draining: () => boolean;
  /** App mode (callers' JWTs, the gateway's own Partner Center identity); undefined: user mode. */
  app?: AppMode | undefined;
  /** Served at GET /metrics; undefined (METRICS_ENABLED=false): /metrics is not found. */
  metrics?: GatewayMetrics | undefined;
  /** GraphiQL at `/explorer` (development only); undefined: none. */
  explorer?: Explorer | undefined;
}

/**
 * The HTTP side of the gateway on plain node:http: health, metrics, security headers, CORS, the body
 * read with its size limit, and Apollo's own `executeHTTPGraphQLRequest`. A web framework in front of it
 * cost a fifth of the CPU of a read and brought nothing the gateway uses.
 */
export function createRequestHandler(
  options: RequestHandlerOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const headers = securityHeaders();
  const allowCors = cors({
    origin: options.corsOrigins,
    methods: ['GET', 'POST', 'OPTIONS'],
    exposedHeaders: ['ms-correlationid'],
    maxAge: 600,
  }) as unknown as Middleware;
  const deps: ContextDeps = {
    client: options.client,
    countryRules: options.countryRules,
    logger: options.logger,
    app: options.app,
    metrics: options.metrics,
  };
  const { metrics } = options;

  // Requests in flight: what bounds the gateway's memory whatever the number of callers (bodies,
  // parsed documents and execution state are per request).
  let active = 0;

  async function graphql(req: IncomingMessage, res: ServerResponse, search: string) {
    const correlationId = correlationIdFrom(req.headers);
    res.setHeader('ms-correlationid', correlationId);
    let body: unknown;
    if (req.method === 'POST' && isJson(req.headers['content-type'])) {
      const read = await readBody(req, options.maxBodyBytes);
      closeIfDraining(res);
      if (read.kind === 'aborted') {
        // The client went away mid-upload: nothing to answer, and nothing worth an error line.
        res.destroy();
        return;
      }
      if (read.kind === 'too-large') {
        res.setHeader('connection', 'close');
        metrics?.refused('BAD_REQUEST');
        sendError(res, 413, 'The request body is too large.');
        return;
      }
      try {
        body = read.text === '' ? {} : (JSON.parse(read.text) as unknown);
      } catch {
        metrics?.refused('BAD_REQUEST');
        sendError(res, 400, 'The request body is not valid JSON.');
        return;
      }
    } else {
      req.resume();
    }
    // Counted once the body is in: a client trickling its body in holds no slot (the server's
    // request timeout ends it), and the slots bound what executing operations hold.
    if (active >= options.maxConcurrentRequests) {
      metrics?.refused('RATE_LIMITED');
      res.setHeader('retry-after', '1');
      sendJson(res, 503, {
        errors: [
          {
            message: 'The gateway is handling as many requests as it can; retry shortly.',
            extensions: { code: 'RATE_LIMITED', retryable: true, retryAfterSeconds: 1 },
          },
        ],
      });
      return;
    }
    active += 1;
    try {
      await execute(req, res, search, correlationId, body);
    } finally {
      active -= 1;
    }
  }

  async function execute(
    req: IncomingMessage,
    res: ServerResponse,
    search: string,
    correlationId: string,
    body: unknown,
  ): Promise<void> {
    const requestHeaders = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) {
        requestHeaders.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
    }
    const response = await options.server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers: requestHeaders, search, body },
      context: () => contextFor(req, correlationId),
    });
    closeIfDraining(res);
    for (const [key, value] of response.headers) {
      res.setHeader(key, value);
    }
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.statusCode = legacyJsonStatus(res.statusCode, req.headers.accept, response.body.string);
      res.setHeader('content-length', Buffer.byteLength(response.body.string));
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) {
      res.write(chunk);
    }
    res.end();
  }

  /**
   * The request's context. Apollo answers a context that fails with a masked INTERNAL_SERVER_ERROR
   * and runs no request plugin, so the failure is logged here, once, with the correlation id.
   */
  function contextFor(req: IncomingMessage, correlationId: string): Promise<GatewayContext> {
    try {
      const context = createContext(deps, req.headers, correlationId);
      return context instanceof Promise
        ? context.catch((error: unknown) => contextFailed(error, correlationId))
        : Promise.resolve(context);
    } catch (error) {
      return contextFailed(error, correlationId);
    }
  }

  function contextFailed(error: unknown, correlationId: string): never {
    options.logger.error({ err: error, correlationId }, 'unexpected error');
    throw error;
  }

  function serveMetrics(res: ServerResponse, exposition: GatewayMetrics): void {
    exposition.render().then(
      (text) => {
        closeIfDraining(res);
        res.statusCode = 200;
        res.setHeader('content-type', exposition.contentType);
        res.setHeader('content-length', Buffer.byteLength(text));
        res.setHeader('cache-control', 'no-store');
        res.end(text);
      },
      (error: unknown) => fail(res, error),
    );
  }

  function route(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    const search = query === -1 ? '' : url.slice(query);
    if (path === GRAPHQL_PATH || path === `${GRAPHQL_PATH}/`) {
      if (req.headers.origin === undefined) {
        // No Origin: not a browser's cross-origin request (servers, routers and same-origin pages
        // send none), so CORS has nothing to decide. Caches still learn the answer varies by Origin.
        res.setHeader('vary', 'Origin');
        graphql(req, res, search).catch((failure: unknown) => fail(res, failure));
        return;
      }
      allowCors(req, res, (error) => {
        if (error) {
          fail(res, error);
          return;
        }
        graphql(req, res, search).catch((failure: unknown) => fail(res, failure));
      });
      return;
    }
    req.resume();
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (path === '/health/live' || path === '/healthz') {
        sendJson(res, 200, { status: 'ok' });
        return;
      }
      if (path === '/health/ready') {
        const draining = options.draining();
        sendJson(res, draining ? 503 : 200, { status: draining ? 'draining' : 'ready' });
        return;
      }
      if (path === METRICS_PATH && metrics !== undefined) {
        serveMetrics(res, metrics);
        return;
      }
      if (options.explorer?.(req, res, path)) {
        return;
      }
    }
    sendJson(res, 404, { errors: [{ message: 'Not found.', extensions: { code: 'NOT_FOUND' } }] });
  }

  function fail(res: ServerResponse, error: unknown): void {
    options.logger.error({ err: error }, 'unexpected HTTP error');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendJson(res, 500, {
      errors: [
        { message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      ],
    });
  }

  /**
   * Once the gateway drains, every answer not yet begun says `Connection: close`: checked when the
   * answer is written, so nothing has to hold on to the responses in flight.
   */
  function closeIfDraining(res: ServerResponse): void {
    if (options.draining() && !res.headersSent) {
      res.setHeader('connection', 'close');
    }
  }

  return (req, res) => {
    closeIfDraining(res);
    headers(req, res, (error) => {
      if (error) {
        fail(res, error);
        return;
      }
      route(req, res);
    });
  };
}

function isJson(contentType: string | undefined): boolean {
  const type = contentType?.split(';', 1)[0]?.trim().toLowerCase();
  return type === 'application/json';
}

function readBody(
  req: IncomingMessage,
  limit: number,
): Promise<{ kind: 'read'; text: string } | { kind: 'too-large' } | { kind: 'aborted' }> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve({ kind: 'too-large' });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        resolve({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve({ kind: 'read', text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => resolve({ kind: 'aborted' }));
    req.on('aborted', () => resolve({ kind: 'aborted' }));
  });
}

/** A refused HTTP request, shaped like a GraphQL answer (never an HTML page or a stack trace). */
function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}
