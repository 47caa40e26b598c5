import { once } from 'node:events';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

import {
  GetCustomerBillingProfileDocument,
  UpdateBillingProfileDocument,
} from '../../generated/graphql';
import { postGraphQL } from '../../helpers/graphql-client';
import { root, run, stop, waitForLine } from '../../helpers/run-process';

// The process entry points as a user runs them (`npm start`, `npm run emulator`): `npm test` builds
// dist/ first (pretest), so these run the compiled files, with only environment variables as input.
const SAMPLE_CUSTOMER = '0c39d6d5-c70d-4c55-bc02-f620844f3fd1';

beforeAll(async () => {
  // `npx jest` alone does not rebuild: refuse to test a dist/ older than the sources.
  const built = (await stat(join(root, 'dist', 'main.js'))).mtimeMs;
  const sources = await readdir(join(root, 'src'), { recursive: true });
  const newer: string[] = [];
  for (const file of sources.filter((f) => f.endsWith('.ts'))) {
    if ((await stat(join(root, 'src', file))).mtimeMs > built) {
      newer.push(file);
    }
  }
  if (newer.length > 0) {
    throw new Error(
      `dist/ is older than src/ (${newer.join(', ')}): run npm run build (npm test does)`,
    );
  }
});

it('starts with no configuration: embedded emulator, sample customers, clean exit on SIGTERM', async () => {
  const gateway = run('main.js', { PORT: '0', HOST: '127.0.0.1' });
  try {
    const [, url] = await waitForLine(gateway, /partner-center-bff ready at (http:\/\/\S+)"/);
    expect(gateway.lines.join('\n')).toContain('embedded Partner Center emulator');
    const result = await postGraphQL(url!, GetCustomerBillingProfileDocument, {
      id: SAMPLE_CUSTOMER,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.customer?.billingProfile?.firstName).toBe('FirstName');

    const update = await postGraphQL(url!, UpdateBillingProfileDocument, {
      input: { customerId: SAMPLE_CUSTOMER, companyName: 'Updated from npm start' },
      etag: result.data!.customer!.billingProfile!.etag,
    });
    expect(update.data?.updateBillingProfile.__typename).toBe('BillingProfileUpdated');

    // Sandbox is pre-filled with a token the embedded emulator accepts, so Run works at once.
    const html = await (await fetch(url!, { headers: { accept: 'text/html' } })).text();
    const token = /"Authorization":"Bearer ([^"]+)"/.exec(html)?.[1];
    expect(token).toBeDefined();
    // The example customer is the running emulator's first one: the gateway holds no customer data.
    const customerId = /"variables":\{"id":"([^"]+)"\}/.exec(html)?.[1];
    expect(customerId).toBe(SAMPLE_CUSTOMER);
    const fromSandbox = await postGraphQL(
      url!,
      GetCustomerBillingProfileDocument,
      { id: customerId! },
      { token: token! },
    );
    expect(fromSandbox.errors).toBeUndefined();
    expect(fromSandbox.data?.customer?.billingProfile).not.toBeNull();
  } finally {
    expect(await stop(gateway)).toBe(0);
  }
});

it('refuses to start on bad configuration, naming every bad variable', async () => {
  const gateway = run('main.js', {
    PORT: 'eighty',
    PARTNER_CENTER_CLOUD: 'mars',
    PARTNER_CENTER_BASE_URL: 'ftp://example.com',
  });
  const [code] = (await once(gateway.child, 'exit')) as [number | null];
  expect(code).toBe(1);
  const output = gateway.lines.join('\n');
  expect(output).toContain('PORT');
  expect(output).toContain('PARTNER_CENTER_CLOUD');
  expect(output).toContain('PARTNER_CENTER_BASE_URL');
  expect(output).not.toContain('    at ');
});

it('runs the emulator alone and lists the seeded customers', async () => {
  const emulator = run('emulator/emulator.main.js', { PORT: '0' });
  try {
    const [, url] = await waitForLine(emulator, /listening on (http:\/\/\S+) /);
    const response = await fetch(`${url}/v1/customers`, { headers: { authorization: 'Bearer x' } });
    const body = (await response.json()) as { totalCount: number; items: { id: string }[] };
    expect(response.status).toBe(200);
    expect(body.items.map((c) => c.id)).toContain(SAMPLE_CUSTOMER);
    expect(body.totalCount).toBeGreaterThanOrEqual(5);
  } finally {
    expect(await stop(emulator)).toBe(0);
  }
});
