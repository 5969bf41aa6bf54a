/**
 * The demo process (`demo/server.ts`): it seeds the fictional case once into a real LevelDB store,
 * serves per-participant tokens that the real room server accepts, keeps the session across a
 * restart and starts over with `reset`. The generated evidence files are real PDFs whose Chinese
 * text pdf.js reads back.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { addAnnotation, LocalOrigin, readAnnotations, readBriefing, readEvidence, readMeta, readVenues } from '@huishen/model';
import { CASE_INFO, DEMO_ROOM, DOCUMENTS, OUTLINE, PARTICIPANTS } from '../../demo/case.js';
import { demoFiles } from '../../demo/seed.js';
import { RECEIPT_LINES } from '../../demo/scan.js';
import { startDemo, type DemoSession } from '../../demo/server.js';
import { stockClient, until, type StockClient } from '../server/support/server.js';

const dirs: string[] = [];
after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function session(url: string, as: string): Promise<DemoSession> {
  const response = await fetch(new URL(`/api/session?as=${as}`, url));
  assert.equal(response.status, 200);
  return (await response.json()) as DemoSession;
}

const clients: StockClient[] = [];

async function join_(s: DemoSession): Promise<StockClient> {
  const client = stockClient(s.serverUrl.replace(/^http/, 'ws'), s.room, s.token);
  clients.push(client);
  await until(() => client.provider.synced, `${s.participant.id} synced`);
  return client;
}

describe('the demo server', { timeout: 120_000 }, () => {
  it('seeds the case once, mints working tokens, keeps the session across a restart and resets on request', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'huishen-demo-'));
    dirs.push(dataDir);
    let demo = await startDemo({ dataDir, port: 0, serverPort: 0, livekit: false });
    try {
      const unknown = await fetch(new URL('/api/session?as=nobody', demo.url));
      assert.equal(unknown.status, 404);

      const chair = await session(demo.url, 'city-chair');
      assert.equal(chair.room, DEMO_ROOM);
      assert.equal(chair.participant.role, 'chair');
      const client = await join_(chair);
      assert.equal(client.ext.role, 'chair');
      const meta = readMeta(client.doc);
      assert.equal(meta.caseTitle, CASE_INFO.caseTitle);
      assert.deepEqual(readVenues(client.doc).map((v) => v.id).sort(), ['city', 'county']);
      const evidence = readEvidence(client.doc);
      assert.equal(evidence.length, DOCUMENTS.length + 1);
      const briefing = readBriefing(client.doc);
      assert.deepEqual(briefing.nodes.map((n) => n.title), OUTLINE.map((n) => n.title));
      assert.equal(briefing.presenterId, PARTICIPANTS.find((p) => p.role === 'presenter')!.id);
      for (const anchor of briefing.nodes.flatMap((n) => n.anchors)) assert.ok(evidence.some((e) => e.id === anchor.evidenceId), 'anchors point at seeded evidence');

      // The evidence bytes are in the room server's store and match the recorded hashes.
      const first = evidence[0]!;
      const blob = await fetch(`${chair.serverUrl}/evidence/${first.sha256}?token=${encodeURIComponent(chair.token)}`);
      assert.equal(blob.status, 200);
      assert.equal(Buffer.from(await blob.arrayBuffer()).byteLength, first.bytes);

      // A write by the presenter is stored and survives a restart; the case is not seeded twice.
      const presenterSession = await session(demo.url, 'county-presenter');
      const presenter = await join_(presenterSession);
      const { id: userId, name, venue, role } = presenterSession.participant;
      const origin = new LocalOrigin({ userId, name, venue, role });
      addAnnotation(presenter.doc, { kind: 'rect', evidenceId: first.id, page: 1, geometry: { rect: [100, 100, 200, 160] } }, origin);
      await until(() => presenter.ext.saved > 0 || presenter.ext.rejected.length > 0, 'the annotation saved');
      assert.deepEqual(presenter.ext.rejected, [], 'the write was accepted');
      await until(() => readAnnotations(client.doc).length === 1, 'the chair sees the annotation');
      client.destroy();
      presenter.destroy();
      await demo.close();

      demo = await startDemo({ dataDir, port: 0, serverPort: 0, livekit: false });
      const again = await join_(await session(demo.url, 'city-reviewer'));
      assert.equal(again.ext.role, 'member');
      assert.equal(readEvidence(again.doc).length, DOCUMENTS.length + 1, 'not seeded twice');
      const invalid: unknown[] = [];
      assert.equal(readAnnotations(again.doc, {}, (i) => invalid.push(i)).length, 1, `the annotation survived the restart (${again.doc.getMap('annotations').size} stored, invalid: ${JSON.stringify(invalid)})`);
      again.destroy();
      await demo.close();

      demo = await startDemo({ dataDir, port: 0, serverPort: 0, reset: true, livekit: false });
      const fresh = await join_(await session(demo.url, 'city-chair'));
      assert.equal(readAnnotations(fresh.doc).length, 0, 'reset starts over');
      assert.equal(readEvidence(fresh.doc).length, DOCUMENTS.length + 1, 'and seeds again');
      fresh.destroy();
    } finally {
      for (const client of clients.splice(0)) client.destroy();
      await demo.close();
    }
  });

  it('generates real PDFs whose Chinese text pdf.js reads back, the same bytes every time', async () => {
    const require = createRequire(import.meta.url);
    const pdfjsDir = join(require.resolve('pdfjs-dist-v4/package.json'), '..');
    // The floor engine (pdfjs-dist 4) runs in Node; typed here by the little this test uses.
    interface Pdf {
      numPages: number;
      getPage(n: number): Promise<{ getTextContent(): Promise<{ items: object[] }> }>;
      destroy(): Promise<void>;
    }
    const pdfjs = (await import(pathToFileURL(join(pdfjsDir, 'legacy/build/pdf.mjs')).href)) as { getDocument(init: object): { promise: Promise<Pdf> } };
    const files = demoFiles();
    assert.deepEqual(
      demoFiles().map((f) => f.sha256),
      files.map((f) => f.sha256),
      'deterministic',
    );
    for (const file of files) {
      const pdf = await pdfjs.getDocument({
        data: new Uint8Array(file.bytes),
        cMapUrl: join(pdfjsDir, 'cmaps') + '/',
        cMapPacked: true,
        isEvalSupported: false,
        useSystemFonts: false,
        standardFontDataUrl: join(pdfjsDir, 'standard_fonts') + '/',
      }).promise;
      assert.equal(pdf.numPages, file.pages);
      const page = await pdf.getPage(1);
      // Whitespace (the full-width space too) is layout, not content: compare without it.
      const text = (await page.getTextContent()).items.map((i) => ('str' in i ? String(i.str) : '')).join('').replace(/\s/g, '');
      const expected = (file.key === 'receipt-scan' ? RECEIPT_LINES[0] : DOCUMENTS.find((d) => d.key === file.key)!.pages[0]![1]!).replace(/\s/g, '');
      assert.ok(text.includes(expected), `${file.title}: page 1 text contains ${expected}`);
      await pdf.destroy();
    }
  });
});
