import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { HeaderMap } from '@apollo/server';

// patches/ changes four places where @apollo/server builds objects per request (README, "Patched
// dependencies"), and
// `npm ci` applies it (postinstall). These tests fail when the gateway would run an unpatched Apollo
// (an install that skipped the patch, or an upgrade the patch was not remade for), and check that the
// patched code still does what Apollo's did.

const root = join(__dirname, '..', '..', '..');
const apolloDist = dirname(require.resolve('@apollo/server')); // …/@apollo/server/dist/cjs
const apolloRoot = join(apolloDist, '..', '..');

const patchFile = readdirSync(join(root, 'patches')).find((file) =>
  file.startsWith('@apollo+server+'),
);

it('is made for the installed @apollo/server, and every line it adds is in the files Apollo runs', () => {
  expect(patchFile).toBeDefined();
  const { version } = JSON.parse(readFileSync(join(apolloRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  expect(patchFile).toBe(`@apollo+server+${version}.patch`);
  const patch = readFileSync(join(root, 'patches', patchFile!), 'utf8');
  const files = patch.split(/^diff --git /m).slice(1);
  expect(files.length).toBeGreaterThan(0);
  for (const section of files) {
    const target = /^\+\+\+ b\/node_modules\/@apollo\/server\/(\S+)$/m.exec(section)?.[1];
    expect(target).toMatch(/^dist\/cjs\//);
    const installed = readFileSync(join(apolloRoot, target!), 'utf8');
    const added = section
      .split('\n')
      .filter((line) => line.startsWith('+') && !line.startsWith('+++'))
      .map((line) => line.slice(1));
    expect(added.length).toBeGreaterThan(0);
    for (const line of added) {
      expect([target, installed.includes(line)]).toEqual([target, true]);
    }
  }
});

it('keeps the gateway request context of Apollo: the response status reads and writes through', () => {
  // Not exported by the package: loaded by its file, as Apollo's own request pipeline loads it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { makeGatewayGraphQLRequestContext } = require(
    join(apolloDist, 'utils', 'makeGatewayGraphQLRequestContext.js'),
  ) as {
    makeGatewayGraphQLRequestContext: (
      context: unknown,
      server: unknown,
      internals: unknown,
    ) => {
      response: { http: { status: number | undefined; headers: { get(name: string): unknown } } };
    };
  };
  const headers = new HeaderMap([['x-answer', '42']]);
  const requestContext = {
    request: { query: '{ __typename }' },
    response: { http: { status: undefined as number | undefined, headers } },
  };
  const made = makeGatewayGraphQLRequestContext(requestContext, { logger: console }, {});
  expect(made.response.http.status).toBeUndefined();
  made.response.http.status = 418;
  expect(requestContext.response.http.status).toBe(418);
  requestContext.response.http.status = 201;
  expect(made.response.http.status).toBe(201);
  expect(made.response.http.headers.get('x-answer')).toBe('42');
  // The request stays out of reach of a spread, a log line or JSON (its context holds credentials);
  // the JSON is the original literal's: the headers (a Map, so `{}`) and the status.
  expect(Object.keys(made.response.http)).toEqual(['headers']);
  expect(JSON.parse(JSON.stringify(made.response.http))).toEqual({
    headers: { map: {} },
    status: 201,
  });
});
