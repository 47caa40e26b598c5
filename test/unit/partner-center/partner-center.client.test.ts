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
const hangingRequests: string[] = [];
let hangReceived: (() => void) | undefined;

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
      hangingRequests.push(req.url);
      hangReceived?.();
      return;
    }
    if (req.url === '/unavailable') {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end('{"code":"503","description":"unavailable"}');
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
  const received = new Promise<void>((resolve) => (hangReceived = resolve));
  const sent = failureOf(client.get('/hang', call));
  const queued = failureOf(client.get('/hang', call));
  // The first call has reached the server (the second waits behind the caller's only slot).
  await received;
  client.abortAll();
  const [first, second] = await Promise.all([sent, queued]);
  const refused = await failureOf(client.get('/ok', call));
  await client.close();

  expect(first.failure).toEqual({ kind: 'shutdown' });
  expect(second.failure).toEqual({ kind: 'not-sent', reason: 'shutdown' });
  expect(refused.failure).toEqual({ kind: 'not-sent', reason: 'shutdown' });
  // Only the first call was ever sent.
  expect(hangingRequests).toEqual(['/hang']);
});

it('ends a read waiting out its back-off before a retry when the gateway stops', async () => {
  const statuses: (number | string)[] = [];
  let attemptEnded: () => void = () => undefined;
  const firstAttempt = new Promise<void>((resolve) => (attemptEnded = resolve));
  const client = clientWith({
    retries: 2,
    minRetryDelayMs: 20_000,
    maxRetryDelayMs: 30_000,
    // The client records each attempt just before it asks its retry policy (and waits).
    metrics: {
      request: (_method, status) => {
        statuses.push(status);
        attemptEnded();
      },
      retry: () => undefined,
    },
  });
  const started = performance.now();
  const failed = failureOf(client.get('/unavailable', call));
  await firstAttempt;
  client.abortAll();
  const error = await failed;
  const elapsed = performance.now() - started;
  await client.close();

  // The 503 it got is what it reports, without the retry it was waiting 20 s for.
  expect(statuses).toEqual([503]);
  expect(error.status).toBe(503);
  expect(elapsed).toBeLessThan(10_000);
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
