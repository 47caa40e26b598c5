import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

import { request } from 'undici';

import { createExplorer, type ExplorerOptions } from '../../src/http/explorer';

export interface ExplorerServer {
  /** The server's origin, e.g. http://127.0.0.1:41234. */
  origin: string;
  close(): Promise<void>;
}

/** Headers a proxy must not forward (hop by hop, or recomputed by undici). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'host',
  'upgrade',
  'content-length',
]);

/**
 * createExplorer on a loopback port-0 server. Requests to `/graphql` are forwarded to `gatewayUrl`
 * when one is given (the gateway's own routes are not wired to the explorer yet); anything else the
 * explorer does not answer gets 418, so a test can tell "routed on" from the explorer's own 404.
 * TODO(Operations): once request-handler.ts routes to the explorer, test against the gateway itself.
 */
export async function startExplorerServer(
  options: ExplorerOptions & { gatewayUrl?: string },
): Promise<ExplorerServer> {
  const explorer = createExplorer(options);
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    if (options.gatewayUrl !== undefined && path === options.graphqlPath) {
      forward(req, options.gatewayUrl + url.slice(path.length)).then(
        (answer) => {
          res.writeHead(answer.status, answer.headers);
          res.end(answer.body);
        },
        () => {
          res.writeHead(502).end();
        },
      );
      return;
    }
    req.resume();
    if (explorer(req, res, path)) {
      return;
    }
    res.writeHead(418, { 'content-type': 'text/plain' }).end('not the explorer');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function forward(
  req: IncomingMessage,
  target: string,
): Promise<{ status: number; headers: Record<string, string | string[]>; body: Buffer }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) {
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  const method = req.method ?? 'GET';
  const answer = await request(target, {
    method,
    headers,
    ...(method === 'GET' || method === 'HEAD' ? {} : { body: Buffer.concat(chunks) }),
  });
  const body = Buffer.from(await answer.body.arrayBuffer());
  const answerHeaders: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name) && name !== 'content-length') {
      answerHeaders[name] = value;
    }
  }
  return { status: answer.statusCode, headers: answerHeaders, body };
}
