/**
 * Capturing a still at the source: one frame of the *local* camera track at its full capture
 * resolution (never a frame of the compressed stream the other venues receive), turned by the
 * source's {@link FrameTransform}, encoded losslessly as PNG and hashed with SHA-256.
 *
 * `ImageCapture.grabFrame()` gives the frame as an ImageBitmap at the track's size where it exists
 * (Chromium); elsewhere (Firefox ESR 115) a detached `<video>` plays the track and the frame is
 * drawn from it once it reports the track's size.
 */
import { drawTransformed, transformedSize, type FrameTransform } from './transform.js';

/** A captured still, ready to upload. */
export interface Still {
  /** PNG bytes. */
  blob: Blob;
  /** Lower-case hex SHA-256 of the bytes. */
  sha256: string;
  /** Pixel size of the still (after the transform). */
  width: number;
  height: number;
  /** Capture time (milliseconds since the epoch). */
  capturedAt: number;
}

interface ImageCaptureLike {
  grabFrame(): Promise<ImageBitmap>;
}
type ImageCaptureConstructor = new (track: MediaStreamTrack) => ImageCaptureLike;

/** One full-resolution frame of a live video track. The caller closes it. */
export async function grabFrame(track: MediaStreamTrack): Promise<{ image: CanvasImageSource; width: number; height: number; close(): void }> {
  if (track.kind !== 'video' || track.readyState !== 'live') throw new Error('grabFrame needs a live video track');
  const Capture = (globalThis as unknown as { ImageCapture?: ImageCaptureConstructor }).ImageCapture;
  if (Capture) {
    try {
      const bitmap = await new Capture(track).grabFrame();
      return { image: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
    } catch {
      // Some drivers refuse grabFrame while another consumer reads the track: use a video element.
    }
  }
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([track]);
  const settings = track.getSettings();
  await video.play();
  await new Promise<void>((resolve, reject) => {
    const started = performance.now();
    const check = () => {
      const full = !settings.width || (video.videoWidth === settings.width && video.videoHeight === settings.height);
      if (video.videoWidth > 0 && full) resolve();
      else if (performance.now() - started > 5000) reject(new Error('the camera gave no frame'));
      else requestAnimationFrame(check);
    };
    check();
  });
  return {
    image: video,
    width: video.videoWidth,
    height: video.videoHeight,
    close: () => {
      video.pause();
      video.srcObject = null;
    },
  };
}

/** Lower-case hex SHA-256 of a blob (needs a secure context, like the camera itself). */
export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Captures a PNG still of `track` at full resolution, transformed by `transform`. */
export async function captureStill(track: MediaStreamTrack, transform: FrameTransform, now: () => number = Date.now): Promise<Still> {
  const capturedAt = now();
  const frame = await grabFrame(track);
  try {
    const size = transformedSize(frame.width, frame.height, transform);
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    drawTransformed(ctx, frame.image, frame.width, frame.height, transform);
    const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
    return { blob, sha256: await sha256Hex(blob), width: size.width, height: size.height, capturedAt };
  } finally {
    frame.close();
  }
}
