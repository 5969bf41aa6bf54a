/**
 * An in-memory stand-in for LiveKit, for stories and demos without a server: every session made
 * by one hub sees the tracks the others publish, as the same `MediaStreamTrack` (no encoding). A
 * story can also put the hub's sessions into any connection state (`setStatus`), or make the next
 * connection or publication fail, to show the element's problem states.
 *
 * ```ts
 * const hub = createMemoryMedia();
 * source.media = hub.session({ identity: 'p1', name: '李检察官', venue: 'county', canPublish: true });
 * viewer.media = hub.session({ identity: 'm1', name: '王检察官', venue: 'city' });
 * ```
 */
import { MediaError, type DocCameraMedia, type MediaStatus, type MediaTokenSource, type RemoteDocCamera, type SenderSample } from './media-session.js';

/** Who a memory session belongs to. */
export interface MemoryParticipant {
  identity: string;
  name: string;
  venue: string;
  /** Granted publishing (default false, as for members in a real room). */
  canPublish?: boolean;
}

/** A hub connecting in-memory media sessions. */
export interface MemoryMediaHub {
  /** A new session for `participant`. */
  session(participant: MemoryParticipant): DocCameraMedia;
  /** Puts every connected session into `status` (e.g. `reconnecting`), or back to `connected`. */
  setStatus(status: MediaStatus): void;
  /** Makes the next `connect()` or `publish()` of any session fail with this status. */
  failNext(status: 'refused' | 'unreachable'): void;
}

class MemorySession extends EventTarget implements DocCameraMedia {
  readonly needsTokens = false;
  status: MediaStatus = 'idle';
  publishedTrack: MediaStreamTrack | undefined;

  constructor(
    readonly participant: MemoryParticipant,
    private readonly hub: Hub,
  ) {
    super();
  }

  get canPublish(): boolean {
    return this.participant.canPublish === true;
  }

  get cameras(): readonly RemoteDocCamera[] {
    if (this.status !== 'connected' && this.status !== 'reconnecting') return [];
    return this.hub.sessions
      .filter((s) => s !== this && s.publishedTrack && s.status !== 'idle')
      .map((s) => ({ identity: s.participant.identity, name: s.participant.name, venue: s.participant.venue, track: s.publishedTrack }));
  }

  set(status: MediaStatus): void {
    this.status = status;
    this.hub.changed();
  }

  async connect(_tokens?: MediaTokenSource): Promise<void> {
    await Promise.resolve();
    const failure = this.hub.takeFailure();
    if (failure) {
      this.set(failure);
      throw new MediaError(failure, `memory media: ${failure}`);
    }
    this.set('connected');
  }

  async publish(track: MediaStreamTrack): Promise<unknown> {
    const failure = this.hub.takeFailure();
    if (failure || !this.canPublish) throw new MediaError(failure ?? 'refused', 'memory media: not allowed to publish');
    track.contentHint = 'detail';
    this.publishedTrack = track;
    this.hub.changed();
    return track;
  }

  async replaceTrack(track: MediaStreamTrack): Promise<void> {
    if (!this.publishedTrack) return;
    this.publishedTrack = track;
    this.hub.changed();
  }

  async unpublish(): Promise<void> {
    this.publishedTrack = undefined;
    this.hub.changed();
  }

  async senderSample(): Promise<SenderSample | undefined> {
    const settings = this.publishedTrack?.getSettings();
    return settings ? { width: settings.width ?? 0, height: settings.height ?? 0, bitrate: 0 } : undefined;
  }

  async disconnect(): Promise<void> {
    this.publishedTrack = undefined;
    this.set('idle');
  }
}

class Hub implements MemoryMediaHub {
  readonly sessions: MemorySession[] = [];
  #failure: 'refused' | 'unreachable' | undefined;

  session(participant: MemoryParticipant): DocCameraMedia {
    const session = new MemorySession(participant, this);
    this.sessions.push(session);
    return session;
  }

  setStatus(status: MediaStatus): void {
    for (const s of this.sessions) if (s.status !== 'idle') s.status = status;
    this.changed();
  }

  failNext(status: 'refused' | 'unreachable'): void {
    this.#failure = status;
  }

  takeFailure(): 'refused' | 'unreachable' | undefined {
    const failure = this.#failure;
    this.#failure = undefined;
    return failure;
  }

  changed(): void {
    for (const s of this.sessions) s.dispatchEvent(new Event('change'));
  }
}

/** Creates an in-memory media hub (see the module comment). */
export function createMemoryMedia(): MemoryMediaHub {
  return new Hub();
}
