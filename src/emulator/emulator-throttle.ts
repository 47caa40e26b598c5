/** Per-partner fixed-window request limit (Partner Center throttles per partner and application). */
export interface RateLimit {
  /** Requests admitted per window and partner. */
  requests: number;
  /** Window length in milliseconds. */
  windowMs: number;
}

export class Throttle {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: RateLimit | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait when `partner` is over its limit, otherwise undefined (and the call is counted). */
  admit(partner: string): number | undefined {
    if (!this.limit) {
      return undefined;
    }
    const now = this.now();
    let window = this.windows.get(partner);
    if (!window || now - window.start >= this.limit.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(partner, window);
    }
    if (window.count >= this.limit.requests) {
      return Math.max(1, Math.ceil((window.start + this.limit.windowMs - now) / 1000));
    }
    window.count += 1;
    return undefined;
  }

  reset(): void {
    this.windows.clear();
  }
}

/** Refuses a limit that would throttle everything or nothing by accident. */
export function validRateLimit(limit: RateLimit | undefined): RateLimit | undefined {
  if (
    limit !== undefined &&
    !(
      Number.isInteger(limit.requests) &&
      limit.requests >= 1 &&
      Number.isInteger(limit.windowMs) &&
      limit.windowMs >= 1
    )
  ) {
    throw new TypeError('rateLimit needs integer requests >= 1 and windowMs >= 1');
  }
  return limit;
}
