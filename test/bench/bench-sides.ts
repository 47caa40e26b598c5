import type { Target } from './bench-load';
import { currentEtag } from './bench-upstream';

// Building blocks of the scenarios' sides: reads with fixed bodies, and etag chains.

/** One target's way of running a scenario. */
export interface ScenarioSide {
  /** Before each run: state the operations start from. */
  prepare?(): Promise<void>;
  /** One operation from client `worker`; throws when the answer is not the expected one. */
  send(worker: number, seq: number): Promise<void>;
  /** Checks one answer in depth (calibration only; the load checks cheaply). */
  verify(worker: number, seq: number): Promise<void>;
  /** Etag conflicts since `prepare` (update chains only). */
  conflicts?(): number;
}

export interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: unknown[];
}

/** POSTs to the gateway; a GraphQL error anywhere in the answer fails the operation. */
export async function graphql(target: Target, body: string): Promise<string> {
  const text = await target.post('/graphql', body);
  if (text.includes('"errors"')) {
    throw new Error(`GraphQL errors: ${text.slice(0, 300)}`);
  }
  return text;
}

function expect(condition: boolean, what: string, answer: unknown): void {
  if (!condition) {
    throw new Error(`${what}; answer: ${JSON.stringify(answer).slice(0, 300)}`);
  }
}

/** Profiles (or nulls) the answer holds, in order. */
export function gatewayProfiles(text: string): unknown[] {
  const answer = JSON.parse(text) as GraphQLAnswer;
  return Object.values(answer.data ?? {}).map(
    (customer) => (customer as { billingProfile?: unknown } | null)?.billingProfile ?? null,
  );
}

/** Upstream profiles keep their etag in `attributes`. */
export function rawProfiles(text: string): unknown[] {
  return (JSON.parse(text) as { data: ({ attributes?: { etag?: string } } | null)[] }).data.map(
    (profile) => (profile ? { etag: profile.attributes?.etag } : null),
  );
}

/** A read side: a fixed set of bodies, taken in turn; `verify` checks the profiles answered. */
export function readSide(
  send: (body: string) => Promise<string>,
  bodies: string[],
  profiles: (text: string) => unknown[],
  expected: { total: number; found: number },
): ScenarioSide {
  const body = (seq: number): string => bodies[seq % bodies.length]!;
  return {
    async send(_worker, seq) {
      await send(body(seq));
    },
    async verify(_worker, seq) {
      const found = profiles(await send(body(seq)));
      const withEtag = found.filter(
        (profile) => typeof (profile as { etag?: unknown } | null)?.etag === 'string',
      );
      const nonNull = found.filter((profile) => profile !== null);
      expect(
        found.length === expected.total &&
          withEtag.length === expected.found &&
          nonNull.length === expected.found,
        `expected ${expected.total} results, ${expected.found} of them profiles`,
        found,
      );
    },
  };
}

/** An etag chain: client `worker` updates customer `worker % n` with the etag it got last. */
export function chainSide(
  deps: { upstreamUrl: string; customerIds: string[] },
  update: (
    customerId: string,
    etag: string,
    seq: number,
  ) => Promise<{ conflict: boolean; etag: string }>,
): ScenarioSide {
  const startEtags = new Map<string, string>();
  const etags = new Map<number, string>();
  let conflicts = 0;
  const customerOf = (worker: number): string =>
    deps.customerIds[worker % deps.customerIds.length]!;
  const send = async (worker: number, seq: number): Promise<void> => {
    const customerId = customerOf(worker);
    const etag = etags.get(worker) ?? startEtags.get(customerId) ?? '';
    const outcome = await update(customerId, etag, seq);
    if (outcome.conflict) {
      conflicts += 1;
    }
    etags.set(worker, outcome.etag);
  };
  return {
    // Etags as they are now: the other target's chain moved them on since this one last ran.
    async prepare() {
      conflicts = 0;
      etags.clear();
      for (const id of deps.customerIds) {
        startEtags.set(id, await currentEtag(deps.upstreamUrl, id));
      }
    },
    send,
    verify: send,
    conflicts: () => conflicts,
  };
}
