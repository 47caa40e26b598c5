import { createHash, randomUUID } from 'node:crypto';

import {
  SignJWT,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  type JWK,
  type JWTPayload,
  type KeyLike,
} from 'jose';

/** The Partner Center API's resource id: the audience of its access tokens. */
export const PARTNER_CENTER_RESOURCE = 'https://api.partnercenter.microsoft.com';

/** What a test may ask of a caller token (the emulator acting as the company's identity provider). */
export interface CallerTokenOptions {
  audience: string;
  /** Default a fresh GUID. */
  subject?: string;
  /** The `roles` claim (app roles). Left out when undefined. */
  roles?: string[];
  /** The `scp` claim (delegated scopes, space-separated). Left out when undefined. */
  scp?: string;
  /** Seconds from now to `exp`; negative for a token already expired. Default 3600. */
  lifetimeSeconds?: number;
  /** Seconds from now to `nbf`; positive for a token not yet valid. Default 0. */
  notBeforeSeconds?: number;
  /** Default this authority's issuer; another value makes a wrong-issuer token with a good signature. */
  issuer?: string;
  /** More claims, added last. */
  claims?: JWTPayload;
}

export interface AppTokenGrant {
  clientId: string;
  resource: string;
  credential: 'secret' | 'certificate';
  lifetimeSeconds: number;
}

/**
 * The authority's signing key and the tokens it issued. Access tokens are RS256 JWTs in Entra's
 * shape for an app (v2.0: `azp`, `azpacr`, `idtyp: app`); each issued one is remembered by its `uti`
 * so the Partner Center emulator can accept only those, and a test can revoke them.
 */
export class AuthorityTokens {
  private readonly issued = new Map<string, { expires: number; revoked: boolean }>();

  private constructor(
    private readonly privateKey: KeyLike,
    private readonly publicKey: KeyLike,
    readonly keyId: string,
    private readonly publicJwk: JWK,
    readonly issuer: string,
    readonly tenantId: string,
  ) {}

  static async create(issuer: string, tenantId: string): Promise<AuthorityTokens> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
    const keyId = randomUUID();
    const jwk = await exportJWK(publicKey);
    return new AuthorityTokens(
      privateKey,
      publicKey,
      keyId,
      { kty: jwk.kty, use: 'sig', kid: keyId, n: jwk.n, e: jwk.e },
      issuer,
      tenantId,
    );
  }

  /** The JWKS document: the public signing key. */
  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  /** Tokens issued since the last clear() (expired ones may be forgotten past 1000). */
  get issuedCount(): number {
    return this.issued.size;
  }

  async issueAppToken(grant: AppTokenGrant): Promise<string> {
    const uti = randomUUID();
    const objectId = appObjectId(grant.clientId);
    const now = Math.floor(Date.now() / 1000);
    const token = await this.sign(
      {
        aud: grant.resource,
        azp: grant.clientId,
        azpacr: grant.credential === 'secret' ? '1' : '2',
        idtyp: 'app',
        oid: objectId,
        sub: objectId,
        tid: this.tenantId,
        uti,
        ver: '2.0',
      },
      { issuer: this.issuer, notBefore: now, expires: now + grant.lifetimeSeconds },
    );
    // A long-running emulator forgets expired tokens; they are refused either way.
    if (this.issued.size >= 1_000) {
      for (const [id, entry] of this.issued) {
        if (entry.expires < now) {
          this.issued.delete(id);
        }
      }
    }
    this.issued.set(uti, { expires: now + grant.lifetimeSeconds, revoked: false });
    return token;
  }

  /** Every token issued so far is refused from now on (a test's way to make Partner Center answer 401). */
  revokeAll(): number {
    let count = 0;
    for (const entry of this.issued.values()) {
      count += entry.revoked ? 0 : 1;
      entry.revoked = true;
    }
    return count;
  }

  /** Whether `token` is an unexpired, unrevoked access token this authority issued for Partner Center. */
  async accepts(token: string): Promise<boolean> {
    try {
      const { payload } = await jwtVerify(token, this.publicKey, {
        issuer: this.issuer,
        audience: PARTNER_CENTER_RESOURCE,
        algorithms: ['RS256'],
      });
      const entry = typeof payload.uti === 'string' ? this.issued.get(payload.uti) : undefined;
      return entry !== undefined && !entry.revoked;
    } catch {
      return false;
    }
  }

  /** A caller token signed with this authority's key (never accepted by Partner Center: not issued by the token endpoint). */
  mintCallerToken(options: CallerTokenOptions): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return this.sign(
      {
        aud: options.audience,
        sub: options.subject ?? randomUUID(),
        tid: this.tenantId,
        ver: '2.0',
        ...(options.roles === undefined ? {} : { roles: options.roles }),
        ...(options.scp === undefined ? {} : { scp: options.scp }),
        ...options.claims,
      },
      {
        issuer: options.issuer ?? this.issuer,
        notBefore: now + (options.notBeforeSeconds ?? 0),
        expires: now + (options.lifetimeSeconds ?? 3600),
      },
    );
  }

  clear(): void {
    this.issued.clear();
  }

  private sign(
    claims: JWTPayload,
    times: { issuer: string; notBefore: number; expires: number },
  ): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.keyId })
      .setIssuer(times.issuer)
      .setIssuedAt(Math.min(times.notBefore, Math.floor(Date.now() / 1000)))
      .setNotBefore(times.notBefore)
      .setExpirationTime(times.expires)
      .sign(this.privateKey);
  }
}

/** A stable object id per app, as Entra has one service principal per app in the tenant. */
function appObjectId(clientId: string): string {
  const hex = createHash('sha256').update(clientId).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
