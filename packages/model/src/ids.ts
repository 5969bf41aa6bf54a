/**
 * Identifiers. Every record id, user id and venue id has one shape so that a peer cannot smuggle
 * prototype keys (`__proto__`), paths or megabyte strings in through a key.
 */
import { nanoid } from 'nanoid';

/** Letters, digits, `_` and `-`; 1 to 64 characters (nanoid's alphabet). */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Keys that must never be used as record keys or object fields. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** True when `value` is a string of the id shape and not a prototype key. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value) && !FORBIDDEN_KEYS.has(value);
}

/** A new random id (21 characters, 126 bits). */
export function newId(): string {
  return nanoid();
}

/**
 * A new document generation id. It changes only when a room is created from nothing, so a client
 * that remembers another generation knows the server lost its state.
 */
export function newGeneration(): string {
  return nanoid(16);
}
