/**
 * Loading the still every venue is frozen on: the bytes come from the room's evidence store and
 * are checked against the record's SHA-256 before they are shown, as for any evidence.
 */
import { sha256Hex } from './still.js';

/** Fetches `url`, checks the bytes' SHA-256 and resolves with an object URL (revoke it when done). */
export async function loadVerifiedStill(url: string, sha256: string, init: RequestInit = {}, signal?: AbortSignal): Promise<string> {
  const response = await fetch(url, { ...init, signal: signal ?? null });
  if (!response.ok) throw new Error(`the still could not be loaded (${response.status})`);
  const blob = await response.blob();
  const actual = await sha256Hex(blob);
  if (actual !== sha256) throw new Error(`the still's SHA-256 is ${actual}, the record says ${sha256}`);
  return URL.createObjectURL(blob);
}
