import type { FaultMethod } from './emulator-faults';

/**
 * A test's handle on requests it wants to hold: matching requests wait at the gate (after they are
 * recorded) until `release()`. Lets a test make two writers overlap, or a PUT outlive the gateway's
 * timeout, by awaiting events instead of sleeping.
 */
export class Gate {
  private waiting = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly arrivals: { count: number; resolve: () => void }[] = [];
  private open!: () => void;
  private readonly opened = new Promise<void>((resolve) => {
    this.open = resolve;
  });
  private released = false;

  constructor(
    private readonly methods?: readonly FaultMethod[],
    private readonly tokens?: readonly string[],
  ) {}

  /** Whether a request of this method, carrying this bearer token, waits at the gate. */
  matches(method: string, token?: string): boolean {
    return (
      !this.released &&
      (!this.methods || this.methods.includes(method as FaultMethod)) &&
      (!this.tokens || (token !== undefined && this.tokens.includes(token)))
    );
  }

  /** Resolves once `count` requests have reached the gate (counting those already through). */
  arrived(count: number): Promise<void> {
    if (this.waiting >= count) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.arrivals.push({ count, resolve }));
  }

  /** Opens the gate; resolves when every request it held has been answered (or dropped). */
  async release(): Promise<void> {
    this.released = true;
    this.open();
    await Promise.all(this.inFlight);
  }

  /** Runs `rest` of a request's handling once the gate opens. */
  async hold(rest: () => Promise<void>): Promise<void> {
    this.waiting += 1;
    for (const arrival of this.arrivals.filter((a) => a.count <= this.waiting)) {
      arrival.resolve();
    }
    let done!: () => void;
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    this.inFlight.add(finished);
    try {
      await this.opened;
      await rest();
    } finally {
      done();
    }
  }
}
