/**
 * Room tokens. A room token is a JWT whose claims name the room, the user (`sub`), their display
 * name, venue and role, and an expiry. The server verifies it at the HTTP upgrade, before any room
 * is touched; a failure refuses the upgrade (401 when the token is missing, malformed, expired or
 * badly signed; 403 when it is valid but for another room).
 *
 * Keys: HS256 with a shared secret (the default, and what `huishen-server token` mints), or a
 * portal's public key (ES256 or EdDSA; a PEM SPKI key or a JWKS document), since real portals
 * mint tokens themselves.
 */
import * as jose from 'jose';
import { isId, ROLES, type Actor, type Role } from '@huishen/model';

/** What a verified token grants: an actor in one room. */
export interface Grant {
  actor: Actor;
  room: string;
}

/** Verifies a token; resolves to the grant or rejects (the upgrade is then refused with 401). */
export type Authenticate = (token: string) => Promise<Grant>;

/** Why a token was refused (for logs and metrics; clients only see the HTTP status). */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
  }
}

/** Where the verification key comes from. Exactly one of the fields is used. */
export interface VerifierKeys {
  /** HS256 shared secret. */
  secret?: string | undefined;
  /** A PEM-encoded SPKI public key (ES256 or EdDSA). */
  publicKeyPem?: string | undefined;
  /** A JWKS document (`{ keys: [...] }`) of ES256/EdDSA public keys. */
  jwks?: jose.JSONWebKeySet | undefined;
}

const ASYMMETRIC = ['ES256', 'EdDSA', 'Ed25519'];

/** Builds an {@link Authenticate} function from verification keys. */
export async function createTokenVerifier(keys: VerifierKeys): Promise<Authenticate> {
  let verify: (token: string) => Promise<jose.JWTVerifyResult>;
  if (keys.secret !== undefined) {
    if (keys.secret.length < 16) throw new RangeError('the token secret must have at least 16 characters');
    const key = new TextEncoder().encode(keys.secret);
    verify = (token) => jose.jwtVerify(token, key, { algorithms: ['HS256'] });
  } else if (keys.publicKeyPem !== undefined) {
    const pem = keys.publicKeyPem;
    const candidates = await Promise.allSettled(ASYMMETRIC.map((alg) => jose.importSPKI(pem, alg)));
    const imported = candidates.flatMap((c, i) => (c.status === 'fulfilled' ? [{ alg: ASYMMETRIC[i]!, key: c.value }] : []));
    if (imported.length === 0) throw new Error('the public key is neither an ES256 nor an EdDSA SPKI key');
    verify = async (token) => {
      const { alg } = jose.decodeProtectedHeader(token);
      const match = imported.find((k) => k.alg === alg);
      if (!match) throw new AuthError(401, `unexpected token algorithm ${String(alg)}`);
      return jose.jwtVerify(token, match.key, { algorithms: [match.alg] });
    };
  } else if (keys.jwks !== undefined) {
    const set = jose.createLocalJWKSet(keys.jwks);
    verify = (token) => jose.jwtVerify(token, set, { algorithms: ASYMMETRIC });
  } else {
    throw new Error('a token secret, public key or JWKS is required');
  }
  return async (token) => {
    let payload: jose.JWTPayload;
    try {
      ({ payload } = await verify(token));
    } catch (cause) {
      throw cause instanceof AuthError ? cause : new AuthError(401, cause instanceof Error ? cause.message : 'invalid token');
    }
    return grantFromClaims(payload);
  };
}

/** Checks a verified token's claims and turns them into a grant. */
export function grantFromClaims(payload: jose.JWTPayload): Grant {
  const { room, sub, name, venue, role, exp } = payload as Record<string, unknown>;
  if (typeof room !== 'string' || typeof exp !== 'number') throw new AuthError(401, 'token lacks room or exp');
  if (!isId(sub) || !isId(venue)) throw new AuthError(401, 'token sub or venue is not an id');
  if (typeof name !== 'string' || name.length === 0 || name.length > 500) throw new AuthError(401, 'token name is missing or too long');
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) throw new AuthError(401, 'token role is unknown');
  return { actor: { userId: sub, name, venue, role: role as Role }, room };
}

/** What {@link mintToken} puts in a token. */
export interface TokenInput {
  room: string;
  userId: string;
  name: string;
  venue: string;
  role: Role;
  /** Lifetime in seconds. */
  ttlSeconds: number;
}

/** Mints an HS256 room token (development, tests and the `token` CLI command). */
export async function mintToken(secret: string, input: TokenInput): Promise<string> {
  return new jose.SignJWT({ room: input.room, name: input.name, venue: input.venue, role: input.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(input.userId)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + input.ttlSeconds)
    .sign(new TextEncoder().encode(secret));
}
