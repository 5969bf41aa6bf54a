/**
 * `<hs-annotation-layer>` over `<hs-evidence-viewer>` in the in-memory two-peer story room (no
 * server): the county presenter's and the city member's screens side by side, so a mark drawn
 * in one appears in the other (ink while it is drawn), others' marks are locked; many marks; a
 * read-only observer; and each tool ready to use.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { addAnnotation, ANNOTATION_KINDS, type AnnotationKind, type Geometry, type NewAnnotation } from '@huishen/model';
import { configurePdfjs, pdfjsAssetsAt } from '@huishen/elements';
import '@huishen/elements/evidence-viewer/hs-evidence-viewer.js';
import '@huishen/elements/sync-status/hs-sync-status.js';
import '@huishen/elements/annotation-toolbar/hs-annotation-toolbar.js';
import { ANNOTATION_TOOLS, type AnnotationTool } from '@huishen/elements/annotation-layer/tools.js';
import { createStoryRoom, seedCase, STORY_ACTORS, type StoryRoom } from './support/two-peer-room.js';

configurePdfjs(pdfjsAssetsAt(new URL('pdfjs/', document.baseURI).href, new URL('pdfjs-v4/', document.baseURI).href));

interface Args {
  tool: AnnotationTool;
  lang: string;
  zoom: string;
  rotation: number;
}

interface Loaded {
  room: StoryRoom;
  evidenceId: string;
}

/** `count` deterministic mixed marks on page 1, spread over the peers. */
function many(room: StoryRoom, evidenceId: string, count: number): void {
  let seed = 11;
  const r = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const kinds = ANNOTATION_KINDS as readonly AnnotationKind[];
  room.peers.forEach((peer, p) => {
    peer.doc.transact(() => {
      for (let i = p; i < count; i += room.peers.length) {
        const kind = kinds[i % kinds.length]!;
        const x = 40 + r() * 480;
        const y = 60 + r() * 680;
        const w = 10 + r() * 60;
        const h = 8 + r() * 40;
        const geometry: Geometry =
          kind === 'arrow'
            ? { from: [x, y], to: [x + w, y + h] }
            : kind === 'ink'
              ? { points: Array.from({ length: 12 }, (_, k) => [x + k * (w / 12), y + Math.sin(k / 2) * h * 0.3, 0.5] as [number, number, number]) }
              : kind === 'highlight'
                ? { quads: [[x, y + 10, x + w, y + 10, x, y, x + w, y]] }
                : kind === 'pin' || kind === 'stamp'
                  ? { at: [x, y] }
                  : { rect: [x, y, x + w, y + h] };
        const mark = { evidenceId, page: 1, kind, geometry, ...(kind === 'note' ? { text: '请核实' } : {}), ...(kind === 'stamp' ? { stamp: { code: 'exhibit', number: 1 + (i % 40) } } : {}) } as NewAnnotation;
        addAnnotation(peer.doc, mark, peer.origin);
      }
    }, peer.origin);
    peer.undoManager.clear();
  });
}

async function load(options: { count?: number; observer?: boolean } = {}): Promise<Loaded> {
  const room = createStoryRoom({
    captureTimeout: 0,
    ...(options.observer ? { peers: [{ actor: STORY_ACTORS.countyPresenter }, { actor: STORY_ACTORS.cityObserver }] } : {}),
  });
  const { evidence } = await seedCase(room, { documents: 1, pages: 3 });
  const evidenceId = evidence[0]!.id;
  if (options.count) many(room, evidenceId, options.count);
  return { room, evidenceId };
}

function screen(room: StoryRoom, peer: number, evidenceId: string, args: Args, height = 560) {
  const viewerId = `annotated-viewer-${peer}-${Math.random().toString(36).slice(2, 8)}`;
  return html`<hs-story-room .room=${room.peers[peer]}>
    <p style="margin: 0 0 4px; font: 600 14px system-ui">${room.peers[peer]!.actor.name}</p>
    <hs-sync-status></hs-sync-status>
    <hs-annotation-toolbar for=${viewerId}></hs-annotation-toolbar>
    <hs-evidence-viewer
      id=${viewerId}
      evidence-id=${evidenceId}
      zoom=${args.zoom}
      rotation=${String(args.rotation)}
      style=${`--hs-evidence-viewer-height: ${height}px`}
      @hs-document-load=${(e: Event) => {
        const viewer = e.currentTarget as HTMLElementTagNameMap['hs-evidence-viewer'];
        void viewer.updateComplete.then(() => {
          if (viewer.annotationLayer) viewer.annotationLayer.tool = args.tool;
        });
      }}
    ></hs-evidence-viewer>
  </hs-story-room>`;
}

const meta: Meta<Args> = {
  title: 'Annotations/Annotation layer',
  component: 'hs-annotation-layer',
  args: { tool: 'select', lang: 'zh-CN', zoom: '1', rotation: 0 },
  argTypes: {
    tool: { control: 'select', options: [...ANNOTATION_TOOLS] },
    lang: { control: 'inline-radio', options: ['zh-CN', 'zh-TW', 'en'] },
    zoom: { control: 'select', options: ['fit-width', 'fit-page', '0.5', '1', '1.5', '2'] },
    rotation: { control: 'inline-radio', options: [0, 90, 180, 270] },
  },
  loaders: [() => load()],
  render: (args, { loaded }) => {
    const { room, evidenceId } = loaded as Loaded;
    return html`<div lang=${args.lang} style="display: grid; grid-template-columns: 1fr 1fr; gap: 16px">
      ${screen(room, 0, evidenceId, args)} ${screen(room, 1, evidenceId, args)}
    </div>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/**
 * Two venues: the county presenter (left) and the city member (right). Draw on either side; the
 * other sees it, ink while it is drawn. Each side's marks are locked on the other side (hover
 * shows author and venue).
 */
export const TwoVenues: Story = { name: 'Two venues' };

/** 2,000 mixed marks on page 1, from both venues: pan and zoom stay smooth. */
export const ManyAnnotations: Story = {
  name: 'Many annotations (2,000)',
  loaders: [() => load({ count: 2000 })],
  render: (args, { loaded }) => {
    const { room, evidenceId } = loaded as Loaded;
    return html`<div lang=${args.lang}>${screen(room, 0, evidenceId, args, 700)}</div>`;
  },
};

/** A city observer: every mark visible, none editable, no tools but select. */
export const ReadOnly: Story = {
  name: 'Read-only (observer)',
  loaders: [() => load({ observer: true })],
  render: (args, { loaded }) => {
    const { room, evidenceId } = loaded as Loaded;
    return html`<div lang=${args.lang}>${screen(room, 1, evidenceId, args)}</div>`;
  },
};

/** The pen, ready: draw on the left, watch the stroke grow on the right. */
export const Pen: Story = { args: { tool: 'ink' } };
/** Rectangle tool. */
export const Rectangle: Story = { args: { tool: 'rect' } };
/** Ellipse tool. */
export const Ellipse: Story = { args: { tool: 'ellipse' } };
/** Arrow tool. */
export const Arrow: Story = { args: { tool: 'arrow' } };
/** Text highlight: select text on the page with the mouse. */
export const Highlight: Story = { args: { tool: 'highlight' } };
/** Notes: click (or drag a box), type, Enter. Chinese IME composition is safe. */
export const Note: Story = { args: { tool: 'note' } };
/** Pin comments. */
export const Pin: Story = { args: { tool: 'pin' } };
/** Exhibit stamps: 证据编号 with the next number, 已出示, 已质证… */
export const Stamp: Story = { args: { tool: 'stamp' } };
/** Callout: drag a region, it opens magnified; "show to everyone" fires `hs-annotation-present`. */
export const Callout: Story = { args: { tool: 'callout' } };
/** A rotated view: marks stay on the content they were put on. */
export const Rotated: Story = { args: { rotation: 90, zoom: '1' } };
