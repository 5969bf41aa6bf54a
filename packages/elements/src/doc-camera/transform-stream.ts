/**
 * The outgoing picture when the source rotates, mirrors or crops: the camera track is drawn,
 * transformed, onto a canvas at full pixel size and the canvas is captured as a new track. With
 * the identity transform the camera track is sent as it is (no copy, no extra latency).
 */
import { drawTransformed, isIdentity, transformedSize, type FrameTransform } from './transform.js';

/** A video track carrying the transformed camera picture. */
export interface TransformedTrack {
  /** The track to publish (the camera track itself for the identity transform). */
  readonly track: MediaStreamTrack;
  /** Changes the transform; the output size follows. */
  setTransform(transform: FrameTransform): void;
  /** Stops drawing and the canvas track (never the camera track). */
  stop(): void;
}

type FrameCallbackVideo = HTMLVideoElement & { requestVideoFrameCallback?(cb: () => void): number; cancelVideoFrameCallback?(id: number): void };

/** Wraps `camera` so that what is sent follows `transform`. */
export function transformedTrack(camera: MediaStreamTrack, transform: FrameTransform): TransformedTrack {
  if (isIdentity(transform)) {
    return { track: camera, setTransform: () => {}, stop: () => {} };
  }
  let current = transform;
  const video = document.createElement('video') as FrameCallbackVideo;
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([camera]);
  void video.play().catch(() => {});
  const canvas = document.createElement('canvas');
  const settings = camera.getSettings();
  const first = transformedSize(settings.width ?? 640, settings.height ?? 480, current);
  canvas.width = first.width;
  canvas.height = first.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  const fps = Math.min(30, Math.max(1, Math.round(settings.frameRate ?? 15)));
  const output = canvas.captureStream(fps).getVideoTracks()[0];
  if (!output) throw new Error('canvas.captureStream gave no track');
  let stopped = false;
  let handle = 0;
  const draw = () => {
    if (stopped) return;
    if (video.videoWidth > 0) {
      const size = transformedSize(video.videoWidth, video.videoHeight, current);
      if (canvas.width !== size.width || canvas.height !== size.height) {
        canvas.width = size.width;
        canvas.height = size.height;
      }
      drawTransformed(ctx, video, video.videoWidth, video.videoHeight, current);
    }
    schedule();
  };
  // requestVideoFrameCallback draws each camera frame once (Chromium 83+); Firefox ESR 115 lacks
  // it, where a timer at the camera's frame rate does the same job.
  const schedule = () => {
    if (video.requestVideoFrameCallback) handle = video.requestVideoFrameCallback(draw);
    else handle = window.setTimeout(draw, 1000 / fps);
  };
  schedule();
  return {
    track: output,
    setTransform(next) {
      current = next;
    },
    stop() {
      stopped = true;
      if (video.cancelVideoFrameCallback) video.cancelVideoFrameCallback(handle);
      else clearTimeout(handle);
      output.stop();
      video.pause();
      video.srcObject = null;
    },
  };
}
