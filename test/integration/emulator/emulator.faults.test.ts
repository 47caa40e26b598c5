import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

import { startEmulator } from '../../../src/emulator/emulator';
import type { EmulatorFaults } from '../../../src/emulator/emulator-faults';
import {
  expectErrorBody,
  fetchProfile,
  startTestEmulator,
  US_CUSTOMER,
  type TestEmulator,
} from '../../helpers/emulator-http';

const ID = US_CUSTOMER.id;
const PATH = `/v1/customers/${ID}/profiles/billing`;
// undici's error for a connection the server destroyed before answering.
const SOCKET_ERROR = { code: 'UND_ERR_SOCKET' };

describe('emulator faults', () => {
  let t: TestEmulator | undefined;

  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  async function start(faults?: EmulatorFaults): Promise<TestEmulator> {
    t = await startTestEmulator(faults ? { faults } : {});
    return t;
  }

  // The same fault, given at start-up or switched on while running.
  const installs: [string, (faults: EmulatorFaults) => Promise<TestEmulator>][] = [
    ['the faults option', (faults) => start(faults)],
    [
      'faults.set',
      async (faults) => {
        const running = await start();
        running.emulator.faults.set(faults);
        return running;
      },
    ],
  ];

  describe('latencyMs', () => {
    it.each(installs)('delays the answer by at least latencyMs (via %s)', async (_via, install) => {
      const latencyMs = 120;
      const { http } = await install({ latencyMs });

      const started = performance.now();
      const answer = await http.send('GET', PATH);
      const elapsed = performance.now() - started;

      expect(answer.status).toBe(200);
      // Node timers have millisecond resolution and may fire up to 1 ms early against the
      // high-resolution clock, hence the 1 ms allowance.
      expect(elapsed).toBeGreaterThanOrEqual(latencyMs - 1);
    });

    it('delays every answer until cleared', async () => {
      const { emulator, http } = await start({ latencyMs: 60 });

      for (let i = 0; i < 2; i += 1) {
        const started = performance.now();
        await http.send('GET', PATH);
        expect(performance.now() - started).toBeGreaterThanOrEqual(59);
      }
      emulator.faults.clear();
      expect(emulator.faults.latencyMs('GET')).toBe(0);
    });
  });

  describe('failNext', () => {
    it.each(installs)(
      'answers 503 twice then 200 for {status: 503, count: 2} (via %s)',
      async (_via, install) => {
        const { http } = await install({ failNext: { status: 503, count: 2 } });

        const first = await http.send('GET', PATH);
        const second = await http.send('GET', PATH);
        const third = await http.send('GET', PATH);

        for (const answer of [first, second]) {
          expectErrorBody(answer, 503, '800003');
          expect(answer.headers['retry-after']).toBe('1');
        }
        expect(third.status).toBe(200);
      },
    );

    it.each<[number, string, Record<string, string>]>([
      [401, '400', { 'www-authenticate': 'Bearer' }],
      [403, '400', {}],
      [404, '60003', {}],
      [409, '800060', {}],
      [412, '2055', {}],
      [500, '800003', {}],
      [502, '800003', {}],
      [503, '800003', { 'retry-after': '7' }],
      [504, '800003', {}],
    ])('answers an injected %i with code %s and its headers', async (status, code, headers) => {
      const { http } = await start({ failNext: { status, retryAfterSeconds: 7 } });

      const answer = await http.send('GET', PATH);

      expectErrorBody(answer, status, code);
      expect(answer.headers).toEqual(expect.objectContaining(headers));
    });

    it('answers an injected 429 as Partner Center throttles: Retry-After and the documented body, no code', async () => {
      const { http } = await start({ failNext: { status: 429, retryAfterSeconds: 7 } });

      const answer = await http.send('GET', PATH);

      expect(answer.status).toBe(429);
      expect(answer.headers['retry-after']).toBe('7');
      expect(answer.body).toStrictEqual({
        statusCode: 429,
        message: 'Rate limit is exceeded. Try again in 7 seconds.',
      });
    });

    it('answers an injected 412 to a PUT with a current etag with code 2055 and applies nothing', async () => {
      const { emulator, http } = await start();
      const { profile, request } = await fetchProfile(http, ID);
      request.FirstName = 'Precondition';
      emulator.faults.set({ failNext: { status: 412, methods: ['PUT'] } });

      const answer = await http.putProfile(ID, request, { etag: profile.attributes.etag });

      expectErrorBody(answer, 412, '2055');
      expect(emulator.store.getProfile(ID)).toEqual(profile);
    });

    it('answers an injected 409 with code 800060 (an order in progress, not throttling)', async () => {
      const { http } = await start({ failNext: { status: 409, methods: ['PUT'] } });
      const { profile, request } = await fetchProfile(http, ID);

      const answer = await http.putProfile(ID, request, { etag: profile.attributes.etag });

      expectErrorBody(answer, 409, '800060');
      expect(answer.headers['retry-after']).toBeUndefined();
    });

    it('answers an injected fault with the given code, description and data', async () => {
      const data = [{ field: 'DefaultAddress.PostalCode', message: 'PostalCode is not valid.' }];
      const { http } = await start({
        failNext: { status: 400, code: '3000', description: 'Bad postal code.', data },
      });

      const answer = await http.send('GET', PATH);

      const body = expectErrorBody(answer, 400, '3000');
      expect(body.description).toBe('Bad postal code.');
      expect(body.data).toEqual(data);
    });

    it('fails only the listed methods and leaves the others alone', async () => {
      const { emulator, http } = await start({ failNext: { status: 500, methods: ['PUT'] } });
      const { profile, request } = await fetchProfile(http, ID);

      const put = await http.putProfile(ID, request, { etag: profile.attributes.etag });

      expectErrorBody(put, 500, '800003');
      expect(emulator.store.getProfile(ID)).toEqual(profile);
      expect(emulator.faults.snapshot()).toEqual({});
    });

    it('applies a PUT retried with the same MS-RequestId after an injected 503', async () => {
      const { emulator, http } = await start();
      const { profile, request } = await fetchProfile(http, ID);
      request.FirstName = 'Retried';
      const requestId = randomUUID();
      emulator.faults.set({ failNext: { status: 503, methods: ['PUT'] } });

      const failed = await http.putProfile(ID, request, {
        etag: profile.attributes.etag,
        requestId,
      });
      const retried = await http.putProfile(ID, request, {
        etag: profile.attributes.etag,
        requestId,
      });

      expect(failed.status).toBe(503);
      expect(retried.status).toBe(200);
      expect(retried.body.firstName).toBe('Retried');
    });
  });

  describe('dropConnection', () => {
    it('before-apply: the client sees a socket error and the store is unchanged', async () => {
      const { emulator, http } = await start();
      const { profile, request } = await fetchProfile(http, ID);
      request.FirstName = 'Dropped';
      const requestId = randomUUID();
      emulator.faults.set({ dropConnection: { when: 'before-apply', methods: ['PUT'] } });

      await expect(
        http.putProfile(ID, request, { etag: profile.attributes.etag, requestId }),
      ).rejects.toMatchObject(SOCKET_ERROR);

      expect(emulator.store.getProfile(ID)).toEqual(profile);
      const retried = await http.putProfile(ID, request, {
        etag: profile.attributes.etag,
        requestId,
      });
      expect(retried.status).toBe(200);
      expect(retried.body.firstName).toBe('Dropped');
    });

    it('after-apply: the client sees a socket error, the store changed, and a retry with the same MS-RequestId gets the stored 200', async () => {
      const { emulator, http } = await start();
      const { profile, request } = await fetchProfile(http, ID);
      request.FirstName = 'Applied';
      const requestId = randomUUID();
      emulator.faults.set({ dropConnection: { when: 'after-apply', methods: ['PUT'] } });

      await expect(
        http.putProfile(ID, request, { etag: profile.attributes.etag, requestId }),
      ).rejects.toMatchObject(SOCKET_ERROR);

      const stored = emulator.store.getProfile(ID);
      expect(stored?.firstName).toBe('Applied');
      expect(stored?.attributes.etag).not.toBe(profile.attributes.etag);
      const retried = await http.putProfile(ID, request, {
        etag: profile.attributes.etag,
        requestId,
      });
      expect(retried.status).toBe(200);
      expect(retried.body).toEqual(stored);
      expect(emulator.store.getProfile(ID)).toEqual(stored);

      const fresh = await http.putProfile(ID, request, { etag: profile.attributes.etag });
      expectErrorBody(fresh, 400, '2055');
    });

    it('drops a GET and answers the next one', async () => {
      const { http } = await start({ dropConnection: { when: 'before-apply' } });

      await expect(http.send('GET', PATH)).rejects.toMatchObject(SOCKET_ERROR);

      expect((await http.send('GET', PATH)).status).toBe(200);
    });

    it('leaves methods outside its list alone', async () => {
      const { emulator, http } = await start({
        dropConnection: { when: 'before-apply', methods: ['PUT'] },
      });

      const answer = await http.send('GET', PATH);

      expect(answer.status).toBe(200);
      expect(emulator.faults.snapshot()).toEqual({
        dropConnection: { when: 'before-apply', methods: ['PUT'] },
      });
    });
  });

  describe('malformedBody', () => {
    it('answers 200 with a body that is not JSON, once', async () => {
      const { http } = await start({ malformedBody: {} });

      const malformed = await http.send('GET', PATH);
      const next = await http.send('GET', PATH);

      expect(malformed.status).toBe(200);
      expect(malformed.headers['content-type']).toMatch(/^application\/json/);
      expect(malformed.text.length).toBeGreaterThan(0);
      expect(() => JSON.parse(malformed.text) as unknown).toThrow(SyntaxError);
      expect(next.status).toBe(200);
      expect(JSON.parse(next.text)).toEqual(next.body);
    });

    it('spares error answers and waits for a 200', async () => {
      const { http } = await start({ malformedBody: { count: 1 } });

      const error = await http.send('GET', '/v1/customers/not-a-guid');
      const success = await http.send('GET', PATH);

      expectErrorBody(error, 400, '800002');
      expect(success.status).toBe(200);
      expect(success.body).toBeUndefined();
    });
  });

  describe('validation', () => {
    it.each<[string, unknown]>([
      ['a negative latency', { latencyMs: -1 }],
      ['a fractional latency', { latencyMs: 1.5 }],
      ['a latency over a minute', { latencyMs: 60_001 }],
      ['a success status', { failNext: { status: 200 } }],
      ['a non-HTTP status', { failNext: { status: 999 } }],
      ['a missing status', { failNext: {} }],
      ['a zero count', { failNext: { status: 500, count: 0 } }],
      ['an unknown method', { failNext: { status: 500, methods: ['POST'] } }],
      ['an unknown drop moment', { dropConnection: { when: 'sometimes' } }],
      ['a non-object fault', { malformedBody: 'yes' }],
      ['an unknown fault kind', { explode: true }],
      ['a non-object', [] as unknown],
    ])('rejects %s with a TypeError and keeps the current faults', async (_case, faults) => {
      const { emulator } = await start({ latencyMs: 5 });

      expect(() => emulator.faults.set(faults as EmulatorFaults)).toThrow(TypeError);
      expect(emulator.faults.snapshot()).toEqual({ latencyMs: 5 });
    });

    it('refuses to start with invalid faults', async () => {
      const outcome = await startEmulator({ faults: { failNext: { status: 200 } } }).then(
        async (started) => {
          await started.close();
          return 'started';
        },
        (error: unknown) => error,
      );

      expect(outcome).toBeInstanceOf(TypeError);
    });

    it('replaces only the kinds of fault it is given', async () => {
      const { emulator } = await start({ latencyMs: 5, failNext: { status: 500 } });

      emulator.faults.set({ failNext: { status: 503, count: 3 } });

      expect(emulator.faults.snapshot()).toEqual({
        latencyMs: 5,
        failNext: { status: 503, count: 3 },
      });
    });
  });
});
