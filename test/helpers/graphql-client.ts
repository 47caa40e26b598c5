import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import { request } from 'undici';

export interface GraphQLErrorJson {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown> & { code?: string };
}

export interface GraphQLResponse<TData> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  data: TData | null | undefined;
  errors: GraphQLErrorJson[] | undefined;
}

export const TEST_TOKEN = 'test-token.abc123';

/** POSTs one operation as a frontend would (JSON over HTTP), with a bearer token unless told otherwise. */
export async function postGraphQL<TData, TVariables>(
  url: string,
  document: TypedDocumentNode<TData, TVariables> | DocumentNode | string,
  variables?: TVariables,
  options: { token?: string | null; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse<TData>> {
  const token = options.token === undefined ? TEST_TOKEN : options.token;
  const response = await request(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...options.headers,
    },
    body: JSON.stringify({
      query: typeof document === 'string' ? document : print(document),
      ...(variables === undefined ? {} : { variables }),
    }),
  });
  const text = await response.body.text();
  let json: { data?: TData | null; errors?: GraphQLErrorJson[] };
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    throw new Error(
      `gateway answered ${response.statusCode} with a non-JSON body: ${text.slice(0, 200)}`,
    );
  }
  return {
    status: response.statusCode,
    headers: response.headers,
    data: json.data,
    errors: json.errors,
  };
}
