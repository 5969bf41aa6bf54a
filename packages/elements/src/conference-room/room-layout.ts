/**
 * Panel sizing for `<hs-room>`: which panels exist, how wide the side columns may be, and the size
 * class of the room for its width (a laptop, a desktop, a wall display). Pure functions, so the
 * rules are testable apart from the element.
 */

/** The room's collapsible panels, in layout order. The viewer is always shown. */
export const ROOM_PANELS = ['evidence', 'annotations', 'roster', 'briefing', 'camera', 'timeline'] as const;
export type RoomPanel = (typeof ROOM_PANELS)[number];

/** Which side column a panel sits in. */
export const PANEL_COLUMN: Readonly<Record<RoomPanel, 'start' | 'end'>> = {
  evidence: 'start',
  annotations: 'start',
  roster: 'start',
  briefing: 'end',
  camera: 'end',
  timeline: 'end',
};

/** The room's size class: `compact` stacks everything, `wide` scales text up for wall displays. */
export type RoomSize = 'compact' | 'regular' | 'wide';

/** Below this width the columns stack (a portal's narrow content area, a tablet). */
export const COMPACT_BELOW = 1000;
/** From this width on the room is a wall display (4K at 100 %, or 1440p at 100 %). */
export const WIDE_FROM = 2400;

/** The size class of a room `width` CSS pixels wide. */
export function roomSizeFor(width: number): RoomSize {
  if (width < COMPACT_BELOW) return 'compact';
  return width >= WIDE_FROM ? 'wide' : 'regular';
}

/** Side column width limits (CSS pixels) and the step of a keyboard resize. */
export const COLUMN_LIMITS = { min: 180, max: 720, step: 16 } as const;

/** Default side column widths for a room `width` wide: about a fifth and a quarter of it. */
export function defaultColumnWidths(width: number): { start: number; end: number } {
  const clamp = (n: number) => Math.round(Math.min(COLUMN_LIMITS.max, Math.max(COLUMN_LIMITS.min, n)));
  return { start: clamp(width * 0.19), end: clamp(width * 0.26) };
}

/** A column width after a keyboard resize (`ArrowLeft`/`ArrowRight`/`Home`/`End`), or `undefined`. */
export function resizeByKey(width: number, key: string, column: 'start' | 'end'): number | undefined {
  // The end column grows when its splitter moves left.
  const sign = column === 'start' ? 1 : -1;
  let next: number;
  if (key === 'ArrowRight') next = width + sign * COLUMN_LIMITS.step;
  else if (key === 'ArrowLeft') next = width - sign * COLUMN_LIMITS.step;
  else if (key === 'Home') next = COLUMN_LIMITS.min;
  else if (key === 'End') next = COLUMN_LIMITS.max;
  else return undefined;
  return Math.min(COLUMN_LIMITS.max, Math.max(COLUMN_LIMITS.min, next));
}

/** Parses the `collapsed` attribute (space-separated panel names); unknown names are ignored. */
export function parseCollapsed(value: string | null): Set<RoomPanel> {
  const names = (value ?? '').split(/\s+/).filter((n): n is RoomPanel => (ROOM_PANELS as readonly string[]).includes(n));
  return new Set(names);
}
