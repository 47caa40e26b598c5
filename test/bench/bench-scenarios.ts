import type { Target } from './bench-load';
import { ENTITIES, ONE_PROFILE, TEN_ALIASES, TEN_DISTINCT, UPDATE } from './bench-operations';
import {
  chainSide,
  gatewayProfiles,
  graphql,
  rawProfiles,
  readSide,
  type GraphQLAnswer,
  type ScenarioSide,
} from './bench-sides';

// The scenarios: each an operation a frontend (or the router, for _entities) sends to the gateway,
// and what the raw proxy does for the same result.

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

export function createScenarios(deps: ScenarioDeps): Scenario[] {
  const { gateway, raw, customerIds } = deps;
  // The eight seed customers and two unknown ids: ten upstream GETs, eight profiles.
  const ten = [...customerIds.slice(0, 8), ...deps.unknownIds.slice(0, 2)];
  const tenFound = Math.min(customerIds.length, 8);
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
