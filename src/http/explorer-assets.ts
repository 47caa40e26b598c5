import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { EXPLORER_BOOTSTRAP_JS, EXPLORER_CSS } from './explorer-page';

export interface ExplorerAsset {
  contentType: string;
  body: Buffer;
  /** Strong validator: a digest of the bytes. */
  etag: string;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

// The prebuilt browser files the packages ship, by package and path inside it. GraphiQL 3 is the
// last major with a UMD build (4 and 5 are ESM for bundlers), and it needs React 18's UMD globals
// (React 19 has none). These packages declare `exports`, which hide these paths from
// require.resolve, so each is found from the package's own package.json.
const PACKAGE_FILES: readonly (readonly [name: string, pkg: string, path: string, type: string])[] =
  [
    ['react.production.min.js', 'react', 'umd/react.production.min.js', JS],
    ['react-dom.production.min.js', 'react-dom', 'umd/react-dom.production.min.js', JS],
    ['graphiql.min.js', 'graphiql', 'graphiql.min.js', JS],
    ['graphiql.min.css', 'graphiql', 'graphiql.min.css', CSS],
  ];

/**
 * Every file the explorer serves, by the name in `/explorer/assets/<name>`: found and read once, on
 * the explorer's first asset request. The URL only ever picks an entry of this map; no file path is
 * built from it.
 */
export function loadExplorerAssets(): ReadonlyMap<string, ExplorerAsset> {
  const assets = new Map<string, ExplorerAsset>();
  for (const [name, pkg, path, contentType] of PACKAGE_FILES) {
    const root = dirname(require.resolve(`${pkg}/package.json`));
    assets.set(name, toAsset(contentType, readFileSync(join(root, path))));
  }
  assets.set('explorer.js', toAsset(JS, Buffer.from(EXPLORER_BOOTSTRAP_JS)));
  assets.set('explorer.css', toAsset(CSS, Buffer.from(EXPLORER_CSS)));
  return assets;
}

function toAsset(contentType: string, body: Buffer): ExplorerAsset {
  const digest = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  return { contentType, body, etag: `"${digest}"` };
}
