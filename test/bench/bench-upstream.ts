import { request } from 'undici';

// What the benchmark asks the upstream (emulator) directly: its customers, current etags, and its
// request log (admin API), which counts the upstream calls an operation costs.

const HEADERS = { authorization: 'Bearer bench-admin', accept: 'application/json' };

async function getJson(url: string, method: 'GET' | 'DELETE' = 'GET'): Promise<unknown> {
  const response = await request(url, { method, headers: HEADERS });
  const text = await response.body.text();
  if (response.statusCode >= 300) {
    throw new Error(`${method} ${url} answered ${response.statusCode}: ${text.slice(0, 300)}`);
  }
  return text === '' ? undefined : JSON.parse(text);
}

/** The customer ids the upstream serves (the emulator's seed customers). */
export async function listCustomerIds(upstreamUrl: string): Promise<string[]> {
  const page = (await getJson(`${upstreamUrl}/v1/customers`)) as { items: { id: string }[] };
  return page.items.map((item) => item.id);
}

/** The current etag of a customer's billing profile. */
export async function currentEtag(upstreamUrl: string, customerId: string): Promise<string> {
  const profile = (await getJson(`${upstreamUrl}/v1/customers/${customerId}/profiles/billing`)) as {
    attributes: { etag: string };
  };
  return profile.attributes.etag;
}

/** Empties the emulator's request log. */
export async function clearRequests(upstreamUrl: string): Promise<void> {
  await getJson(`${upstreamUrl}/__emulator/requests`, 'DELETE');
}

/** How many API requests the emulator has recorded since the log was last emptied. */
export async function countRequests(upstreamUrl: string): Promise<number> {
  return ((await getJson(`${upstreamUrl}/__emulator/requests`)) as unknown[]).length;
}
