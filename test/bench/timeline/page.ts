/**
 * The browser side of the timeline and minutes benchmarks (bundled by ../timeline.ts and
 * ../minutes.ts with esbuild): builds rooms in the page and measures `<hs-timeline>`, the anchor
 * (the same entries as a plain, non-virtualised list) and `exportMinutes`.
 */
import { ContextProvider } from '@lit/context';
import { LitElement, html } from 'lit';
import * as Y from 'yjs';
import { appendEntry, LocalOrigin } from '@huishen/model';
import { configurePdfjs, pdfjsAssetsAt, roomContext, type RoomContextValue } from '@huishen/elements';
import '@huishen/elements/timeline/hs-timeline.js';
import type { HsTimeline } from '@huishen/elements/timeline/timeline.js';
import { exportMinutes } from '@huishen/elements/minutes/export-minutes.js';
import { makePdf } from '../../elements/support/make-pdf.js';
import { PEOPLE, scriptedSession, type SessionEvidence } from '../minutes/scripted-session.js';

class BenchRoom extends LitElement {
  readonly provider = new ContextProvider(this, { context: roomContext });
  set room(value: RoomContextValue) {
    this.provider.setValue(value);
  }
  protected override render() {
    return html`<slot></slot>`;
  }
}
customElements.define('bench-room', BenchRoom);

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

function entriesDoc(n: number): Y.Doc {
  const doc = new Y.Doc();
  const people = [PEOPLE.presenter, PEOPLE.cityMember, PEOPLE.countyMember, PEOPLE.chair].map((a) => new LocalOrigin(a, () => 1_795_915_800_000));
  doc.transact(() => {
    for (let i = 0; i < n; i++) appendEntry(doc, { id: `e${i}`, kind: 'speech', text: `第 ${i + 1} 条发言：${'关于证据的说明，需要进一步核实。'.repeat(1 + (i % 5))}` }, people[i % 4]!);
  });
  return doc;
}

/** Result of one render-and-scroll run. */
export interface RenderReport {
  firstPaint: number;
  /** rAF intervals while scrolling a viewport per frame, end to end. */
  frames: number[];
  /** Synchronous work per scroll step (scroll → rows updated → layout), ms. */
  steps: number[];
  domRows: number;
}

async function scrollEndToEnd(scroller: HTMLElement, update: () => Promise<unknown>): Promise<{ frames: number[]; steps: number[] }> {
  scroller.scrollTop = 0;
  await update();
  await nextFrame();
  const frames: number[] = [];
  const steps: number[] = [];
  let last = await nextFrame();
  while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1) {
    const t0 = performance.now();
    scroller.scrollTop += scroller.clientHeight;
    scroller.dispatchEvent(new Event('scroll'));
    await update();
    scroller.getBoundingClientRect(); // force style and layout now, inside the measured step
    void scroller.offsetHeight;
    steps.push(performance.now() - t0);
    const now = await nextFrame();
    frames.push(now - last);
    last = now;
  }
  return { frames, steps };
}

async function renderOurs(n: number): Promise<RenderReport> {
  const doc = entriesDoc(n);
  const host = document.createElement('div');
  host.style.cssText = 'height:800px;width:700px;display:flex';
  document.body.append(host);
  const t0 = performance.now();
  const room = document.createElement('bench-room') as BenchRoom;
  room.room = { doc, evidenceUrl: () => '', origin: new LocalOrigin(PEOPLE.chair) };
  const el = document.createElement('hs-timeline') as HsTimeline;
  el.style.cssText = 'display:flex;height:800px;width:700px';
  room.append(el);
  host.append(room);
  await el.updateComplete;
  await nextFrame();
  const firstPaint = performance.now() - t0;
  const list = el.shadowRoot!.querySelector<HTMLElement>('[part~="list"]')!;
  const { frames, steps } = await scrollEndToEnd(list, () => el.updateComplete);
  const domRows = el.renderedRowCount;
  host.remove();
  return { firstPaint, frames, steps, domRows };
}

/** The anchor: every entry in the DOM at once, same content per row, no virtualisation. */
async function renderAnchor(n: number): Promise<RenderReport> {
  const doc = entriesDoc(n);
  const t0 = performance.now();
  const entries = doc.getArray<Y.Map<unknown>>('timeline').toArray();
  const list = document.createElement('div');
  list.style.cssText = 'height:800px;width:700px;overflow-y:auto';
  const format = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  for (const map of entries) {
    const row = document.createElement('article');
    const header = document.createElement('div');
    for (const text of ['发言', String(map.get('authorName')), String(map.get('venue')), format.format(map.get('at') as number)]) {
      const span = document.createElement('span');
      span.textContent = text;
      span.style.marginRight = '0.5em';
      header.append(span);
    }
    const p = document.createElement('p');
    p.textContent = String(map.get('text'));
    p.style.whiteSpace = 'pre-wrap';
    row.append(header, p);
    list.append(row);
  }
  document.body.append(list);
  list.scrollTop = list.scrollHeight;
  list.getBoundingClientRect();
  await nextFrame();
  const firstPaint = performance.now() - t0;
  const { frames, steps } = await scrollEndToEnd(list, () => Promise.resolve());
  const domRows = list.childElementCount;
  list.remove();
  return { firstPaint, frames, steps, domRows };
}

/** ms to the finished minutes HTML of a session with `entries` entries and `pages` annotated pages. */
async function minutesExport(entries: number, pages: number): Promise<{ ms: number; htmlBytes: number; images: number }> {
  configurePdfjs(pdfjsAssetsAt(`${location.origin}/node_modules/pdfjs-dist/`, `${location.origin}/node_modules/pdfjs-dist-v4/`));
  const files = [0, 1].map((f) => makePdf(Array.from({ length: 10 }, (_, i) => ({ mediaBox: [0, 0, 612, 792] as const, lines: [`Exhibit ${f + 1} page ${i + 1}`, 'Record of the joint review'] }))));
  const evidence: SessionEvidence[] = [];
  const urls = new Map<string, string>();
  for (const [i, bytes] of files.entries()) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    const sha = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
    evidence.push({ id: `ev${i + 1}`, title: `证据${i + 1}`, sha256: sha, bytes: bytes.byteLength, pages: 10 });
    urls.set(sha, URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })));
  }
  const { doc } = scriptedSession({ evidence, extraEntries: Math.max(0, entries - 14), annotatedPages: pages });
  const room: RoomContextValue = { doc, evidenceUrl: (sha) => urls.get(sha)! };
  const t0 = performance.now();
  const minutes = await exportMinutes(room, { locale: 'zh-Hans' });
  const ms = performance.now() - t0;
  for (const url of urls.values()) URL.revokeObjectURL(url);
  return { ms, htmlBytes: minutes.html.length, images: [...minutes.images.values()].filter((i) => 'src' in i).length };
}

(window as unknown as { hsTimelineBench: unknown }).hsTimelineBench = { renderOurs, renderAnchor, minutesExport };
