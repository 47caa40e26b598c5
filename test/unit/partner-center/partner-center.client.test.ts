import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createPartnerCenterClient } from '../../../src/partner-center/partner-center.client';
import { PartnerCenterError } from '../../../src/partner-center/partner-center-error';

// Transport faults the emulator cannot make (a body that trickles, an oversized body), from a raw
// node:http server on a loopback port: real sockets, no mocks.
const call = {
  caller: 't',
  credentials: 't',
  correlationId: '0c0c0c0c-0000-4000-8000-000000000001',
};
let server: Server;
let baseUrl: string;
let timers: NodeJS.Timeout[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/trickle') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"a":"');
      // One byte every 200 ms keeps every per-chunk idle timeout from firing, for 20 s.
      for (let i = 1; i <= 100; i += 1) {
        timers.push(setTimeout(() => res.write('x'), i * 200));
      }
      return;
    }
    if (req.url === '/hang') {
      // Never answers: only the caller's signal (deadline or shutdown) ends the call.
      return;
    }
    if (req.url === '/huge') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ padding: 'x'.repeat(2 * 1024 * 1024) }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  timers.forEach(clearTimeout);
  timers = [];
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A client of the loopback server: no retries and a 5 s timeout unless a test says otherwise. */
function clientWith(
  options: Partial<Parameters<typeof createPartnerCenterClient>[0]> = {},
): ReturnType<typeof createPartnerCenterClient> {
  return createPartnerCenterClient({
    baseUrl,
    timeoutMs: 5000,
    retries: 0,
    application: 'test',
    ...options,
  });
}

async function failureOf(promise: Promise<unknown>): Promise<PartnerCenterError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PartnerCenterError);
  return error as PartnerCenterError;
}

it('ends a call whose body trickles in at the deadline, as a timeout', async () => {
  const client = clientWith({ timeoutMs: 1000, deadlineMs: 1500 });
  const started = performance.now();
  const error = await failureOf(client.get('/trickle', call));
  const elapsed = performance.now() - started;
  await client.close();

  expect(error.failure).toEqual({ kind: 'timeout' });
  expect(error.correlationId).toBe(call.correlationId);
  // Without the deadline the per-chunk idle timeout never fires and the call lasts 20 s.
  expect(elapsed).toBeLessThan(10_000);
});

it("ends a call waiting for its answer, and a call waiting for the caller's slot, when the gateway stops", async () => {
  const client = clientWith({ timeoutMs: 30_000, retries: 2, maxCallsPerCaller: 1 });
  const sent = failureOf(client.get('/hang', call));
  const queued = failureOf(client.get('/hang', call));
  // Both calls are under way (one sent, one queued behind the caller's only slot) before the stop.
  await new Promise((resolve) => setImmediate(resolve));
  client.abortAll();
  const [first, second] = await Promise.all([sent, queued]);
  const refused = await failureOf(client.get('/ok', call));
  await client.close();

  expect(first.failure).toEqual({ kind: 'shutdown' });
  expect(second.failure).toEqual({ kind: 'not-sent', reason: 'shutdown' });
  expect(refused.failure).toEqual({ kind: 'not-sent', reason: 'shutdown' });
});

it('refuses an answer over the body limit as a contract failure', async () => {
  const client = clientWith({ maxBodyBytes: 1024 * 1024 });
  const error = await failureOf(client.get('/huge', call));
  await client.close();

  expect(error.failure.kind).toBe('contract');
});

it('reads an ordinary answer', async () => {
  const client = clientWith();
  const answer = await client.get('/ok', call);
  await client.close();

  expect(answer.body).toEqual({ ok: true });
});
