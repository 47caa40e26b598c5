import { readFileSync } from 'node:fs';

import { EMULATOR_TENANT_ID, startEntraAuthority, type EntraAuthority } from './entra-authority';

/** The client id the command-line authority registers unless EMULATOR_CLIENT_ID says otherwise. */
export const EMULATOR_CLIENT_ID = '5e1f0c2d-3b4a-4c6d-9e8f-7a6b5c4d3e2f';

/**
 * For `npm run emulator` with EMULATOR_AUTH=app: the Entra-compatible authority beside the Partner
 * Center emulator, which then accepts only its tokens. The HTTPS key and certificate come from files
 * the user makes (EMULATOR_TLS_KEY_PATH, EMULATOR_TLS_CERT_PATH); the app registration from
 * EMULATOR_CLIENT_ID (default EMULATOR_CLIENT_ID), EMULATOR_CLIENT_SECRET and/or
 * EMULATOR_CLIENT_CERTIFICATE_PATH (a certificate PEM); EMULATOR_TENANT_ID, AUTHORITY_PORT (default 4011).
 * Returns undefined in user mode (EMULATOR_AUTH unset or `user`).
 */
export async function startAuthorityFromEnv(
  env: Record<string, string | undefined>,
): Promise<EntraAuthority | undefined> {
  const mode = env.EMULATOR_AUTH ?? 'user';
  if (mode === 'user') {
    return undefined;
  }
  const problems: string[] = [];
  if (mode !== 'app') {
    problems.push(`EMULATOR_AUTH must be user or app, got ${mode}`);
  }
  const port = Number(env.AUTHORITY_PORT ?? 4011);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`AUTHORITY_PORT must be an integer from 0 to 65535, got ${env.AUTHORITY_PORT}`);
  }
  const read = (name: string): string | undefined => {
    const path = env[name];
    if (path === undefined || path === '') {
      return undefined;
    }
    try {
      return readFileSync(path, 'utf8');
    } catch {
      problems.push(`${name}: cannot read ${path}`);
      return undefined;
    }
  };
  const key = read('EMULATOR_TLS_KEY_PATH');
  const cert = read('EMULATOR_TLS_CERT_PATH');
  const clientCertificate = read('EMULATOR_CLIENT_CERTIFICATE_PATH');
  if (key === undefined || cert === undefined) {
    problems.push(
      'EMULATOR_TLS_KEY_PATH and EMULATOR_TLS_CERT_PATH must name PEM files (msal-node needs https)',
    );
  }
  if (!env.EMULATOR_CLIENT_SECRET && clientCertificate === undefined) {
    problems.push('EMULATOR_CLIENT_SECRET or EMULATOR_CLIENT_CERTIFICATE_PATH must be set');
  }
  if (problems.length > 0 || key === undefined || cert === undefined) {
    throw new Error(problems.join('; '));
  }
  return startEntraAuthority({
    tls: { key, cert },
    port,
    host: env.HOST ?? '127.0.0.1',
    tenantId: env.EMULATOR_TENANT_ID ?? EMULATOR_TENANT_ID,
    admin: env.EMULATOR_ADMIN === 'true',
    clients: [
      {
        clientId: env.EMULATOR_CLIENT_ID ?? EMULATOR_CLIENT_ID,
        ...(env.EMULATOR_CLIENT_SECRET ? { clientSecret: env.EMULATOR_CLIENT_SECRET } : {}),
        ...(clientCertificate === undefined ? {} : { certificates: [clientCertificate] }),
      },
    ],
  });
}
