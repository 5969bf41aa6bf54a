/**
 * Helpers for browser tests against the real room server started by the WTR plugin
 * (`test/helpers/wtr-room-server.mjs`): where it is, tokens for it, fresh room names, and
 * `connectRoom` sessions that are cleaned up (sockets closed, IndexedDB copies deleted).
 */
import type { Actor } from '@huishen/model';
import { connectRoom, type ConnectRoomOptions, type RoomSession } from '@huishen/elements/room/connect-room.js';

/** The room server's http:// base URL. */
export async function roomServerUrl(): Promise<string> {
  return ((await (await fetch('/__huishen__/room-server.json')).json()) as { url: string }).url;
}

/** A room token for `actor` in `room`, signed with the test server's secret. */
export async function tokenFor(room: string, actor: Actor): Promise<string> {
  const q = new URLSearchParams({ room, user: actor.userId, name: actor.name, venue: actor.venue, role: actor.role });
  return ((await (await fetch(`/__huishen__/token?${q}`)).json()) as { token: string }).token;
}

/** A room name no other test uses. */
export function freshRoom(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}

export const COUNTY_PRESENTER: Actor = { userId: 'county-presenter', name: '李明（县院承办人）', venue: 'county', role: 'presenter' };
export const CITY_MEMBER: Actor = { userId: 'city-member', name: '王芳（市院检察官）', venue: 'city', role: 'member' };
export const CITY_CHAIR: Actor = { userId: 'city-chair', name: '张强（市院检察长）', venue: 'city', role: 'chair' };

/** Opens sessions and closes them all (and deletes their IndexedDB copies) at the end. */
export class Sessions {
  private readonly open: RoomSession[] = [];
  private readonly databases = new Set<string>();

  /** Connects `actor` to `room`; each call uses its own socket and its own IndexedDB name. */
  async connect(base: string, room: string, actor: Actor, options: Partial<ConnectRoomOptions> = {}): Promise<RoomSession> {
    const db = typeof options.offline === 'string' ? options.offline : `huishen-test:${room}:${actor.userId}:${this.open.length}`;
    if (options.offline !== false) this.databases.add(db);
    const session = connectRoom({ serverUrl: base, room, token: await tokenFor(room, actor), ...options, offline: options.offline === false ? false : db });
    this.open.push(session);
    return session;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.open.splice(0).map((s) => s.destroy()));
    await Promise.all(
      [...this.databases].map(
        (name) =>
          new Promise<void>((resolve) => {
            const request = indexedDB.deleteDatabase(name);
            request.onsuccess = request.onerror = request.onblocked = () => resolve();
          }),
      ),
    );
    this.databases.clear();
  }
}

/** Polls `check` every 10 ms until true; fails after `timeout` ms naming `what`. */
export async function until(check: () => boolean, what: string, timeout = 8000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
