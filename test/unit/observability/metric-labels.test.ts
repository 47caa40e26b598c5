import {
  MAX_OPERATION_NAMES,
  OperationNames,
  OUTCOMES,
  toOutcome,
  toStatusLabel,
} from '../../../src/observability/metric-labels';

describe('operation names as label values', () => {
  const names = () => new OperationNames<string>((label) => label, 3);

  it.each<[string | null | undefined, string]>([
    ['GetCustomerBillingProfile', 'GetCustomerBillingProfile'],
    [null, 'anonymous'],
    ['', 'anonymous'],
    [undefined, 'unknown'],
    ['x'.repeat(200), 'x'.repeat(64)],
    ['not-a-name', 'other'],
    ['Ünïcode', 'other'],
  ])('labels %j as %j', (name, label) => {
    expect(names().cellsFor(name)).toBe(label);
  });

  it('keeps the first names it sees and counts every later one as other', () => {
    const labels = names();
    expect(['A', 'B', 'C', 'D', 'A', 'E'].map((n) => labels.cellsFor(n))).toEqual([
      'A',
      'B',
      'C',
      'other',
      'A',
      'other',
    ]);
  });

  it('never takes more than MAX_OPERATION_NAMES distinct values, whatever callers send', () => {
    const labels = new OperationNames<string>((label) => label);
    const seen = new Set<string>();
    for (let i = 0; i < MAX_OPERATION_NAMES * 3; i += 1) {
      seen.add(labels.cellsFor(`Operation${i}`));
      seen.add(labels.cellsFor(`${'Long'.repeat(40)}${i}`));
    }
    seen.add(labels.cellsFor(undefined));
    seen.add(labels.cellsFor(null));
    expect(seen.size).toBeLessThanOrEqual(MAX_OPERATION_NAMES + 3);
    expect([...seen].every((label) => /^[A-Za-z0-9_]{1,64}$/.test(label))).toBe(true);
  });

  it('shares the cells of names that cut to the same label', () => {
    const made: string[] = [];
    const labels = new OperationNames<string>((label) => {
      made.push(label);
      return label;
    });
    labels.cellsFor(`${'a'.repeat(64)}One`);
    labels.cellsFor(`${'a'.repeat(64)}Two`);
    expect(made).toEqual(['a'.repeat(64)]);
  });
});

describe('outcome', () => {
  it.each<[{ extensions?: Record<string, unknown> }[] | undefined, string]>([
    [undefined, 'success'],
    [[], 'success'],
    [[{ extensions: { code: 'UPSTREAM_TIMEOUT' } }], 'UPSTREAM_TIMEOUT'],
    [[{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }], 'GRAPHQL_VALIDATION_FAILED'],
    [
      [{ extensions: { code: 'NOT_FOUND' } }, { extensions: { code: 'RATE_LIMITED' } }],
      'NOT_FOUND',
    ],
    [[{ extensions: { code: 'SOMETHING_A_PLUGIN_MADE_UP' } }], 'error'],
    [[{ extensions: { code: 42 } }], 'error'],
    [[{}], 'error'],
  ])('of %j is %s', (errors, outcome) => {
    expect(toOutcome(errors)).toBe(outcome);
  });

  it('is one of a fixed set: success, the documented codes, error', () => {
    expect(OUTCOMES).toEqual(
      expect.arrayContaining(['success', 'INTERNAL_SERVER_ERROR', 'BAD_USER_INPUT', 'error']),
    );
    expect(new Set(OUTCOMES).size).toBe(OUTCOMES.length);
  });
});

describe('Partner Center status', () => {
  it.each<[number | 'timeout' | 'unavailable' | 'shutdown', string]>([
    [200, '200'],
    [404, '404'],
    [503, '503'],
    [99, 'invalid'],
    [600, 'invalid'],
    ['timeout', 'timeout'],
    ['unavailable', 'unavailable'],
    ['shutdown', 'shutdown'],
  ])('labels %j as %s', (status, label) => {
    expect(toStatusLabel(status)).toBe(label);
  });
});
