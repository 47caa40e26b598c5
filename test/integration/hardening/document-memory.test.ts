import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { Agent, request } from 'undici';

import { startStack, type Stack } from '../../helpers/start-stack';

// A forced collection makes the heap measurable: what is left is what something still holds.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const DOCUMENTS = 1_500;
const PADDING = `#${'-'.repeat(78)}\n`.repeat(500); // 40 KB of comments: no tokens, all source text

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.stop();
});

function heapAfterCollection(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

it(`stays bounded after ${DOCUMENTS} unique 40 KB documents: no source text is kept with a cached document`, async () => {
  const agent = new Agent({ connections: 8 });
  const send = async (i: number): Promise<void> => {
    const response = await request(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `${PADDING}{ __typename } # ${i}` }),
      dispatcher: agent,
    });
    expect(await response.body.json()).toEqual({ data: { __typename: 'Query' } });
  };
  // Warm up (schema, caches, the connection pool) before the baseline.
  await Promise.all(Array.from({ length: 50 }, (_, i) => send(-1 - i)));
  const before = heapAfterCollection();

  for (let next = 0; next < DOCUMENTS; next += 8) {
    await Promise.all(Array.from({ length: 8 }, (_, k) => send(next + k)));
  }
  const grown = heapAfterCollection() - before;
  await agent.close();

  // Kept with their source, the documents alone would hold about 60 MB.
  expect(grown).toBeLessThan(20 * 1024 * 1024);
}, 60_000);
