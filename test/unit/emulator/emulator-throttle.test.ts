import { Throttle } from '../../../src/emulator/emulator-throttle';

function clock(start = 1_000_000): { now: () => number; advance(ms: number): void } {
  let time = start;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
  };
}

describe('Throttle', () => {
  it('admits every call when no limit is configured', () => {
    const throttle = new Throttle(undefined, clock().now);

    const answers = Array.from({ length: 1000 }, () => throttle.admit('partner'));

    expect(answers.every((a) => a === undefined)).toBe(true);
  });

  it('admits `requests` calls per window, then answers the seconds left in the window', () => {
    const time = clock();
    const throttle = new Throttle({ requests: 2, windowMs: 60_000 }, time.now);

    expect(throttle.admit('partner')).toBeUndefined();
    expect(throttle.admit('partner')).toBeUndefined();
    expect(throttle.admit('partner')).toBe(60);
  });

  it.each<[number, number]>([
    [0, 60],
    [1, 60],
    [999, 60],
    [1_000, 59],
    [30_500, 30],
    [58_001, 2],
    [59_000, 1],
    [59_999, 1],
  ])(
    'after %i ms of a 60 s window answers Retry-After %i (rounded up, at least 1)',
    (elapsed, seconds) => {
      const time = clock();
      const throttle = new Throttle({ requests: 1, windowMs: 60_000 }, time.now);
      throttle.admit('partner');

      time.advance(elapsed);

      expect(throttle.admit('partner')).toBe(seconds);
    },
  );

  it('opens a new window once windowMs has passed', () => {
    const time = clock();
    const throttle = new Throttle({ requests: 1, windowMs: 1_000 }, time.now);
    throttle.admit('partner');
    expect(throttle.admit('partner')).toBe(1);

    time.advance(1_000);

    expect(throttle.admit('partner')).toBeUndefined();
    expect(throttle.admit('partner')).toBe(1);
  });

  it('keeps refusing until the window ends, then admits `requests` calls again', () => {
    const time = clock();
    const throttle = new Throttle({ requests: 2, windowMs: 10_000 }, time.now);
    throttle.admit('partner');
    throttle.admit('partner');
    for (let i = 0; i < 5; i += 1) {
      expect(throttle.admit('partner')).toBeDefined();
    }

    time.advance(10_000);

    expect(throttle.admit('partner')).toBeUndefined();
    expect(throttle.admit('partner')).toBeUndefined();
    expect(throttle.admit('partner')).toBe(10);
  });

  it('keeps a separate window per partner', () => {
    const time = clock();
    const throttle = new Throttle({ requests: 1, windowMs: 60_000 }, time.now);
    throttle.admit('partner-a');
    time.advance(30_000);

    expect(throttle.admit('partner-a')).toBe(30);
    expect(throttle.admit('partner-b')).toBeUndefined();
    expect(throttle.admit('partner-b')).toBe(60);
  });

  it('forgets every window on reset', () => {
    const time = clock();
    const throttle = new Throttle({ requests: 1, windowMs: 60_000 }, time.now);
    throttle.admit('partner');

    throttle.reset();

    expect(throttle.admit('partner')).toBeUndefined();
  });

  it('reads the real clock by default', () => {
    const throttle = new Throttle({ requests: 1, windowMs: 60_000 });

    expect(throttle.admit('partner')).toBeUndefined();
    expect(throttle.admit('partner')).toBeGreaterThanOrEqual(59);
  });
});
