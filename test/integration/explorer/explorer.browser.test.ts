import { existsSync } from 'node:fs';

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

import { SANDBOX_DOCUMENT } from '../../../src/plugins/landing-page.plugin';
import { startExplorerServer, type ExplorerServer } from '../../helpers/explorer-server';
import { postGraphQL } from '../../helpers/graphql-client';
import { useStack } from '../../helpers/start-stack';

// Debian's chromium (.ci/run installs it when missing); playwright-core brings no browser of its own.
const CHROMIUM = '/usr/bin/chromium';
const BROWSER_TIMEOUT_MS = 60_000;

// Collected in the page: a policy violation fires this event whatever the console says.
const RECORD_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
  });
`;

interface BillingProfileRead {
  customer: { billingProfile: { firstName: string | null; etag: string } | null } | null;
}

/** What a page did that it should not: requests elsewhere, errors, policy violations. */
interface Trouble {
  offOrigin: string[];
  consoleErrors: string[];
  pageErrors: string[];
}

const stack = useStack();
let server: ExplorerServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let trouble: Trouble;
let graphqlRequests: { method: string; headers: Record<string, string>; body: string | null }[];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium (.ci/run does)`,
    );
  }
  server = await startExplorerServer({
    graphqlPath: '/graphql',
    exampleCustomerId: stack.emulator.store.customerIds()[0],
    embeddedEmulator: true,
    gatewayUrl: stack.gatewayUrl,
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      // Chromium's sandbox cannot start as root (CI containers).
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      // No name resolves but loopback: whatever slipped past the routes below could not get out.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
}, BROWSER_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  trouble = { offOrigin: [], consoleErrors: [], pageErrors: [] };
  graphqlRequests = [];
  context = await browser.newContext();
  // Offline but for the server itself: any other request is recorded and fails as with no network.
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (new URL(url).origin === server.origin) {
      await route.continue();
      return;
    }
    trouble.offOrigin.push(url);
    await route.abort('internetdisconnected');
  });
  await context.addInitScript({ content: RECORD_VIOLATIONS });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') {
      trouble.consoleErrors.push(message.text());
    }
  });
  page.on('pageerror', (error) => trouble.pageErrors.push(error.message));
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/graphql') {
      graphqlRequests.push({
        method: request.method(),
        headers: request.headers(),
        body: request.postData(),
      });
    }
  });
});

afterEach(async () => {
  await context?.close();
});

/** Loads the explorer and waits until GraphiQL shows the example read. */
async function openExplorer(): Promise<void> {
  const response = await page.goto(`${server.origin}/explorer`);
  expect(response?.status()).toBe(200);
  await page
    .locator('.graphiql-query-editor', { hasText: 'query GetCustomerBillingProfile($id: ID!)' })
    .waitFor();
}

/** Everything that went wrong on the page, policy violations included; empty when all is well. */
async function troubleOnPage(): Promise<Trouble & { cspViolations: string[] }> {
  const cspViolations = await page.evaluate<string[]>('window.__cspViolations');
  return { ...trouble, cspViolations };
}

it(
  'loads offline from its own origin, runs the example read and shows the billing profile',
  async () => {
    const customerId = stack.emulator.store.customerIds()[0]!;
    const expected = await postGraphQL<BillingProfileRead, { id: string }>(
      stack.gatewayUrl,
      SANDBOX_DOCUMENT,
      { id: customerId },
    );
    const profile = expected.data?.customer?.billingProfile;
    expect(profile?.firstName).toEqual(expect.any(String));

    await openExplorer();
    await page.locator('.graphiql-editor-tool', { hasText: customerId }).waitFor();
    await page.getByRole('button', { name: 'Execute query (Ctrl-Enter)' }).click();
    const result = page.locator('.result-window', { hasText: profile!.etag });
    await result.waitFor();
    expect(await result.innerText()).toContain(`"firstName": "${profile!.firstName}"`);

    // The read went to the same origin as JSON, with the example's variables and header.
    const read = graphqlRequests.find((request) =>
      request.body?.includes('GetCustomerBillingProfile'),
    );
    expect(read?.method).toBe('POST');
    expect(read?.headers['content-type']).toBe('application/json');
    expect(read?.headers.authorization).toBe('Bearer sandbox-dev-token');
    expect(JSON.parse(read?.body ?? '{}')).toMatchObject({ variables: { id: customerId } });

    expect(await troubleOnPage()).toEqual({
      offOrigin: [],
      consoleErrors: [],
      pageErrors: [],
      cspViolations: [],
    });
  },
  BROWSER_TIMEOUT_MS,
);

it(
  "opens GraphiQL's dialogs and documentation within its policy",
  async () => {
    await openExplorer();
    // The dialogs insert a <style> element (their scroll lock): admitted by the page's nonce alone.
    for (const name of ['Open settings dialog', 'Open short keys dialog']) {
      await page.getByRole('button', { name }).click();
      await page.getByRole('dialog').waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    }
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    await page.locator('.graphiql-doc-explorer', { hasText: 'Query' }).waitFor();

    expect(await troubleOnPage()).toEqual({
      offOrigin: [],
      consoleErrors: [],
      pageErrors: [],
      cspViolations: [],
    });
  },
  BROWSER_TIMEOUT_MS,
);
