import type { CallSignal } from './call-signal';

/**
 * How many Partner Center calls one caller (one bearer token) may have in flight, and how many may
 * wait for a slot. Without it, one caller whose calls hang holds every pooled connection and every
 * other caller waits behind it. Memory is bounded: a caller's entry lives only while it has calls in
 * flight or waiting, and waiting is capped.
 */
export class CallerSlotsFull extends Error {
  override readonly name = 'CallerSlotsFull';
}

interface Caller {
  active: number;
  waiting: { grant: () => void }[];
}

export class CallerSlots {
  private readonly callers = new Map<string, Caller>();

  constructor(
    private readonly maxActive: number,
    private readonly maxWaiting: number,
  ) {}

  /**
   * Resolves with a release function once `caller` may start a call. Rejects with CallerSlotsFull
   * when its waiting line is full, or with the signal's reason when it aborts while waiting.
   */
  acquire(caller: string, signal: CallSignal): Promise<() => void> {
    if (signal.aborted) {
      return Promise.reject(signal.reason ?? new Error('aborted'));
    }
    let entry = this.callers.get(caller);
    if (!entry) {
      entry = { active: 0, waiting: [] };
      this.callers.set(caller, entry);
    }
    const state = entry;
    const release = this.releaser(caller, state);
    if (state.active < this.maxActive) {
      state.active += 1;
      return Promise.resolve(release);
    }
    if (state.waiting.length >= this.maxWaiting) {
      return Promise.reject(new CallerSlotsFull('too many Partner Center calls for one caller'));
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: () => {
          signal.off('abort', onAbort);
          resolve(release);
        },
      };
      const onAbort = (): void => {
        state.waiting.splice(state.waiting.indexOf(waiter), 1);
        this.forget(caller, state);
        reject(signal.reason ?? new Error('aborted'));
      };
      signal.once('abort', onAbort);
      state.waiting.push(waiter);
    });
  }

  /** Callers with calls in flight or waiting (for tests and metrics). */
  get size(): number {
    return this.callers.size;
  }

  private releaser(caller: string, state: Caller): () => void {
    let released = false;
    return () => {
      if (released) {
        return;
      }
      released = true;
      const next = state.waiting.shift();
      if (next) {
        // The slot passes straight to the next waiter: `active` stays the same.
        next.grant();
      } else {
        state.active -= 1;
        this.forget(caller, state);
      }
    };
  }

  private forget(caller: string, state: Caller): void {
    if (state.active === 0 && state.waiting.length === 0 && this.callers.get(caller) === state) {
      this.callers.delete(caller);
    }
  }
}
