/**
 * `POST /livekit/token`: trades a room token for a LiveKit access token for the same room and the
 * same person, so the media side never needs its own login and never grants more than the room's
 * rights table allows.
 *
 * How to think about it: in Huishen, LiveKit carries the document camera (高清实物展台) of the
 * venue that is presenting (see the architecture's Media section); everything else (annotations,
 * the outline, the timeline, presence) flows through the room server, where rights are enforced.
 * So the LiveKit grants are narrow: the chair and the presenter may publish a camera track,
 * everyone may watch, nobody publishes audio, screen shares or data messages. If venues ever want
 * their voices over LiveKit too, widen {@link livekitGrantsFor} — it is the only table.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken, corsHeaders, sendJson } from './http-json.js';
import { AccessToken, TrackSource, type VideoGrant } from 'livekit-server-sdk';
import { effectiveRole, type Actor, type RightsContext } from '@huishen/model';

/** Where LiveKit runs and how to sign its tokens (from the CLI or environment, via `bin.ts`). */
export interface LivekitConfig {
  /** The URL browsers connect to, e.g. `wss://media.example.org` or `ws://127.0.0.1:7880`. */
  url: string;
  /** API key and secret shared with the LiveKit server. */
  apiKey: string;
  apiSecret: string;
  /**
   * Lifetime of a minted token. Default 600 s: a token only has to be valid when the client
   * joins; LiveKit refreshes the token of a connected participant itself, and a short lifetime
   * limits what a leaked token is worth.
   */
  ttlSeconds?: number | undefined;
}

/** What {@link handleLivekitTokenRequest} needs from the room server. */
export interface LivekitHttpDeps {
  /** Verifies a room token (the same one the socket uses); rejects when it is not valid. */
  authenticate(token: string): Promise<{ actor: Actor; room: string }>;
  /**
   * The room's rights facts (who the document names as presenter). With it, publishing follows
   * the document: a token `presenter` who handed presenting over may only watch, and the member
   * the chair made presenter may publish. Without it, the token role decides.
   */
  rightsContext?: ((room: string) => Promise<RightsContext>) | undefined;
  /** LiveKit settings; when absent the endpoint answers 503 `livekit-not-configured`. */
  livekit?: LivekitConfig | undefined;
  /** `Access-Control-Allow-Origin`, or `false` for none. Default `'*'` (bearer auth, no cookies). */
  allowOrigin?: string | false | undefined;
  /** Told about unexpected failures (signing errors) for logging. */
  onError?: ((error: unknown, context: string) => void) | undefined;
}

/** The JSON answer of `POST /livekit/token`. */
export interface LivekitTokenResponse {
  /** LiveKit server URL to pass to `room.connect()`. */
  url: string;
  /** The LiveKit access token (JWT). */
  token: string;
  /** The participant identity inside LiveKit: the user id from the room token. */
  identity: string;
  /** The LiveKit room name: the Huishen room id. */
  room: string;
}

/** The LiveKit permissions of a role, without the room binding that the handler adds. */
export type LivekitGrants = Pick<VideoGrant, 'canSubscribe' | 'canPublish' | 'canPublishSources' | 'canPublishData' | 'canUpdateOwnMetadata'>;

const DEFAULT_TTL_SECONDS = 600;

/**
 * LiveKit permissions by role:
 *
 * | role | subscribe | publish |
 * | --- | --- | --- |
 * | chair, presenter | yes | camera tracks only (the document camera) |
 * | member, recorder, observer | yes | nothing |
 *
 * Publishing is expressed as `canPublish: true` with `canPublishSources: [CAMERA]`; LiveKit then
 * refuses microphone, screen-share and screen-share-audio tracks, so a chair or presenter cannot
 * put anything but a camera in front of the other venues. LiveKit cannot tell a document camera
 * from a face camera (both are `camera`); the client publishes the document camera under the track
 * name `doc-camera`. Members and recorders only watch: they take part by annotating and speaking
 * in the room itself, and nothing in the review needs their video. Data messages are off for
 * everyone (`canPublishData: false`) because every shared state goes through the room server,
 * where it is checked; a LiveKit data channel would be a way around the rights table. Nobody may
 * rewrite their own participant metadata, which carries the venue and role.
 *
 * The role that counts is the *effective* role (`effectiveRole` of the model): pass the room's
 * `ctx` so that the document's presenter (`briefing.presenter`) publishes, not merely whoever
 * holds a token saying `presenter`. A LiveKit token is checked when joining: someone who stops
 * being presenter while connected keeps their grant until they rejoin (at most the token lifetime
 * for a fresh join); the room server's rights table still refuses their freezes and stills.
 *
 * Returns `undefined` for the `server` pseudo-actor, which never joins media.
 */
export function livekitGrantsFor(actor: Actor, ctx: RightsContext = {}): LivekitGrants | undefined {
  const base = { canSubscribe: true, canPublishData: false, canUpdateOwnMetadata: false };
  switch (effectiveRole(actor, ctx)) {
    case 'chair':
    case 'presenter':
      return { ...base, canPublish: true, canPublishSources: [TrackSource.CAMERA] };
    case 'member':
    case 'recorder':
    case 'observer':
      return { ...base, canPublish: false };
    default:
      return undefined;
  }
}

/** Mints the LiveKit token for `actor` in `room` (exported for the CLI and tests). */
export async function mintLivekitToken(config: LivekitConfig, actor: Actor, room: string, ctx: RightsContext = {}): Promise<LivekitTokenResponse> {
  const grants = livekitGrantsFor(actor, ctx);
  if (!grants) throw new Error(`no LiveKit grants for role ${actor.role}`);
  const at = new AccessToken(config.apiKey, config.apiSecret, {
    identity: actor.userId,
    name: actor.name,
    metadata: JSON.stringify({ venue: actor.venue, role: actor.role }),
    attributes: { venue: actor.venue, role: actor.role },
    ttl: config.ttlSeconds ?? DEFAULT_TTL_SECONDS,
  });
  at.addGrant({ ...grants, roomJoin: true, room });
  return { url: config.url, token: await at.toJwt(), identity: actor.userId, room };
}

const reply = (res: ServerResponse, deps: LivekitHttpDeps, status: number, body: unknown, headers: Record<string, string> = {}): void =>
  sendJson(res, status, body, { ...corsHeaders(deps.allowOrigin), ...headers });

/**
 * Serves `POST /livekit/token` with `Authorization: Bearer <room token>` (any request body is
 * ignored) and answers `{ url, token, identity, room }`. 401 for a missing or invalid token, 403
 * for an actor without LiveKit grants, 405 for other methods, 503 `livekit-not-configured` when
 * `deps.livekit` is absent. Resolves `false` for any other URL; never rejects.
 */
export async function handleLivekitTokenRequest(req: IncomingMessage, res: ServerResponse, deps: LivekitHttpDeps): Promise<boolean> {
  let pathname: string;
  try {
    pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  } catch {
    return false;
  }
  if (pathname !== '/livekit/token') return false;
  // The body is not used; read it away so a keep-alive connection stays usable.
  req.resume();
  req.on('error', () => {});

  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      ...corsHeaders(deps.allowOrigin),
      'Access-Control-Allow-Methods': 'POST, OPTIONS',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type',
      'Access-Control-Max-Age': '600',
    });
    res.end();
    return true;
  }
  if (req.method !== 'POST') {
    reply(res, deps, 405, { error: 'method-not-allowed', message: 'use POST' }, { Allow: 'POST, OPTIONS' });
    return true;
  }
  const challenge = { 'WWW-Authenticate': 'Bearer' };
  const token = bearerToken(req);
  if (!token) {
    reply(res, deps, 401, { error: 'unauthenticated', message: 'a room token is required (Authorization: Bearer <token>)' }, challenge);
    return true;
  }
  let auth: { actor: Actor; room: string };
  try {
    auth = await deps.authenticate(token);
  } catch {
    reply(res, deps, 401, { error: 'unauthenticated', message: 'the room token is not valid' }, challenge);
    return true;
  }
  const config = deps.livekit;
  // An empty key would make the SDK fall back to LIVEKIT_API_KEY from the environment, which only
  // bin.ts may read: treat it as not configured.
  if (!config || !config.url || !config.apiKey || !config.apiSecret) {
    reply(res, deps, 503, { error: 'livekit-not-configured', message: 'this server has no LiveKit configured' });
    return true;
  }
  if (!livekitGrantsFor(auth.actor)) {
    reply(res, deps, 403, { error: 'forbidden', message: `a ${auth.actor.role} does not join media` });
    return true;
  }
  try {
    const ctx = deps.rightsContext ? await deps.rightsContext(auth.room) : {};
    reply(res, deps, 200, await mintLivekitToken(config, auth.actor, auth.room, ctx));
  } catch (error) {
    deps.onError?.(error, 'POST /livekit/token');
    reply(res, deps, 500, { error: 'internal', message: 'the LiveKit token could not be minted' });
  }
  return true;
}
