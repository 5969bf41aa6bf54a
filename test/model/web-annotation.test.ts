/**
 * W3C Web Annotation export and import: exact round trips for every kind with random data, JSON-LD
 * validity against the annotation context (read from the shared fixtures), the shapes of the
 * Recommendation's own examples, import of those examples, and hostile input refused cleanly.
 *
 * The fixtures live outside the repository in `../shared/fixtures/web-annotation`; tests that need
 * them skip with a message when that folder is absent. `HUISHEN_SEEDS=2000` runs more random
 * cases; a failure prints its seed (`HUISHEN_SEED=<n>` replays one).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as prng from 'lib0/prng';
import * as v from 'valibot';
import * as Y from 'yjs';
import {
  addAnnotation,
  addEvidence,
  ANNOTATION_KINDS,
  annotationSchema,
  EXPORT_CONTEXT,
  fromWebAnnotation,
  HUISHEN_VOCAB,
  importWebAnnotations,
  initRoom,
  LocalOrigin,
  readAnnotations,
  readEvidence,
  setVenue,
  SERVER_ORIGIN,
  STAMP_CODES,
  toWebAnnotation,
  toWebAnnotationCollection,
  WEB_ANNOTATION_CONTEXT,
  type Annotation,
  type AnnotationKind,
  type Evidence,
  type Venue,
  type WebAnnotation,
} from '@huishen/model';
import { actor, sha } from '../helpers/model-fixtures.js';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/fixtures/web-annotation');
const HAVE_FIXTURES = existsSync(join(FIXTURES, 'jsonld/anno.jsonld')) && existsSync(join(FIXTURES, 'spec-examples'));
const NO_FIXTURES = HAVE_FIXTURES ? false : `the W3C fixtures are not at ${FIXTURES} (they ship beside the repository in ../shared/fixtures)`;

const SEEDS = Number(process.env['HUISHEN_SEEDS'] ?? 270);
const ONLY = process.env['HUISHEN_SEED'];

const PDF: Evidence = {
  id: 'ev-pdf',
  title: '讯问笔录',
  kind: 'pdf',
  mime: 'application/pdf',
  bytes: 1234,
  sha256: sha(0xabc),
  pages: 500,
  venue: 'city',
  addedBy: 'chair1',
  addedAt: 1,
};
const STILL: Evidence = { ...PDF, id: 'ev-still', title: '实物照片', kind: 'still', mime: 'image/jpeg', sha256: sha(0xdef), pages: 1 };
const VENUES: Venue[] = [
  { id: 'city', name: '市人民检察院', level: 'city', color: '#1e88e5' },
  { id: 'county', name: '县人民检察院', level: 'county', color: '#43a047' },
];
const LOOKUP = new Map([
  [PDF.sha256, PDF.id],
  [STILL.sha256, STILL.id],
]);

// ---------------------------------------------------------------- random annotations

type Gen = prng.PRNG;

/** A coordinate: integers, decimals and full-precision doubles, never -0. */
function coord(gen: Gen): number {
  switch (prng.int31(gen, 0, 3)) {
    case 0:
      return prng.int31(gen, -100, 1000) + 0;
    case 1:
      return Math.round((prng.real53(gen) * 2000 - 500) * 100) / 100 + 0;
    case 2:
      return prng.real53(gen) * 2e6 - 1e6 + 0;
    default:
      return prng.real53(gen) * 842 + 0;
  }
}
const point = (gen: Gen): [number, number] => [coord(gen), coord(gen)];
function rect(gen: Gen): [number, number, number, number] {
  const [a, b, c, d] = [coord(gen), coord(gen), coord(gen), coord(gen)];
  return [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
}
function text(gen: Gen, max: number): string {
  return prng.oneOf(gen, [() => prng.word(gen, 0, max), () => prng.utf16String(gen, max), () => '证据显示被告人于案发当晚在场。', () => ' \n<b>&"\'</b>\t'])();
}

function geometryFor(gen: Gen, kind: AnnotationKind): unknown {
  switch (kind) {
    case 'highlight':
      return { quads: Array.from({ length: prng.int31(gen, 1, 5) }, () => Array.from({ length: 8 }, () => coord(gen))) };
    case 'rect':
    case 'ellipse':
    case 'note':
    case 'callout':
      return { rect: rect(gen) };
    case 'arrow':
      return { from: point(gen), to: point(gen) };
    case 'ink':
      return { points: Array.from({ length: prng.int31(gen, 1, prng.bool(gen) ? 40 : 400) }, () => [coord(gen), coord(gen), prng.oneOf(gen, [0, 0.5, 1, prng.real53(gen)])]) };
    default:
      return { at: point(gen) };
  }
}

const TIMES = [0, 1, 1_700_000_000_123, 8.64e15, 253_402_300_799_999, 253_402_300_800_000];

/** A valid annotation record of `kind`, every optional field present or absent at random. */
function randomAnnotation(gen: Gen, kind: AnnotationKind, evidence: Evidence): Annotation {
  const createdAt = prng.bool(gen) ? prng.oneOf(gen, TIMES) : Math.min(8.64e15, prng.int53(gen, 0, 8.64e15));
  const record: Record<string, unknown> = {
    id: prng.oneOf(gen, ['a', 'A-_9', prng.word(gen, 1, 20).replace(/[^A-Za-z0-9_-]/g, 'x') || 'x', 'x'.repeat(64)]),
    evidenceId: evidence.id,
    page: evidence.kind === 'pdf' ? prng.int31(gen, 1, evidence.pages) : 1,
    kind,
    geometry: geometryFor(gen, kind),
    style: {
      color: `#${prng.int31(gen, 0, 0xffffff).toString(16).padStart(6, prng.oneOf(gen, ['0']))}`,
      width: prng.oneOf(gen, [0.1, 1, 2.5, 100, 0.1 + prng.real53(gen) * 99.9]),
      opacity: prng.oneOf(gen, [0, 0.4, 1, prng.real53(gen), 1e-7]),
    },
    author: prng.oneOf(gen, ['member1', 'u_1', 'Z']),
    authorName: prng.oneOf(gen, ['', '张检察官', text(gen, 30)]),
    venue: prng.oneOf(gen, ['city', 'county', 'elsewhere']),
    createdAt,
    modifiedAt: prng.bool(gen) ? createdAt : Math.min(8.64e15, prng.int53(gen, createdAt, 8.64e15)),
  };
  if (prng.int31(gen, 0, 2) > 0) record['text'] = prng.bool(gen) ? '' : text(gen, 200);
  if (prng.bool(gen)) record['lang'] = prng.oneOf(gen, ['zh-CN', 'zh-TW', 'en', 'zh-Hant-HK']);
  if (kind === 'highlight' && prng.int31(gen, 0, 3) > 0) {
    const quote: Record<string, string> = { exact: text(gen, 100) || '证据' };
    if (prng.bool(gen)) quote['prefix'] = text(gen, 50);
    if (prng.bool(gen)) quote['suffix'] = text(gen, 50);
    record['quote'] = quote;
  }
  if (kind === 'stamp') record['stamp'] = prng.bool(gen) ? { code: prng.oneOf(gen, [...STAMP_CODES]) } : { code: prng.oneOf(gen, [...STAMP_CODES]), number: prng.oneOf(gen, [0, 1, 999_999, prng.int31(gen, 0, 999_999)]) };
  return v.parse(annotationSchema, record) as Annotation;
}

/** Runs `f` for each seed, naming the seed in any failure. */
function forSeeds(f: (seed: number) => void): void {
  const seeds = ONLY ? [Number(ONLY)] : Array.from({ length: SEEDS }, (_, i) => i + 1);
  for (const seed of seeds) {
    try {
      f(seed);
    } catch (error) {
      throw new Error(`seed ${seed} failed (replay with HUISHEN_SEED=${seed}): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
}

/** The export for seed `seed` (kinds cycle so every kind gets SEEDS/9 cases), as JSON text would carry it. */
function exportFor(seed: number): { annotation: Annotation; json: WebAnnotation; baseIri?: string } {
  const gen = prng.create(seed);
  const kind = ANNOTATION_KINDS[seed % ANNOTATION_KINDS.length]!;
  const evidence = seed % 5 === 0 ? STILL : PDF;
  const annotation = randomAnnotation(gen, kind, evidence);
  const baseIri = seed % 3 === 0 ? 'https://portal.example/rooms/r1/annotations/' : undefined;
  const venues = seed % 4 === 0 ? undefined : VENUES;
  const json = JSON.parse(JSON.stringify(toWebAnnotation(annotation, { evidence, venues, baseIri }))) as WebAnnotation;
  return baseIri === undefined ? { annotation, json } : { annotation, json, baseIri };
}

// ---------------------------------------------------------------- JSON-LD checks

interface AnnoContext {
  /** Every term the annotation context defines (prefixes included). */
  terms: Set<string>;
  /** Prefixes (terms whose value is a namespace IRI). */
  prefixes: Set<string>;
  /** Terms whose values are IRIs (`@type: @id`). */
  iriTerms: Set<string>;
  /** Terms whose values are vocabulary terms (`@type: @vocab`: motivation, purpose, …). */
  vocabTerms: Set<string>;
}

function loadAnnoContext(): AnnoContext {
  const context = (JSON.parse(readFileSync(join(FIXTURES, 'jsonld/anno.jsonld'), 'utf8')) as { '@context': Record<string, unknown> })['@context'];
  const out: AnnoContext = { terms: new Set(), prefixes: new Set(), iriTerms: new Set(), vocabTerms: new Set() };
  for (const [term, definition] of Object.entries(context)) {
    out.terms.add(term);
    if (typeof definition === 'string' && /[/#]$/.test(definition)) out.prefixes.add(term);
    if (typeof definition === 'object' && definition !== null) {
      const type = (definition as Record<string, unknown>)['@type'];
      if (type === '@id') out.iriTerms.add(term);
      if (type === '@vocab') out.vocabTerms.add(term);
    }
  }
  return out;
}

/**
 * Checks one exported node tree against the annotation context plus Huishen's: every key is a
 * term of anno.jsonld or a compact IRI with a declared prefix; types and motivations are terms;
 * IRI-valued properties hold absolute IRIs. `@json` properties are JSON literals and not walked.
 */
function checkJsonLd(node: unknown, anno: AnnoContext, path = '$'): void {
  const local = EXPORT_CONTEXT[1] as unknown as Record<string, unknown>;
  const jsonLiteral = new Set(Object.entries(local).filter(([, d]) => typeof d === 'object' && d !== null && (d as Record<string, unknown>)['@type'] === '@json').map(([t]) => t));
  const prefixes = new Set([...anno.prefixes, 'huishen']);
  const isIri = (s: unknown) => typeof s === 'string' && /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]+$/i.test(s);
  if (Array.isArray(node)) return node.forEach((item, i) => checkJsonLd(item, anno, `${path}[${i}]`));
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    const where = `${path}.${key}`;
    if (key === '@context') continue;
    const prefix = key.includes(':') ? key.slice(0, key.indexOf(':')) : undefined;
    assert.ok(anno.terms.has(key) || (prefix !== undefined && prefixes.has(prefix)), `${where}: "${key}" is neither an anno.jsonld term nor a declared prefix`);
    if (jsonLiteral.has(key)) continue;
    if (key === 'type') for (const t of [value].flat()) assert.ok(anno.terms.has(t as string), `${where}: type ${String(t)} is not an anno.jsonld term`);
    if (anno.vocabTerms.has(key)) for (const t of [value].flat()) assert.ok(anno.terms.has(t as string), `${where}: ${String(t)} is not a defined vocabulary term`);
    if (anno.iriTerms.has(key) && key !== 'type') for (const iri of [value].flat()) if (typeof iri === 'string') assert.ok(isIri(iri), `${where}: ${iri} is not an absolute IRI`);
    checkJsonLd(value, anno, where);
  }
}

function checkAnnotationEnvelope(json: Record<string, unknown>, needsContext = true): void {
  if (needsContext) {
    const context = json['@context'];
    assert.ok(Array.isArray(context), '@context is an array');
    assert.equal(context[0], WEB_ANNOTATION_CONTEXT, 'the annotation context comes first');
    assert.equal((context[1] as Record<string, unknown>)['huishen'], HUISHEN_VOCAB, 'the huishen prefix is declared');
    assert.equal((context[1] as Record<string, unknown>)['@version'], 1.1, '@json literals need JSON-LD 1.1');
  }
  assert.equal(typeof json['id'], 'string');
  assert.equal(json['type'], 'Annotation');
  assert.ok(json['target'] !== undefined, 'target is required');
}

/** Every object in a tree with its `type` (or the role it plays when it has none). */
function nodesByType(node: unknown, out = new Map<string, Record<string, unknown>[]>(), role = 'Annotation'): Map<string, Record<string, unknown>[]> {
  if (Array.isArray(node)) {
    node.forEach((item) => nodesByType(item, out, role));
    return out;
  }
  if (typeof node !== 'object' || node === null) return out;
  const record = node as Record<string, unknown>;
  const type = typeof record['type'] === 'string' ? (record['type'] as string) : role;
  const key = role === 'target' && type === 'SpecificResource' ? 'target' : type;
  out.set(key, [...(out.get(key) ?? []), record]);
  for (const [k, value] of Object.entries(record)) if (!k.startsWith('huishen:') && k !== '@context') nodesByType(value, out, k);
  return out;
}

// ---------------------------------------------------------------- tests

describe('Web Annotation export', () => {
  test(`round trip keeps every field of every kind (${ONLY ? `seed ${ONLY}` : `${SEEDS} random cases`})`, () => {
    const perKind = new Map<string, number>();
    forSeeds((seed) => {
      const { annotation, json, baseIri } = exportFor(seed);
      const result = fromWebAnnotation(json, { evidenceBySha256: LOOKUP, baseIri });
      assert.ok(result.ok, `refused: ${result.ok ? '' : result.issues.join('; ')}`);
      assert.deepEqual(result.value.record, annotation);
      assert.deepEqual(result.value.notes, []);
      // JSON text in, too, and the URN still wins when the importer does not know the base IRI.
      const again = fromWebAnnotation(JSON.stringify(json), { evidenceBySha256: (hash) => LOOKUP.get(hash) });
      assert.ok(again.ok);
      assert.deepEqual(again.value.record, annotation);
      perKind.set(annotation.kind, (perKind.get(annotation.kind) ?? 0) + 1);
    });
    if (!ONLY) assert.deepEqual([...perKind.keys()].sort(), [...ANNOTATION_KINDS].sort(), 'every kind was exercised');
  });

  test('rect and ink come out in the documented shape', () => {
    const base = { evidenceId: PDF.id, page: 3, author: 'member1', authorName: '张三', venue: 'county', createdAt: 1_700_000_000_000, modifiedAt: 1_700_000_060_000 };
    const rect = v.parse(annotationSchema, { ...base, id: 'r1', kind: 'rect', geometry: { rect: [72, 600, 272, 640] }, style: { color: '#e53935', width: 2, opacity: 1 }, text: '此处签名与笔录不符', lang: 'zh-CN' }) as Annotation;
    const json = toWebAnnotation(rect, { evidence: PDF, venues: VENUES });
    assert.deepEqual(json.target, {
      type: 'SpecificResource',
      source: `urn:sha256:${PDF.sha256}`,
      selector: {
        type: 'FragmentSelector',
        conformsTo: 'http://tools.ietf.org/rfc/rfc3778',
        value: 'page=3',
        refinedBy: { type: 'FragmentSelector', conformsTo: 'urn:huishen:vocab:pdf-user-space', value: 'xywh=72,600,200,40' },
      },
      styleClass: 'huishen',
    });
    assert.deepEqual(json.body, { type: 'TextualBody', purpose: 'commenting', value: '此处签名与笔录不符', format: 'text/plain', language: 'zh-CN' });
    assert.deepEqual(json.creator, { id: 'urn:huishen:user:member1', type: 'Person', name: '张三', 'schema:memberOf': { id: 'urn:huishen:venue:county', type: 'Organization', name: '县人民检察院' } });
    assert.equal(json.created, '2023-11-14T22:13:20.000Z');
    assert.equal(json.motivation, 'highlighting');
    assert.deepEqual(json.stylesheet, { type: 'CssStylesheet', value: '.huishen { color: #e53935; stroke-width: 2pt; opacity: 1 }' });

    const ink = v.parse(annotationSchema, { ...base, id: 'i1', kind: 'ink', geometry: { points: [[10, 20, 0.5], [11.25, 22, 0.75]] }, style: { color: '#1e88e5', width: 2, opacity: 1 } }) as Annotation;
    const inkJson = toWebAnnotation(ink, { evidence: PDF });
    assert.deepEqual(inkJson.target.selector, {
      type: 'FragmentSelector',
      conformsTo: 'http://tools.ietf.org/rfc/rfc3778',
      value: 'page=3',
      refinedBy: {
        type: 'SvgSelector',
        value: '<svg xmlns="http://www.w3.org/2000/svg" data-huishen-space="pdf-user-space"><polyline points="10,20 11.25,22" data-pressure="0.5 0.75"/></svg>',
      },
    });
    assert.deepEqual(inkJson['huishen:geometry'], { points: [[10, 20, 0.5], [11.25, 22, 0.75]] });
    assert.equal(inkJson.body, undefined);
    assert.deepEqual(inkJson.creator['schema:memberOf'], { id: 'urn:huishen:venue:county', type: 'Organization' });
  });

  test('highlights give the quads and the quote as alternative selectors; stamps a tagging body', () => {
    const base = { evidenceId: PDF.id, page: 2, author: 'u1', authorName: 'A', venue: 'city', createdAt: 5, modifiedAt: 5, style: { color: '#ffd400', width: 1, opacity: 0.4 } };
    const highlight = v.parse(annotationSchema, { ...base, id: 'h1', kind: 'highlight', geometry: { quads: [[0, 10, 50, 10, 0, 0, 50, 0]] }, quote: { exact: '被告人', prefix: '经审查，', suffix: '于' } }) as Annotation;
    const selectors = toWebAnnotation(highlight, { evidence: PDF }).target.selector;
    assert.ok(Array.isArray(selectors) && selectors.length === 2);
    assert.deepEqual(selectors[1], { type: 'FragmentSelector', conformsTo: 'http://tools.ietf.org/rfc/rfc3778', value: 'page=2', refinedBy: { type: 'TextQuoteSelector', exact: '被告人', prefix: '经审查，', suffix: '于' } });
    assert.match(JSON.stringify(selectors[0]), /<polygon points=\\"0,10 50,10 50,0 0,0\\"\/>/);

    const stamp = v.parse(annotationSchema, { ...base, id: 's1', kind: 'stamp', geometry: { at: [300, 400] }, stamp: { code: 'exhibit', number: 12 } }) as Annotation;
    const json = toWebAnnotation(stamp, { evidence: PDF });
    assert.equal(json.motivation, 'tagging');
    assert.deepEqual(json.body, { type: 'TextualBody', purpose: 'tagging', value: '证据编号 12', format: 'text/plain', language: 'zh-CN' });
    // On an image there is no page fragment: the region stands alone.
    const onStill = toWebAnnotation({ ...stamp, evidenceId: STILL.id, page: 1 }, { evidence: STILL });
    assert.deepEqual(onStill.target.selector, { type: 'FragmentSelector', conformsTo: 'urn:huishen:vocab:pdf-user-space', value: 'xywh=300,400,0,0' });
    assert.throws(() => toWebAnnotation(stamp, { evidence: STILL }), /not ev-still/);
  });

  test('every export is valid JSON-LD with the annotation context', { skip: NO_FIXTURES }, () => {
    const anno = loadAnnoContext();
    assert.ok(anno.terms.has('FragmentSelector') && anno.prefixes.has('schema'), 'anno.jsonld parsed');
    forSeeds((seed) => {
      const { json } = exportFor(seed);
      checkAnnotationEnvelope(json as unknown as Record<string, unknown>);
      checkJsonLd(json, anno);
    });
  });

  test('exported shapes use the keys of the Recommendation’s examples', { skip: NO_FIXTURES }, () => {
    const examples = readdirSync(join(FIXTURES, 'spec-examples'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(FIXTURES, 'spec-examples', f), 'utf8')) as unknown);
    const specKeys = new Map<string, Set<string>>();
    for (const example of examples) for (const [type, nodes] of nodesByType(example)) for (const node of nodes) for (const key of Object.keys(node)) specKeys.set(type, (specKeys.get(type) ?? new Set()).add(key));
    const ours = new Map<string, Record<string, unknown>[]>();
    forSeeds((seed) => {
      for (const [type, nodes] of nodesByType(exportFor(seed).json)) ours.set(type, [...(ours.get(type) ?? []), ...nodes]);
    });
    for (const type of ['Annotation', 'target', 'FragmentSelector', 'SvgSelector', 'TextQuoteSelector', 'TextualBody', 'Person', 'Software', 'CssStylesheet'])
      assert.ok(ours.has(type) && specKeys.has(type), `${type} appears in both`);
    for (const [type, nodes] of ours) {
      const allowed = specKeys.get(type);
      if (type === 'Organization') continue; // the venue: only schema:memberOf's value, no spec example
      assert.ok(allowed, `${type} has a spec example`);
      for (const node of nodes) for (const key of Object.keys(node)) if (!/^(huishen|schema):/.test(key)) assert.ok(allowed.has(key), `${type}.${key} is not used by any spec example of ${type}`);
    }
    // The page selector is example 33's, key for key and value for value.
    const page = (examples[32] as { target: { state: { refinedBy: { refinedBy: Record<string, unknown> } } } }).target.state.refinedBy.refinedBy;
    const ourPage = exportFor(1).json.target.selector as unknown as Record<string, unknown>[] | Record<string, unknown>;
    const first = Array.isArray(ourPage) ? ourPage[0]! : ourPage;
    assert.deepEqual(Object.keys(first).filter((k) => k !== 'refinedBy').sort(), Object.keys(page).sort());
    assert.equal(first['conformsTo'], page['conformsTo']);
    // A refinedBy chain has example 29's shape: a FragmentSelector refined by another selector.
    const chain = (examples[28] as { target: { selector: Record<string, unknown> } }).target.selector;
    assert.equal(chain['type'], first['type']);
    assert.equal(typeof chain['refinedBy'], typeof first['refinedBy']);
  });

  test('a collection of a room is an AnnotationCollection with its page inline, like example 40', { skip: NO_FIXTURES }, () => {
    const { doc, member } = room();
    addAnnotation(doc, { evidenceId: 'ev1', page: 2, kind: 'rect', geometry: { rect: [1, 2, 3, 4] }, text: '注意' }, member);
    addAnnotation(doc, { evidenceId: 'ev1', page: 3, kind: 'ink', geometry: { points: [[1, 2, 0.5]] } }, member);
    const collection = JSON.parse(JSON.stringify(toWebAnnotationCollection(doc, { baseIri: 'https://portal.example/r1/' }))) as Record<string, unknown>;
    const example = JSON.parse(readFileSync(join(FIXTURES, 'spec-examples/example40.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(collection).sort(), Object.keys(example).sort());
    const page = collection['first'] as { items: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(page).sort(), Object.keys(example['first']!).sort());
    assert.equal(page.items.length, 2);
    assert.equal(collection['label'], '张某盗窃案');
    const anno = loadAnnoContext();
    checkJsonLd(collection, anno);
    for (const item of page.items) {
      checkAnnotationEnvelope(item, false);
      assert.equal(item['@context'], undefined, 'items inherit the collection’s context');
      assert.match(item['id'] as string, /^https:\/\/portal\.example\/r1\/[A-Za-z0-9_-]+$/);
    }
  });
});

// ---------------------------------------------------------------- import

function room(): { doc: Y.Doc; member: LocalOrigin; other: LocalOrigin } {
  const doc = new Y.Doc();
  initRoom(doc, { generation: 'gen1', now: 1 }, SERVER_ORIGIN);
  doc.getMap('meta').set('caseTitle', '张某盗窃案');
  let t = 1_700_000_000_000;
  const chair = new LocalOrigin(actor('chair'), () => (t += 1000));
  for (const venue of VENUES) setVenue(doc, venue, chair);
  addEvidence(doc, { id: 'ev1', title: '讯问笔录', kind: 'pdf', mime: 'application/pdf', bytes: 1234, sha256: PDF.sha256, pages: 10 }, chair);
  return {
    doc,
    member: new LocalOrigin(actor('member', 'member1', 'county'), () => (t += 1000)),
    other: new LocalOrigin(actor('member', 'member2', 'city'), () => (t += 1000)),
  };
}

describe('Web Annotation import', () => {
  test('importWebAnnotations adds through addAnnotation: ids kept when free, the importer is author, the original creator reported', () => {
    const source = room();
    const ids = [
      addAnnotation(source.doc, { id: 'keep-me', evidenceId: 'ev1', page: 2, kind: 'highlight', geometry: { quads: [[0, 10, 5, 10, 0, 0, 5, 0]] }, quote: { exact: '笔录' }, text: 'x', lang: 'zh-CN' }, source.member),
      addAnnotation(source.doc, { evidenceId: 'ev1', page: 9, kind: 'stamp', geometry: { at: [5, 5] }, stamp: { code: 'examined', number: 3 } }, source.member),
    ];
    const collection = JSON.stringify(toWebAnnotationCollection(source.doc));

    // A different room holding the same file under another evidence id.
    const target = new Y.Doc();
    const importer = new LocalOrigin(actor('member', 'importer', 'city'), () => 42);
    addEvidence(target, { id: 'other-ev', title: '同一份笔录', kind: 'pdf', mime: 'application/pdf', bytes: 1234, sha256: PDF.sha256, pages: 10 }, importer);
    const report = importWebAnnotations(target, collection, importer);
    assert.deepEqual(report.skipped, []);
    assert.deepEqual(report.imported.map((i) => i.id), ids);
    const originals = readAnnotations(source.doc);
    const copies = readAnnotations(target);
    const content = ({ evidenceId: _e, author: _a, authorName: _n, venue: _v, createdAt: _c, modifiedAt: _m, ...rest }: Annotation) => rest;
    assert.equal(copies.length, 2);
    for (const copy of copies) {
      const original = originals.find((a) => a.id === copy.id)!;
      assert.deepEqual(content(copy), content(original));
      assert.equal(copy.evidenceId, 'other-ev');
      assert.deepEqual([copy.author, copy.authorName, copy.venue, copy.createdAt], ['importer', 'member importer', 'city', 42]);
      const from = report.imported.find((i) => i.id === copy.id)!.from;
      assert.deepEqual(from.creator, { userId: 'member1', name: 'member member1', venue: 'county', venueName: '县人民检察院' });
      assert.equal(from.createdAt, original.createdAt);
      assert.deepEqual(from.record, { ...original, evidenceId: 'other-ev' }, 'the record as exported, on this room’s evidence');
    }

    // Again: the ids are taken now, so new ones are made and said so.
    const again = importWebAnnotations(target, collection, importer);
    assert.equal(again.imported.length, 2);
    for (const item of again.imported) {
      assert.ok(!ids.includes(item.id));
      assert.ok(item.from.notes.some((note) => /is taken/.test(note)));
    }
    assert.equal(readAnnotations(target).length, 4);

    // A page beyond the evidence is refused by addAnnotation and reported, the rest still added.
    const small = new Y.Doc();
    addEvidence(small, { id: 'ev1', title: '节选', kind: 'pdf', mime: 'application/pdf', bytes: 1, sha256: PDF.sha256, pages: 5 }, importer);
    const partial = importWebAnnotations(small, collection, importer);
    assert.deepEqual(partial.imported.map((i) => i.index), [0]);
    assert.equal(partial.skipped[0]!.index, 1);
    assert.match(partial.skipped[0]!.issues.join(), /page 9 > 5/);
  });

  test('an import is one transaction with the importer’s origin (one undo step)', () => {
    const source = room();
    for (let i = 0; i < 3; i++) addAnnotation(source.doc, { evidenceId: 'ev1', page: 1, kind: 'pin', geometry: { at: [i, i] }, text: `第${i}条` }, source.member);
    const { doc, other } = room();
    let transactions = 0;
    doc.on('afterTransaction', (tr: Y.Transaction) => void (tr.origin === other && transactions++));
    const undo = new Y.UndoManager(doc.getMap('annotations'), { trackedOrigins: new Set([other]) });
    importWebAnnotations(doc, toWebAnnotationCollection(source.doc), other);
    assert.equal(transactions, 1);
    assert.equal(readAnnotations(doc).length, 3);
    undo.undo();
    assert.equal(readAnnotations(doc).length, 0);
  });

  test('the Recommendation’s own examples are refused with a clear issue, never a throw', { skip: NO_FIXTURES }, () => {
    const { doc, member } = room();
    for (const file of readdirSync(join(FIXTURES, 'spec-examples')).filter((f) => f.endsWith('.json')).sort()) {
      const json = JSON.parse(readFileSync(join(FIXTURES, 'spec-examples', file), 'utf8')) as unknown;
      const result = fromWebAnnotation(json, { evidenceBySha256: LOOKUP });
      assert.equal(result.ok, false, `${file} cannot be placed on a Huishen page`);
      if (!result.ok) for (const issue of result.issues) assert.ok(issue.length > 8 && !/undefined|\[object/.test(issue), `${file}: unclear issue ${issue}`);
      const report = importWebAnnotations(doc, json, member);
      assert.equal(report.imported.length, 0, file);
      assert.ok(report.skipped.length > 0 || file === 'example38.json' || file === 'example39.json' || file === 'example40.json', file);
    }
    const issuesOf = (file: string) => {
      const result = fromWebAnnotation(JSON.parse(readFileSync(join(FIXTURES, 'spec-examples', file), 'utf8')), { evidenceBySha256: LOOKUP });
      return result.ok ? '' : result.issues.join('; ');
    };
    assert.match(issuesOf('example01.json'), /whole resource/);
    assert.match(issuesOf('example21.json'), /is not urn:sha256/);
    assert.match(issuesOf('example38.json'), /not Annotation/);
    assert.match(issuesOf('example42.json'), /Composite/);
    assert.equal(importWebAnnotations(doc, readJson('example38.json'), member).skipped[0]!.issues[0], 'the collection has no inline first page (pages given by IRI are not fetched)');
    assert.match(importWebAnnotations(doc, readJson('example40.json'), member).skipped.map((s) => s.issues.join()).join(), /whole resource/);
  });

  test('spec example bodies and selectors on a Huishen target map sensibly', { skip: NO_FIXTURES }, () => {
    const region = { type: 'FragmentSelector', conformsTo: 'urn:huishen:vocab:pdf-user-space', value: 'xywh=10,20,30,40' };
    const page = (refinedBy: unknown) => ({ ...(readJson('example33.json')['target'] as { state: { refinedBy: { refinedBy: object } } }).state.refinedBy.refinedBy, refinedBy });
    const onEvidence = (file: string, selector: unknown, extra: Record<string, unknown> = {}) => ({ ...readJson(file), target: { source: `urn:sha256:${PDF.sha256}`, selector }, ...extra });

    // Example 7: a plain-text comment. On a region of page 10 it becomes a rect with that text.
    const comment = fromWebAnnotation(onEvidence('example07.json', page(region)), { evidenceBySha256: LOOKUP });
    assert.ok(comment.ok);
    assert.deepEqual(comment.value.annotation, { evidenceId: PDF.id, page: 10, kind: 'rect', geometry: { rect: [10, 20, 40, 60] }, style: { color: '#e53935', width: 2, opacity: 1 }, text: 'Comment text' });
    assert.equal(comment.value.record, undefined, 'not a Huishen export: no complete record');
    // Example 6's bodyValue, motivated as commenting, is a note; a zero-size region is a pin.
    const note = fromWebAnnotation(onEvidence('example06.json', page(region), { motivation: 'commenting' }), { evidenceBySha256: LOOKUP });
    assert.ok(note.ok && note.value.annotation.kind === 'note' && note.value.annotation.text === 'Comment text');
    const pin = fromWebAnnotation(onEvidence('example06.json', page({ ...region, value: 'xywh=5,6,0,0' })), { evidenceBySha256: LOOKUP });
    assert.ok(pin.ok);
    assert.deepEqual(pin.value.annotation.geometry, { at: [5, 6] });
    // Example 41's creator and times are read; its Choice body is refused.
    const withCreator = fromWebAnnotation(onEvidence('example41.json', page(region), { body: { type: 'TextualBody', value: 'love', language: 'en' } }), { evidenceBySha256: LOOKUP });
    assert.ok(withCreator.ok);
    assert.deepEqual(withCreator.value.creator, { iri: 'http://example.org/user1', name: 'A. Person' });
    assert.equal(withCreator.value.createdAt, Date.UTC(2015, 9, 13, 13));
    assert.equal(withCreator.value.annotation.lang, 'en');
    const choice = fromWebAnnotation(onEvidence('example41.json', page(region)), { evidenceBySha256: LOOKUP });
    assert.ok(!choice.ok && /Choice/.test(choice.issues.join()));
    // Example 15: the describing body is the text, the "readme" tag is noted and dropped.
    const tagged = fromWebAnnotation(onEvidence('example15.json', page(region)), { evidenceBySha256: LOOKUP });
    assert.ok(tagged.ok && tagged.value.annotation.text?.startsWith('A good description'));
    assert.ok(tagged.value.notes.some((n) => /tag/.test(n)));
    // Example 23's quote alone says nothing about where on the page: refused, clearly.
    const quote = fromWebAnnotation(onEvidence('example07.json', page((readJson('example23.json')['target'] as { selector: unknown }).selector)), { evidenceBySha256: LOOKUP });
    assert.ok(!quote.ok && /geometry/.test(quote.issues.join()));
    // Example 5's HTML body is refused (Huishen text is plain), example 20's media fragment cannot be placed.
    const html = fromWebAnnotation(onEvidence('example05.json', page(region)), { evidenceBySha256: LOOKUP });
    assert.ok(!html.ok && /text\/html/.test(html.issues.join()));
    const media = fromWebAnnotation(onEvidence('example07.json', (readJson('example20.json')['body'] as { selector: unknown }).selector), { evidenceBySha256: LOOKUP });
    assert.ok(!media.ok && /media-frags/.test(media.issues.join()));
    // A selector Huishen cannot use next to one it can: the usable one wins, the other is noted.
    const mixed = fromWebAnnotation(onEvidence('example07.json', [(readJson('example21.json')['target'] as { selector: unknown }).selector, page(region)]), { evidenceBySha256: LOOKUP });
    assert.ok(mixed.ok && mixed.value.notes.some((n) => /CssSelector/.test(n)));
  });
});

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, 'spec-examples', file), 'utf8')) as Record<string, unknown>;
}

// ---------------------------------------------------------------- hostile input

describe('hostile Web Annotation input', () => {
  const good = (): Record<string, unknown> => JSON.parse(JSON.stringify(exportFor(1).json)) as Record<string, unknown>;
  const goodInk = (): Record<string, unknown> => JSON.parse(JSON.stringify(exportFor(4).json)) as Record<string, unknown>; // seed 4: ink on the PDF
  const withGeometry = (geometry: unknown) => ({ ...good(), 'huishen:geometry': geometry });
  const without = (key: string) => Object.fromEntries(Object.entries(good()).filter(([k]) => k !== key));
  const deep = (n: number): unknown => (n === 0 ? {} : { a: deep(n - 1) });
  const throwingGetter = Object.defineProperty({ ...good() }, 'target', {
    enumerable: true,
    get() {
      throw new Error('boom');
    },
  });
  const throwingProxy = new Proxy(good(), {
    ownKeys() {
      throw new Error('boom');
    },
  });

  const cases: [string, unknown][] = [
    ['null', null],
    ['a number', 42],
    ['JSON text that is not JSON', '{"type": "Annotation",'],
    ['an empty object', {}],
    ['an array of numbers', [1, 2]],
    ['missing target', without('target')],
    ['missing id', without('id')],
    ['an undefined value', { ...good(), id: undefined }],
    ['missing @context', without('@context')],
    ['a foreign @context only', { ...good(), '@context': 'https://schema.org/' }],
    ['the huishen prefix bound elsewhere', { ...good(), '@context': [WEB_ANNOTATION_CONTEXT, { huishen: 'https://evil.example/' }] }],
    ['huishen: keys without the prefix', { ...good(), '@context': WEB_ANNOTATION_CONTEXT }],
    ['type is not Annotation', { ...good(), type: 'AnnotationPage' }],
    ['target is a number', { ...good(), target: 7 }],
    ['two targets', { ...good(), target: [good()['target'], good()['target']] }],
    ['target source is not a hash', { ...good(), target: { ...(good()['target'] as object), source: 'urn:sha256:xyz' } }],
    ['target source names a file not in the room', { ...good(), target: { ...(good()['target'] as object), source: `urn:sha256:${sha(999)}` } }],
    ['an unknown selector type', { ...good(), target: { ...(good()['target'] as object), selector: { type: 'LaserSelector', value: 'x' } } }],
    ['a selector that is a number', { ...good(), target: { ...(good()['target'] as object), selector: 3 } }],
    ['page=0', { ...good(), target: { ...(good()['target'] as object), selector: { type: 'FragmentSelector', conformsTo: 'http://tools.ietf.org/rfc/rfc3778', value: 'page=0' } } }],
    ['page=99999999', { ...good(), target: { ...(good()['target'] as object), selector: { type: 'FragmentSelector', value: 'page=99999999' } } }],
    ['two pages', { ...good(), target: { ...(good()['target'] as object), selector: [{ type: 'FragmentSelector', value: 'page=1' }, { type: 'FragmentSelector', value: 'page=2' }] } }],
    ['a refinedBy chain of 9', { ...good(), target: { source: `urn:sha256:${PDF.sha256}`, selector: Array.from({ length: 8 }).reduce((inner: object) => ({ type: 'FragmentSelector', value: 'page=1', refinedBy: inner }), { type: 'FragmentSelector', value: 'page=1' }) } }],
    ['17 alternative selectors', { ...good(), target: { source: `urn:sha256:${PDF.sha256}`, selector: Array.from({ length: 17 }, () => ({ type: 'FragmentSelector', value: 'page=1' })) } }],
    ['xywh disagreeing with huishen:geometry', { ...good(), target: { source: `urn:sha256:${PDF.sha256}`, selector: { type: 'FragmentSelector', conformsTo: 'urn:huishen:vocab:pdf-user-space', value: 'xywh=1,1,1,1' } } }],
    ['xywh=NaN', { ...without('huishen:geometry'), 'huishen:kind': 'rect', target: { source: `urn:sha256:${PDF.sha256}`, selector: { type: 'FragmentSelector', conformsTo: 'urn:huishen:vocab:pdf-user-space', value: 'xywh=NaN,1,1,1' } } }],
    ['xywh with a negative size', { ...without('huishen:geometry'), 'huishen:kind': 'rect', target: { source: `urn:sha256:${PDF.sha256}`, selector: { type: 'FragmentSelector', conformsTo: 'urn:huishen:vocab:pdf-user-space', value: 'xywh=0,0,-5,1' } } }],
    ['an unknown kind', { ...good(), 'huishen:kind': 'laser' }],
    ['__proto__ as kind', { ...good(), 'huishen:kind': '__proto__' }],
    ['NaN in geometry', withGeometry({ rect: [NaN, 0, 1, 1] })],
    ['Infinity in geometry', withGeometry({ rect: [0, 0, Infinity, 1] })],
    ['a string coordinate', withGeometry({ rect: ['0', 0, 1, 1] })],
    ['an unnormalised rect', withGeometry({ rect: [10, 0, 1, 1] })],
    ['a coordinate of 1e9', withGeometry({ rect: [0, 0, 1e9, 1e9] })],
    ['geometry of another kind', withGeometry({ at: [1, 2] })],
    ['ink with 10,001 points', { ...goodInk(), 'huishen:geometry': { points: Array.from({ length: 10_001 }, () => [1, 1, 0.5]) } }],
    ['ink pressure 2', { ...goodInk(), 'huishen:geometry': { points: [[1, 1, 2]] } }],
    ['__proto__ key (from JSON text)', JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(good()).slice(1)}`)],
    ['__proto__ inside geometry', JSON.parse(JSON.stringify(good()).replace('"huishen:geometry":{"rect"', '"huishen:geometry":{"__proto__":{"x":1},"rect"'))],
    ['a constructor key', { ...good(), creator: { constructor: 'x' } }],
    ['an object with another prototype', Object.assign(Object.create({ inherited: true }) as object, good())],
    ['a Date in the tree', { ...good(), created: new Date(0) }],
    ['a function in the tree', { ...good(), body: () => 1 }],
    ['a BigInt in the tree', { ...good(), page: 1n }],
    ['a sparse array', { ...good(), body: [, { type: 'TextualBody', value: 'x' }] }], // eslint-disable-line no-sparse-arrays
    ['nesting 1,000 deep', { ...good(), creator: deep(1000) }],
    ['a string of 2 million characters', { ...good(), id: 'x'.repeat(2_000_000) }],
    ['text over 10,000 characters', { ...good(), body: { type: 'TextualBody', value: '字'.repeat(10_001), format: 'text/plain' } }],
    ['a body that is not an object', { ...good(), body: [true] }],
    ['a body with a number value', { ...good(), body: { type: 'TextualBody', value: 12 } }],
    ['an HTML body', { ...good(), body: { type: 'TextualBody', value: '<script>x</script>', format: 'text/html' } }],
    ['two text bodies', { ...good(), body: [{ type: 'TextualBody', value: 'a' }, { type: 'TextualBody', value: 'b' }] }],
    ['17 bodies', { ...good(), body: Array.from({ length: 17 }, () => ({ type: 'TextualBody', value: 'a', purpose: 'tagging' })) }],
    ['a bad language tag', { ...good(), body: { type: 'TextualBody', value: 'a', language: 'zh_CN; drop table' } }],
    ['a stamp with an unknown label', { ...good(), 'huishen:kind': 'stamp', 'huishen:geometry': { at: [1, 2] }, body: { type: 'TextualBody', purpose: 'tagging', value: '已作废 3' }, target: { source: `urn:sha256:${PDF.sha256}`, selector: { type: 'FragmentSelector', conformsTo: 'urn:huishen:vocab:pdf-user-space', value: 'xywh=1,2,0,0' } } }],
    ['created is not a date', { ...good(), created: 'yesterday' }],
    ['created before 1970', { ...good(), created: '1960-01-01T00:00:00Z' }],
    ['creator name is a number', { ...good(), creator: { id: 'urn:huishen:user:u1', type: 'Person', name: 5 } }],
    ['creator name over 500 characters', { ...good(), creator: { id: 'urn:huishen:user:u1', type: 'Person', name: 'n'.repeat(501) } }],
    ['a style out of range', { ...good(), stylesheet: { type: 'CssStylesheet', value: '.huishen { color: #000000; stroke-width: 1000pt; opacity: 1 }' } }],
    ['a getter that throws', throwingGetter],
    ['a proxy that throws', throwingProxy],
  ];

  test(`${cases.length} hostile inputs are refused with issues, never a throw`, () => {
    assert.ok(cases.length >= 40);
    const { doc, member } = room();
    for (const [name, input] of cases) {
      let result: ReturnType<typeof fromWebAnnotation> | undefined;
      assert.doesNotThrow(() => (result = fromWebAnnotation(input, { evidenceBySha256: LOOKUP })), name);
      assert.equal(result!.ok, false, `${name} was accepted`);
      if (!result!.ok) {
        assert.ok(result!.issues.length > 0 && result!.issues.every((i) => typeof i === 'string' && i.length > 0), name);
      }
      const report = importWebAnnotations(doc, input, member);
      assert.equal(report.imported.length, 0, `${name} was imported`);
    }
    assert.equal(readAnnotations(doc).length, 0);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined, 'no prototype pollution');
    assert.equal(readEvidence(doc).length, 1);
  });

  test('what can be read safely but not kept is a note, not a refusal', () => {
    const json = good();
    json['canonical'] = 'urn:huishen:annotation:__proto__';
    json['id'] = 'urn:huishen:annotation:has space';
    const result = fromWebAnnotation(json, { evidenceBySha256: LOOKUP });
    assert.ok(result.ok);
    assert.equal(result.value.annotation.id, undefined, 'a fresh id will be made');
    assert.equal(result.value.record, undefined);
    assert.ok(result.value.notes.some((n) => /not a Huishen id/.test(n)));
    const unstyled = fromWebAnnotation({ ...good(), stylesheet: { type: 'CssStylesheet', value: '.huishen { color: red }' } }, { evidenceBySha256: LOOKUP });
    assert.ok(unstyled.ok && unstyled.value.notes.some((n) => /stylesheet/.test(n)));
  });
});
