import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { sandboxExample } from '../plugins/landing-page.plugin';
import { loadExplorerAssets } from './explorer-assets';
import { EXPLORER_ASSETS_PATH, renderExplorerPage, type ExplorerExample } from './explorer-page';
import { explorerCsp, explorerSecurityHeaders } from './explorer-security-headers';

export const EXPLORER_PATH = '/explorer';

export interface ExplorerOptions {
  /** The gateway's GraphQL path on the same origin, e.g. `/graphql`. */
  graphqlPath: string;
  /** The customer the example read opens with; a placeholder when unset. */
  exampleCustomerId?: string | undefined;
  /**
   * Whether the embedded emulator serves: the example then carries a token it accepts, as the
   * Sandbox landing page does. Default false (the header asks for the developer's own token).
   */
  embeddedEmulator?: boolean | undefined;
  /** The page title. Default `partner-center-bff explorer`. */
  title?: string | undefined;
}

/** Answers an explorer request and returns true, or returns false for the caller to route on. */
export type Explorer = (req: IncomingMessage, res: ServerResponse, path: string) => boolean;

/**
 * GraphiQL, served whole from the project's own dependencies: `GET /explorer` and its files under
 * `/explorer/assets/`, so it works with no internet (Apollo Sandbox loads from Apollo's CDN). For
 * development, like the landing page. The files are found and read once, on the first request for
 * one: a gateway that never serves the explorer (every test stack, most starts) never reads them.
 */
export function createExplorer(options: ExplorerOptions): Explorer {
  let assets: ReturnType<typeof loadExplorerAssets> | undefined;
  const title = options.title ?? 'partner-center-bff explorer';
  const {
    document,
    variables,
    headers: exampleHeaders,
  } = sandboxExample({
    embeddedEmulator: options.embeddedEmulator ?? false,
    exampleCustomerId: options.exampleCustomerId,
  });
  const example: ExplorerExample = {
    graphqlPath: options.graphqlPath,
    query: document,
    variables,
    headers: exampleHeaders,
  };
  const headers = explorerSecurityHeaders();
  const assetCsp = explorerCsp();

  return (req, res, path) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return false;
    }
    const isPage = path === EXPLORER_PATH || path === `${EXPLORER_PATH}/`;
    if (!isPage && !path.startsWith(EXPLORER_ASSETS_PATH)) {
      return false;
    }
    for (const [name, value] of headers) {
      res.setHeader(name, value);
    }
    if (isPage) {
      // A fresh nonce per answer; the page is never stored, so no nonce is ever used twice.
      const nonce = randomBytes(16).toString('base64');
      res.setHeader('content-security-policy', explorerCsp(nonce));
      res.setHeader('cache-control', 'no-store');
      send(req, res, 'text/html; charset=utf-8', renderExplorerPage(title, example, nonce));
      return true;
    }
    res.setHeader('content-security-policy', assetCsp);
    assets ??= loadExplorerAssets();
    const asset = assets.get(path.slice(EXPLORER_ASSETS_PATH.length));
    if (asset === undefined) {
      const text = JSON.stringify({
        errors: [{ message: 'Not found.', extensions: { code: 'NOT_FOUND' } }],
      });
      res.statusCode = 404;
      send(req, res, 'application/json; charset=utf-8', text);
      return true;
    }
    res.setHeader('etag', asset.etag);
    // Asset names carry no version: a browser revalidates (a 304 while the bytes are the same), so a
    // dependency upgrade is never hidden behind a stale copy.
    res.setHeader('cache-control', 'no-cache');
    if (matches(req.headers['if-none-match'], asset.etag)) {
      res.statusCode = 304;
      res.end();
      return true;
    }
    send(req, res, asset.contentType, asset.body);
    return true;
  };
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  contentType: string,
  body: string | Buffer,
): void {
  res.setHeader('content-type', contentType);
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Whether an `If-None-Match` list names the entity tag (weak comparison, as RFC 9110 asks). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) {
    return false;
  }
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}
