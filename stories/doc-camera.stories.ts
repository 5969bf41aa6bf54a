/**
 * `<hs-doc-camera>` in every state, with no server: the "camera" is a canvas drawing a page of an
 * interrogation record (`canvas.captureStream()`), the room is the in-memory two-peer room, and
 * LiveKit is replaced by the in-memory media hub (`createMemoryMedia`), which hands the published
 * track straight to the other venue. Problem states come from a camera opener that fails the way
 * `getUserMedia` does, and from the hub's `failNext` / `setStatus`.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import '@huishen/elements/doc-camera/hs-doc-camera.js';
import type { HsDocCamera } from '@huishen/elements/doc-camera/hs-doc-camera.js';
import { CameraError, type CameraProblem } from '@huishen/elements/doc-camera/camera-access.js';
import { createMemoryMedia, type MemoryMediaHub } from '@huishen/elements/doc-camera/memory-media.js';
import { createStoryRoom, STORY_ACTORS, type StoryRoom } from './support/two-peer-room.js';

const meta: Meta = {
  title: 'Media/Document camera',
  component: 'hs-doc-camera',
};
export default meta;
type Story = StoryObj;

/**
 * A 1280×720 stream of a paper page with ruled lines, Chinese text and a moving hand shadow, as a
 * document camera would show it. Stops when the returned stream's track is stopped.
 */
function paperStream(width = 1280, height = 720): MediaStream {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  const stream = canvas.captureStream(15);
  const track = stream.getVideoTracks()[0]!;
  const started = performance.now();
  const lines = ['讯 问 笔 录', '时间：2026年3月14日 9时10分至11时40分', '地点：县公安局执法办案中心第二讯问室', '问：你把当天的经过说一下。', '答：那天晚上八点多，我在店里……', '（以下空白）'];
  const draw = () => {
    if (track.readyState === 'ended') return;
    const t = (performance.now() - started) / 1000;
    ctx.fillStyle = '#3b3b3b';
    ctx.fillRect(0, 0, width, height);
    ctx.save();
    ctx.translate(width / 2, height / 2);
    ctx.rotate(Math.sin(t / 3) * 0.01);
    ctx.fillStyle = '#fbfaf4';
    ctx.fillRect(-420, -330, 840, 660);
    ctx.strokeStyle = '#c9c3b0';
    for (let y = -250; y < 320; y += 44) {
      ctx.beginPath();
      ctx.moveTo(-380, y);
      ctx.lineTo(380, y);
      ctx.stroke();
    }
    ctx.fillStyle = '#1b1b1b';
    ctx.font = '28px "Noto Serif CJK SC", serif';
    lines.forEach((line, i) => ctx.fillText(line, -370, -265 + i * 88));
    ctx.fillStyle = 'rgba(200, 30, 30, 0.8)';
    ctx.beginPath();
    ctx.arc(300, 240, 52, 0, Math.PI * 2);
    ctx.fill();
    ctx.restore();
    ctx.fillStyle = 'rgba(0, 0, 0, 0.18)';
    ctx.beginPath();
    ctx.ellipse(width - 160 + Math.sin(t) * 40, height - 80, 120, 70, 0.4, 0, Math.PI * 2);
    ctx.fill();
    requestAnimationFrame(draw);
  };
  draw();
  return stream;
}

interface Setup {
  room: StoryRoom;
  hub: MemoryMediaHub;
}

function setup(): Setup {
  return { room: createStoryRoom({ peers: [{ actor: STORY_ACTORS.countyPresenter }, { actor: STORY_ACTORS.cityMember }] }), hub: createMemoryMedia() };
}

let mounts = 0;
/** A fresh element id (several stories share one page in the docs view). */
const nextId = (prefix: string) => `${prefix}-${++mounts}`;

/** Resolves with the element once the story's template is in the page. */
async function mounted(id: string): Promise<HsDocCamera> {
  for (;;) {
    const el = document.getElementById(id) as HsDocCamera | null;
    if (el) {
      await el.updateComplete;
      return el;
    }
    await new Promise((r) => requestAnimationFrame(r));
  }
}

/** A camera opener that fails the way `getUserMedia` does for `problem`. */
const failing = (problem: CameraProblem) => () => Promise.reject(new CameraError(problem));

function frame(content: TemplateResult): TemplateResult {
  return html`<div style="display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 1rem; --hs-doc-camera-height: 380px">${content}</div>`;
}

/** Mounts a source (county) element with the paper stream and a viewer (city) element. */
function pair(after?: (source: HsDocCamera, viewer: HsDocCamera, s: Setup) => Promise<void>): TemplateResult {
  const s = setup();
  const [county, city] = s.room.peers;
  const sourceMedia = s.hub.session({ identity: county!.actor.userId, name: county!.actor.name, venue: 'county', canPublish: true });
  const viewerMedia = s.hub.session({ identity: city!.actor.userId, name: city!.actor.name, venue: 'city' });
  const stream = paperStream();
  const [sourceId, viewerId] = [nextId('source'), nextId('viewer')];
  void (async () => {
    const [source, viewer] = [await mounted(sourceId), await mounted(viewerId)];
    await source.openCamera();
    await after?.(source, viewer, s);
  })();
  return frame(html`
    <hs-story-room .room=${county}>
      <hs-doc-camera id=${sourceId} mode="source" .stream=${stream} .media=${sourceMedia}></hs-doc-camera>
    </hs-story-room>
    <hs-story-room .room=${city}>
      <hs-doc-camera id=${viewerId} .media=${viewerMedia}></hs-doc-camera>
    </hs-story-room>
  `);
}

/** Shares the camera, then lets `after` continue. */
const live = (after?: (source: HsDocCamera, viewer: HsDocCamera, s: Setup) => Promise<void>) =>
  pair(async (source, viewer, s) => {
    await source.publish();
    await after?.(source, viewer, s);
  });

/** The county venue previews its camera (not shared yet); the city venue waits for a feed. */
export const Preview: Story = { render: () => pair() };

/** Shared: the county venue sends, the city venue receives at full resolution. */
export const Live: Story = { render: () => live() };

/** The presenter froze the feed: both venues show the same still, stored as evidence. */
export const Frozen: Story = { render: () => live(async (source) => void (await source.freeze())) };

/** Rotated 90° and mirrored at the source (a camera mounted sideways over a mirror). */
export const RotatedAndMirrored: Story = {
  render: () =>
    live(async (source) => {
      source.rotation = 90;
      source.mirror = true;
    }),
};

/** The city venue zoomed into a region of the page. */
export const ZoomedToRegion: Story = {
  render: () =>
    live(async (_source, viewer) => {
      viewer.zoomRegion = { x: 0.3, y: 0.2, width: 0.4, height: 0.4 };
    }),
};

/** The media connection dropped; LiveKit is reconnecting. */
export const Reconnecting: Story = { render: () => live(async (_s, _v, { hub }) => hub.setStatus('reconnecting')) };

/** The county venue stopped sharing: the city venue says the feed ended. */
export const Ended: Story = {
  render: () =>
    live(async (source, viewer) => {
      await new Promise((r) => setTimeout(r, 300));
      await source.unpublish();
      viewer.requestUpdate();
    }),
};

/** The media server cannot be reached (with retry). */
export const Unreachable: Story = {
  render: () =>
    pair(async (source, _viewer, { hub }) => {
      hub.failNext('unreachable');
      await source.publish();
    }),
};

/** Someone without the right to share (an observer) tried to share. */
export const Refused: Story = {
  render: () =>
    pair(async (source, _viewer, { hub }) => {
      hub.failNext('refused');
      await source.publish();
    }),
};

/** Source before the camera is opened. */
export const Idle: Story = {
  render: () => {
    const { room, hub } = setup();
    return frame(html`<hs-story-room .room=${room.peers[0]}
      ><hs-doc-camera mode="source" .media=${hub.session({ identity: 'x', name: 'x', venue: 'county', canPublish: true })}></hs-doc-camera
    ></hs-story-room>`);
  },
};

function problem(kind: CameraProblem): Story {
  return {
    render: () => {
      const { room } = setup();
      const id = nextId(kind);
      void mounted(id).then((el) => el.openCamera());
      return frame(html`<hs-story-room .room=${room.peers[0]}
        ><hs-doc-camera id=${id} mode="source" .getCamera=${failing(kind)}></hs-doc-camera
      ></hs-story-room>`);
    },
  };
}

/** Camera permission denied: says how to allow it. */
export const NoPermission = problem('no-permission');
/** No camera connected. */
export const NoDevice = problem('no-device');
/** The camera is held by another program. */
export const DeviceBusy = problem('device-busy');
/** A plain-HTTP intranet page: cameras need HTTPS (or localhost); says how to fix it. */
export const InsecureContext = problem('insecure');

/** The viewer while the media connection is being made. */
export const Connecting: Story = {
  render: () => {
    const { room, hub } = setup();
    const media = hub.session({ identity: 'm', name: 'm', venue: 'city' });
    const id = nextId('connecting');
    // The viewer connects by itself; the hub then holds every session in `connecting`.
    void mounted(id).then(async (el) => {
      await el.connect();
      hub.setStatus('connecting');
    });
    return frame(html`<hs-story-room .room=${room.peers[1]}><hs-doc-camera id=${id} .media=${media}></hs-doc-camera></hs-story-room>`);
  },
};

/** English, frozen. */
export const EnglishFrozen: Story = {
  render: () => html`<div lang="en">${live(async (source) => void (await source.freeze()))}</div>`,
};
