/**
 * The minutes (会审纪要) preview: `exportMinutes` of a seeded two-venue session, shown in a
 * sandboxed frame exactly as it will print (the document has no scripts and forbids loading
 * anything); the page images are rendered with pdf.js with the annotations burnt in.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { addOutlineNode, appendEntry } from '@huishen/model';
import { configurePdfjs, pdfjsAssetsAt } from '@huishen/elements';
import { exportMinutes } from '@huishen/elements/minutes/export-minutes.js';
import type { Locale } from '@huishen/elements/i18n/locale.js';
import { createStoryRoom, seedCase, STORY_ACTORS } from './support/two-peer-room.js';

configurePdfjs(pdfjsAssetsAt(new URL('pdfjs/', document.baseURI).href, new URL('pdfjs-v4/', document.baseURI).href));

async function load(locale: Locale): Promise<{ html: string }> {
  const room = createStoryRoom({ peers: [{ actor: STORY_ACTORS.cityChair }, { actor: STORY_ACTORS.countyPresenter }, { actor: STORY_ACTORS.countyRecorder }] });
  const { evidence } = await seedCase(room);
  const [chair, presenter, recorder] = room.peers;
  const { doc } = chair!;
  const node = addOutlineNode(doc, { kind: 'disputed-points', title: '争议焦点：是否构成自首' }, presenter!.origin);
  appendEntry(doc, { kind: 'agenda', nodeId: node }, presenter!.origin);
  appendEntry(doc, { kind: 'speech', text: '犯罪嫌疑人到案后如实供述。' }, presenter!.origin);
  appendEntry(doc, { kind: 'evidence-ref', ref: { evidenceId: evidence[0]!.id, page: 1 }, text: '见询问笔录第 1 页标注处。' }, chair!.origin);
  appendEntry(doc, { kind: 'speech', text: '县院意见：建议认定自首。', speaker: { name: '孙副检察长', venue: 'county' } }, recorder!.origin);
  appendEntry(doc, { kind: 'opinion', nodeId: node, stance: 'agree', text: '同意认定自首。' }, chair!.origin);
  appendEntry(doc, { kind: 'decision', text: '经会审决定：同意起诉，认定自首情节。', references: [{ evidenceId: evidence[0]!.id, page: 1 }] }, chair!.origin);
  const minutes = await exportMinutes(chair!, { locale });
  return { html: minutes.html };
}

const meta: Meta = {
  title: 'Discussion/Minutes',
  render: (_args, { loaded }) =>
    html`<iframe title="会审纪要" sandbox="" style="width:210mm;height:80vh;border:1px solid #999;background:#fff" .srcdoc=${(loaded as { html: string }).html}></iframe>`,
};
export default meta;

type Story = StoryObj;

/** The minutes in Simplified Chinese (print it from the frame's context menu for the PDF). */
export const Preview: Story = { loaders: [() => load('zh-Hans')] };

/** The same minutes with Traditional Chinese headings. */
export const TraditionalChinese: Story = { name: 'Traditional Chinese', loaders: [() => load('zh-Hant')] };
