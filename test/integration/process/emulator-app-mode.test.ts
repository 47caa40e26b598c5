import { once } from 'node:events';

import {
  createAppTokenProvider,
  type AppTokenProvider,
} from '../../../src/auth/partner-center-app-token';
import { run, stop, waitForLine } from '../../helpers/run-process';
import { createTempDir, createTestTls } from '../../helpers/test-certificates';

// `npm run emulator` with EMULATOR_AUTH=app, as the README's worked example runs it: the compiled
// entry point (npm test builds dist/ first), a token authority on HTTPS beside the Partner Center
// emulator, and Partner Center accepting only that authority's tokens.
const SAMPLE_CUSTOMER = '0c39d6d5-c70d-4c55-bc02-f620844f3fd1';
const CLIENT_SECRET = 'cli~secret';

describe('the emulator command in app mode', () => {
  let files: ReturnType<typeof createTempDir>;
  let ca: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    const tls = await createTestTls();
    ca = tls.ca;
    files = createTempDir();
    env = {
      PORT: '0',
      AUTHORITY_PORT: '0',
      EMULATOR_AUTH: 'app',
      EMULATOR_ADMIN: 'true',
      EMULATOR_TLS_KEY_PATH: files.write('authority-key.pem', tls.server.key),
      EMULATOR_TLS_CERT_PATH: files.write('authority-cert.pem', tls.server.cert),
      EMULATOR_CLIENT_SECRET: CLIENT_SECRET,
    };
  });

  afterAll(() => {
    files.remove();
  });

  it('serves an authority whose tokens, and only those, Partner Center accepts', async () => {
    const emulator = run('emulator/emulator.main.js', env);
    let provider: AppTokenProvider | undefined;
    try {
      const [, partnerCenter] = await waitForLine(
        emulator,
        /Partner Center emulator listening on (http:\/\/\S+) /,
      );
      const [, authorityUrl, tenantId] = await waitForLine(
        emulator,
        /Token authority listening on (https:\/\/\S+) \(tenant (\S+), issuer/,
      );
      provider = createAppTokenProvider({
        authorityHost: authorityUrl!,
        tenantId: tenantId!,
        clientId: '5e1f0c2d-3b4a-4c6d-9e8f-7a6b5c4d3e2f',
        credential: { clientSecret: CLIENT_SECRET },
        ca,
      });
      const profile = `${partnerCenter}/v1/customers/${SAMPLE_CUSTOMER}/profiles/billing`;

      const withToken = await fetch(profile, {
        headers: { authorization: `Bearer ${await provider.getToken()}` },
      });
      const withOther = await fetch(profile, { headers: { authorization: 'Bearer dev-token' } });

      expect(withToken.status).toBe(200);
      expect(withOther.status).toBe(401);
      expect(emulator.lines.join('\n')).not.toContain(CLIENT_SECRET);
    } finally {
      await provider?.close();
      expect(await stop(emulator)).toBe(0);
    }
  });

  it('refuses to start without what app mode needs, naming it', async () => {
    const emulator = run('emulator/emulator.main.js', {
      PORT: '0',
      EMULATOR_AUTH: 'app',
      AUTHORITY_PORT: 'x',
    });
    // 'close' comes after the output streams end, so every line has been read.
    const [code] = (await once(emulator.child, 'close')) as [number | null];

    expect(code).toBe(1);
    const output = emulator.lines.join('\n');
    expect(output).toContain('AUTHORITY_PORT');
    expect(output).toContain('EMULATOR_TLS_KEY_PATH');
    expect(output).toContain('EMULATOR_CLIENT_SECRET');
  });
});
