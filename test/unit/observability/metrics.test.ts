import { createMetrics, DURATION_BUCKETS } from '../../../src/observability/metrics';

/** The exposition's samples: `name{labels}` -> value. */
async function samples(render: () => Promise<string>): Promise<Map<string, number>> {
  const text = await render();
  const map = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) {
      continue;
    }
    const at = line.lastIndexOf(' ');
    map.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return map;
}

it('renders the Prometheus text format, with HELP and TYPE for every family', async () => {
  const metrics = createMetrics();
  metrics.operation('GetCustomerBillingProfile', 'success', 0.02);
  const text = await metrics.render();

  expect(metrics.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
  for (const [name, type] of [
    ['graphql_operations_total', 'counter'],
    ['graphql_operation_duration_seconds', 'histogram'],
    ['partner_center_requests_total', 'counter'],
    ['partner_center_request_duration_seconds', 'histogram'],
    ['partner_center_retries_total', 'counter'],
    ['billing_profile_etag_conflicts_total', 'counter'],
    ['process_cpu_user_seconds_total', 'counter'],
    ['nodejs_heap_size_used_bytes', 'gauge'],
  ]) {
    expect(text).toContain(`# TYPE ${name} ${type}\n`);
    expect(text).toMatch(new RegExp(`# HELP ${name} \\S`));
  }
});

it('counts operations by name and outcome, and times them in cumulative buckets', async () => {
  const metrics = createMetrics();
  metrics.operation('GetCustomerBillingProfile', 'success', 0.02);
  metrics.operation('GetCustomerBillingProfile', 'success', 0.3);
  metrics.operation('GetCustomerBillingProfile', 'UPSTREAM_TIMEOUT', 12);
  metrics.operation(null, 'success', 0.001);
  metrics.operation(undefined, 'GRAPHQL_PARSE_FAILED', 0.001);
  metrics.operation('Q', 'NOT_A_DOCUMENTED_CODE', 0.001);
  metrics.refused('RATE_LIMITED');

  const s = await samples(() => metrics.render());
  const op = 'operation_name="GetCustomerBillingProfile"';
  expect(s.get(`graphql_operations_total{${op},outcome="success"}`)).toBe(2);
  expect(s.get(`graphql_operations_total{${op},outcome="UPSTREAM_TIMEOUT"}`)).toBe(1);
  expect(s.get('graphql_operations_total{operation_name="anonymous",outcome="success"}')).toBe(1);
  expect(
    s.get('graphql_operations_total{operation_name="unknown",outcome="GRAPHQL_PARSE_FAILED"}'),
  ).toBe(1);
  expect(s.get('graphql_operations_total{operation_name="unknown",outcome="RATE_LIMITED"}')).toBe(
    1,
  );
  expect(s.get('graphql_operations_total{operation_name="Q",outcome="error"}')).toBe(1);

  const bucket = (le: string) =>
    s.get(`graphql_operation_duration_seconds_bucket{${op},le="${le}"}`);
  expect(bucket('0.01')).toBe(0);
  expect(bucket('0.025')).toBe(1);
  expect(bucket('0.5')).toBe(2);
  expect(bucket('10')).toBe(2);
  expect(bucket('30')).toBe(3);
  expect(bucket('+Inf')).toBe(3);
  expect(s.get(`graphql_operation_duration_seconds_count{${op}}`)).toBe(3);
  expect(s.get(`graphql_operation_duration_seconds_sum{${op}}`)).toBeCloseTo(12.32);
  // A refusal is counted, not timed.
  expect(s.get('graphql_operation_duration_seconds_count{operation_name="unknown"}')).toBe(1);
  expect(
    [...s.keys()].filter((k) => k.startsWith(`graphql_operation_duration_seconds_bucket{${op}`)),
  ).toHaveLength(DURATION_BUCKETS.length + 1);
});

it('counts Partner Center requests by method and status, retries, and etag conflicts', async () => {
  const metrics = createMetrics();
  const { partnerCenter } = metrics;
  partnerCenter.request('GET', 503, 0.1);
  partnerCenter.retry('GET');
  partnerCenter.request('GET', 'timeout', 10);
  partnerCenter.retry('GET');
  partnerCenter.request('GET', 200, 0.05);
  partnerCenter.request('PUT', 400, 0.2);
  metrics.etagConflict('read');
  metrics.etagConflict('write');
  metrics.etagConflict('write');

  const s = await samples(() => metrics.render());
  expect(s.get('partner_center_requests_total{method="GET",status="503"}')).toBe(1);
  expect(s.get('partner_center_requests_total{method="GET",status="timeout"}')).toBe(1);
  expect(s.get('partner_center_requests_total{method="GET",status="200"}')).toBe(1);
  expect(s.get('partner_center_requests_total{method="PUT",status="400"}')).toBe(1);
  expect(s.get('partner_center_retries_total{method="GET"}')).toBe(2);
  expect(s.get('partner_center_retries_total{method="PUT"}')).toBe(0);
  expect(s.get('partner_center_request_duration_seconds_count{method="GET"}')).toBe(3);
  expect(s.get('partner_center_request_duration_seconds_count{method="PUT"}')).toBe(1);
  expect(s.get('billing_profile_etag_conflicts_total{stage="read"}')).toBe(1);
  expect(s.get('billing_profile_etag_conflicts_total{stage="write"}')).toBe(2);
});

it('keeps the metrics of two gateways in one process apart', async () => {
  const first = createMetrics();
  const second = createMetrics();
  first.etagConflict('read');

  expect(
    (await samples(() => second.render())).get(
      'billing_profile_etag_conflicts_total{stage="read"}',
    ),
  ).toBe(0);
});
