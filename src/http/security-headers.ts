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

/**
 * helmet's headers on every answer: `X-Content-Type-Options: nosniff`, no framing of the gateway
 * (`X-Frame-Options: DENY`, `frame-ancestors 'none'`), and a Content-Security-Policy that admits only
 * what Apollo's landing pages load. The landing pages carry their own, nonce-based policy in a meta
 * tag; a browser enforces both, so inline code still needs that nonce. JSON answers run nothing.
 */
export function securityHeaders(): ReturnType<typeof helmet> {
  return helmet({
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
}
