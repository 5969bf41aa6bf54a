/**
 * What a client may read from its own room token. The server verifies tokens; the client only
 * needs to know who it is (for presence and for stamping its writes) and when the token expires,
 * so it reads the JWT's claims without verifying them — a token it cannot read is an error the
 * caller fixes by passing the actor explicitly.
 */
import * as v from 'valibot';
import { actorSchema, type Actor } from '@huishen/model';

/** The claims of a Huishen room token that a client uses. */
export interface RoomTokenClaims {
  /** Who the token names. */
  readonly actor: Actor;
  /** The room the token is for. */
  readonly room: string;
  /** Expiry, milliseconds since the epoch. */
  readonly expiresAt: number;
}

const claimsSchema = v.object({
  sub: v.string(),
  name: v.string(),
  venue: v.string(),
  role: v.string(),
  room: v.string(),
  exp: v.number(),
});

/** Thrown when a room token cannot be read. */
export class RoomTokenError extends Error {
  override readonly name = 'RoomTokenError';
}

function base64UrlDecode(part: string): string {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const binary = atob(base64);
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/**
 * Reads a room token's claims (`sub`, `name`, `venue`, `role`, `room`, `exp`) without verifying
 * its signature. Throws {@link RoomTokenError} naming what is wrong.
 */
export function readRoomToken(token: string): RoomTokenClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new RoomTokenError('a room token is a JWT of three dot-separated parts');
  let payload: unknown;
  try {
    payload = JSON.parse(base64UrlDecode(parts[1]!));
  } catch {
    throw new RoomTokenError('the room token’s payload is not base64url-encoded JSON');
  }
  const claims = v.safeParse(claimsSchema, payload);
  if (!claims.success) throw new RoomTokenError('the room token lacks sub, name, venue, role, room or exp');
  const { sub, name, venue, role, room, exp } = claims.output;
  const actor = v.safeParse(actorSchema, { userId: sub, name, venue, role });
  if (!actor.success) throw new RoomTokenError(`the room token names no valid actor: ${actor.issues[0]?.message ?? ''}`);
  return { actor: actor.output, room, expiresAt: exp * 1000 };
}
