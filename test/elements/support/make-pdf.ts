/**
 * Tiny PDFs written byte by byte for tests that need exact geometry (MediaBox origins, /Rotate,
 * /UserUnit) or known text, without depending on the shared fixtures. Text uses the standard
 * Helvetica font (no embedding), so only ASCII text is meaningful.
 */

/** One page of a generated PDF. */
export interface MadePage {
  /** `/MediaBox` `[x1 y1 x2 y2]`. */
  readonly mediaBox: readonly [number, number, number, number];
  /** `/Rotate` (0/90/180/270). */
  readonly rotate?: number;
  /** Lines of ASCII text, drawn from the top-left of the MediaBox downwards. */
  readonly lines?: readonly string[];
  /** A filled rectangle `[x, y, w, h]` in user space, drawn black (for pixel checks). */
  readonly fill?: readonly [number, number, number, number];
}

function escapeText(text: string): string {
  return text.replace(/[\\()]/g, (c) => `\\${c}`);
}

/** The bytes of a PDF with `pages`, a correct xref table, no compression. */
export function makePdf(pages: readonly MadePage[]): Uint8Array<ArrayBuffer> {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) + 0; // returns the object's number
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(''); // pages tree, filled in below
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const kids: number[] = [];
  for (const page of pages) {
    const [x1, , , y2] = page.mediaBox;
    const ops: string[] = [];
    if (page.fill) ops.push(`0 g ${page.fill.join(' ')} re f`);
    (page.lines ?? []).forEach((line, index) => {
      ops.push(`BT /F1 12 Tf ${x1 + 36} ${y2 - 48 - index * 16} Td (${escapeText(line)}) Tj ET`);
    });
    const stream = ops.join('\n');
    const content = add(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent 2 0 R /MediaBox [${page.mediaBox.join(' ')}] /Rotate ${page.rotate ?? 0} ` +
          `/Resources << /Font << /F1 3 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    );
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let out = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(out.length);
    out += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}
