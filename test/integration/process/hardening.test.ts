import { spawn } from 'node:child_process';
import { once } from 'node:events';

import { Agent, request } from 'undici';

import { startEmulator, type Emulator } from '../../../src/emulator/emulator';
import { GetCustomerBillingProfileDocument } from '../../generated/graphql';
import { postGraphQL } from '../../helpers/graphql-client';
import { root, run, stop, waitForLine, type Started } from '../../helpers/run-process';

const CUSTOMER = '0c39d6d5-c70d-4c55-bc02-f620844f3fd1';
const READY = /partner-center-bff ready at (http:\/\/\S+)"/;

describe('failing closed', () => {
  it('exits 1 in production without a Partner Center, saying how to ask for the emulator', async () => {
    const gateway = run('main.js', { NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1' });

    const [code] = (await once(gateway.child, 'exit')) as [number | null];

    expect(code).toBe(1);
    const output = gateway.lines.join('\n');
    expect(output).toContain('PARTNER_CENTER_BASE_URL or PARTNER_CENTER_CLOUD');
    expect(output).toContain('PARTNER_CENTER_EMULATOR=true');
    expect(output).not.toContain('    at ');
  });

  it('serves the embedded emulator in production when PARTNER_CENTER_EMULATOR=true asks for it', async () => {
    const gateway = run('main.js', {
      NODE_ENV: 'production',
      PARTNER_CENTER_EMULATOR: 'true',
      PORT: '0',
      HOST: '127.0.0.1',
    });
    try {
      await waitForLine(gateway, READY);
      expect(gateway.lines.join('\n')).toContain('embedded Partner Center emulator');
    } finally {
      expect(await stop(gateway)).toBe(0);
    }
  });

  it.each([
    ['not loaded when a Partner Center is configured', { PARTNER_CENTER_CLOUD: 'global' }, false],
    ['loaded when it serves', {}, true],
  ])('keeps the emulator code %s', async (_name, env, loaded) => {
    // A child process, so that this test's own imports do not count.
    const script = `
      require('reflect-metadata');
      const { loadConfig } = require('./dist/config');
      const { createGateway } = require('./dist/gateway');
      const { createLogger } = require('./dist/logger');
      createGateway(loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1' }), {
        logger: createLogger({ level: 'silent' }),
      }).then(async (gateway) => {
        const emulator = Object.keys(require.cache).some((f) => f.includes('/dist/emulator/'));
        await gateway.stop();
        process.stdout.write(JSON.stringify({ emulator }));
      });`;
    const child = spawn(process.execPath, ['-e', script], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];

    expect(code).toBe(0);
    expect(JSON.parse(output)).toEqual({ emulator: loaded });
  });
});

describe('graceful shutdown of the real process', () => {
  let emulator: Emulator;
  let gateway: Started;
  let url: string;
  beforeEach(async () => {
    emulator = await startEmulator({ port: 0, host: '127.0.0.1' });
    gateway = run('main.js', {
      PORT: '0',
      HOST: '127.0.0.1',
      PARTNER_CENTER_BASE_URL: emulator.url,
      SHUTDOWN_GRACE_MS: '1000',
    });
    [, url] = (await waitForLine(gateway, READY)) as unknown as [string, string];
  });
  afterEach(async () => {
    await stop(gateway);
    emulator.reset(); // releases a gate still holding a request
    await emulator.close();
  });

  async function readHeld(agent: Agent) {
    const response = await request(url, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
      body: JSON.stringify({
        query: `{ customer(id: "${CUSTOMER}") { billingProfile { etag } } }`,
      }),
    });
    return {
      status: response.statusCode,
      connection: response.headers.connection,
      body: (await response.body.json()) as {
        data?: { customer: { billingProfile: { etag: string } | null } | null };
        errors?: { extensions?: { code?: string; retryable?: boolean } }[];
      },
    };
  }

  it('lets an operation in flight finish, closes its keep-alive connection, refuses new ones, exits 0', async () => {
    const agent = new Agent();
    const gate = emulator.gate({ methods: ['GET'] });
    const held = readHeld(agent);
    await gate.arrived(1);

    gateway.child.kill('SIGTERM');
    await waitForLine(gateway, /"msg":"stopping"/);
    await expect(fetch(new URL('/health/ready', url))).rejects.toThrow();
    await gate.release();

    const answer = await held;
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.customer?.billingProfile?.etag).toBe(
      emulator.store.getProfile(CUSTOMER)?.attributes.etag,
    );
    expect(answer.connection).toBe('close');
    const [code] = (await once(gateway.child, 'exit')) as [number | null];
    expect(code).toBe(0);
    await agent.close();
  });

  it('answers an operation still running at the deadline with SHUTTING_DOWN, not a cut socket', async () => {
    const agent = new Agent();
    const gate = emulator.gate({ methods: ['GET'] });
    const held = readHeld(agent);
    await gate.arrived(1);

    gateway.child.kill('SIGTERM');
    const answer = await held;

    expect(answer.status).toBe(200);
    expect(answer.body.errors?.map((e) => e.extensions)).toEqual([
      expect.objectContaining({ code: 'SHUTTING_DOWN', retryable: true }),
    ]);
    expect(answer.connection).toBe('close');
    const [code] = (await once(gateway.child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(gateway.lines.join('\n')).toContain('shutdown grace period over');
    await agent.close();
  });
});

describe('health of the real process', () => {
  it('is live and ready once listening', async () => {
    const gateway = run('main.js', { PORT: '0', HOST: '127.0.0.1' });
    try {
      const [, url] = await waitForLine(gateway, READY);
      const ready = await fetch(new URL('/health/ready', url));
      expect(ready.status).toBe(200);
      const read = await postGraphQL(url!, GetCustomerBillingProfileDocument, { id: CUSTOMER });
      expect(read.errors).toBeUndefined();
    } finally {
      expect(await stop(gateway)).toBe(0);
    }
  });
});
