/**
 * Browser side of the `briefing.follow` bench. Bundled by ../briefing.ts with esbuild; pdf.js is
 * left external and comes from /node_modules through the page's import map. One tab is one
 * screen: it joins the room on the REAL room server over y-websocket (`ext=huishen`), renders
 * `<hs-briefing>` (and, for a follower, an `<hs-evidence-viewer>`) and exposes `window.hsBench`.
 */
import { html, render } from 'lit';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { LocalOrigin, MessageType, presenceUser, readBriefing, setLocalUser, type Actor } from '@huishen/model';
import { configurePdfjs, pdfjsAssetsAt, type HsEvidenceViewer, type RoomContextValue } from '@huishen/elements';
import '@huishen/elements/briefing/hs-briefing.js';
import '@huishen/elements/evidence-viewer/hs-evidence-viewer.js';
import type { HsBriefing } from '@huishen/elements/briefing/briefing.js';
import type { HsBriefingNodeChangeEvent } from '@huishen/elements/events/briefing-node-change-event.js';
import '../../elements/support/room.js';

configurePdfjs(pdfjsAssetsAt('/node_modules/pdfjs-dist/', '/node_modules/pdfjs-dist-v4/'));

/** What the Node side passes to {@link FollowBench.join}. */
export interface JoinOptions {
  /** The room server's http:// base. */
  server: string;
  room: string;
  token: string;
  actor: Actor;
  /** Render a viewer (followers) or not (the presenter, so its rendering does not share the machine's time). */
  viewer: boolean;
}

/** `window.hsBench` of a bench tab. */
export interface FollowBench {
  join(options: JoinOptions): Promise<void>;
  /** Presenter: presents outline node `index`; resolves with the wall-clock time of the move (ms). */
  advance(index: number): number;
  /** Follower: starts watching for `page` to be painted (call before the presenter advances). */
  expect(page: number): void;
  /** Follower: the wall-clock times (ms) the presenter's move arrived and the expected page was painted. */
  painted(timeout: number): Promise<{ arrived: number; painted: number }>;
  /** Follower: a local jump to `page` (the anchor): ms from the call to the page painted. */
  local(page: number, timeout: number): Promise<number>;
  /** Follower: whether this screen still follows. */
  followState(): string;
}

/**
 * The system clock, the same in both tabs. (`performance.timeOrigin + now()` is not: each renderer
 * maps its monotonic clock to wall time on its own, and under load they disagree by tens of ms.)
 */
const wallClock = (): number => Date.now();
const frame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));

let briefing: HsBriefing | undefined;
let viewer: HsEvidenceViewer | undefined;
let doc: Y.Doc | undefined;
let waiting: Promise<number> | undefined;
/** When the presenter's last move reached this screen's briefing. */
let arrived = 0;

/** Resolves with the wall-clock time of the first frame after `page` is current and drawn. */
function whenPainted(page: number, timeout: number): Promise<number> {
  const el = viewer!;
  const done = () => el.status === 'ready' && el.page === page && el.pageElement(page)?.hasAttribute('data-rendered') === true;
  return new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`page ${page} not painted in ${timeout} ms (at page ${el.page}, ${el.status})`));
    }, timeout);
    const finish = () => {
      observer.disconnect();
      clearTimeout(timer);
      void frame().then(() => resolve(wallClock()));
    };
    const observer = new MutationObserver(() => {
      if (done()) finish();
    });
    observer.observe(el.shadowRoot!, { subtree: true, attributes: true, attributeFilter: ['data-rendered'] });
    el.addEventListener('hs-page-change', () => done() && finish(), { once: false });
    if (done()) finish();
  });
}

const bench: FollowBench = {
  async join({ server, room, token, actor, viewer: withViewer }) {
    doc = new Y.Doc();
    const provider = new WebsocketProvider(server.replace(/^http/, 'ws'), room, doc, { params: { token, ext: 'huishen' }, disableBc: true, connect: false });
    for (const type of [MessageType.hello, MessageType.saved, MessageType.rejected]) provider.messageHandlers[type] = () => {};
    setLocalUser(provider.awareness, presenceUser(actor, '#1f6feb'));
    provider.connect();
    await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
    const context: RoomContextValue = {
      doc,
      awareness: provider.awareness,
      origin: new LocalOrigin(actor),
      evidenceUrl: (sha) => `${server}/evidence/${sha}?token=${encodeURIComponent(token)}`,
    };
    const host = document.createElement('div');
    document.body.append(host);
    render(
      html`<hs-test-room-provider .room=${context} style="display: flex">
        <hs-briefing for="v" style="width: 280px; flex: none"></hs-briefing>
        ${withViewer ? html`<div style="flex: 1"><hs-evidence-viewer id="v" zoom="1" style="--hs-evidence-viewer-height: ${innerHeight - 20}px"></hs-evidence-viewer></div>` : ''}
      </hs-test-room-provider>`,
      host,
    );
    briefing = host.querySelector('hs-briefing')!;
    briefing.addEventListener('hs-briefing-node-change', (event: HsBriefingNodeChangeEvent) => {
      if (!event.local) arrived = wallClock();
    });
    viewer = host.querySelector<HsEvidenceViewer>('hs-evidence-viewer') ?? undefined;
    await briefing.updateComplete;
  },

  advance(index) {
    const node = readBriefing(doc!).nodes[index];
    if (!node) throw new Error(`no node ${index}`);
    const at = wallClock();
    briefing!.present(node.id);
    return at;
  },

  expect(page) {
    waiting = whenPainted(page, 30_000);
  },

  async painted() {
    if (!waiting) throw new Error('expect() first');
    const painted = await waiting;
    return { arrived, painted };
  },

  async local(page, timeout) {
    const start = wallClock();
    const painted = whenPainted(page, timeout);
    viewer!.goToPage(page);
    return (await painted) - start;
  },

  followState() {
    return briefing?.followState ?? 'none';
  },
};

(window as unknown as { hsBench: FollowBench }).hsBench = bench;
