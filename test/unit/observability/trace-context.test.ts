import { validTraceparent, validTracestate } from '../../../src/observability/trace-context';

const VALID = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('traceparent passed on unchanged', () => {
  it.each<[string | string[] | undefined, string | undefined]>([
    [VALID, VALID],
    [` ${VALID} `, VALID],
    [
      '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00',
      '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00',
    ],
    // A later version may carry more fields: forwarded as it came.
    [
      '01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra',
      '01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra',
    ],
    [[VALID], VALID],
    [undefined, undefined],
    ['', undefined],
    // Version 00 has exactly four fields; ff is forbidden; ids are lowercase hex and never all zero.
    [`${VALID}-extra`, undefined],
    ['ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', undefined],
    ['00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01', undefined],
    ['00-00000000000000000000000000000000-b7ad6b7169203331-01', undefined],
    ['00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01', undefined],
    ['00-0af7651916cd43dd8448eb211c80319c-b7ad6b716920333-01', undefined],
    ['00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\r\nx-injected: 1', undefined],
    // Two headers (node joins them with a comma): invalid.
    [`${VALID}, ${VALID}`, undefined],
    [[VALID, VALID], undefined],
    [`01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-${'x'.repeat(300)}`, undefined],
  ])('%j -> %j', (header, forwarded) => {
    expect(validTraceparent(header)).toBe(forwarded);
  });
});

describe('tracestate passed on with it', () => {
  it.each<[string | string[] | undefined, string | undefined]>([
    ['congo=t61rcWkgMzE', 'congo=t61rcWkgMzE'],
    ['rojo=00f067aa0ba902b7,congo=t61rcWkgMzE', 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE'],
    [['rojo=00f067aa0ba902b7', 'congo=t61rcWkgMzE'], 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE'],
    [undefined, undefined],
    ['', undefined],
    ['a=b\nc=d', undefined],
    [`a=${'x'.repeat(600)}`, undefined],
  ])('%j -> %j', (header, forwarded) => {
    expect(validTracestate(header)).toBe(forwarded);
  });
});
