/**
 * The document camera's side of LiveKit: one connection to the room's LiveKit room, publishing
 * the `doc-camera` track tuned for paper, or watching the `doc-camera` tracks of other venues at
 * full resolution.
 *
 * How to think about it: a small state holder around a LiveKit `Room` that the element renders.
 * `livekit-client` (about 155 KB) is imported on first use only, so pages that never show the
 * camera never load it. Tokens come from the room server (`POST /livekit/token`, with the room
 * token), which grants publishing to the chair and the document's presenter only.
 *
 * Tuning for paper (setup.md, "a camera is not a screen share"): `contentHint = 'detail'` on the
 * track, `degradationPreference = 'maintain-resolution'` on the sender, VP8 (SVC codecs force
 * 'motion'), one layer (no simulcast downscale), a high bitrate ceiling. Viewers turn
 * `adaptiveStream` off, so the layer is never chosen by the element's size on screen.
 */
import type { LocalVideoTrack, RemoteVideoTrack, Room } from 'livekit-client';

/** The track name of the document camera. */
export const DOC_CAMERA_TRACK = 'doc-camera';

/** Default ceiling of the outgoing bitrate: 8 Mbps keeps small print legible at 4K. */
export const DEFAULT_MAX_BITRATE = 8_000_000;

/** The state of the LiveKit connection. */
export type MediaStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'unreachable' | 'refused';

/** Where and how to join LiveKit. */
export interface MediaCredentials {
  url: string;
  token: string;
}

/** Supplies LiveKit credentials (by default from the room server's `/livekit/token`). */
export type MediaTokenSource = () => Promise<MediaCredentials>;

/** A failure that means "not allowed" (`refused`) or "cannot reach" (`unreachable`). */
export class MediaError extends Error {
  readonly status: 'refused' | 'unreachable';
  constructor(status: 'refused' | 'unreachable', message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'MediaError';
    this.status = status;
  }
}

/**
 * Asks the room server for LiveKit credentials: `POST tokenUrl` with `init` (which carries the
 * room token as `Authorization: Bearer …`). 401/403 → `refused`; anything else → `unreachable`.
 */
export async function fetchMediaToken(tokenUrl: string, init: RequestInit = {}): Promise<MediaCredentials> {
  let response: Response;
  try {
    response = await fetch(tokenUrl, { ...init, method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json', ...(init.headers as Record<string, string> | undefined) } });
  } catch (error) {
    throw new MediaError('unreachable', `the room server did not answer ${tokenUrl}`, error);
  }
  if (response.status === 401 || response.status === 403) throw new MediaError('refused', `the room server refused a media token (${response.status})`);
  if (!response.ok) throw new MediaError('unreachable', `the room server answered ${response.status} for a media token`);
  const body = (await response.json()) as Partial<MediaCredentials>;
  if (typeof body.url !== 'string' || typeof body.token !== 'string') throw new MediaError('unreachable', 'the media token answer is incomplete');
  return { url: body.url, token: body.token };
}

/** A document camera published by another participant. */
export interface RemoteDocCamera {
  /** The publisher's user id (LiveKit identity). */
  identity: string;
  /** Display name. */
  name: string;
  /** Venue id (from the token's attributes). */
  venue: string;
  /** The received video, once media flows. */
  track: MediaStreamTrack | undefined;
}

/**
 * What `<hs-doc-camera>` needs from a media transport. {@link MediaSession} is the LiveKit one;
 * `memory-media.ts` has an in-memory one for stories and demos without a server. Fires `change`
 * whenever anything readable here changed.
 */
export interface DocCameraMedia extends EventTarget {
  readonly status: MediaStatus;
  /** Document cameras of other participants. */
  readonly cameras: readonly RemoteDocCamera[];
  /** True when this participant was granted publishing. */
  readonly canPublish: boolean;
  /** The published track, if publishing. */
  readonly publishedTrack: MediaStreamTrack | undefined;
  /** True when {@link connect} needs credentials (LiveKit does; an in-memory hub does not). */
  readonly needsTokens: boolean;
  connect(tokens: MediaTokenSource): Promise<void>;
  publish(track: MediaStreamTrack, options?: PublishOptions): Promise<unknown>;
  replaceTrack(track: MediaStreamTrack): Promise<void>;
  unpublish(): Promise<void>;
  senderSample(): Promise<SenderSample | undefined>;
  disconnect(): Promise<void>;
}

/** How to publish; the defaults are the paper tuning. */
export interface PublishOptions {
  /** Outgoing bitrate ceiling in bits per second. Default {@link DEFAULT_MAX_BITRATE}. */
  maxBitrate?: number | undefined;
  /** Frame-rate ceiling. Default 15 (paper hardly moves). */
  maxFramerate?: number | undefined;
  /**
   * `false` publishes with LiveKit's camera defaults instead (simulcast, `maintain-framerate`, no
   * content hint); used by the benchmark's anchor only.
   */
  tuned?: boolean | undefined;
}

/** What the sender reports about the outgoing picture. */
export interface SenderSample {
  width: number;
  height: number;
  /** Bits per second since the previous sample (0 for the first). */
  bitrate: number;
}

type Livekit = typeof import('livekit-client');
let livekitModule: Promise<Livekit> | undefined;
/** Loads livekit-client once. */
export function loadLivekit(): Promise<Livekit> {
  return (livekitModule ??= import('livekit-client'));
}

/** One participant's LiveKit connection for the document camera. Fires `change`. */
export class MediaSession extends EventTarget implements DocCameraMedia {
  #status: MediaStatus = 'idle';
  #room: Room | undefined;
  #local: LocalVideoTrack | undefined;
  #cameras: RemoteDocCamera[] = [];
  #lastBytes: { bytes: number; at: number } | undefined;
  #closed = false;
  #lk: Livekit | undefined;

  /** The connection state. */
  get status(): MediaStatus {
    return this.#status;
  }
  /** The LiveKit room, once connected (for tests and advanced use). */
  get room(): Room | undefined {
    return this.#room;
  }
  /** The published document camera, if this participant publishes one. */
  get localTrack(): LocalVideoTrack | undefined {
    return this.#local;
  }
  /** LiveKit needs a token. */
  readonly needsTokens = true;

  /** The published track, if publishing. */
  get publishedTrack(): MediaStreamTrack | undefined {
    return this.#local?.mediaStreamTrack;
  }
  /** Document cameras of other participants, in join order. */
  get cameras(): readonly RemoteDocCamera[] {
    return this.#cameras;
  }

  #set(status: MediaStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    this.dispatchEvent(new Event('change'));
  }

  /** Joins the LiveKit room. Rejects with a {@link MediaError} (and sets the status) on failure. */
  async connect(tokens: MediaTokenSource): Promise<void> {
    if (this.#room) return;
    this.#closed = false;
    this.#set('connecting');
    try {
      const [{ url, token }, lk] = await Promise.all([tokens(), loadLivekit()]);
      if (this.#closed) return;
      this.#lk = lk;
      const room = new lk.Room({ adaptiveStream: false, dynacast: false, disconnectOnPageLeave: true });
      const refresh = () => this.#refresh();
      room
        .on(lk.RoomEvent.TrackSubscribed, refresh)
        .on(lk.RoomEvent.TrackUnsubscribed, refresh)
        .on(lk.RoomEvent.TrackPublished, refresh)
        .on(lk.RoomEvent.TrackUnpublished, refresh)
        .on(lk.RoomEvent.ParticipantConnected, refresh)
        .on(lk.RoomEvent.ParticipantDisconnected, refresh)
        .on(lk.RoomEvent.ParticipantAttributesChanged, refresh)
        .on(lk.RoomEvent.Reconnecting, () => this.#set('reconnecting'))
        .on(lk.RoomEvent.Reconnected, () => this.#set('connected'))
        .on(lk.RoomEvent.Disconnected, () => {
          this.#room = undefined;
          this.#local = undefined;
          this.#cameras = [];
          this.#set(this.#closed ? 'idle' : 'disconnected');
        });
      this.#room = room;
      try {
        await room.connect(url, token, { autoSubscribe: true });
      } catch (error) {
        this.#room = undefined;
        const notAllowed = error instanceof lk.ConnectionError && error.reason === lk.ConnectionErrorReason.NotAllowed;
        throw new MediaError(notAllowed ? 'refused' : 'unreachable', `LiveKit at ${url}: ${error instanceof Error ? error.message : String(error)}`, error);
      }
      this.#refresh();
      this.#set('connected');
    } catch (error) {
      const failure = error instanceof MediaError ? error : new MediaError('unreachable', String(error), error);
      this.#set(failure.status);
      throw failure;
    }
  }

  /** True when LiveKit granted this participant the right to publish a camera. */
  get canPublish(): boolean {
    const permissions = this.#room?.localParticipant.permissions;
    return permissions?.canPublish === true;
  }

  /**
   * Publishes `track` as the document camera. Rejects with a `refused` {@link MediaError} when
   * LiveKit did not grant publishing (the room server gives it to the chair and presenter only).
   */
  async publish(track: MediaStreamTrack, options: PublishOptions = {}): Promise<LocalVideoTrack> {
    const room = this.#room;
    if (!room) throw new Error('publish() before connect()');
    if (!this.canPublish) throw new MediaError('refused', 'LiveKit did not grant publishing to this participant');
    const lk = await loadLivekit();
    const tuned = options.tuned !== false;
    if (tuned) track.contentHint = 'detail';
    const encoding = { maxBitrate: options.maxBitrate ?? DEFAULT_MAX_BITRATE, maxFramerate: options.maxFramerate ?? 15 };
    try {
      const publication = await room.localParticipant.publishTrack(
        track,
        tuned
          ? { name: DOC_CAMERA_TRACK, source: lk.Track.Source.Camera, simulcast: false, videoCodec: 'vp8', backupCodec: false, degradationPreference: 'maintain-resolution', videoEncoding: encoding }
          : { name: DOC_CAMERA_TRACK, source: lk.Track.Source.Camera, degradationPreference: 'maintain-framerate', videoEncoding: encoding },
      );
      this.#local = publication.videoTrack;
      this.#lastBytes = undefined;
      if (!this.#local) throw new Error('LiveKit published no video track');
      this.dispatchEvent(new Event('change'));
      return this.#local;
    } catch (error) {
      if (error instanceof MediaError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new MediaError(/permission|not allowed|insufficient/i.test(message) ? 'refused' : 'unreachable', message, error);
    }
  }

  /** Sends another track (a new camera, or a transformed picture) in the same publication. */
  async replaceTrack(track: MediaStreamTrack): Promise<void> {
    if (!this.#local) return;
    track.contentHint = 'detail';
    await this.#local.replaceTrack(track, { userProvidedTrack: true });
  }

  /** Stops publishing (the camera itself stays open: the caller owns it). */
  async unpublish(): Promise<void> {
    const room = this.#room;
    const local = this.#local;
    this.#local = undefined;
    if (room && local) await room.localParticipant.unpublishTrack(local, false);
    this.dispatchEvent(new Event('change'));
  }

  /** The outgoing resolution and bitrate, from the sender's statistics. */
  async senderSample(): Promise<SenderSample | undefined> {
    const sender = this.#local?.sender;
    if (!sender) return undefined;
    const report = await sender.getStats();
    let width = 0;
    let height = 0;
    let bytes = 0;
    report.forEach((stat: { type?: string; kind?: string; frameWidth?: number; frameHeight?: number; bytesSent?: number }) => {
      if (stat.type !== 'outbound-rtp' || stat.kind !== 'video') return;
      bytes += stat.bytesSent ?? 0;
      if ((stat.frameWidth ?? 0) * (stat.frameHeight ?? 0) > width * height) {
        width = stat.frameWidth ?? 0;
        height = stat.frameHeight ?? 0;
      }
    });
    const at = performance.now();
    const previous = this.#lastBytes;
    this.#lastBytes = { bytes, at };
    const bitrate = previous && at > previous.at ? Math.max(0, ((bytes - previous.bytes) * 8 * 1000) / (at - previous.at)) : 0;
    return { width, height, bitrate };
  }

  /** Leaves the LiveKit room. */
  async disconnect(): Promise<void> {
    this.#closed = true;
    const room = this.#room;
    this.#room = undefined;
    this.#local = undefined;
    this.#cameras = [];
    if (room) await room.disconnect();
    this.#set('idle');
  }

  #refresh(): void {
    const room = this.#room;
    if (!room) return;
    const cameras: RemoteDocCamera[] = [];
    for (const participant of room.remoteParticipants.values()) {
      for (const publication of participant.videoTrackPublications.values()) {
        if (publication.trackName !== DOC_CAMERA_TRACK) continue;
        // One layer is published; asking for the top one keeps it that way if a publisher simulcasts.
        if (this.#lk) publication.setVideoQuality(this.#lk.VideoQuality.HIGH);
        cameras.push({
          identity: participant.identity,
          name: participant.name ?? participant.identity,
          venue: participant.attributes['venue'] ?? '',
          track: (publication.videoTrack as RemoteVideoTrack | undefined)?.mediaStreamTrack,
        });
      }
    }
    this.#cameras = cameras;
    this.dispatchEvent(new Event('change'));
  }
}
