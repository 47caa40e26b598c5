import type { IncomingMessage, ServerResponse } from 'node:http';

import helmet from 'helmet';

/** Where Apollo's landing pages (Sandbox in development, the production page) load from. */
const APOLLO_CDNS = [
  'https://apollo-server-landing-page.cdn.apollographql.com',
  'https://embeddable-sandbox.cdn.apollographql.com',
  'https://embeddable-explorer.cdn.apollographql.com',
];
const APOLLO_FRAMES = [
  'https://sandbox.embed.apollographql.com',
  'https://explorer.embed.apollographql.com',
];

type Middleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/**
 * helmet's headers on every answer: `X-Content-Type-Options: nosniff` and no framing of the gateway
 * (`X-Frame-Options: DENY`, `frame-ancestors 'none'`). A page (a browser asking for HTML: the landing
 * page) gets helmet's full set and a Content-Security-Policy that admits only what Apollo's landing
 * pages load; they carry their own nonce-based policy too, and a browser enforces both. A GraphQL
 * answer is JSON that runs nothing: it gets a short policy that allows nothing, and none of the
 * page-only headers, which would cost every answer a kilobyte.
 */
export function securityHeaders(): Middleware {
  const page = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'", ...APOLLO_CDNS],
        styleSrc: ["'self'", "'unsafe-inline'", ...APOLLO_CDNS, 'https://fonts.googleapis.com'],
        fontSrc: ["'self'", 'https://fonts.gstatic.com'],
        imgSrc: ["'self'", 'data:', ...APOLLO_CDNS],
        manifestSrc: ["'self'", ...APOLLO_CDNS],
        frameSrc: APOLLO_FRAMES,
        connectSrc: ["'self'"],
      },
    },
    // Sandbox is an iframe from Apollo's origin: requiring CORP of embedded documents would block it.
    crossOriginEmbedderPolicy: false,
    frameguard: { action: 'deny' },
  });
  const api = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    referrerPolicy: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });
  const apiHeaders = headersOf(api);
  return (req, res, next) => {
    const accept = req.headers.accept;
    if (req.method === 'GET' && accept !== undefined && accept.includes('text/html')) {
      page(req, res, next);
      return;
    }
    // helmet's headers do not depend on the request: computed once, set directly on the hot path.
    for (const [name, value] of apiHeaders) {
      res.setHeader(name, value);
    }
    next();
  };
}

/** The headers a request-independent middleware sets, captured once at start. */
export function headersOf(middleware: Middleware): [string, string | string[]][] {
  const captured: [string, string | string[]][] = [];
  const response = {
    setHeader(name: string, value: string | string[]) {
      captured.push([name, value]);
      return response;
    },
    removeHeader() {
      return undefined;
    },
  };
  middleware(
    { headers: {}, method: 'POST' } as IncomingMessage,
    response as unknown as ServerResponse,
    () => undefined,
  );
  return captured;
}
