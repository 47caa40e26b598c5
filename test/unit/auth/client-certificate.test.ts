import { X509Certificate, createPrivateKey, generateKeyPairSync } from 'node:crypto';

import {
  ClientCertificateError,
  parseClientCertificate,
  readClientCertificate,
} from '../../../src/auth/client-certificate';
import {
  createClientCertificate,
  createTempDir,
  type TestClientCertificate,
} from '../../helpers/test-certificates';

describe('client certificate files', () => {
  let certificate: TestClientCertificate;
  let other: TestClientCertificate;
  let privateKey: string;

  beforeAll(async () => {
    [certificate, other] = await Promise.all([
      createClientCertificate(),
      createClientCertificate('other'),
    ]);
    privateKey = certificate.pem.replace(certificate.cert, '');
  });

  it('takes the key, the SHA-256 thumbprint and the certificate from a PEM file', () => {
    const files = createTempDir();
    try {
      const parsed = readClientCertificate(files.write('client.pem', certificate.pem));

      const x509 = new X509Certificate(certificate.cert);
      expect(parsed.thumbprintSha256).toBe(x509.fingerprint256.replace(/:/g, '').toLowerCase());
      expect(parsed.x5c).toBe(x509.toString());
      expect(createPrivateKey(parsed.privateKey).asymmetricKeyType).toBe('rsa');
      expect(parsed.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    } finally {
      files.remove();
    }
  });

  it('puts the certificate of the key first, whatever the order in the file', () => {
    const parsed = parseClientCertificate(`${other.cert}${privateKey}${certificate.cert}`);

    expect(parsed.x5c).toBe(
      new X509Certificate(certificate.cert).toString() + new X509Certificate(other.cert).toString(),
    );
  });

  it('accepts a traditional RSA PEM key', () => {
    const rsa = createPrivateKey(privateKey).export({ type: 'pkcs1', format: 'pem' }).toString();

    expect(parseClientCertificate(`${rsa}${certificate.cert}`).thumbprintSha256).toMatch(
      /^[0-9a-f]{64}$/,
    );
  });

  it.each<[string, () => string, RegExp]>([
    ['no private key', () => certificate.cert, /exactly one PEM private key, found 0/],
    [
      'two private keys',
      () => `${privateKey}${certificate.pem}`,
      /exactly one PEM private key, found 2/,
    ],
    ['no certificate', () => privateKey, /holds no certificate$/],
    [
      'a certificate of another key',
      () => `${privateKey}${other.cert}`,
      /no certificate for its private key/,
    ],
    [
      'an encrypted key',
      () =>
        createPrivateKey(privateKey)
          .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'p' })
          .toString() + certificate.cert,
      /encrypted private key/,
    ],
    [
      'an EC key',
      () =>
        generateKeyPairSync('ec', { namedCurve: 'P-256' })
          .privateKey.export({ type: 'pkcs8', format: 'pem' })
          .toString() + certificate.cert,
      /ec key; Entra ID client certificates need RSA/,
    ],
    [
      'a damaged key',
      () => '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n' + certificate.cert,
      /private key that cannot be read/,
    ],
  ])('refuses a file with %s, showing no key material', (_case, pem, message) => {
    let thrown: unknown;
    try {
      parseClientCertificate(pem(), '/etc/bff/client.pem');
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(ClientCertificateError);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).toMatch(/^\/etc\/bff\/client\.pem /);
    expect((thrown as Error).message).not.toContain('-----');
  });

  it('names a file it cannot read', () => {
    expect(() => readClientCertificate('/nonexistent/client.pem')).toThrow(
      new ClientCertificateError(
        'cannot read the client certificate /nonexistent/client.pem (ENOENT)',
      ),
    );
  });
});
