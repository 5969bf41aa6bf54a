/**
 * The document camera's visible state, derived in one place from what the element knows: the
 * mode, the local camera, the LiveKit connection and the room document's freeze.
 */
import type { CameraProblem } from './camera-access.js';
import type { MediaStatus } from './media-session.js';

/**
 * What `<hs-doc-camera>` shows:
 *
 * - `idle` — nothing started (source: camera closed; viewer: not connected yet);
 * - `insecure`, `no-permission`, `no-device`, `device-busy` — the camera cannot be opened;
 * - `preview` — source: the camera is open, not shared;
 * - `connecting`, `reconnecting` — the LiveKit connection is being made or repaired;
 * - `waiting` — viewer: connected, nobody shares a document camera (of the chosen venue);
 * - `live` — source: shared; viewer: receiving;
 * - `frozen` — the room document freezes every venue on a still;
 * - `ended` — viewer: the feed that was shown has stopped;
 * - `unreachable` — LiveKit (or its token endpoint) cannot be reached (retry offered);
 * - `refused` — LiveKit or the room server refused (e.g. an observer trying to share).
 */
export type DocCameraState =
  | 'idle'
  | CameraProblem
  | 'preview'
  | 'connecting'
  | 'reconnecting'
  | 'waiting'
  | 'live'
  | 'frozen'
  | 'ended'
  | 'unreachable'
  | 'refused';

/** What the state is derived from. */
export interface StateInputs {
  mode: 'source' | 'viewer';
  /** Why the local camera could not be opened (source). */
  cameraProblem: CameraProblem | undefined;
  /** The local camera is open (source). */
  cameraOpen: boolean;
  /** The local camera is published (source). */
  publishing: boolean;
  /** A publish attempt is under way (source). */
  publishPending: boolean;
  /** The LiveKit connection. */
  media: MediaStatus;
  /** Viewer: a document camera track is attached. */
  receiving: boolean;
  /** Viewer: a track was shown and has gone. */
  lost: boolean;
  /** The room freezes every venue on a still. */
  frozen: boolean;
}

/** Derives the state; problems come first, then the freeze, then the media. */
export function deriveState(i: StateInputs): DocCameraState {
  if (i.media === 'refused') return 'refused';
  if (i.mode === 'source' && i.cameraProblem) return i.cameraProblem;
  if (i.media === 'unreachable') return 'unreachable';
  if (i.frozen) return 'frozen';
  if (i.media === 'reconnecting') return 'reconnecting';
  if (i.mode === 'source') {
    if (!i.cameraOpen) return 'idle';
    if (i.publishPending || (i.media === 'connecting' && !i.publishing)) return 'connecting';
    return i.publishing ? 'live' : 'preview';
  }
  if (i.media === 'connecting') return 'connecting';
  if (i.media === 'idle') return 'idle';
  if (i.receiving) return 'live';
  if (i.lost || i.media === 'disconnected') return 'ended';
  return 'waiting';
}

/** States after which `retry()` makes sense. */
export const RETRYABLE: ReadonlySet<DocCameraState> = new Set(['no-permission', 'no-device', 'device-busy', 'unreachable', 'ended', 'refused']);
