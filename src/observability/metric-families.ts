import type { Metric } from 'prom-client';

/**
 * Counter and histogram families for the request path, exposed through a prom-client Registry.
 * prom-client's own `labels(...)` children rebuild a label hash string and a wrapper object on every
 * `inc`/`observe`; these children are plain numbers, resolved once per label set, so recording a
 * value allocates nothing. prom-client still renders them (it reads any object with `get()`).
 */

type Labels = Readonly<Record<string, string>>;

interface MetricValue {
  labels: Labels;
  value: number;
  metricName?: string;
}

/**
 * What both families share: their label set, their children by label values (made once, then
 * handed out and kept by the request path), and a reset that zeroes them in place.
 */
abstract class Family<Child extends { reset(): void }> {
  readonly aggregator = 'sum';
  readonly children = new Map<string, Child>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {}

  /** Zeroes every child in place (Registry.resetMetrics): children already handed out stay bound. */
  reset(): void {
    this.children.forEach((child) => child.reset());
  }

  /** The child for these label values (in `labelNames` order), made on first use. */
  protected childFor(values: readonly string[], create: (labels: Labels) => Child): Child {
    if (values.length !== this.labelNames.length) {
      throw new TypeError(`${this.name} takes labels ${this.labelNames.join(', ')}`);
    }
    const key = values.join('\u0000');
    let child = this.children.get(key);
    if (!child) {
      const labels: Record<string, string> = {};
      this.labelNames.forEach((name, i) => {
        labels[name] = values[i]!;
      });
      child = create(Object.freeze(labels));
      this.children.set(key, child);
    }
    return child;
  }
}

export class CounterChild {
  value = 0;
  constructor(readonly labels: Labels) {}
  inc(by = 1): void {
    this.value += by;
  }

  reset(): void {
    this.value = 0;
  }
}

export class CounterFamily extends Family<CounterChild> {
  readonly type = 'counter';

  constructor(name: string, help: string, labelNames: readonly string[] = []) {
    super(name, help, labelNames);
  }

  /** The child for these label values (in `labelNames` order): keep it, and increment it. */
  child(...values: string[]): CounterChild {
    return this.childFor(values, (labels) => new CounterChild(labels));
  }

  get(): Promise<{ name: string; help: string; type: 'counter'; values: MetricValue[] }> {
    const values = [...this.children.values()].map((c) => ({ labels: c.labels, value: c.value }));
    return Promise.resolve({ name: this.name, help: this.help, type: this.type, values });
  }
}

export class HistogramChild {
  /** Observations per bucket, not cumulative; the last is +Inf. */
  readonly counts: Float64Array;
  sum = 0;
  count = 0;

  constructor(
    readonly labels: Labels,
    private readonly bounds: readonly number[],
  ) {
    this.counts = new Float64Array(bounds.length + 1);
  }

  observe(value: number): void {
    const { bounds } = this;
    let i = 0;
    while (i < bounds.length && value > bounds[i]!) {
      i += 1;
    }
    this.counts[i]! += 1;
    this.sum += value;
    this.count += 1;
  }

  reset(): void {
    this.counts.fill(0);
    this.sum = 0;
    this.count = 0;
  }
}

export class HistogramFamily extends Family<HistogramChild> {
  readonly type = 'histogram';

  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    readonly bounds: readonly number[],
  ) {
    super(name, help, labelNames);
  }

  child(...values: string[]): HistogramChild {
    return this.childFor(values, (labels) => new HistogramChild(labels, this.bounds));
  }

  get(): Promise<{ name: string; help: string; type: 'histogram'; values: MetricValue[] }> {
    const values: MetricValue[] = [];
    for (const child of this.children.values()) {
      let cumulative = 0;
      for (let i = 0; i <= this.bounds.length; i += 1) {
        cumulative += child.counts[i]!;
        const le = i < this.bounds.length ? String(this.bounds[i]) : '+Inf';
        values.push({
          labels: { ...child.labels, le },
          value: cumulative,
          metricName: `${this.name}_bucket`,
        });
      }
      values.push({ labels: child.labels, value: child.sum, metricName: `${this.name}_sum` });
      values.push({ labels: child.labels, value: child.count, metricName: `${this.name}_count` });
    }
    return Promise.resolve({ name: this.name, help: this.help, type: this.type, values });
  }
}

/**
 * What a Registry's registerMetric takes: it reads name, help, type, aggregator and get(), and
 * resetMetrics() calls reset().
 */
export function asMetric(family: CounterFamily | HistogramFamily): Metric {
  return family as unknown as Metric;
}
