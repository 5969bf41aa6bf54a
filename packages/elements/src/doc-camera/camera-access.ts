/**
 * Opening the local camera, and saying in one word why it could not be opened.
 *
 * Browsers only expose cameras in a secure context (HTTPS or `localhost`); many procuratorate
 * intranet portals are plain HTTP, where `navigator.mediaDevices` is simply missing. That case is
 * told apart from "no permission", "no device" and "device busy", because each needs a different
 * fix from the person in front of the screen.
 */

/** Why the camera cannot be used. */
export type CameraProblem = 'insecure' | 'no-permission' | 'no-device' | 'device-busy';

/** Resolution choices: `max` asks for the camera's highest (4K where it has it). */
export const RESOLUTIONS = ['max', '2160', '1080', '720'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

/** localStorage key of the remembered camera device. */
export const DEVICE_STORAGE_KEY = 'huishen.doc-camera.device';

/** `insecure` when this page cannot open cameras at all, otherwise `undefined`. */
export function cameraContextProblem(win: Pick<Window, 'isSecureContext' | 'navigator'> = window): CameraProblem | undefined {
  if (!win.isSecureContext || typeof win.navigator.mediaDevices?.getUserMedia !== 'function') return 'insecure';
  return undefined;
}

/** Maps a `getUserMedia` failure to the problem it means for the user. */
export function classifyCameraError(error: unknown): CameraProblem {
  const name = error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error) ? String((error as { name: unknown }).name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
      return 'no-permission';
    case 'SecurityError':
      return cameraContextProblem() ?? 'no-permission';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'no-device';
    default:
      // NotReadableError / TrackStartError / AbortError: the device exists but will not start,
      // in practice because another program holds it.
      return 'device-busy';
  }
}

/** Video constraints for a device and a resolution choice. */
export function videoConstraints(deviceId: string | undefined, resolution: Resolution): MediaTrackConstraints {
  const height = resolution === 'max' ? 2160 : Number(resolution);
  const width = resolution === 'max' ? 4096 : Math.round((height * 16) / 9);
  return {
    ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
    width: { ideal: width },
    height: { ideal: height },
    // Paper does not move: a low frame rate leaves the bits for detail.
    frameRate: { ideal: 15, max: 30 },
  };
}

/** An error carrying the {@link CameraProblem} it means. */
export class CameraError extends Error {
  readonly problem: CameraProblem;
  constructor(problem: CameraProblem, cause?: unknown) {
    super(`camera unavailable: ${problem}`, { cause });
    this.name = 'CameraError';
    this.problem = problem;
  }
}

/**
 * Opens the camera `deviceId` (or the default one) at `resolution`. When the remembered device
 * is gone it falls back to any camera. Rejects with a {@link CameraError}.
 */
export async function openCamera(deviceId: string | undefined, resolution: Resolution): Promise<MediaStream> {
  const problem = cameraContextProblem();
  if (problem) throw new CameraError(problem);
  try {
    return await navigator.mediaDevices.getUserMedia({ video: videoConstraints(deviceId, resolution), audio: false });
  } catch (error) {
    const kind = classifyCameraError(error);
    if (kind === 'no-device' && deviceId) return openCamera(undefined, resolution);
    throw new CameraError(kind, error);
  }
}

/** The video input devices (labels are empty until the user granted camera access once). */
export async function listCameras(): Promise<MediaDeviceInfo[]> {
  if (cameraContextProblem()) return [];
  return (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
}

/** The remembered camera device id, if any (storage may be unavailable: then none). */
export function rememberedDevice(): string | undefined {
  try {
    return localStorage.getItem(DEVICE_STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Remembers the chosen camera device for the next session. */
export function rememberDevice(deviceId: string): void {
  try {
    localStorage.setItem(DEVICE_STORAGE_KEY, deviceId);
  } catch {
    // Storage disabled by policy: the choice lasts for this page only.
  }
}
