import { CallSignal, forEachThenThrow } from '../../../src/partner-center/call-signal';

it('aborts once: aborted and reason are set, every listener runs once and is removed', () => {
  const signal = new CallSignal();
  const heard: string[] = [];
  signal.once('abort', () => heard.push('first'));
  signal.once('abort', () => heard.push(`second: ${signal.reason?.message ?? ''}`));
  const reason = new Error('deadline');

  signal.abort(reason);
  signal.abort(new Error('later'));

  expect(signal.aborted).toBe(true);
  expect(signal.reason).toBe(reason);
  expect(heard).toEqual(['first', 'second: deadline']);
  expect(signal.listenerCount('abort')).toBe(0);
});

it('runs every listener even when one throws, then throws the first failure', () => {
  const signal = new CallSignal();
  const heard: string[] = [];
  signal.once('abort', () => {
    throw new Error('first failure');
  });
  signal.once('abort', () => heard.push('after the failure'));
  signal.once('abort', () => {
    throw new Error('second failure');
  });

  expect(() => signal.abort(new Error('shutdown'))).toThrow('first failure');
  expect(heard).toEqual(['after the failure']);
  expect(signal.aborted).toBe(true);
});

it('forEachThenThrow acts on every item and reports the first failure', () => {
  const seen: number[] = [];
  expect(() =>
    forEachThenThrow([1, 2, 3], (n) => {
      seen.push(n);
      if (n !== 2) {
        throw new Error(`failed on ${n}`);
      }
    }),
  ).toThrow('failed on 1');
  expect(seen).toEqual([1, 2, 3]);
  expect(() => forEachThenThrow([], () => undefined)).not.toThrow();
});
