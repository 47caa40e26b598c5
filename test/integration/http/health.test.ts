import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ApolloServer } from '@apollo/server';

import type { GatewayContext } from '../../../src/context';
import { createRequestHandler } from '../../../src/http/request-handler';
import { createLogger } from '../../../src/logger';
import { createCountryRulesCache } from '../../../src/partner-center/country-validation-rules.cache';
import { createPartnerCenterClient } from '../../../src/partner-center/partner-center.client';
import { silentLogger } from '../../helpers/silent-logger';
import { useStack } from '../../helpers/start-stack';

// The gateway's readiness once listening is tested below and, for the real process (ready once
// listening; connections refused once stopping), in process/hardening.test.ts.
// What a request already on a connection sees while the gateway drains needs the drain flag held
// still: here the real request handler on a real socket, with the flag in the test's hands.
describe('while draining', () => {
  let draining = false;
  let server: Server;
  let base: string;
  const client = createPartnerCenterClient({
    baseUrl: 'http://127.0.0.1:9',
    timeoutMs: 1000,
    retries: 0,
    application: 'health-test',
  });
  beforeAll(async () => {
    server = createServer(
      createRequestHandler({
        // Never started: health routes do not reach Apollo.
        server: new ApolloServer<GatewayContext>({
          typeDefs: 'type Query { ok: Boolean }',
          logger: silentLogger,
        }),
        client,
        countryRules: createCountryRulesCache({ client, ttlMs: 0 }),
        logger: createLogger({ level: 'silent' }),
        corsOrigins: ['https://studio.apollographql.com'],
        maxBodyBytes: 1024,
        maxConcurrentRequests: 1,
        draining: () => draining,
      }),
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await client.close();
  });

  it('is not ready (503 draining) but still live, and asks the client to close the connection', async () => {
    draining = true;
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'draining' });
    expect(ready.headers.get('connection')).toBe('close');
    for (const path of ['/health/live', '/healthz']) {
      const live = await fetch(`${base}${path}`);
      expect(live.status).toBe(200);
      expect(await live.json()).toEqual({ status: 'ok' });
    }

    draining = false;
    const back = await fetch(`${base}/health/ready`);
    expect(back.status).toBe(200);
    expect(await back.json()).toEqual({ status: 'ready' });
  });
});

describe('the gateway', () => {
  const stack = useStack();

  it('answers live, ready and /healthz without a token, and HEAD too', async () => {
    for (const [path, body] of [
      ['/health/live', { status: 'ok' }],
      ['/healthz', { status: 'ok' }],
      ['/health/ready', { status: 'ready' }],
    ] as const) {
      const response = await fetch(new URL(path, stack.gatewayUrl));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(body);
      expect((await fetch(new URL(path, stack.gatewayUrl), { method: 'HEAD' })).status).toBe(200);
    }
  });
});
