import { request } from 'undici';

import { postGraphQL } from '../../helpers/graphql-client';
import { startStack, useStack, type Stack } from '../../helpers/start-stack';
import {
  readProfile,
  storedProfile,
  updateProfile,
  US_CUSTOMER,
} from '../gateway/gateway-test-kit';

const stack = useStack();

/** GET /metrics: its content type, and each sample `name{labels}` -> value. */
async function scrape(
  target: Stack = stack,
): Promise<{ type: string; samples: Map<string, number> }> {
  const response = await request(new URL('/metrics', target.gatewayUrl));
  expect(response.statusCode).toBe(200);
  const text = await response.body.text();
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line !== '' && !line.startsWith('#')) {
      const at = line.lastIndexOf(' ');
      samples.set(line.slice(0, at), Number(line.slice(at + 1)));
    }
  }
  return { type: String(response.headers['content-type']), samples };
}

/** How much each sample grew while `run` ran. */
async function growth(run: () => Promise<unknown>): Promise<(key: string) => number> {
  const before = (await scrape()).samples;
  await run();
  const after = (await scrape()).samples;
  return (key) => (after.get(key) ?? 0) - (before.get(key) ?? 0);
}

const READ = 'operation_name="GetCustomerBillingProfile"';

it('serves the Prometheus text format with the default process metrics', async () => {
  const { type, samples } = await scrape();

  expect(type).toBe('text/plain; version=0.0.4; charset=utf-8');
  expect(samples.get('process_cpu_user_seconds_total')).toBeGreaterThan(0);
  expect(samples.has('nodejs_eventloop_lag_seconds')).toBe(true);
  expect(samples.get('partner_center_retries_total{method="GET"}')).toBeGreaterThanOrEqual(0);
});

it('counts a read, its duration and its one Partner Center request', async () => {
  const grew = await growth(() => readProfile(stack, US_CUSTOMER));

  expect(grew(`graphql_operations_total{${READ},outcome="success"}`)).toBe(1);
  expect(grew(`graphql_operation_duration_seconds_count{${READ}}`)).toBe(1);
  expect(grew(`graphql_operation_duration_seconds_bucket{${READ},le="+Inf"}`)).toBe(1);
  expect(grew('partner_center_requests_total{method="GET",status="200"}')).toBe(1);
  expect(grew('partner_center_request_duration_seconds_count{method="GET"}')).toBe(1);
  expect(grew('partner_center_retries_total{method="GET"}')).toBe(0);
});

it('counts every attempt of a retried read by its status, and the retries', async () => {
  stack.emulator.faults.set({ failNext: { status: 503, count: 2, methods: ['GET'] } });

  const grew = await growth(async () => {
    const response = await readProfile(stack, US_CUSTOMER);
    expect(response.errors).toBeUndefined();
  });

  expect(grew('partner_center_requests_total{method="GET",status="503"}')).toBe(2);
  expect(grew('partner_center_requests_total{method="GET",status="200"}')).toBe(1);
  expect(grew('partner_center_retries_total{method="GET"}')).toBe(2);
  expect(grew(`graphql_operations_total{${READ},outcome="success"}`)).toBe(1);
});

it('labels a failed operation with its documented code, and an unreachable upstream as a transport outcome', async () => {
  stack.emulator.faults.set({ failNext: { status: 403, count: 1 } });
  const forbidden = await growth(() => readProfile(stack, US_CUSTOMER));
  expect(forbidden(`graphql_operations_total{${READ},outcome="FORBIDDEN"}`)).toBe(1);
  expect(forbidden('partner_center_requests_total{method="GET",status="403"}')).toBe(1);

  stack.emulator.faults.set({
    dropConnection: { when: 'before-apply', count: 3, methods: ['GET'] },
  });
  const dropped = await growth(() => readProfile(stack, US_CUSTOMER));
  expect(dropped(`graphql_operations_total{${READ},outcome="UPSTREAM_UNAVAILABLE"}`)).toBe(1);
  expect(dropped('partner_center_requests_total{method="GET",status="unavailable"}')).toBe(3);
});

it('counts etag conflicts found at the read and at the write', async () => {
  const etag = storedProfile(stack, US_CUSTOMER).attributes.etag;
  const stale = await growth(async () => {
    const answer = await updateProfile(stack, { customerId: US_CUSTOMER, firstName: 'A' }, 'stale');
    expect(answer.data?.updateBillingProfile.__typename).toBe('EtagMismatch');
  });
  expect(stale('billing_profile_etag_conflicts_total{stage="read"}')).toBe(1);

  // Partner Center refuses the PUT as stale (someone wrote between the gateway's read and its PUT).
  stack.emulator.faults.set({ failNext: { status: 412, count: 1, methods: ['PUT'] } });
  const raced = await growth(async () => {
    const answer = await updateProfile(stack, { customerId: US_CUSTOMER, firstName: 'B' }, etag);
    expect(answer.data?.updateBillingProfile.__typename).toBe('EtagMismatch');
  });
  expect(raced('billing_profile_etag_conflicts_total{stage="write"}')).toBe(1);
  expect(raced('partner_center_requests_total{method="PUT",status="412"}')).toBe(1);
  expect(
    raced('graphql_operations_total{operation_name="UpdateBillingProfile",outcome="success"}'),
  ).toBe(1);
});

it('keeps operation names bounded: cut, capped, and never the raw operationName of a bad request', async () => {
  const long = `Q${'x'.repeat(200)}`;
  await postGraphQL(stack.gatewayUrl, `query ${long} { __typename }`);
  await postGraphQL(stack.gatewayUrl, '{ __typename }');
  // Invalid: the caller's operationName is never a label.
  await request(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'query Broken { nope }', operationName: 'Broken' }),
  }).then((r) => r.body.dump());
  await postGraphQL(stack.gatewayUrl, 'query Unparsable {');
  for (let i = 0; i < 110; i += 1) {
    await postGraphQL(stack.gatewayUrl, `query Probe${i} { __typename }`);
  }

  const { samples } = await scrape();
  const names = new Set(
    [...samples.keys()]
      .filter((k) => k.startsWith('graphql_operations_total{'))
      .map((k) => /operation_name="([^"]*)"/.exec(k)![1]!),
  );
  expect(names.has(long.slice(0, 64))).toBe(true);
  expect(names.has('anonymous')).toBe(true);
  expect(names.has('unknown')).toBe(true);
  expect(names.has('Broken')).toBe(false);
  expect(names.has('other')).toBe(true);
  expect(names.size).toBeLessThanOrEqual(103);
  for (const name of names) {
    expect(name).toMatch(/^[A-Za-z0-9_]{1,64}$/);
  }
  expect(
    samples.get(
      'graphql_operations_total{operation_name="unknown",outcome="GRAPHQL_PARSE_FAILED"}',
    ),
  ).toBe(1);
});

it('counts the requests refused before Apollo, as operation unknown', async () => {
  const grew = await growth(() =>
    request(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    }).then((r) => r.body.dump()),
  );
  expect(grew('graphql_operations_total{operation_name="unknown",outcome="BAD_REQUEST"}')).toBe(1);
});

describe('with METRICS_ENABLED=false', () => {
  let quiet: Stack;
  beforeAll(async () => {
    quiet = await startStack({ env: { METRICS_ENABLED: 'false' } });
  });
  afterAll(async () => {
    await quiet.stop();
  });

  it('does not serve /metrics', async () => {
    const response = await request(new URL('/metrics', quiet.gatewayUrl));
    expect(response.statusCode).toBe(404);
    await response.body.dump();
    expect((await readProfile(quiet, US_CUSTOMER)).errors).toBeUndefined();
  });
});
