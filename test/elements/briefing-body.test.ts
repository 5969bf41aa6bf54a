/** Outline bodies: plain text to paragraphs and lists; the section timer's time format. */
import { expect } from '@open-wc/testing';
import { parseBody } from '@huishen/elements/briefing/body-text.js';
import { formatDuration } from '@huishen/elements/briefing/duration.js';
import { describe, it } from './support/mocha.js';

describe('parseBody', () => {
  it('splits paragraphs on blank lines and gathers `- ` lines into lists', () => {
    expect(parseBody('经审查查明：\n嫌疑人到案。\n\n- 第一点\n- 第二点\n结论\r\n\r\n\n')).to.deep.equal([
      { kind: 'paragraph', lines: ['经审查查明：', '嫌疑人到案。'] },
      { kind: 'list', items: ['第一点', '第二点'] },
      { kind: 'paragraph', lines: ['结论'] },
    ]);
  });

  it('an empty or missing body has no blocks; a dash without a space is text', () => {
    expect(parseBody(undefined)).to.deep.equal([]);
    expect(parseBody('  \n\n ')).to.deep.equal([]);
    expect(parseBody('-3 度')).to.deep.equal([{ kind: 'paragraph', lines: ['-3 度'] }]);
  });
});

describe('formatDuration', () => {
  it('m:ss below an hour, h:mm:ss from an hour on, never negative', () => {
    expect(formatDuration(0)).to.equal('0:00');
    expect(formatDuration(65_400)).to.equal('1:05');
    expect(formatDuration(3_725_000)).to.equal('1:02:05');
    expect(formatDuration(-5)).to.equal('0:00');
  });
});
