/**
 * An in-memory review room of two (or more) peers, for stories and tests: no server, no network,
 * yet real collaboration — every peer has its own `Y.Doc`, its own `Awareness`, its own actor,
 * {@link LocalOrigin} and per-user undo manager, and the room relays document and presence
 * updates between them the way the room server would. A peer can go offline (its edits are
 * kept and counted as unsaved) and come back (everything merges).
 *
 * Each peer IS a `RoomContextValue`: hand it to whatever provides the room context.
 *
 * ```ts
 * const room = createStoryRoom(); // county presenter + city member
 * const { evidence } = await seedCase(room); // venues, case info, two generated PDFs
 * const [county, city] = room.peers;
 * html`<hs-story-room .room=${county}>
 *   <hs-evidence-viewer evidence-id=${evidence[0].id}></hs-evidence-viewer>
 * </hs-story-room>`;
 * room.setOnline(1, false); // the city venue loses the network
 * ```
 *
 * Evidence bytes live in the room's blob store (`uploadEvidence(blob)` → SHA-256); a peer's
 * `evidenceUrl(sha256)` is a `blob:` URL of those bytes.
 */
import { ContextProvider } from '@lit/context';
import { LitElement, html } from 'lit';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  addAnnotation,
  addEvidence,
  createUndoManager,
  initRoom,
  LocalOrigin,
  presenceUser,
  readEvidence,
  setCaseInfo,
  setLocalUser,
  setVenue,
  SERVER_ORIGIN,
  type Actor,
  type Evidence,
  type NewAnnotation,
  type PresenceUser,
  type Venue,
} from '@huishen/model';
import { roomContext, type RoomContextValue } from '@huishen/elements';
import { ConnectionState } from '@huishen/elements/room/connection-state.js';
import { fallbackVenueColor } from '@huishen/elements/room/venue-colors.js';
import { VenueLayers } from '@huishen/elements/room/venue-layers.js';
import { samplePdf } from './sample-pdfs.js';

/** The origin of updates the in-memory room relays between peers (never tracked by undo). */
const RELAY = Symbol('story-room-relay');

/** People who often sit in a joint review; pass any of them (or your own) as peers. */
export const STORY_ACTORS = Object.freeze({
  countyPresenter: { userId: 'county-presenter', name: '李明（县院承办人）', venue: 'county', role: 'presenter' },
  cityMember: { userId: 'city-member', name: '王芳（市院检察官）', venue: 'city', role: 'member' },
  cityChair: { userId: 'city-chair', name: '张强（市院检察长）', venue: 'city', role: 'chair' },
  countyRecorder: { userId: 'county-recorder', name: '赵丽（县院书记员）', venue: 'county', role: 'recorder' },
  cityObserver: { userId: 'city-observer', name: '陈静（市院列席）', venue: 'city', role: 'observer' },
} satisfies Record<string, Actor>);

/** The venues of {@link STORY_ACTORS}, with their colours. */
export const STORY_VENUES: readonly Venue[] = Object.freeze([
  { id: 'city', name: '市人民检察院', level: 'city', color: '#1c64c8' },
  { id: 'county', name: '县人民检察院', level: 'county', color: '#c2410c' },
]);

/** One peer of a {@link StoryRoom}. */
export interface StoryPeerOptions {
  /** Who sits at this screen. */
  actor: Actor;
  /** The presence colour (default: the venue's colour in {@link STORY_VENUES}, else a palette colour). */
  color?: string;
}

/** Options of {@link createStoryRoom}. */
export interface StoryRoomOptions {
  /** The peers, in order (default: the county presenter and a city member). */
  peers?: readonly StoryPeerOptions[];
  /** Undo capture timeout in milliseconds (default 500; tests use 0 to make every edit a step). */
  captureTimeout?: number;
}

/** A peer: a full room context of its own (doc, awareness, origin, undo manager, connection). */
export interface StoryPeer extends RoomContextValue {
  readonly actor: Actor;
  readonly user: PresenceUser;
  readonly awareness: awarenessProtocol.Awareness;
  readonly origin: LocalOrigin;
  readonly undoManager: Y.UndoManager;
  readonly connection: ConnectionState;
  readonly venueLayers: VenueLayers;
  uploadEvidence(bytes: Blob): Promise<string>;
}

/** The room: its peers, their links, and the shared evidence store. */
export interface StoryRoom {
  readonly peers: readonly StoryPeer[];
  /** Whether peer `index` is connected to the others. */
  isOnline(index: number): boolean;
  /**
   * Takes a peer off the room (its edits stay local and count as unsaved; the others stop seeing
   * its presence) or brings it back (state vectors are exchanged and everything merges).
   */
  setOnline(index: number, online: boolean): void;
  /** Stores bytes in the room's evidence store; resolves with their SHA-256. */
  uploadEvidence(bytes: Blob): Promise<string>;
  /** The `blob:` URL of stored bytes (an unresolvable `blob:` URL when nothing is stored under it). */
  evidenceUrl(sha256: string): string;
  /** Disconnects everything and revokes the blob URLs. */
  destroy(): void;
}

async function sha256Hex(bytes: Blob): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await bytes.arrayBuffer()));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Creates an in-memory room; see the module comment. */
export function createStoryRoom(options: StoryRoomOptions = {}): StoryRoom {
  const specs = options.peers ?? [{ actor: STORY_ACTORS.countyPresenter }, { actor: STORY_ACTORS.cityMember }];
  if (specs.length < 1) throw new RangeError('a story room needs at least one peer');
  const blobs = new Map<string, string>();
  const online: boolean[] = specs.map(() => true);
  const pending: number[] = specs.map(() => 0);

  const evidenceUrl = (sha256: string): string => blobs.get(sha256) ?? `blob:${location.origin}/missing-evidence-${sha256}`;
  const uploadEvidence = async (bytes: Blob): Promise<string> => {
    const hash = await sha256Hex(bytes);
    if (!blobs.has(hash)) blobs.set(hash, URL.createObjectURL(bytes));
    return hash;
  };

  const peers: StoryPeer[] = specs.map((spec) => {
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    const origin = new LocalOrigin(spec.actor);
    const color = spec.color ?? STORY_VENUES.find((v) => v.id === spec.actor.venue)?.color ?? fallbackVenueColor(spec.actor.venue);
    const user = presenceUser(spec.actor, color);
    setLocalUser(awareness, user);
    return {
      actor: spec.actor,
      user,
      doc,
      awareness,
      origin,
      undoManager: createUndoManager(doc, origin, { captureTimeout: options.captureTimeout ?? 500 }),
      connection: new ConnectionState('synced'),
      venueLayers: new VenueLayers(),
      evidenceUrl,
      uploadEvidence,
    };
  });

  const broadcastAwareness = (from: number, clients: number[]): void => {
    const update = awarenessProtocol.encodeAwarenessUpdate(peers[from]!.awareness, clients);
    peers.forEach((other, j) => j !== from && online[j] && awarenessProtocol.applyAwarenessUpdate(other.awareness, update, RELAY));
  };

  const offs = peers.map((peer, i) => {
    const onUpdate = (update: Uint8Array, origin: unknown): void => {
      if (origin === RELAY) return;
      if (!online[i]) {
        pending[i] = pending[i]! + 1;
        peer.connection.update({ unsaved: pending[i] });
        return;
      }
      peers.forEach((other, j) => j !== i && online[j] && Y.applyUpdate(other.doc, update, RELAY));
    };
    const onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
      if (origin === RELAY || !online[i]) return;
      broadcastAwareness(i, [...added, ...updated, ...removed]);
    };
    peer.doc.on('update', onUpdate);
    peer.awareness.on('update', onAwareness);
    return () => {
      peer.doc.off('update', onUpdate);
      peer.awareness.off('update', onAwareness);
    };
  });

  const setOnline = (index: number, value: boolean): void => {
    const peer = peers[index];
    if (!peer) throw new RangeError(`no peer ${index} in a room of ${peers.length}`);
    if (online[index] === value) return;
    online[index] = value;
    if (!value) {
      // What the server does when a socket closes: everyone else forgets its presence, and it
      // forgets everyone else's (as y-websocket does on disconnect).
      peers.forEach((other, j) => {
        if (j === index) return;
        awarenessProtocol.removeAwarenessStates(other.awareness, [peer.awareness.clientID], RELAY);
        awarenessProtocol.removeAwarenessStates(peer.awareness, [other.awareness.clientID], RELAY);
      });
      peer.connection.update({ status: 'offline' });
      return;
    }
    peers.forEach((other, j) => {
      if (j === index || !online[j]) return;
      Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(peer.doc, Y.encodeStateVector(other.doc)), RELAY);
      Y.applyUpdate(peer.doc, Y.encodeStateAsUpdate(other.doc, Y.encodeStateVector(peer.doc)), RELAY);
    });
    // Renewing a state bumps its clock, so peers that removed it accept it again.
    peers.forEach((other, j) => {
      if (j !== index && !online[j]) return;
      const state = other.awareness.getLocalState();
      if (state !== null) other.awareness.setLocalState(state);
      if (j !== index) broadcastAwareness(j, [other.awareness.clientID]);
    });
    pending[index] = 0;
    peer.connection.update({ status: 'synced', unsaved: 0 });
  };

  // Everyone sees everyone's presence from the start.
  peers.forEach((peer, i) => broadcastAwareness(i, [peer.awareness.clientID]));

  return {
    peers,
    isOnline: (index) => online[index] === true,
    setOnline,
    uploadEvidence,
    evidenceUrl,
    destroy() {
      offs.forEach((off) => off());
      for (const peer of peers) {
        peer.undoManager.destroy();
        peer.awareness.destroy();
        peer.doc.destroy();
      }
      for (const url of blobs.values()) URL.revokeObjectURL(url);
      blobs.clear();
    },
  };
}

/** What {@link seedCase} put in the room. */
export interface SeededCase {
  /** The evidence records, in order. */
  readonly evidence: readonly Evidence[];
  /** Ids of the annotations it added. */
  readonly annotations: readonly string[];
}

/** Options of {@link seedCase}. */
export interface SeedCaseOptions {
  /** Number of evidence PDFs (default 2). */
  documents?: number;
  /** Pages per PDF (default 3). */
  pages?: number;
  /** Page size in points (default A4 portrait). */
  pageSize?: readonly [number, number];
  /** Index of the peer who adds the evidence (default 0; must be a chair or presenter to be realistic). */
  by?: number;
  /**
   * A few sample marks from every peer on page 1 of the first document (default true), so that
   * stories show two venues' marks side by side.
   */
  annotations?: boolean;
}

/**
 * Fills a story room with a case: venues ({@link STORY_VENUES} plus any other peer venue), case
 * number and title, generated evidence PDFs uploaded to the blob store and registered by peer
 * `by`, and (optionally) sample annotations. Every write is a model operation of the writing
 * peer, so authors, venues and undo stacks are real.
 */
export async function seedCase(room: StoryRoom, options: SeedCaseOptions = {}): Promise<SeededCase> {
  const documents = options.documents ?? 2;
  const pages = options.pages ?? 3;
  const by = room.peers[options.by ?? 0];
  if (!by) throw new RangeError(`no peer ${options.by} to seed the case`);
  const { doc, origin } = by;
  initRoom(doc, {}, SERVER_ORIGIN);
  const venues = new Map(STORY_VENUES.map((v) => [v.id, v]));
  for (const peer of room.peers) {
    if (!venues.has(peer.actor.venue)) venues.set(peer.actor.venue, { id: peer.actor.venue, name: peer.actor.venue, level: 'other', color: peer.user.color });
  }
  for (const venue of venues.values()) setVenue(doc, venue, SERVER_ORIGIN);
  setCaseInfo(doc, { caseNumber: '（2026）县检刑诉 118 号', caseTitle: '张某某涉嫌盗窃案', cause: '盗窃罪', timeZone: 'Asia/Shanghai' }, origin);

  const evidence: Evidence[] = [];
  for (let d = 0; d < documents; d++) {
    const bytes = samplePdf(
      Array.from({ length: pages }, (_, p) => ({
        ...(options.pageSize ? { size: options.pageSize } : {}),
        lines: [`Exhibit ${d + 1}, page ${p + 1} of ${pages}`, 'Huishen story room sample evidence.'],
      })),
    );
    const sha256 = await room.uploadEvidence(new Blob([bytes], { type: 'application/pdf' }));
    const id = addEvidence(doc, { title: `证据${d + 1}：询问笔录（第 ${d + 1} 册）`, kind: 'pdf', mime: 'application/pdf', bytes: bytes.byteLength, sha256, pages }, origin);
    const record = readEvidence(doc).find((e) => e.id === id);
    if (record) evidence.push(record);
  }

  const annotations: string[] = [];
  const first = evidence[0];
  if ((options.annotations ?? true) && first) {
    room.peers.forEach((peer, i) => {
      if (peer.actor.role === 'observer') return;
      const top = 700 - i * 160;
      const marks: NewAnnotation[] = [
        { evidenceId: first.id, page: 1, kind: 'rect', geometry: { rect: [72, top - 60, 300, top] } },
        { evidenceId: first.id, page: 1, kind: 'note', geometry: { rect: [320, top - 60, 520, top] }, text: i === 0 ? '此处供述与监控时间不符' : '请核实案发时间' },
        { evidenceId: first.id, page: 1, kind: 'ink', geometry: { points: Array.from({ length: 24 }, (_, k) => [80 + k * 9, top - 100 + Math.sin(k / 3) * 12, 0.5] as [number, number, number]) } },
      ];
      for (const mark of marks) annotations.push(addAnnotation(peer.doc, mark, peer.origin));
    });
    // Seeding is not the user's work: nothing of it should be undoable in a story.
    room.peers.forEach((peer) => peer.undoManager.clear());
  }
  return { evidence, annotations };
}

/**
 * `<hs-story-room .room=${peer}>`: provides one peer's room context to its light-DOM children,
 * as `<hs-room>` will in an application.
 */
export class HsStoryRoom extends LitElement {
  private readonly provider = new ContextProvider(this, { context: roomContext });
  /** The room context to provide (a {@link StoryPeer} or any other). */
  set room(value: RoomContextValue | undefined) {
    this.provider.setValue(value);
  }
  get room(): RoomContextValue | undefined {
    return this.provider.value;
  }
  protected override render() {
    return html`<slot></slot>`;
  }
}
if (!customElements.get('hs-story-room')) customElements.define('hs-story-room', HsStoryRoom);

declare global {
  interface HTMLElementTagNameMap {
    'hs-story-room': HsStoryRoom;
  }
}
