/**
 * The demo's fictional case: a county public security bureau asks the city procuratorate to
 * review (复核) the county procuratorate's decision not to approve an arrest. Every name, place and
 * number here is invented and marked as an example; nothing comes from a real case.
 *
 * This module is data only (no I/O), so the seeding code, the tests and the page can share it.
 */
import type { NewOutlineNode, Role, Venue } from '@huishen/model';

/** The demo's one room. */
export const DEMO_ROOM = 'demo-fuhe-2026-017';

/** Room time zone: the procuratorates are in China. */
export const DEMO_TIME_ZONE = 'Asia/Shanghai';

export const CASE_INFO = {
  caseNumber: '乙检复核〔2026〕17号（示例）',
  caseTitle: '甲县公安局提请复核李某某涉嫌盗窃案不批准逮捕决定（示例）',
  cause: '盗窃',
  timeZone: DEMO_TIME_ZONE,
} as const;

/** The two venues, each with its colour on screen. */
export const VENUES: readonly Venue[] = [
  { id: 'city', name: '乙市人民检察院（示例）', level: 'city', color: '#b3261e' },
  { id: 'county', name: '甲县人民检察院（示例）', level: 'county', color: '#1e5aa8' },
];

/** One person in the demo. `id` is also the `as=` parameter of the venue page. */
export interface DemoParticipant {
  readonly id: string;
  readonly name: string;
  readonly venue: 'city' | 'county';
  readonly role: Exclude<Role, 'server'>;
  /** What the participant does in the review, for the demo's links. */
  readonly duty: string;
}

export const PARTICIPANTS: readonly DemoParticipant[] = [
  { id: 'city-chair', name: '周明远（示例）', venue: 'city', role: 'chair', duty: '主持复核' },
  { id: 'city-reviewer', name: '林书言（示例）', venue: 'city', role: 'member', duty: '审查' },
  { id: 'county-presenter', name: '陈立安（示例）', venue: 'county', role: 'presenter', duty: '承办人汇报（实物展台）' },
];

/** The participant with `id`, or `undefined`. */
export function participant(id: string): DemoParticipant | undefined {
  return PARTICIPANTS.find((p) => p.id === id);
}

/** A generated evidence file: its title, and the lines of each page (Chinese). */
export interface DemoDocument {
  readonly key: string;
  readonly title: string;
  readonly pages: readonly (readonly string[])[];
}

export const DOCUMENTS: readonly DemoDocument[] = [
  {
    key: 'request',
    title: '提请复核意见书（示例）',
    pages: [
      [
        '甲县公安局',
        '提请复核意见书（示例）',
        '甲公（刑）复核字〔2026〕第3号',
        '乙市人民检察院：',
        '犯罪嫌疑人李某某，男，1990年出生，住甲县某镇（示例）。',
        '2026年9月12日凌晨，甲县某小区地下车库内三辆电动车的',
        '蓄电池被盗，价值共计人民币4,860元（示例）。',
        '我局于9月20日提请甲县人民检察院批准逮捕李某某，',
        '该院于9月27日作出不批准逮捕决定。',
        '我局复议后，该院维持原决定。',
      ],
      [
        '我局认为：',
        '一、车库监控录像显示的人员体貌特征与李某某相符；',
        '二、废品收购站出具的收购单据记载的出售人为李某某；',
        '三、李某某有盗窃前科，可能实施新的犯罪。',
        '综上，李某某有逮捕必要，特提请复核。',
        '',
        '甲县公安局（印）',
        '二〇二六年十月九日（示例）',
      ],
    ],
  },
  {
    key: 'decision',
    title: '不批准逮捕决定书（示例）',
    pages: [
      [
        '甲县人民检察院',
        '不批准逮捕决定书（示例）',
        '甲检刑不捕〔2026〕41号',
        '甲县公安局：',
        '你局于2026年9月20日以甲公（刑）提捕字〔2026〕58号',
        '提请批准逮捕书提请批准逮捕犯罪嫌疑人李某某。',
        '经本院审查认为，现有证据不足以证明李某某实施了',
        '盗窃行为：监控录像画面模糊，无法辨认面部；',
        '收购单据上的签名与李某某笔迹明显不同。',
        '根据《中华人民共和国刑事诉讼法》第九十条之规定，',
        '决定不批准逮捕李某某。请你局补充侦查。',
        '',
        '甲县人民检察院（印）',
        '二〇二六年九月二十七日（示例）',
      ],
    ],
  },
  {
    key: 'interrogation',
    title: '讯问笔录（示例）',
    pages: [
      [
        '讯问笔录（第一次）（示例）',
        '时间：2026年9月18日 14时05分至15时20分',
        '地点：甲县公安局执法办案中心第二讯问室',
        '侦查员：刘某、孙某（示例）　记录人：孙某',
        '问：你9月12日凌晨在什么地方？',
        '答：我在家睡觉，我老婆可以作证。',
        '问：你认识某废品收购站的老板吗？',
        '答：认识，我以前卖过几次废纸板。',
      ],
      [
        '问：9月13日你是否去该收购站出售过电动车电池？',
        '答：没有。我没有电动车电池可以卖。',
        '问：收购单据上写着你的名字，你怎么解释？',
        '答：不知道是谁写的，那不是我的字。',
        '问：你还有什么要补充的？',
        '答：我没有偷东西。',
      ],
      [
        '以上笔录我看过，和我说的一样。',
        '被讯问人：李某某（示例，指印）',
        '侦查员：刘某、孙某（示例）',
        '2026年9月18日',
      ],
    ],
  },
];

/** The scanned receipt: drawn procedurally, as a photo of a paper original would look. */
export const SCAN = {
  key: 'receipt-scan',
  title: '废品收购单据扫描件（示例）',
} as const;

/** The outline the county prosecutor reports from, in order. Anchors are filled in by key. */
export interface DemoOutlineNode extends Omit<NewOutlineNode, 'anchors'> {
  readonly anchors?: readonly { readonly document: string; readonly page: number; readonly label: string }[];
}

export const OUTLINE: readonly DemoOutlineNode[] = [
  {
    kind: 'facts',
    title: '案件事实',
    body: '2026年9月12日凌晨，甲县某小区地下车库三辆电动车蓄电池被盗（示例）。\n\n- 公安机关以盗窃罪提请批准逮捕李某某\n- 甲县人民检察院不批准逮捕，复议维持\n- 甲县公安局提请乙市人民检察院复核',
    anchors: [{ document: 'request', page: 1, label: '提请复核意见书 第1页' }],
  },
  {
    kind: 'evidence-list',
    title: '证据目录',
    body: '- 提请复核意见书\n- 不批准逮捕决定书\n- 讯问笔录（第一次）\n- 废品收购单据扫描件',
    anchors: [
      { document: 'decision', page: 1, label: '不批准逮捕决定书' },
      { document: 'interrogation', page: 2, label: '讯问笔录 第2页' },
      { document: 'receipt-scan', page: 1, label: '收购单据' },
    ],
  },
  {
    kind: 'disputed-points',
    title: '争议焦点',
    body: '一、监控录像能否认定系李某某作案。\n\n二、收购单据上的签名是否为李某某所写，是否需要笔迹鉴定。',
    anchors: [{ document: 'receipt-scan', page: 1, label: '单据签名处' }],
  },
  {
    kind: 'legal-characterisation',
    title: '法律定性',
    body: '如能证实，李某某行为涉嫌盗窃罪（刑法第二百六十四条）；但逮捕须“有证据证明有犯罪事实”（刑事诉讼法第八十一条）。',
  },
  {
    kind: 'proposed-decision',
    title: '处理意见',
    body: '承办人意见：维持不批准逮捕决定，建议公安机关就单据签名进行笔迹鉴定并调取周边监控。',
  },
];
