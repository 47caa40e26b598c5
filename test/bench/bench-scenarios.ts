import type { Target } from './bench-load';
import { currentEtag } from './bench-upstream';

// The scenarios: each an operation a frontend (or the router, for _entities) sends to the gateway,
// and what the raw proxy does for the same result.

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

export interface Scenario {
  key: 'one-profile' | 'ten-aliases' | 'ten-distinct' | 'etag-chain' | 'entities';
  title: string;
  gateway: ScenarioSide;
  raw: ScenarioSide;
  /** How the raw proxy's row is labelled when it is not a like-for-like equivalent. */
  rawLabel: string;
  /** Upstream calls one gateway operation must cost, where there is a target for it. */
  expectedGatewayCalls?: number;
}

export interface ScenarioDeps {
  gateway: Target;
  raw: Target;
  upstreamUrl: string;
  /** The upstream's customers (8 seeds). */
  customerIds: string[];
  /** Well-formed ids the upstream does not know: a GET each, answered 404 (null). */
  unknownIds: string[];
}

const PROFILE_FIELDS = `fragment Profile on CustomerBillingProfile {
  id firstName lastName email companyName culture language etag
  defaultAddress {
    addressLine1 addressLine2 addressLine3 city country district emailAddress firstName lastName
    middleName phoneNumber postalCode region state
  }
}`;

// Ten aliases with every field would cost more than the gateway admits (1500): a list's fields.
const LIST_FIELDS = `fragment ListEntry on CustomerBillingProfile {
  id firstName lastName email companyName etag defaultAddress { city country postalCode }
}`;

const ONE_PROFILE = `query OneProfile($id: ID!) { customer(id: $id) { id billingProfile { ...Profile } } }
${PROFILE_FIELDS}`;

function aliases(count: number, variable: (i: number) => string): string {
  return Array.from(
    { length: count },
    (_unused, i) => `c${i}: customer(id: $${variable(i)}) { id billingProfile { ...ListEntry } }`,
  ).join(' ');
}

const TEN_ALIASES = `query TenAliases($id: ID!) { ${aliases(10, () => 'id')} }
${LIST_FIELDS}`;

const TEN_DISTINCT = `query TenDistinct(${Array.from({ length: 10 }, (_u, i) => `$id${i}: ID!`).join(', ')}) { ${aliases(10, (i) => `id${i}`)} }
${LIST_FIELDS}`;

const ENTITIES = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Customer { billingProfile { etag } } }
}`;

const UPDATE = `mutation Update($input: UpdateBillingProfileInput!, $etag: String!) {
  updateBillingProfile(input: $input, etag: $etag) {
    __typename
    ... on BillingProfileUpdated { billingProfile { etag } }
    ... on EtagMismatch { currentEtag }
    ... on InvalidBillingProfile { message }
  }
}`;

interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: unknown[];
}

/** POSTs to the gateway; a GraphQL error anywhere in the answer fails the operation. */
async function graphql(target: Target, body: string): Promise<string> {
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
function gatewayProfiles(text: string): unknown[] {
  const answer = JSON.parse(text) as GraphQLAnswer;
  return Object.values(answer.data ?? {}).map(
    (customer) => (customer as { billingProfile?: unknown } | null)?.billingProfile ?? null,
  );
}

/** Upstream profiles keep their etag in `attributes`. */
function rawProfiles(text: string): unknown[] {
  return (JSON.parse(text) as { data: ({ attributes?: { etag?: string } } | null)[] }).data.map(
    (profile) => (profile ? { etag: profile.attributes?.etag } : null),
  );
}

/** A read side: a fixed set of bodies, taken in turn; `verify` checks the profiles answered. */
function readSide(
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
function chainSide(
  deps: ScenarioDeps,
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

export function createScenarios(deps: ScenarioDeps): Scenario[] {
  const { gateway, raw, customerIds } = deps;
  const ten = [...customerIds.slice(0, 8), ...deps.unknownIds.slice(0, 2)];
  const tenFound = ten.length - deps.unknownIds.slice(0, 2).length;
  const gql = (body: string): Promise<string> => graphql(gateway, body);
  const rawRead = (body: string): Promise<string> => raw.post('/read', body);
  const perCustomer = (make: (id: string) => unknown): string[] =>
    customerIds.map((id) => JSON.stringify(make(id)));

  const rawOne = readSide(
    rawRead,
    perCustomer((id) => ({ ids: [id] })),
    rawProfiles,
    {
      total: 1,
      found: 1,
    },
  );
  const rawTen = readSide(rawRead, [JSON.stringify({ ids: ten })], rawProfiles, {
    total: 10,
    found: tenFound,
  });

  return [
    {
      key: 'one-profile',
      title: 'one profile',
      gateway: readSide(
        gql,
        perCustomer((id) => ({ query: ONE_PROFILE, variables: { id } })),
        gatewayProfiles,
        { total: 1, found: 1 },
      ),
      raw: rawOne,
      rawLabel: 'raw proxy',
      expectedGatewayCalls: 1,
    },
    {
      key: 'ten-aliases',
      title: 'ten aliases, one customer',
      gateway: readSide(
        gql,
        perCustomer((id) => ({ query: TEN_ALIASES, variables: { id } })),
        gatewayProfiles,
        { total: 10, found: 10 },
      ),
      raw: rawOne,
      rawLabel: 'raw proxy (1 GET)',
      expectedGatewayCalls: 1,
    },
    {
      key: 'ten-distinct',
      title: 'ten distinct customers',
      gateway: readSide(
        gql,
        [
          JSON.stringify({
            query: TEN_DISTINCT,
            variables: Object.fromEntries(ten.map((id, i) => [`id${i}`, id])),
          }),
        ],
        gatewayProfiles,
        { total: 10, found: tenFound },
      ),
      raw: rawTen,
      rawLabel: 'raw proxy',
      expectedGatewayCalls: 10,
    },
    {
      key: 'etag-chain',
      title: 'etag-chained updates',
      gateway: chainSide(deps, async (customerId, etag, seq) => {
        const text = await gql(
          JSON.stringify({
            query: UPDATE,
            variables: { input: { customerId, firstName: `Bench ${seq}` }, etag },
          }),
        );
        const result = (JSON.parse(text) as GraphQLAnswer).data?.updateBillingProfile as {
          __typename: string;
          billingProfile?: { etag: string };
          currentEtag?: string;
        };
        if (result.__typename === 'BillingProfileUpdated' && result.billingProfile) {
          return { conflict: false, etag: result.billingProfile.etag };
        }
        if (result.__typename === 'EtagMismatch' && result.currentEtag) {
          return { conflict: true, etag: result.currentEtag };
        }
        throw new Error(`update answered ${JSON.stringify(result).slice(0, 300)}`);
      }),
      raw: chainSide(deps, async (id, etag, seq) => {
        const text = await raw.post(
          '/update',
          JSON.stringify({ id, etag, firstName: `Bench ${seq}` }),
        );
        const result = (JSON.parse(text) as { data: { conflict: boolean; etag?: string } }).data;
        if (typeof result.etag !== 'string') {
          throw new Error(`raw update answered ${text.slice(0, 300)}`);
        }
        return { conflict: result.conflict, etag: result.etag };
      }),
      rawLabel: 'raw proxy (GET+PUT)*',
    },
    {
      key: 'entities',
      title: '_entities, ten representations',
      gateway: readSide(
        gql,
        [
          JSON.stringify({
            query: ENTITIES,
            variables: { representations: ten.map((id) => ({ __typename: 'Customer', id })) },
          }),
        ],
        (text) =>
          ((JSON.parse(text) as GraphQLAnswer).data?._entities as unknown[]).map(
            (entity) => (entity as { billingProfile?: unknown } | null)?.billingProfile ?? null,
          ),
        { total: 10, found: tenFound },
      ),
      raw: rawTen,
      rawLabel: 'raw proxy (ten customers)',
      expectedGatewayCalls: 10,
    },
  ];
}
