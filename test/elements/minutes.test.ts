/**
 * The minutes export in the browser: from a scripted two-venue session whose evidence are real
 * PDFs (served from blob URLs under their SHA-256, as a room's store would), `exportMinutes`
 * gives HTML holding every entry and decision (escaped), the JSON bundle and the Web Annotation
 * collection; the page images are rendered with pdf.js and show the annotations (pixels checked:
 * red stroke where the annotation is, none where there is none); a file whose bytes do not match
 * its hash is not drawn. The timeline's button exports for the chair and recorder only.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { appendEntry, LocalOrigin, readTimeline } from '@huishen/model';
import '@huishen/elements/timeline/hs-timeline.js';
import type { HsTimeline } from '@huishen/elements/timeline/timeline.js';
import { exportMinutes } from '@huishen/elements/minutes/export-minutes.js';
import { pageKey } from '@huishen/elements/minutes/minutes-html.js';
import type { RoomContextValue } from '@huishen/elements';
import type { HsMinutesExportEvent } from '@huishen/elements/events/minutes-export-event.js';
import { after, before, describe, it } from './support/mocha.js';
import { makePdf } from './support/make-pdf.js';
import { sha256 } from './support/room.js'; // also defines <hs-test-room-provider>
import type { TestRoomProvider } from './support/room.js';
import { configureTestPdfjs } from './support/pdf-fixtures.js';
import { PEOPLE, SCRIPT, scriptedSession, type SessionEvidence } from '../bench/minutes/scripted-session.js';

const urls: string[] = [];

async function sessionRoom(options: { tamper?: boolean } = {}): Promise<{ room: RoomContextValue; ids: Record<string, string> }> {
  const files = [makePdf(Array.from({ length: 3 }, () => ({ mediaBox: [0, 0, 612, 792] as const, lines: ['Record of interview'] }))), makePdf([{ mediaBox: [0, 0, 612, 792] as const, lines: ['Still'] }, { mediaBox: [0, 0, 612, 792] as const }])];
  const evidence: SessionEvidence[] = [];
  const store = new Map<string, string>();
  for (const [i, bytes] of files.entries()) {
    const hash = await sha256(bytes);
    evidence.push({ id: `ev${i + 1}`, title: i === 0 ? '讯问笔录' : '监控录像截图', sha256: hash, bytes: bytes.byteLength, pages: i === 0 ? 3 : 2 });
    const served = options.tamper && i === 1 ? makePdf([{ mediaBox: [0, 0, 612, 792] as const, lines: ['Other file'] }]) : bytes;
    const url = URL.createObjectURL(new Blob([served], { type: 'application/pdf' }));
    urls.push(url);
    store.set(hash, url);
  }
  const { doc, ids } = scriptedSession({ evidence });
  return { room: { doc, evidenceUrl: (sha) => store.get(sha) ?? 'about:blank', origin: new LocalOrigin(PEOPLE.chair) }, ids };
}

async function pixels(src: string): Promise<{ at(x: number, y: number): [number, number, number] }> {
  const image = new Image();
  image.src = src;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(image, 0, 0);
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  return {
    at: (x, y) => {
      const i = (Math.round(y) * canvas.width + Math.round(x)) * 4;
      return [data[i]!, data[i + 1]!, data[i + 2]!];
    },
  };
}

const isRed = ([r, g, b]: [number, number, number]) => r > 180 && g < 110 && b < 110;

describe('minutes export (browser)', () => {
  before(() => configureTestPdfjs());
  after(() => urls.forEach((u) => URL.revokeObjectURL(u)));

  it('HTML holds every entry and decision, escaped; JSON and Web Annotations come along', async () => {
    const { room } = await sessionRoom();
    appendEntry(room.doc, { kind: 'comment', text: '<script>alert(1)</script> & “引号”' }, new LocalOrigin(PEOPLE.cityMember));
    const minutes = await exportMinutes(room, { locale: 'zh-Hans' });
    for (const entry of readTimeline(room.doc)) expect(minutes.html).to.contain(`data-entry="${entry.id}"`);
    for (const s of [SCRIPT.speech, SCRIPT.onBehalf, SCRIPT.edited, SCRIPT.editedBefore, SCRIPT.decision, SCRIPT.decisionRationale, SCRIPT.opinionCity, SCRIPT.opinionCounty, SCRIPT.caseTitle]) {
      expect(minutes.html).to.contain(s);
    }
    expect(minutes.html).to.contain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; “引号”');
    expect(minutes.html).to.not.contain('<script>');
    expect(minutes.html).to.contain('会审决定');
    expect(minutes.html).to.contain(minutes.json.evidence[0]!.sha256);
    expect(minutes.json.decisions).to.have.length(1);
    expect(minutes.webAnnotations.type).to.equal('AnnotationCollection');
    expect(minutes.webAnnotations.total).to.equal(2);
    // Deterministic: a second export of the same room is identical.
    expect((await exportMinutes(room, { locale: 'zh-Hans' })).html).to.equal(minutes.html);
  });

  it('page images are rendered with the annotations burnt in', async () => {
    const { room } = await sessionRoom();
    const minutes = await exportMinutes(room, { imageType: 'image/png' });
    const annotated = minutes.images.get(pageKey('ev1', 1));
    const plain = minutes.images.get(pageKey('ev1', 2));
    expect(annotated && 'src' in annotated, 'page 1 rendered').to.equal(true);
    expect(plain && 'src' in plain, 'page 2 rendered').to.equal(true);
    if (!annotated || !('src' in annotated) || !plain || !('src' in plain)) return;
    expect(minutes.html).to.contain(annotated.src);
    // 612×792 pt at 1.5 × 96/72 = 2 px/pt: the rect [100, 500, 400, 650] has its top edge at
    // y = (792 − 650) × 2 = 284 px and spans x = 200…800 px; its stroke is 6 pt (12 px) wide.
    expect(annotated.width).to.equal(1224);
    const a = await pixels(annotated.src);
    const p = await pixels(plain.src);
    for (const x of [300, 500, 700]) {
      expect(isRed(a.at(x, 284)), `annotated page, top edge at x=${x}: ${a.at(x, 284).join()}`).to.equal(true);
      expect(isRed(p.at(x, 284)), `plain page at x=${x}`).to.equal(false);
    }
    expect(isRed(a.at(500, 450)), 'inside the rectangle (not filled)').to.equal(false);
    expect(isRed(a.at(100, 100)), 'far from the annotation').to.equal(false);
  });

  it('a file that does not match its SHA-256 is not drawn; the page says why', async () => {
    const { room } = await sessionRoom({ tamper: true });
    const minutes = await exportMinutes(room);
    const image = minutes.images.get(pageKey('ev2', 1));
    expect(image && 'error' in image && image.error).to.contain('SHA-256 mismatch');
    expect(minutes.html).to.contain('此页未能渲染');
  });

  it('the timeline’s export button is there for the chair and recorder only, and fires hs-minutes-export', async () => {
    const { room } = await sessionRoom();
    const mount = async (origin: LocalOrigin) =>
      (
        await fixture<TestRoomProvider>(
          html`<hs-test-room-provider .room=${{ ...room, origin }}><hs-timeline style="display:flex;height:400px"></hs-timeline></hs-test-room-provider>`,
        )
      ).querySelector('hs-timeline')! as HsTimeline;
    const member = await mount(new LocalOrigin(PEOPLE.cityMember));
    expect(member.shadowRoot!.querySelector('[part~="export"]')).to.equal(null);
    const recorder = await mount(new LocalOrigin(PEOPLE.recorder));
    const button = recorder.shadowRoot!.querySelector<HTMLButtonElement>('[part~="export"]')!;
    const exported = new Promise<HsMinutesExportEvent>((resolve) =>
      recorder.addEventListener('hs-minutes-export', (e) => {
        e.preventDefault(); // no download in the test
        resolve(e);
      }),
    );
    button.click();
    const event = await exported;
    expect(event.minutes.html).to.contain(SCRIPT.decision);
    expect(event.minutes.json.timeline.length).to.equal(readTimeline(room.doc).length);
  });
});
