import { Registry } from 'prom-client';

import {
  asMetric,
  CounterFamily,
  HistogramFamily,
} from '../../../src/observability/metric-families';

// The request path's counters and histograms, read and reset through a real prom-client Registry, as
// /metrics and an embedder's registry would.

function registryWith(): {
  registry: Registry;
  counter: CounterFamily;
  histogram: HistogramFamily;
} {
  const registry = new Registry();
  const counter = new CounterFamily('test_requests_total', 'Requests.', ['method']);
  const histogram = new HistogramFamily('test_duration_seconds', 'Duration.', ['method'], [0.1, 1]);
  registry.registerMetric(asMetric(counter));
  registry.registerMetric(asMetric(histogram));
  return { registry, counter, histogram };
}

it('renders counters and cumulative histogram buckets in the Prometheus text format', async () => {
  const { registry, counter, histogram } = registryWith();
  counter.child('GET').inc();
  counter.child('GET').inc(2);
  const get = histogram.child('GET');
  get.observe(0.05);
  get.observe(0.5);
  get.observe(5);

  const text = await registry.metrics();
  expect(text).toContain('test_requests_total{method="GET"} 3');
  expect(text).toContain('test_duration_seconds_bucket{method="GET",le="0.1"} 1');
  expect(text).toContain('test_duration_seconds_bucket{method="GET",le="1"} 2');
  expect(text).toContain('test_duration_seconds_bucket{method="GET",le="+Inf"} 3');
  expect(text).toContain('test_duration_seconds_sum{method="GET"} 5.55');
  expect(text).toContain('test_duration_seconds_count{method="GET"} 3');
});

it("is reset by the registry's resetMetrics, and children already handed out keep counting", async () => {
  const { registry, counter, histogram } = registryWith();
  const requests = counter.child('PUT');
  const durations = histogram.child('PUT');
  requests.inc(5);
  durations.observe(0.5);

  registry.resetMetrics();
  let text = await registry.metrics();
  expect(text).toContain('test_requests_total{method="PUT"} 0');
  expect(text).toContain('test_duration_seconds_bucket{method="PUT",le="+Inf"} 0');
  expect(text).toContain('test_duration_seconds_count{method="PUT"} 0');

  requests.inc();
  durations.observe(2);
  text = await registry.metrics();
  expect(text).toContain('test_requests_total{method="PUT"} 1');
  expect(text).toContain('test_duration_seconds_bucket{method="PUT",le="1"} 0');
  expect(text).toContain('test_duration_seconds_bucket{method="PUT",le="+Inf"} 1');
  expect(text).toContain('test_duration_seconds_sum{method="PUT"} 2');
});
