import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { readJson, writeJson } from './data-folder';

/**
 * The local API's stand-in for Cognito: an ES256 key generated into the data folder at first use,
 * tokens shaped like a Cognito ID token (`token_use: id`, `custom:tenantId`), and the checks the
 * API Gateway JWT authorizer makes (signature, issuer, audience, expiry) plus the tenant claim
 * the router needs. A new data folder means a new key: its tokens are worthless elsewhere.
 */
export const LOCAL_AUDIENCE = 'recouvrement-local-api';
const ALGORITHM = 'ES256';
const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

interface StoredKey {
  kid: string;
  issuer: string;
  privateJwk: JWK;
}

export interface TokenIssuer {
  issuer: string;
  sign(tenantId: string, ttl: string): Promise<string>;
  /** The verified claims, or an error whose message says which rule failed (no token content). */
  verify(token: string): Promise<JWTPayload>;
}

async function loadOrCreateKey(path: string): Promise<StoredKey> {
  const existing = await readJson<StoredKey>(path);
  if (existing) return existing;
  const { privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const kid = randomUUID();
  const key: StoredKey = {
    kid,
    issuer: `urn:recouvrement:local:${kid}`,
    privateJwk: { ...(await exportJWK(privateKey)), alg: ALGORITHM, kid },
  };
  await writeJson(path, key, 0o600);
  return key;
}

export async function openTokenIssuer(keyPath: string): Promise<TokenIssuer> {
  const stored = await loadOrCreateKey(keyPath);
  const privateKey = await importJWK(stored.privateJwk, ALGORITHM);
  const { d: _secret, ...publicJwk } = stored.privateJwk;
  const publicKey = await importJWK(publicJwk, ALGORITHM);
  return {
    issuer: stored.issuer,
    async sign(tenantId, ttl) {
      if (!TENANT_ID.test(tenantId)) throw new Error('a tenant id is 1–63 letters, digits, _ or -');
      return new SignJWT({ 'custom:tenantId': tenantId, token_use: 'id' })
        .setProtectedHeader({ alg: ALGORITHM, kid: stored.kid, typ: 'JWT' })
        .setIssuer(stored.issuer)
        .setAudience(LOCAL_AUDIENCE)
        .setSubject(`local-${tenantId}`)
        .setIssuedAt()
        .setExpirationTime(ttl)
        .sign(privateKey);
    },
    async verify(token) {
      const { payload } = await jwtVerify(token, publicKey, {
        issuer: stored.issuer,
        audience: LOCAL_AUDIENCE,
        algorithms: [ALGORITHM],
        requiredClaims: ['exp', 'iat', 'sub'],
      });
      const tenantId = payload['custom:tenantId'];
      if (typeof tenantId !== 'string' || !TENANT_ID.test(tenantId))
        throw new Error('no custom:tenantId claim');
      return payload;
    },
  };
}

/** `--ttl` values: a number and a unit (s, m, h, d), at most 30 days. */
export function parseTtl(value: string): string | undefined {
  const match = /^(\d{1,5})([smhd])$/.exec(value);
  if (!match) return undefined;
  const seconds = Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as 's' | 'm' | 'h' | 'd'];
  return seconds > 0 && seconds <= 30 * 86_400 ? `${seconds}s` : undefined;
}
