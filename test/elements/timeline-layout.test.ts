/**
 * The timeline's pure parts: the virtual layout (offsets, ranges, anchors across height changes
 * and insertions), the composer's draft → entry rules, the IME guard's timing, filters and
 * sections, and the minutes HTML escaping.
 */
import { expect } from '@open-wc/testing';
import { VirtualLayout } from '@huishen/elements/timeline/virtual-list.js';
import { draftToEntry, emptyDraft } from '@huishen/elements/timeline/composer.js';
import { ImeGuard, isSendKey } from '@huishen/elements/timeline/ime-guard.js';
import { filterEntries, sectionsOf } from '@huishen/elements/timeline/timeline-filter.js';
import { cssString, escapeHtml } from '@huishen/elements/minutes/escape.js';
import { readTimeline } from '@huishen/model';
import { describe, it } from './support/mocha.js';
import { scriptedSession } from '../bench/minutes/scripted-session.js';

describe('timeline internals', () => {
  it('VirtualLayout: offsets from measured heights and estimates; ranges; anchors survive changes above', () => {
    const layout = new VirtualLayout(10);
    layout.setKeys(['a', 'b', 'c', 'd', 'e']);
    expect(layout.total).to.equal(50);
    expect(layout.measure('b', 30)).to.equal(true);
    expect(layout.measure('b', 30)).to.equal(false);
    expect([0, 1, 2, 3, 4, 5].map((i) => layout.offsetAt(i))).to.deep.equal([0, 10, 40, 50, 60, 70]);
    expect(layout.indexAt(39)).to.equal(1);
    expect(layout.indexAt(40)).to.equal(2);
    expect(layout.range(35, 10, 0)).to.deep.equal([1, 3]);
    const anchor = layout.anchor(45)!;
    expect(anchor).to.deep.equal({ key: 'c', delta: 5 });
    layout.measure('a', 25); // a row above grows: the anchor moves with its row
    expect(layout.restore(anchor)).to.equal(60);
    layout.setKeys(['z', 'a', 'b', 'c', 'd', 'e']); // an entry inserted above (a concurrent merge)
    expect(layout.restore(anchor)).to.equal(70);
    layout.setKeys(['a', 'b']);
    expect(layout.restore(anchor)).to.equal(undefined);
    expect(new VirtualLayout().range(0, 100, 10)).to.deep.equal([0, 0]);
  });

  it('draftToEntry: kinds, references, speakers, missing parts', () => {
    const ref = { evidenceId: 'ev1', page: 2 };
    expect(draftToEntry({ ...emptyDraft(), text: '  ' }, false)).to.equal('empty');
    expect(draftToEntry({ ...emptyDraft(), text: ' 发言 ' }, false)).to.deep.equal({ kind: 'speech', text: '发言' });
    expect(draftToEntry({ ...emptyDraft('comment'), ref }, false)).to.deep.equal({ kind: 'evidence-ref', ref });
    expect(draftToEntry({ ...emptyDraft('opinion'), text: '同意' }, false)).to.equal('no-node');
    expect(draftToEntry({ ...emptyDraft('opinion'), nodeId: 'n1', stance: 'disagree' }, false)).to.deep.equal({ kind: 'opinion', stance: 'disagree', nodeId: 'n1' });
    expect(draftToEntry({ ...emptyDraft('decision'), text: '决定', ref }, false)).to.deep.equal({ kind: 'decision', text: '决定', references: [ref] });
    const onBehalf = { ...emptyDraft(), text: '意见', speakerName: '刘某', speakerVenue: 'county' };
    expect(draftToEntry(onBehalf, true)).to.deep.equal({ kind: 'speech', text: '意见', speaker: { name: '刘某', venue: 'county' } });
    expect(draftToEntry(onBehalf, false)).to.deep.equal({ kind: 'speech', text: '意见' }); // not allowed: no speaker
  });

  it('ImeGuard: the flag set by compositionend lasts one task only', async () => {
    const guard = new ImeGuard();
    const enter = (init: KeyboardEventInit = {}) => new KeyboardEvent('keydown', { key: 'Enter', ...init });
    expect(isSendKey(enter(), guard)).to.equal(true);
    expect(isSendKey(enter({ shiftKey: true }), guard)).to.equal(false);
    expect(isSendKey(enter({ keyCode: 229 }), guard)).to.equal(false);
    guard.start();
    expect(isSendKey(enter(), guard)).to.equal(false);
    guard.end();
    expect(isSendKey(enter(), guard)).to.equal(false);
    await new Promise((r) => setTimeout(r, 0));
    expect(isSendKey(enter(), guard)).to.equal(true);
  });

  it('sections follow agenda markers; opinions belong to their node', () => {
    const entries = readTimeline(scriptedSession().doc);
    const sections = sectionsOf(entries);
    expect(entries.filter((e) => sections.get(e.id) === 'disputed').map((e) => e.kind)).to.deep.equal(['agenda', 'opinion', 'opinion', 'decision', 'system']);
    expect(filterEntries(entries, { venue: 'county', kind: 'speech' }, sections).map((e) => e.id)).to.deep.equal(['e4', 'e8', 'e9']); // e8: the recorder wrote it for a county speaker
  });

  it('escaping for the minutes', () => {
    expect(escapeHtml(`<img src=x onerror="a">&'`)).to.equal('&lt;img src=x onerror=&quot;a&quot;&gt;&amp;&#39;');
    expect(cssString('第 "1" 页\\')).to.equal('"第 \\22 1\\22  页\\5c "');
  });
});
