import { Agent, request } from 'undici';

import type { SoakAnswer } from './soak-verdict';

/**
 * The soak's frontends: GraphQL over real HTTP, as a browser app would send it. Client `i` is its own
 * user with its own bearer token (the gateway limits upstream calls per caller).
 */
export interface SoakClient {
  /** The profile's etag and addressLine3, or the error code that stopped the read. */
  read(
    client: number,
    customerId: string,
  ): Promise<{ etag: string; addressLine3: string | null } | { failed: string }>;
  /** updateBillingProfile setting addressLine3, guarded by `etag`. */
  update(
    client: number,
    customerId: string,
    addressLine3: string,
    etag: string,
  ): Promise<SoakAnswer>;
  close(): Promise<void>;
}

const READ = `query($id: ID!) { customer(id: $id) { billingProfile { etag defaultAddress { addressLine3 } } } }`;
const UPDATE = `mutation($input: UpdateBillingProfileInput!, $etag: String!) {
  updateBillingProfile(input: $input, etag: $etag) {
    __typename
    ... on BillingProfileUpdated { billingProfile { defaultAddress { addressLine3 } } }
    ... on InvalidBillingProfile { message }
  }
}`;

interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: { extensions?: { code?: string; written?: boolean | null } }[];
}

interface ReadData {
  customer: {
    billingProfile: { etag: string; defaultAddress: { addressLine3: string | null } | null } | null;
  } | null;
}

interface UpdateData {
  updateBillingProfile: {
    __typename: string;
    billingProfile?: { defaultAddress: { addressLine3: string | null } | null };
    message?: string;
  } | null;
}

export function createSoakClient(gatewayUrl: string, connections: number): SoakClient {
  const agent = new Agent({ connections });

  async function post(client: number, query: string, variables: unknown): Promise<GraphQLAnswer> {
    let status = 0;
    try {
      const response = await request(gatewayUrl, {
        dispatcher: agent,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer soak-client-${client}`,
        },
        body: JSON.stringify({ query, variables }),
      });
      status = response.statusCode;
      return JSON.parse(await response.body.text()) as GraphQLAnswer;
    } catch (error) {
      // No GraphQL answer at all: for an update, nothing says whether it was written.
      const code = status === 0 ? `NETWORK ${String(error)}` : `HTTP_${status}`;
      return { errors: [{ extensions: { code } }] };
    }
  }

  return {
    async read(client, customerId) {
      const answer = await post(client, READ, { id: customerId });
      const profile = (answer.data as ReadData | null | undefined)?.customer?.billingProfile;
      if (answer.errors || !profile) {
        return { failed: answer.errors?.[0]?.extensions?.code ?? 'NO_PROFILE' };
      }
      return { etag: profile.etag, addressLine3: profile.defaultAddress?.addressLine3 ?? null };
    },
    async update(client, customerId, addressLine3, etag) {
      const answer = await post(client, UPDATE, {
        input: { customerId, defaultAddress: { addressLine3 } },
        etag,
      });
      return toAnswer(answer);
    },
    close: () => agent.close(),
  };
}

function toAnswer(answer: GraphQLAnswer): SoakAnswer {
  const result = (answer.data as UpdateData | null | undefined)?.updateBillingProfile;
  if (answer.errors?.length || !result) {
    const extensions = answer.errors?.[0]?.extensions ?? {};
    return {
      kind: 'error',
      code: extensions.code ?? 'NO_CODE',
      written: 'written' in extensions ? extensions.written : undefined,
    };
  }
  switch (result.__typename) {
    case 'BillingProfileUpdated':
      return {
        kind: 'updated',
        shown: result.billingProfile?.defaultAddress?.addressLine3 ?? null,
      };
    case 'EtagMismatch':
      return { kind: 'mismatch' };
    default:
      return { kind: 'invalid', message: result.message ?? result.__typename };
  }
}
