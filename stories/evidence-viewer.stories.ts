/**
 * `<hs-evidence-viewer>` with sample files written in the browser (stories/support/sample-pdfs.ts):
 * nothing is fetched from a server or a CDN. pdf.js comes from Storybook's static folders
 * (`/pdfjs/` = pdfjs-dist 6.x, `/pdfjs-v4/` = the floor engine; see .storybook/main.ts).
 * Switch the language with the toolbar's Locale menu.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { configurePdfjs, pdfjsAssetsAt, type EvidenceViewerLayout, type EvidenceViewerZoom } from '@huishen/elements';
import '@huishen/elements/evidence-viewer/hs-evidence-viewer.js';
import { sampleDamagedPdf, samplePdf, samplePhotoPng, sampleScanJpeg } from './support/sample-pdfs.js';

configurePdfjs(pdfjsAssetsAt(new URL('pdfjs/', document.baseURI).href, new URL('pdfjs-v4/', document.baseURI).href));

interface Args {
  zoom: EvidenceViewerZoom;
  rotation: number;
  expectedSha256: string;
  height: number;
  layout: EvidenceViewerLayout;
  thumbnails: boolean;
}

type Loaded = { source?: ArrayBuffer | Blob; src?: string };

const meta: Meta<Args> = {
  title: 'Evidence/Evidence viewer',
  component: 'hs-evidence-viewer',
  args: { zoom: 'fit-width', rotation: 0, expectedSha256: '', height: 560, layout: 'continuous', thumbnails: false },
  argTypes: {
    zoom: { control: 'select', options: ['fit-width', 'fit-page', 0.5, 1, 1.5, 2] },
    rotation: { control: 'inline-radio', options: [0, 90, 180, 270] },
    layout: { control: 'inline-radio', options: ['continuous', 'single'] },
    thumbnails: { control: 'boolean' },
    height: { control: { type: 'range', min: 240, max: 1000, step: 20 } },
  },
  render: (args, { loaded }) => {
    const { source, src } = loaded as Loaded;
    return html`<hs-evidence-viewer
      style="--hs-evidence-viewer-height: ${args.height}px"
      .source=${source}
      src=${src ?? ''}
      zoom=${String(args.zoom)}
      rotation=${args.rotation}
      expected-sha256=${args.expectedSha256}
      layout=${args.layout}
      ?thumbnails=${args.thumbnails}
    ></hs-evidence-viewer>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

const caseFile = () =>
  samplePdf(
    Array.from({ length: 12 }, (_, i) => ({
      lines: [
        `Case file, page ${i + 1} of 12`,
        'Interview record: the witness states that she saw the defendant at 21:30.',
        i === 3 ? 'Exhibit 7 is the receipt for the transfer of 50,000 yuan.' : 'No further remarks on this page.',
      ],
    })),
  );

/** A typed twelve-page case file: scroll, zoom, rotate, find "Exhibit". */
export const Pdf: Story = {
  name: 'PDF',
  loaders: [async () => ({ source: caseFile().buffer })],
};

/**
 * A Chinese file with a non-embedded font (STSong-Light, UniGB-UCS2-H), as case-management
 * systems write them: the text shows and is found only because pdf.js gets its CMaps.
 */
export const ChinesePdf: Story = {
  name: 'Chinese PDF',
  loaders: [
    async () => ({
      source: samplePdf([
        { chineseLines: ['起诉意见书', '犯罪嫌疑人张某某，男，一九八五年出生。', '经依法侦查查明：二〇二五年三月，张某某以投资为名骗取他人财物。'] },
        { chineseLines: ['证据目录', '一、书证：银行转账记录三份。', '二、证人证言：李某某询问笔录。'] },
      ]).buffer,
    }),
  ],
};

/** A scanned file: one JPEG per page, no text layer. */
export const Scan: Story = {
  loaders: [
    async () => ({
      source: samplePdf(await Promise.all([1, 2, 3].map(async (n) => ({ jpeg: await sampleScanJpeg(n) })))).buffer,
    }),
  ],
};

/** A photo (a document-camera still): one page, zoom and rotate work the same. */
export const Image: Story = {
  loaders: [async () => ({ source: await samplePhotoPng() })],
};

/** A password-protected file (RC4, revision 2). The password is `huishen`. */
export const Password: Story = {
  loaders: [async () => ({ source: samplePdf([{ lines: ['Opened with the password.'] }], { userPassword: 'huishen' }).buffer })],
};

/** A file pdf.js cannot read: the damaged state, with pdf.js's message as technical detail. */
export const Damaged: Story = {
  loaders: [async () => ({ source: sampleDamagedPdf().buffer })],
};

/** The bytes do not have the expected SHA-256: a loud warning and an `hs-integrity-mismatch` event. */
export const IntegrityMismatch: Story = {
  name: 'Integrity mismatch',
  args: { expectedSha256: '0'.repeat(64) },
  loaders: [async () => ({ source: caseFile().buffer })],
};

/** The download failed: the network-error state with a retry button. */
export const NetworkError: Story = {
  name: 'Network error',
  loaders: [async () => ({ src: '/__no-such-evidence__.pdf' })],
};

/** Something that is neither a PDF nor a supported image. */
export const Unsupported: Story = {
  loaders: [async () => ({ source: new TextEncoder().encode('plain text, not evidence').buffer })],
};

/**
 * Touch pinch zoom: on a touch screen (or Chrome DevTools' touch emulation with Shift+drag), pinch
 * the document with two fingers; it zooms around the pinch centre, as Ctrl+wheel does around the
 * mouse pointer.
 */
export const PinchZoom: Story = {
  name: 'Pinch zoom',
  args: { zoom: 1 },
  loaders: [async () => ({ source: caseFile().buffer })],
};

/** Single-page layout: one page at a time; the page input, buttons, n/p and Page Up/Down turn pages. */
export const SinglePage: Story = {
  name: 'Single page',
  args: { layout: 'single', zoom: 'fit-page' },
  loaders: [async () => ({ source: caseFile().buffer })],
};

/**
 * The thumbnails sidebar on a 300-page file: thumbnails are drawn only while in view and a bounded
 * number is kept. Arrow keys move between thumbnails, Enter goes to the page.
 */
export const Thumbnails: Story = {
  args: { thumbnails: true },
  loaders: [
    async () => ({
      source: samplePdf(Array.from({ length: 300 }, (_, i) => ({ lines: [`Long case file, page ${i + 1} of 300`] }))).buffer,
    }),
  ],
};
