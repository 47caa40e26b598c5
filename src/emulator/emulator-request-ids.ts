import type { Answer } from './emulator-http';

/**
 * MS-RequestId idempotency: the answer of a PUT, kept under partner + customer + request id, so a
 * repeated request gets the original answer and applies nothing twice. Holds the promise, so a
 * repeat that arrives while the first is still in flight waits for it. Bounded: oldest forgotten first.
 */
export class RememberedAnswers {
  private readonly answers = new Map<string, Promise<Answer>>();

  constructor(private readonly capacity = 10_000) {}

  recall(key: string): Promise<Answer> | undefined {
    return this.answers.get(key);
  }

  remember(key: string, answer: Promise<Answer>): Promise<Answer> {
    this.answers.set(key, answer);
    if (this.answers.size > this.capacity) {
      const oldest = this.answers.keys().next().value;
      if (oldest !== undefined) {
        this.answers.delete(oldest);
      }
    }
    return answer;
  }

  clear(): void {
    this.answers.clear();
  }
}
