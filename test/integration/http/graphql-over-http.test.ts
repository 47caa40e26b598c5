import { serverAudits, type AuditResult } from 'graphql-http';

import { startStack, type Stack } from '../../helpers/start-stack';

let stack: Stack;
let results: { id: string; name: string; result: AuditResult }[];

beforeAll(async () => {
  stack = await startStack();
  results = [];
  for (const audit of serverAudits({ url: stack.gatewayUrl, fetchFn: fetch })) {
    results.push({ id: audit.id, name: audit.name, result: await audit.fn() });
  }
});

afterAll(async () => {
  await stack.stop();
});

it('fails no MUST rule of the GraphQL-over-HTTP audits', () => {
  const failures = results
    .filter((r) => r.result.status === 'error')
    .map((r) => `${r.name}: ${'reason' in r.result ? r.result.reason : ''}`);
  expect(failures).toEqual([]);
});

it('leaves no SHOULD warning either (the HTTP layer answers 200 to application/json clients)', () => {
  const warnings = results
    .filter((r) => r.result.status === 'warn')
    .map((r) => `${r.id} ${r.name}: ${'reason' in r.result ? r.result.reason : ''}`);
  expect(warnings).toEqual([]);
});
