/**
 * The connection state of a venue's link to the room server, shared by every element that
 * shows or reacts to it. A deliberately small union: anything finer (retry counts, close codes)
 * belongs in logs, not in the UI.
 */

/**
 * - `connecting`: trying to reach the room server (first connection or reconnecting).
 * - `synced`: connected, and the local document has caught up with the server's.
 * - `offline`: no connection; local edits are kept and merge on reconnect.
 * - `denied`: the server refused this user (expired or invalid token, no rights for the room).
 */
export type ConnectionStatus = 'connecting' | 'synced' | 'offline' | 'denied';

/** Every {@link ConnectionStatus}, in the order a session usually passes through them. */
export const connectionStatuses: readonly ConnectionStatus[] = Object.freeze([
  'connecting',
  'synced',
  'offline',
  'denied',
]);

/** Whether `value` is one of the {@link ConnectionStatus} strings (for attributes and remote data). */
export function isConnectionStatus(value: unknown): value is ConnectionStatus {
  return typeof value === 'string' && (connectionStatuses as readonly string[]).includes(value);
}
