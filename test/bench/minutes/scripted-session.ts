/**
 * A scripted review session, written through model operations only, for the minutes and timeline
 * tests and benches: two venues, every timeline kind (speech, comment, evidence reference,
 * opinions from both venues, decisions, agenda markers, system events), a recorder writing on
 * behalf of a speaker, an edited entry, a retracted one, annotated pages. Deterministic: a fixed
 * clock and fixed ids, so two runs give the same document content.
 */
import * as Y from 'yjs';
import {
  addAnnotation,
  addEvidence,
  addOutlineNode,
  appendEntry as append,
  editEntry,
  initRoom,
  LocalOrigin,
  retractEntry,
  SERVER_ORIGIN,
  setCaseInfo,
  setVenue,
  type Actor,
  type NewTimelineEntry,
} from '@huishen/model';

/** The people of the session. */
export const PEOPLE = {
  chair: { userId: 'chair1', name: '王主持', venue: 'city', role: 'chair' },
  presenter: { userId: 'pres1', name: '李承办', venue: 'county', role: 'presenter' },
  cityMember: { userId: 'mem1', name: '赵检察官', venue: 'city', role: 'member' },
  countyMember: { userId: 'mem2', name: '孙检察官', venue: 'county', role: 'member' },
  recorder: { userId: 'rec1', name: '周书记员', venue: 'city', role: 'recorder' },
} as const satisfies Record<string, Actor>;

/** One evidence file of the session (bytes live elsewhere; the record carries the hash). */
export interface SessionEvidence {
  id: string;
  title: string;
  sha256: string;
  bytes: number;
  pages: number;
}

/** Options of {@link scriptedSession}. */
export interface ScriptedSessionOptions {
  /** Evidence to register (default: two fake PDFs with fake hashes). */
  evidence?: readonly SessionEvidence[];
  /** Extra speech entries appended after the script (for benches). Default 0. */
  extraEntries?: number;
  /** How many distinct pages get a rectangle annotation (spread over the evidence). Default 2. */
  annotatedPages?: number;
  /** First clock value. */
  start?: number;
}

const sha = (n: number) => n.toString(16).padStart(64, '0');

/** The sentences every test looks for in the outputs. */
export const SCRIPT = {
  speech: '被告人到案后如实供述，认罪态度较好。',
  onBehalf: '县院意见：建议从轻处罚，理由见量刑建议书。',
  onBehalfSpeaker: '陈副检察长',
  edited: '证人证言与监控录像相互印证。',
  editedBefore: '证人证言与监控录像基本一致。',
  retracted: '此条发言记录有误。',
  decision: '经会审决定：同意县院起诉意见，提起公诉。',
  decisionRationale: '事实清楚，证据确实充分。',
  opinionCity: '同意，事实认定清楚。',
  opinionCounty: '补充：被告人有自首情节。',
  comment: '请注意第 2 页的签名。',
  reference: '见讯问笔录第 2 页。',
  caseTitle: '张某某盗窃案',
  caseNumber: '市检刑诉〔2026〕88 号',
  cause: '盗窃罪',
} as const;

/** Builds the session. Returns the document and the ids tests refer to. */
export function scriptedSession(options: ScriptedSessionOptions = {}): { doc: Y.Doc; ids: Record<string, string>; evidence: SessionEvidence[] } {
  let t = options.start ?? Date.UTC(2026, 10, 29, 1, 30, 0);
  const now = () => (t += 1000);
  const o = Object.fromEntries(Object.entries(PEOPLE).map(([k, a]) => [k, new LocalOrigin(a, now)])) as Record<keyof typeof PEOPLE, LocalOrigin>;
  const doc = new Y.Doc();
  initRoom(doc, { generation: 'minutes-gen', now: t }, SERVER_ORIGIN);
  setCaseInfo(doc, { caseTitle: SCRIPT.caseTitle, caseNumber: SCRIPT.caseNumber, cause: SCRIPT.cause, timeZone: 'Asia/Shanghai' }, o.chair);
  setVenue(doc, { id: 'city', name: '市人民检察院', level: 'city', color: '#1565c0' }, o.chair);
  setVenue(doc, { id: 'county', name: '县人民检察院', level: 'county', color: '#2e7d32' }, o.chair);
  const evidence = [
    ...(options.evidence ?? [
      { id: 'ev1', title: '讯问笔录', sha256: sha(1), bytes: 2048, pages: 3 },
      { id: 'ev2', title: '监控录像截图', sha256: sha(2), bytes: 4096, pages: 2 },
    ]),
  ];
  for (const e of evidence) addEvidence(doc, { id: e.id, title: e.title, kind: 'pdf', mime: 'application/pdf', bytes: e.bytes, sha256: e.sha256, pages: e.pages }, o.presenter);
  const facts = addOutlineNode(doc, { id: 'facts', kind: 'facts', title: '案件事实', body: '2026 年 3 月，张某某盗窃财物。' }, o.presenter);
  const disputed = addOutlineNode(doc, { id: 'disputed', kind: 'disputed-points', title: '争议焦点', anchors: [{ evidenceId: evidence[0]!.id, page: 1 }] }, o.presenter);

  const ev1 = evidence[0]!;
  const annotated = Math.max(0, options.annotatedPages ?? 2);
  const annotationIds: string[] = [];
  for (let i = 0; i < annotated; i++) {
    const e = evidence[i % evidence.length]!;
    const page = (Math.floor(i / evidence.length) % e.pages) + 1;
    annotationIds.push(
      addAnnotation(doc, { id: `an${i}`, evidenceId: e.id, page, kind: 'rect', geometry: { rect: [100, 500, 400, 650] }, style: { color: '#e53935', width: 6, opacity: 1 } }, i % 2 ? o.countyMember : o.cityMember),
    );
  }

  const ids: Record<string, string> = { facts, disputed };
  let n = 0;
  const appendEntry = (d: Y.Doc, input: NewTimelineEntry, origin: LocalOrigin) => append(d, { ...input, id: `e${++n}` }, origin);
  appendEntry(doc, { kind: 'system', event: { code: 'joined', params: { name: PEOPLE.chair.name } } }, o.chair);
  appendEntry(doc, { kind: 'system', event: { code: 'integrity-confirmed', params: { evidenceId: ev1.id, title: ev1.title } } }, o.cityMember);
  ids['agenda'] = appendEntry(doc, { kind: 'agenda', nodeId: facts }, o.presenter);
  ids['speech'] = appendEntry(doc, { kind: 'speech', text: SCRIPT.speech }, o.presenter);
  ids['ref'] = appendEntry(doc, { kind: 'evidence-ref', ref: { evidenceId: ev1.id, page: 2, region: [100, 500, 400, 650] }, text: SCRIPT.reference }, o.cityMember);
  ids['comment'] = appendEntry(doc, { kind: 'comment', text: SCRIPT.comment }, o.countyMember);
  ids['edited'] = appendEntry(doc, { kind: 'speech', text: SCRIPT.editedBefore }, o.cityMember);
  editEntry(doc, ids['edited'], SCRIPT.edited, o.cityMember);
  ids['onBehalf'] = appendEntry(doc, { kind: 'speech', text: SCRIPT.onBehalf, speaker: { name: SCRIPT.onBehalfSpeaker, venue: 'county', role: 'member' } }, o.recorder);
  ids['retracted'] = appendEntry(doc, { kind: 'speech', text: SCRIPT.retracted }, o.countyMember);
  retractEntry(doc, ids['retracted'], o.chair);
  appendEntry(doc, { kind: 'agenda', nodeId: disputed }, o.presenter);
  ids['opinionCity'] = appendEntry(doc, { kind: 'opinion', nodeId: disputed, stance: 'agree', text: SCRIPT.opinionCity }, o.cityMember);
  ids['opinionCounty'] = appendEntry(doc, { kind: 'opinion', nodeId: disputed, stance: 'supplement', text: SCRIPT.opinionCounty }, o.countyMember);
  ids['decision'] = appendEntry(
    doc,
    { kind: 'decision', text: `${SCRIPT.decision}${SCRIPT.decisionRationale}`, references: [{ evidenceId: ev1.id, page: 1 }] },
    o.chair,
  );
  appendEntry(doc, { kind: 'system', event: { code: 'left', params: { name: PEOPLE.countyMember.name } } }, o.countyMember);
  const extra = Math.max(0, options.extraEntries ?? 0);
  const speakers = [o.presenter, o.cityMember, o.countyMember, o.chair];
  for (let i = 0; i < extra; i++) {
    appendEntry(doc, { kind: 'speech', text: `第 ${i + 1} 条发言：关于证据${i % 7}的说明，${'需要进一步核实。'.repeat(1 + (i % 4))}` }, speakers[i % speakers.length]!);
  }
  return { doc, ids, evidence };
}
