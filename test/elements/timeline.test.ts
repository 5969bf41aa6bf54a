/**
 * `<hs-timeline>` on its own (an in-memory room): every kind rendered, virtualisation with 5,000
 * entries (few rows in the DOM, scrolling end to end shows the last entry), scroll anchoring and
 * the unread count, filters and search, the composer (Enter sends, Shift+Enter does not, IME
 * composition in both browser orderings does not), kinds offered by rights, on-behalf writing,
 * editing with history, chair retract, time zone, axe.
 */
import { expect, fixture, html } from '@open-wc/testing';
import * as Y from 'yjs';
import { appendEntry, LocalOrigin, readTimeline, type Actor } from '@huishen/model';
import '@huishen/elements/timeline/hs-timeline.js';
import type { HsTimeline } from '@huishen/elements/timeline/timeline.js';
import type { RoomContextValue } from '@huishen/elements';
import type { HsEvidenceOpenRequestEvent } from '@huishen/elements/events/evidence-open-request-event.js';
import { describe, it } from './support/mocha.js';
import './support/room.js';
import type { TestRoomProvider } from './support/room.js';
import { waitFor } from './support/viewer.js';
import { PEOPLE, SCRIPT, scriptedSession } from '../bench/minutes/scripted-session.js';

async function mount(doc: Y.Doc, actor: Actor | undefined, attrs: { height?: number } = {}): Promise<HsTimeline> {
  const room: RoomContextValue = { doc, evidenceUrl: () => '', ...(actor ? { origin: new LocalOrigin(actor) } : {}) };
  const provider = await fixture<TestRoomProvider>(
    html`<hs-test-room-provider .room=${room}><hs-timeline style="display:flex;height:${attrs.height ?? 500}px;width:600px"></hs-timeline></hs-test-room-provider>`,
  );
  const el = provider.querySelector('hs-timeline')!;
  await el.updateComplete;
  await frames(2);
  return el;
}

const frames = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(r));
};
const part = (el: HsTimeline, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const rowsText = (el: HsTimeline) => [...el.shadowRoot!.querySelectorAll('[part~="entry"]')].map((r) => r.textContent ?? '').join('\n');
const list = (el: HsTimeline) => part(el, 'list')!;

function key(target: HTMLElement, init: KeyboardEventInit): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { bubbles: true, composed: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}

async function type(el: HsTimeline, text: string): Promise<HTMLTextAreaElement> {
  const input = part(el, 'input') as HTMLTextAreaElement;
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
  return input;
}

function bigDoc(n: number): Y.Doc {
  const doc = new Y.Doc();
  const speakers = [PEOPLE.presenter, PEOPLE.cityMember, PEOPLE.countyMember].map((a) => new LocalOrigin(a, () => 1_700_000_000_000));
  doc.transact(() => {
    for (let i = 0; i < n; i++) appendEntry(doc, { id: `b${i}`, kind: 'speech', text: `第 ${i} 条。${'很长的发言内容。'.repeat(i % 9)}` }, speakers[i % 3]!);
  });
  return doc;
}

describe('<hs-timeline>', () => {
  it('renders every kind: author, venue, role, on-behalf, history, retracted, system text, agenda', async () => {
    const { doc } = scriptedSession();
    const el = await mount(doc, PEOPLE.cityMember, { height: 3000 });
    const text = rowsText(el);
    for (const s of [SCRIPT.speech, SCRIPT.onBehalf, SCRIPT.onBehalfSpeaker, SCRIPT.edited, SCRIPT.editedBefore, SCRIPT.retracted, SCRIPT.decision, SCRIPT.opinionCity, SCRIPT.opinionCounty]) {
      expect(text).to.contain(s);
    }
    expect(text).to.contain('周书记员 代记');
    expect(text).to.contain('王主持 加入了会审');
    expect(text).to.contain('市人民检察院已核验“讯问笔录”');
    expect(text).to.contain('进入议程：争议焦点');
    expect(text).to.contain('已被主持人撤回');
    expect(text).to.contain('讯问笔录 · 第 2 页');
    // Times in the room's zone (Asia/Shanghai, UTC+8): the script starts 01:30 UTC.
    expect(part(el, 'time')!.textContent).to.match(/^09:30:\d\d$/);
    await expect(el).to.be.accessible();
  });

  it('virtualises 5,000 entries: few rows in the DOM, starts at the latest, scrolls end to end', async () => {
    const el = await mount(bigDoc(5000), PEOPLE.cityMember);
    expect(el.visibleEntries.length).to.equal(5000);
    expect(el.renderedRowCount).to.be.greaterThan(3).and.lessThan(80);
    await waitFor(() => rowsText(el).includes('第 4999 条'), 4000, 'the latest entry');
    list(el).scrollTop = 0;
    await waitFor(() => rowsText(el).includes('第 0 条'), 4000, 'the first entry after scrolling up');
    expect(el.renderedRowCount).to.be.lessThan(80);
    // Anywhere from top to bottom, the rows in the DOM are consecutive entries in order and cover the viewport.
    const l = list(el);
    for (let i = 0; i <= 24; i++) {
      l.scrollTop = ((l.scrollHeight - l.clientHeight) * i) / 24;
      l.dispatchEvent(new Event('scroll')); // now, rather than a frame later
      await el.updateComplete;
      await frames(2); // rows just rendered are measured, the estimates replaced
      await el.updateComplete;
      const rows = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="entry"]')];
      const indices = rows.map((r) => Number(r.dataset['id']!.slice(1))).sort((a, b) => a - b);
      expect(indices.at(-1)! - indices[0]!).to.equal(indices.length - 1);
      const top = l.getBoundingClientRect().top;
      const bottom = top + l.clientHeight;
      expect(rows.some((r) => r.getBoundingClientRect().top <= top + 1 && r.getBoundingClientRect().bottom > top)).to.equal(true, `viewport top covered at ${i}/24`);
      expect(rows.some((r) => r.getBoundingClientRect().top < bottom && r.getBoundingClientRect().bottom >= bottom - 1)).to.equal(true, `viewport bottom covered at ${i}/24`);
      if (i === 24) expect(indices.at(-1)).to.equal(4999);
    }
  });

  it('keeps the reading position when entries arrive, counts them unread, jumps to latest', async () => {
    const doc = bigDoc(300);
    const el = await mount(doc, PEOPLE.chair);
    list(el).scrollTop = 2000;
    await frames(3);
    const anchorRow = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="entry"]')].find((r) => r.getBoundingClientRect().top >= list(el).getBoundingClientRect().top)!;
    const before = anchorRow.getBoundingClientRect().top;
    const other = new LocalOrigin(PEOPLE.countyMember);
    for (let i = 0; i < 3; i++) appendEntry(doc, { kind: 'speech', text: `新发言 ${i}` }, other);
    await el.updateComplete;
    await frames(3);
    const same = el.shadowRoot!.querySelector<HTMLElement>(`[data-id="${anchorRow.dataset['id']}"]`)!;
    expect(Math.abs(same.getBoundingClientRect().top - before)).to.be.lessThan(2);
    expect(el.unread).to.equal(3);
    expect(part(el, 'jump-latest')!.hidden).to.equal(false);
    expect(part(el, 'jump-latest')!.textContent).to.contain('3 条新记录');
    part(el, 'jump-latest')!.click();
    await waitFor(() => rowsText(el).includes('新发言 2'), 4000, 'the newest entry');
    expect(el.unread).to.equal(0);
    // At the bottom, new entries are followed, not counted.
    appendEntry(doc, { kind: 'speech', text: '最新一条' }, other);
    await waitFor(() => rowsText(el).includes('最新一条'), 4000, 'following the newest');
    expect(el.unread).to.equal(0);
  });

  it('filters by venue, kind and outline node, and searches', async () => {
    const { doc } = scriptedSession();
    const el = await mount(doc, PEOPLE.cityMember, { height: 3000 });
    el.filter = { kind: 'opinion' };
    await el.updateComplete;
    expect(el.visibleEntries.map((e) => e.kind)).to.deep.equal(['opinion', 'opinion']);
    el.filter = { venue: 'county', kind: 'opinion' };
    await el.updateComplete;
    expect(el.visibleEntries.map((e) => e.text)).to.deep.equal([SCRIPT.opinionCounty]);
    el.filter = { nodeId: 'facts' };
    await el.updateComplete;
    expect(el.visibleEntries.map((e) => e.kind)).to.deep.equal(['agenda', 'speech', 'evidence-ref', 'comment', 'speech', 'speech', 'speech']);
    el.filter = { query: '自首' };
    await el.updateComplete;
    expect(el.visibleEntries.map((e) => e.text)).to.deep.equal([SCRIPT.opinionCounty]);
    // The search box drives the same filter; the old text of an edited entry is searchable.
    const search = part(el, 'search') as HTMLInputElement;
    search.value = '基本一致';
    search.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(el.visibleEntries.map((e) => e.text)).to.deep.equal([SCRIPT.edited]);
    search.value = '没有这句话';
    search.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(part(el, 'empty')!.textContent).to.contain('没有符合筛选条件的记录');
  });

  it('composer: Enter sends, Shift+Enter does not; IME Enter never sends (both event orders)', async () => {
    const doc = new Y.Doc();
    const el = await mount(doc, PEOPLE.cityMember);
    const count = () => readTimeline(doc).length;
    let input = await type(el, '第一行');
    expect(key(input, { key: 'Enter', shiftKey: true }).defaultPrevented).to.equal(false);
    expect(count()).to.equal(0);

    // Chromium/Firefox: keydown during the composition (isComposing, keyCode 229), then compositionend.
    input = await type(el, 'shenpi');
    input.dispatchEvent(new CompositionEvent('compositionstart', { data: '' }));
    key(input, { key: 'Enter', isComposing: true, keyCode: 229 });
    key(input, { key: 'Enter' }); // an Enter seen while our own flag says composing
    input.dispatchEvent(new CompositionEvent('compositionend', { data: '审批' }));
    expect(count()).to.equal(0);

    // Safari-like order: compositionend first, then the keydown of the same Enter in the same task.
    input.dispatchEvent(new CompositionEvent('compositionstart', { data: '' }));
    input.dispatchEvent(new CompositionEvent('compositionend', { data: '审批' }));
    key(input, { key: 'Enter', isComposing: false });
    expect(count()).to.equal(0);

    // A later, plain Enter sends.
    await new Promise((r) => setTimeout(r, 0));
    input = await type(el, '审批意见已收到');
    const sent = key(input, { key: 'Enter' });
    expect(sent.defaultPrevented).to.equal(true);
    expect(readTimeline(doc).map((e) => e.kind === 'speech' && e.text)).to.deep.equal(['审批意见已收到']);
    await el.updateComplete;
    expect((part(el, 'input') as HTMLTextAreaElement).value).to.equal('');
  });

  it('offers kinds by rights: decisions for the chair only, nothing for observers', async () => {
    const kinds = async (actor: Actor) => {
      const el = await mount(scriptedSession().doc, actor);
      const picker = part(el, 'kind-picker') as HTMLSelectElement | null;
      return picker ? [...picker.options].map((o) => o.value) : part(el, 'notice')!.textContent!.trim();
    };
    expect(await kinds(PEOPLE.chair)).to.deep.equal(['speech', 'comment', 'opinion', 'decision']);
    expect(await kinds(PEOPLE.cityMember)).to.deep.equal(['speech', 'comment', 'opinion']);
    expect(await kinds({ userId: 'obs1', name: '列席人', venue: 'city', role: 'observer' })).to.equal('你以列席身份参会，只能查看记录。');
  });

  it('the recorder writes on behalf of a named speaker; a member is not offered it', async () => {
    const { doc } = scriptedSession();
    const member = await mount(doc, PEOPLE.cityMember);
    expect(part(member, 'speaker')).to.equal(null);
    const el = await mount(doc, PEOPLE.recorder);
    const speaker = part(el, 'speaker') as HTMLInputElement;
    speaker.value = '刘检察官';
    speaker.dispatchEvent(new Event('input'));
    const venue = part(el, 'speaker-venue') as HTMLSelectElement;
    venue.value = 'county';
    venue.dispatchEvent(new Event('change'));
    const input = await type(el, '我同意承办人的意见。');
    key(input, { key: 'Enter' });
    const last = readTimeline(doc).at(-1)!;
    expect(last.author).to.equal(PEOPLE.recorder.userId);
    expect(last.speaker).to.deep.equal({ name: '刘检察官', venue: 'county' });
  });

  it('authors edit their own entries (history kept), not others’; the chair retracts', async () => {
    const { doc, ids } = scriptedSession();
    const el = await mount(doc, PEOPLE.cityMember, { height: 3000 });
    const row = (id: string) => el.shadowRoot!.querySelector<HTMLElement>(`[data-id="${id}"]`)!;
    expect(row(ids['comment']!).querySelector('[part~="edit"]')).to.equal(null); // the county member's
    expect(row(ids['speech']!).querySelector('[part~="retract"]')).to.equal(null);
    row(ids['ref']!).querySelector<HTMLButtonElement>('[part~="edit"]')!.click();
    await el.updateComplete;
    const editor = row(ids['ref']!).querySelector<HTMLTextAreaElement>('[part~="edit-input"]')!;
    editor.value = '见讯问笔录第 2 页第 3 行。';
    editor.dispatchEvent(new Event('input'));
    key(editor, { key: 'Enter' });
    await el.updateComplete;
    const edited = readTimeline(doc).find((e) => e.id === ids['ref'])!;
    expect(edited.kind === 'evidence-ref' && edited.text).to.equal('见讯问笔录第 2 页第 3 行。');
    expect(edited.history!.map((h) => h.text)).to.deep.equal([SCRIPT.reference]);
    expect(row(ids['ref']!).querySelector('[part~="history"]')!.textContent).to.contain(SCRIPT.reference);

    const chair = await mount(doc, PEOPLE.chair, { height: 3000 });
    chair.shadowRoot!.querySelector<HTMLElement>(`[data-id="${ids['comment']}"] [part~="retract"]`)!.click();
    expect(readTimeline(doc).find((e) => e.id === ids['comment'])!.retracted).to.equal(true);
  });

  it('a reference asks to open the evidence (cancelable) with page and region', async () => {
    const { doc, ids } = scriptedSession();
    const el = await mount(doc, PEOPLE.cityMember, { height: 3000 });
    let got: { evidenceId: string; page: number | undefined; region: readonly number[] | undefined; entryId: string } | undefined;
    el.addEventListener('hs-evidence-open-request', (event) => {
      const e = event as HsEvidenceOpenRequestEvent;
      got = { evidenceId: e.evidenceId, page: e.page, region: e.region, entryId: e.entryId };
      e.preventDefault();
    });
    el.shadowRoot!.querySelector<HTMLElement>(`[data-id="${ids['ref']}"] [part~="reference"]`)!.click();
    expect(got).to.deep.equal({ evidenceId: 'ev1', page: 2, region: [100, 500, 400, 650], entryId: ids['ref'] });
  });
});
