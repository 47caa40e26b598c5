/** Where the explorer's files are served from; `<name>` is one of a fixed list (explorer-assets.ts). */
export const EXPLORER_ASSETS_PATH = '/explorer/assets/';

/** What GraphiQL opens with (the same example as the Sandbox landing page). */
export interface ExplorerExample {
  /** The gateway's endpoint, same-origin, e.g. `/graphql`. */
  graphqlPath: string;
  query: string;
  variables: Record<string, unknown>;
  headers: Record<string, string>;
}

// Scripts in dependency order: GraphiQL's UMD build reads the React and ReactDOM globals.
const SCRIPTS = [
  'react.production.min.js',
  'react-dom.production.min.js',
  'graphiql.min.js',
  'explorer.js',
];
const STYLES = ['graphiql.min.css', 'explorer.css'];

/**
 * The explorer's HTML: same-origin scripts and styles only and no inline code, so its policy can
 * forbid inline script and style. The example and the style nonce (explorer-security-headers.ts)
 * travel as a JSON data block, which no browser runs.
 */
export function renderExplorerPage(
  title: string,
  example: ExplorerExample,
  styleNonce: string,
): string {
  const styles = STYLES.map(
    (name) => `<link rel="stylesheet" href="${EXPLORER_ASSETS_PATH}${name}">`,
  ).join('\n    ');
  const scripts = SCRIPTS.map(
    (name) => `<script src="${EXPLORER_ASSETS_PATH}${name}"></script>`,
  ).join('\n    ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="referrer" content="no-referrer">
    <link rel="icon" href="data:,">
    <title>${escapeHtml(title)}</title>
    ${styles}
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    <script type="application/json" id="explorer-example">${toScriptJson({ ...example, styleNonce })}</script>
    ${scripts}
  </body>
</html>
`;
}

/**
 * JSON that cannot end its `<script>` element early or start markup: `<`, `>` and `&` become
 * `\u003c` and friends (still the same JSON), and so do the two line separators JavaScript once
 * refused in strings.
 */
function toScriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (character) => {
    return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * Starts GraphiQL with the example; served as `explorer.js`. Plain ES5 for the browser: it reads
 * the globals of the UMD builds loaded before it. The fetcher POSTs JSON to the same origin (a JSON
 * content type passes the gateway's CSRF prevention); no incremental delivery, which the gateway
 * does not offer.
 */
export const EXPLORER_BOOTSTRAP_JS = `'use strict';
(function () {
  var example = JSON.parse(document.getElementById('explorer-example').textContent);
  // Read by the one library that inserts a <style> element (GraphiQL's dialogs' scroll lock).
  window.__webpack_nonce__ = example.styleNonce;
  var fetcher = GraphiQL.createFetcher({
    url: new URL(example.graphqlPath, window.location.href).href,
    enableIncrementalDelivery: false,
  });
  var container = document.getElementById('graphiql');
  container.textContent = '';
  ReactDOM.createRoot(container).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      query: example.query,
      variables: JSON.stringify(example.variables, null, 2),
      headers: JSON.stringify(example.headers, null, 2),
      defaultEditorToolsVisibility: 'variables',
      shouldPersistHeaders: false,
    }),
  );
})();
`;

/** The page's own layout, as a file (the policy admits no inline style). */
export const EXPLORER_CSS = `html, body, #graphiql {
  height: 100%;
  margin: 0;
}
`;
