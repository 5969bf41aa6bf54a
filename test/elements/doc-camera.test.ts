/**
 * `<hs-doc-camera>` parts without a server: the transform geometry, still capture from a real
 * track (a canvas stream with known pixels, so rotation, mirror and crop are checked pixel by
 * pixel), the camera error classification with real `DOMException`s, the state derivation, and
 * accessibility (axe) of the element in a source and a viewer state.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '@huishen/elements/doc-camera/hs-doc-camera.js';
import type { HsDocCamera } from '@huishen/elements/doc-camera/hs-doc-camera.js';
import { cameraContextProblem, classifyCameraError, videoConstraints } from '@huishen/elements/doc-camera/camera-access.js';
import { deriveState, type StateInputs } from '@huishen/elements/doc-camera/state.js';
import { captureStill } from '@huishen/elements/doc-camera/still.js';
import { containedRect, regionToCrop, transformedSize, type FrameTransform } from '@huishen/elements/doc-camera/transform.js';
import { after, describe, it } from './support/mocha.js';
import { sha256 } from './support/room.js';

/** A 40×20 live track: left half red, right half blue, a green 10×10 square at the top-left. */
function knownTrack(): { track: MediaStreamTrack; stop(): void } {
  const canvas = document.createElement('canvas');
  canvas.width = 40;
  canvas.height = 20;
  const ctx = canvas.getContext('2d')!;
  const paint = () => {
    ctx.fillStyle = '#ff0000';
    ctx.fillRect(0, 0, 20, 20);
    ctx.fillStyle = '#0000ff';
    ctx.fillRect(20, 0, 20, 20);
    ctx.fillStyle = '#00ff00';
    ctx.fillRect(0, 0, 10, 10);
  };
  paint();
  const stream = canvas.captureStream(30);
  const timer = setInterval(paint, 30);
  const track = stream.getVideoTracks()[0]!;
  return { track, stop: () => (clearInterval(timer), track.stop()) };
}

async function decode(blob: Blob): Promise<{ width: number; height: number; at(x: number, y: number): string }> {
  const bitmap = await createImageBitmap(blob);
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
  const name = (r: number, g: number, b: number) => (r > 200 && g < 60 && b < 60 ? 'red' : b > 200 && r < 60 && g < 60 ? 'blue' : g > 200 && r < 60 && b < 60 ? 'green' : `rgb(${r},${g},${b})`);
  return {
    width: bitmap.width,
    height: bitmap.height,
    at: (x, y) => {
      const i = (y * bitmap.width + x) * 4;
      return name(data[i]!, data[i + 1]!, data[i + 2]!);
    },
  };
}

describe('doc camera: still capture from a real track', () => {
  const tracks: { stop(): void }[] = [];
  after(() => tracks.forEach((t) => t.stop()));

  it('captures full size PNG with a correct SHA-256, untransformed', async () => {
    const known = knownTrack();
    tracks.push(known);
    const still = await captureStill(known.track, { rotation: 0, mirror: false });
    expect(still.blob.type).to.equal('image/png');
    expect([still.width, still.height]).to.deep.equal([40, 20]);
    expect(still.sha256).to.equal(await sha256(new Uint8Array(await still.blob.arrayBuffer())));
    const image = await decode(still.blob);
    expect([image.at(2, 2), image.at(15, 15), image.at(35, 10)]).to.deep.equal(['green', 'red', 'blue']);
  });

  it('rotates clockwise, mirrors and crops the pixels of the still', async () => {
    const known = knownTrack();
    tracks.push(known);
    const rotated = await decode((await captureStill(known.track, { rotation: 90, mirror: false })).blob);
    // 90° clockwise: 20×40; the top-left green square moves to the top-right; blue goes to the bottom.
    expect([rotated.width, rotated.height]).to.deep.equal([20, 40]);
    expect([rotated.at(17, 2), rotated.at(2, 35), rotated.at(2, 5)]).to.deep.equal(['green', 'blue', 'red']);

    const mirrored = await decode((await captureStill(known.track, { rotation: 0, mirror: true })).blob);
    expect([mirrored.at(37, 2), mirrored.at(2, 10)]).to.deep.equal(['green', 'blue']);

    const cropped = await decode((await captureStill(known.track, { rotation: 0, mirror: false, crop: { x: 0.5, y: 0, width: 0.5, height: 1 } })).blob);
    expect([cropped.width, cropped.height]).to.deep.equal([20, 20]);
    expect([cropped.at(2, 2), cropped.at(18, 18)]).to.deep.equal(['blue', 'blue']);
  });
});

describe('doc camera: geometry', () => {
  it('sizes follow rotation and crop', () => {
    expect(transformedSize(1920, 1080, { rotation: 90, mirror: false })).to.deep.equal({ width: 1080, height: 1920 });
    expect(transformedSize(1920, 1080, { rotation: 180, mirror: true, crop: { x: 0.25, y: 0.25, width: 0.5, height: 0.5 } })).to.deep.equal({ width: 960, height: 540 });
  });

  it('a region dragged over the transformed picture maps back to the crop of the camera frame', () => {
    const region = { x: 0, y: 0, width: 0.5, height: 0.25 };
    const cases: [FrameTransform, { x: number; y: number; width: number; height: number }][] = [
      [{ rotation: 0, mirror: false }, { x: 0, y: 0, width: 0.5, height: 0.25 }],
      [{ rotation: 0, mirror: true }, { x: 0.5, y: 0, width: 0.5, height: 0.25 }],
      // Top-left of a 90° clockwise picture is the bottom-left of the camera frame.
      [{ rotation: 90, mirror: false }, { x: 0, y: 0.5, width: 0.25, height: 0.5 }],
      [{ rotation: 180, mirror: false }, { x: 0.5, y: 0.75, width: 0.5, height: 0.25 }],
      [{ rotation: 270, mirror: false }, { x: 0.75, y: 0, width: 0.25, height: 0.5 }],
      // Inside an existing crop of the right half.
      [{ rotation: 0, mirror: false, crop: { x: 0.5, y: 0, width: 0.5, height: 1 } }, { x: 0.5, y: 0, width: 0.25, height: 0.25 }],
    ];
    for (const [transform, expected] of cases) {
      const crop = regionToCrop(region, transform)!;
      for (const key of ['x', 'y', 'width', 'height'] as const) expect(crop[key]).to.be.closeTo(expected[key], 1e-9, `${JSON.stringify(transform)} ${key}`);
    }
    expect(regionToCrop({ x: 0, y: 0, width: 1, height: 1 }, { rotation: 0, mirror: false })).to.equal(undefined);
  });

  it('letterboxing of a contained picture', () => {
    expect(containedRect(800, 600, 1920, 1080)).to.deep.equal({ x: 0, y: 75, width: 800, height: 450 });
  });
});

describe('doc camera: problems and states', () => {
  it('classifies real getUserMedia failures', () => {
    expect(classifyCameraError(new DOMException('x', 'NotAllowedError'))).to.equal('no-permission');
    expect(classifyCameraError(new DOMException('x', 'NotFoundError'))).to.equal('no-device');
    expect(classifyCameraError(new DOMException('x', 'OverconstrainedError'))).to.equal('no-device');
    expect(classifyCameraError(new DOMException('x', 'NotReadableError'))).to.equal('device-busy');
    expect(classifyCameraError(new DOMException('x', 'AbortError'))).to.equal('device-busy');
  });

  it('a plain-HTTP page is told apart from the rest', () => {
    expect(cameraContextProblem({ isSecureContext: false, navigator })).to.equal('insecure');
    expect(cameraContextProblem({ isSecureContext: true, navigator: {} as Navigator })).to.equal('insecure');
    expect(cameraContextProblem()).to.equal(undefined); // WTR serves 127.0.0.1: secure
  });

  it('asks the camera for its highest resolution, or the chosen one', () => {
    expect(videoConstraints('dev1', 'max')).to.deep.include({ deviceId: { exact: 'dev1' }, width: { ideal: 4096 }, height: { ideal: 2160 } });
    expect(videoConstraints(undefined, '1080')).to.deep.include({ width: { ideal: 1920 }, height: { ideal: 1080 } });
  });

  it('derives one state: problems first, then the freeze, then the media', () => {
    const base: StateInputs = { mode: 'viewer', cameraProblem: undefined, cameraOpen: false, publishing: false, publishPending: false, media: 'connected', receiving: false, lost: false, frozen: false };
    expect(deriveState(base)).to.equal('waiting');
    expect(deriveState({ ...base, receiving: true })).to.equal('live');
    expect(deriveState({ ...base, receiving: true, frozen: true })).to.equal('frozen');
    expect(deriveState({ ...base, lost: true })).to.equal('ended');
    expect(deriveState({ ...base, media: 'reconnecting' })).to.equal('reconnecting');
    expect(deriveState({ ...base, media: 'unreachable', frozen: true })).to.equal('unreachable');
    const source: StateInputs = { ...base, mode: 'source', media: 'idle' };
    expect(deriveState(source)).to.equal('idle');
    expect(deriveState({ ...source, cameraProblem: 'insecure' })).to.equal('insecure');
    expect(deriveState({ ...source, cameraOpen: true })).to.equal('preview');
    expect(deriveState({ ...source, cameraOpen: true, publishPending: true })).to.equal('connecting');
    expect(deriveState({ ...source, cameraOpen: true, publishing: true, media: 'connected' })).to.equal('live');
    expect(deriveState({ ...source, cameraOpen: true, media: 'refused' })).to.equal('refused');
  });
});

describe('<hs-doc-camera> accessibility', () => {
  const axeClean = async (el: HsDocCamera): Promise<void> => {
    await expect(el).to.be.accessible();
  };

  it('a source with a camera stream and a viewer waiting pass axe; the toolbar is labelled', async () => {
    const known = knownTrack();
    const source = await fixture<HsDocCamera>(html`<hs-doc-camera mode="source" .stream=${new MediaStream([known.track])}></hs-doc-camera>`);
    await source.openCamera();
    await source.updateComplete;
    expect(source.state).to.equal('preview');
    expect(source.shadowRoot!.querySelector('[role="toolbar"]')!.getAttribute('aria-label')).to.equal('实物展台操作');
    await axeClean(source);
    await source.closeCamera();
    // The page's stream stays the page's.
    expect(known.track.readyState).to.equal('live');
    known.stop();

    const viewer = await fixture<HsDocCamera>(html`<hs-doc-camera lang="en"></hs-doc-camera>`);
    expect(viewer.state).to.equal('idle');
    await axeClean(viewer);
  });
});
