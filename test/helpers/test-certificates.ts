import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { generate } from 'selfsigned';

export interface TestTls {
  /** The test CA's certificate (PEM): what clients trust. */
  ca: string;
  /** A server key and certificate for 127.0.0.1 and localhost, signed by the CA. */
  server: { key: string; cert: string };
}

const YEAR_MS = 365 * 24 * 3600 * 1000;

/**
 * A throwaway CA and a loopback server certificate signed by it, made when a test runs (never kept
 * on disk): the HTTPS the token authority needs, trusted by passing `ca` to the client under test.
 */
export async function createTestTls(): Promise<TestTls> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(Date.now() + YEAR_MS);
  const ca = await generate([{ name: 'commonName', value: 'partner-center-bff test CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      {
        name: 'keyUsage',
        keyCertSign: true,
        cRLSign: true,
        digitalSignature: true,
        critical: true,
      },
    ],
  });
  const server = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { ca: ca.cert, server: { key: server.private, cert: server.cert } };
}

export interface TestClientCertificate {
  /** The certificate alone (PEM): what the app registration holds. */
  cert: string;
  /** Private key and certificate in one PEM: what PARTNER_CENTER_CLIENT_CERTIFICATE_PATH points at. */
  pem: string;
}

/** A self-signed RSA client certificate, as one uploads to an Entra app registration. */
export async function createClientCertificate(
  commonName = 'partner-center-bff',
): Promise<TestClientCertificate> {
  const made = await generate([{ name: 'commonName', value: commonName }], {
    keyType: 'rsa',
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(Date.now() - 60_000),
    notAfterDate: new Date(Date.now() + YEAR_MS),
  });
  return { cert: made.cert, pem: `${made.private}${made.cert}` };
}

/** A private temporary folder for files a test writes (certificate files); `remove` deletes it. */
export function createTempDir(): {
  path: string;
  write(name: string, text: string): string;
  remove(): void;
} {
  const path = mkdtempSync(join(tmpdir(), 'pc-bff-auth-'));
  return {
    path,
    write: (name, text) => {
      const file = join(path, name);
      writeFileSync(file, text, { mode: 0o600 });
      return file;
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}
