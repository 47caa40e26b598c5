import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A client certificate credential in the shape msal-node's `clientCertificate` option takes. */
export interface ClientCertificate {
  /** The private key, PKCS#8 PEM. */
  privateKey: string;
  /** Hex SHA-256 thumbprint of the certificate (msal then signs PS256 with `x5t#S256`). */
  thumbprintSha256: string;
  /** The certificate and any chain from the file, leaf first, PEM: msal sends it as `x5c`. */
  x5c: string;
}

/** The file cannot serve as a client certificate. Names the file and the problem, never key material. */
export class ClientCertificateError extends Error {
  override readonly name = 'ClientCertificateError';
}

const PRIVATE_KEY_BLOCK =
  /-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----[\s\S]+?-----END \1-----/g;
const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Reads a PEM file holding an unencrypted private key and its certificate (PARTNER_CENTER_CLIENT_CERTIFICATE_PATH). */
export function readClientCertificate(path: string): ClientCertificate {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ClientCertificateError(
      `cannot read the client certificate ${path}${typeof code === 'string' ? ` (${code})` : ''}`,
    );
  }
  return parseClientCertificate(pem, path);
}

/**
 * Takes the private key and the certificate that matches it (the leaf) from PEM text; other
 * certificates in the text are its chain. Entra ID signs nothing with it: msal builds a client
 * assertion signed with the key, and Entra checks it against the certificate registered for the app.
 */
export function parseClientCertificate(
  pem: string,
  source = 'the client certificate',
): ClientCertificate {
  const keyBlocks = [...pem.matchAll(PRIVATE_KEY_BLOCK)];
  if (keyBlocks.length !== 1) {
    throw new ClientCertificateError(
      `${source} must hold exactly one PEM private key, found ${keyBlocks.length}`,
    );
  }
  const [keyBlock] = keyBlocks;
  if (keyBlock?.[1] === 'ENCRYPTED PRIVATE KEY') {
    throw new ClientCertificateError(
      `${source} holds an encrypted private key; give it unencrypted`,
    );
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(keyBlock?.[0] ?? '');
  } catch {
    throw new ClientCertificateError(`${source} holds a private key that cannot be read`);
  }
  // msal-node signs client assertions with RS256 or PS256: an RSA key only.
  if (key.asymmetricKeyType !== 'rsa') {
    throw new ClientCertificateError(
      `${source} holds a ${key.asymmetricKeyType ?? 'unknown'} key; Entra ID client certificates need RSA`,
    );
  }

  const certificates: X509Certificate[] = [];
  for (const [block] of pem.matchAll(CERTIFICATE_BLOCK)) {
    try {
      certificates.push(new X509Certificate(block));
    } catch {
      throw new ClientCertificateError(`${source} holds a certificate that cannot be read`);
    }
  }
  const leaf = certificates.find((certificate) => certificate.checkPrivateKey(key));
  if (!leaf) {
    throw new ClientCertificateError(
      certificates.length === 0
        ? `${source} holds no certificate`
        : `${source} holds no certificate for its private key`,
    );
  }
  return {
    privateKey: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    thumbprintSha256: leaf.fingerprint256.replace(/:/g, '').toLowerCase(),
    x5c: [leaf, ...certificates.filter((c) => c !== leaf)].map((c) => c.toString()).join(''),
  };
}
