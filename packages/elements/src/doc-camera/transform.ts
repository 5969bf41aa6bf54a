/**
 * Rotate, mirror and crop of the document camera's picture, applied at the source so that every
 * venue — and every still — sees the page the right way up. Pure geometry plus one draw call.
 *
 * Order: crop (in the camera's own frame), then mirror (horizontal), then rotate clockwise.
 */

/** Clockwise rotation in degrees. */
export type Rotation = 0 | 90 | 180 | 270;

/** A crop rectangle as fractions (0–1) of the camera frame, before mirroring and rotating. */
export interface Crop {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How the source picture is turned before it is shown, sent and captured. */
export interface FrameTransform {
  rotation: Rotation;
  mirror: boolean;
  crop?: Crop | undefined;
}

/** The identity transform. */
export const IDENTITY: FrameTransform = Object.freeze({ rotation: 0, mirror: false });

/** True when the transform changes nothing. */
export function isIdentity(t: FrameTransform): boolean {
  return t.rotation === 0 && !t.mirror && !t.crop;
}

/** The next rotation clockwise. */
export function rotateClockwise(r: Rotation): Rotation {
  return ((r + 90) % 360) as Rotation;
}

/** Clamps a crop into the frame; `undefined` for a crop covering (nearly) nothing or everything. */
export function normaliseCrop(crop: Crop | undefined): Crop | undefined {
  if (!crop) return undefined;
  const clamp = (n: number) => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);
  const x = clamp(crop.x);
  const y = clamp(crop.y);
  const width = Math.min(clamp(crop.width), 1 - x);
  const height = Math.min(clamp(crop.height), 1 - y);
  if (width < 0.02 || height < 0.02) return undefined;
  if (x === 0 && y === 0 && width === 1 && height === 1) return undefined;
  return { x, y, width, height };
}

/** The source rectangle (pixels) a transform reads from a `width`×`height` frame. */
export function sourceRect(width: number, height: number, t: FrameTransform): { sx: number; sy: number; sw: number; sh: number } {
  const c = normaliseCrop(t.crop);
  if (!c) return { sx: 0, sy: 0, sw: width, sh: height };
  const sx = Math.round(c.x * width);
  const sy = Math.round(c.y * height);
  return { sx, sy, sw: Math.max(1, Math.round(c.width * width)), sh: Math.max(1, Math.round(c.height * height)) };
}

/** The size of the transformed picture of a `width`×`height` frame. */
export function transformedSize(width: number, height: number, t: FrameTransform): { width: number; height: number } {
  const { sw, sh } = sourceRect(width, height, t);
  return t.rotation === 90 || t.rotation === 270 ? { width: sh, height: sw } : { width: sw, height: sh };
}

/**
 * Draws `source` (a `width`×`height` frame) transformed into `ctx`, whose canvas must have the
 * {@link transformedSize}. Pixels are copied 1:1 (no scaling) when nothing is rotated by a
 * non-multiple of 90°, which is always.
 */
export function drawTransformed(ctx: CanvasRenderingContext2D, source: CanvasImageSource, width: number, height: number, t: FrameTransform): void {
  const { sx, sy, sw, sh } = sourceRect(width, height, t);
  const out = transformedSize(width, height, t);
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, out.width, out.height);
  ctx.translate(out.width / 2, out.height / 2);
  ctx.rotate((t.rotation * Math.PI) / 180);
  if (t.mirror) ctx.scale(-1, 1);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(source, sx, sy, sw, sh, -sw / 2, -sh / 2, sw, sh);
  ctx.restore();
}

/**
 * The crop (fractions of the camera frame) that shows `region` (fractions of the picture as
 * currently transformed): what the operator dragged over the preview, mapped back through the
 * rotation, the mirror and the crop already in force.
 */
export function regionToCrop(region: Crop, t: FrameTransform): Crop | undefined {
  const base = normaliseCrop(t.crop) ?? { x: 0, y: 0, width: 1, height: 1 };
  const back = ([u, v]: [number, number]): [number, number] => {
    // Undo the clockwise rotation…
    const [rx, y] = t.rotation === 90 ? [v, 1 - u] : t.rotation === 180 ? [1 - u, 1 - v] : t.rotation === 270 ? [1 - v, u] : [u, v];
    // …then the mirror, then place inside the current crop.
    const x = t.mirror ? 1 - rx : rx;
    return [base.x + x * base.width, base.y + y * base.height];
  };
  const [ax, ay] = back([region.x, region.y]);
  const [bx, by] = back([region.x + region.width, region.y + region.height]);
  return normaliseCrop({ x: Math.min(ax, bx), y: Math.min(ay, by), width: Math.abs(bx - ax), height: Math.abs(by - ay) });
}

/** Where a `mediaWidth`×`mediaHeight` picture sits when shown `object-fit: contain` in a box. */
export function containedRect(boxWidth: number, boxHeight: number, mediaWidth: number, mediaHeight: number): { x: number; y: number; width: number; height: number } {
  if (mediaWidth <= 0 || mediaHeight <= 0 || boxWidth <= 0 || boxHeight <= 0) return { x: 0, y: 0, width: boxWidth, height: boxHeight };
  const scale = Math.min(boxWidth / mediaWidth, boxHeight / mediaHeight);
  const width = mediaWidth * scale;
  const height = mediaHeight * scale;
  return { x: (boxWidth - width) / 2, y: (boxHeight - height) / 2, width, height };
}
