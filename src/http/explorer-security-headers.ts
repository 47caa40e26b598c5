import helmet from 'helmet';

import { headersOf } from './security-headers';

/**
 * The explorer's Content-Security-Policy: everything it loads is its own (same-origin scripts and
 * styles, served from the project's dependencies), no inline script, and it talks only to the
 * gateway it came from. GraphiQL's fonts are data: URLs inside its stylesheet.
 */
export const EXPLORER_CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'connect-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The policy, for the page with the nonce its one inline `<style>` needs: GraphiQL's dialogs (Radix,
 * through react-remove-scroll) insert a `<style>` element to lock the page's scrolling, and mark it
 * with the nonce found in `__webpack_nonce__`. A nonce admits that element and nothing an injection
 * could add, where `'unsafe-inline'` would admit any style.
 */
export function explorerCsp(styleNonce?: string): string {
  return Object.entries(EXPLORER_CSP_DIRECTIVES)
    .map(([name, values]) => {
      const extra =
        name === 'style-src' && styleNonce !== undefined ? [`'nonce-${styleNonce}'`] : [];
      return [name, ...values, ...extra].join(' ');
    })
    .join('; ');
}

type Header = readonly [name: string, value: string | string[]];

/**
 * What every explorer answer carries besides its policy: helmet's page set (what the JSON answers
 * get, nosniff, `X-Frame-Options: DENY`, CORP, HSTS, and the page-only headers such as COOP and
 * `Referrer-Policy`). helmet's headers do not depend on the request: computed once.
 */
export function explorerSecurityHeaders(): readonly Header[] {
  return headersOf(
    helmet({
      contentSecurityPolicy: false,
      frameguard: { action: 'deny' },
    }),
  );
}
