/**
 * Sample evidence files written in the browser, so the viewer's stories work with no server and
 * no files from outside the repository: a typed case file, a Chinese file with a non-embedded
 * font (as court and case-management systems produce; it needs the CMaps), a scan (one JPEG per
 * page), a password-protected file (the standard security handler, RC4 40-bit, revision 2 — the
 * simplest one pdf.js opens) and a damaged file.
 */

/** One page of a sample PDF. */
export interface SamplePage {
  /** Page size in points (default A4). */
  readonly size?: readonly [number, number];
  /** Latin lines (Helvetica). */
  readonly lines?: readonly string[];
  /** Chinese lines (non-embedded STSong-Light via UniGB-UCS2-H). Not with a password. */
  readonly chineseLines?: readonly string[];
  /** A JPEG drawn over the whole page (a scan). */
  readonly jpeg?: { readonly bytes: Uint8Array; readonly width: number; readonly height: number };
  /**
   * An RGB image (8 bits per channel, rows top to bottom) already compressed with zlib's deflate,
   * drawn over the whole page: a scan made without a canvas (in Node).
   */
  readonly flateRgb?: { readonly bytes: Uint8Array; readonly width: number; readonly height: number };
}

const A4 = [595, 842] as const;
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

// ── MD5 and RC4, just enough for the standard security handler ────────────────────────────────

const md5Shifts = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const md5K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);

function md5(input: Uint8Array): Uint8Array {
  const length = input.length;
  const padded = new Uint8Array(((length + 72) >> 6) << 6);
  padded.set(input);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, (length * 8) >>> 0, true);
  view.setUint32(padded.length - 4, Math.floor((length * 8) / 2 ** 32), true);
  let [a0, b0, c0, d0] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  for (let chunk = 0; chunk < padded.length; chunk += 64) {
    let [a, b, c, d] = [a0, b0, c0, d0];
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) [f, g] = [(b & c) | (~b & d), i];
      else if (i < 32) [f, g] = [(d & b) | (~d & c), (5 * i + 1) % 16];
      else if (i < 48) [f, g] = [b ^ c ^ d, (3 * i + 5) % 16];
      else [f, g] = [c ^ (b | ~d), (7 * i) % 16];
      const shift = md5Shifts[(i >> 4) * 4 + (i % 4)]!;
      const sum = (a + f + md5K[i]! + view.getUint32(chunk + g * 4, true)) >>> 0;
      [a, d, c] = [d, c, b];
      b = (b + ((sum << shift) | (sum >>> (32 - shift)))) >>> 0;
    }
    [a0, b0, c0, d0] = [(a0 + a) >>> 0, (b0 + b) >>> 0, (c0 + c) >>> 0, (d0 + d) >>> 0];
  }
  const out = new DataView(new ArrayBuffer(16));
  [a0, b0, c0, d0].forEach((word, i) => out.setUint32(i * 4, word, true));
  return new Uint8Array(out.buffer);
}

function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Uint8Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = new Uint8Array(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 0xff]!;
  }
  return out;
}

const passwordPadding = Uint8Array.from([
  0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08, 0x2e, 0x2e, 0x00, 0xb6,
  0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
]);

function padPassword(password: string): Uint8Array {
  const out = new Uint8Array(32);
  const bytes = latin1(password).subarray(0, 32);
  out.set(bytes);
  out.set(passwordPadding.subarray(0, 32 - bytes.length), bytes.length);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Keys of the standard security handler, revision 2 (PDF 1.7 §7.6.3.3, algorithms 2–4). */
function securityHandler(userPassword: string, ownerPassword: string, id: Uint8Array) {
  const permissions = -44;
  const o = rc4(md5(padPassword(ownerPassword)).subarray(0, 5), padPassword(userPassword));
  const p = new Uint8Array(4);
  new DataView(p.buffer).setInt32(0, permissions, true);
  const key = md5(concat(padPassword(userPassword), o, p, id)).subarray(0, 5);
  const u = rc4(key, passwordPadding);
  const objectKey = (num: number) => md5(concat(key, Uint8Array.from([num & 0xff, (num >> 8) & 0xff, (num >> 16) & 0xff, 0, 0]))).subarray(0, 10);
  return { o, u, permissions, objectKey };
}

// ── Writing ───────────────────────────────────────────────────────────────────────────────────

function utf16Hex(text: string): string {
  return Array.from(text, (c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('');
}

/** The bytes of a PDF with `pages`; with `userPassword`, encrypted (RC4 40-bit). */
export function samplePdf(pages: readonly SamplePage[], options: { userPassword?: string } = {}): Uint8Array<ArrayBuffer> {
  type Obj = { dict: string; stream?: Uint8Array };
  const objects: Obj[] = [];
  const add = (obj: Obj) => objects.push(obj);
  add({ dict: '<< /Type /Catalog /Pages 2 0 R >>' });
  add({ dict: '' });
  const helvetica = add({ dict: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>' });
  // The Chinese font only when a page uses it: its CIDSystemInfo strings would need encrypting.
  let song = 0;
  if (pages.some((page) => page.chineseLines?.length)) {
    const descriptor = add({
      dict: '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
    });
    const cid = add({
      dict: `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor ${descriptor} 0 R /DW 1000 >>`,
    });
    song = add({ dict: `<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [${cid} 0 R] >>` });
  }
  const kids: number[] = [];
  for (const page of pages) {
    const [w, h] = page.size ?? A4;
    const ops: string[] = [];
    let xobjects = '';
    const scan = page.jpeg ? { ...page.jpeg, filter: 'DCTDecode' } : page.flateRgb ? { ...page.flateRgb, filter: 'FlateDecode' } : undefined;
    if (scan) {
      const image = add({
        dict: `<< /Type /XObject /Subtype /Image /Width ${scan.width} /Height ${scan.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /${scan.filter} /Length ${scan.bytes.length} >>`,
        stream: scan.bytes,
      });
      xobjects = ` /XObject << /Im1 ${image} 0 R >>`;
      ops.push(`q ${w} 0 0 ${h} 0 0 cm /Im1 Do Q`);
    }
    let y = h - 72;
    for (const line of page.chineseLines ?? []) {
      ops.push(`BT /F2 16 Tf 72 ${y} Td <${utf16Hex(line)}> Tj ET`);
      y -= 26;
    }
    for (const line of page.lines ?? []) {
      ops.push(`BT /F1 12 Tf 72 ${y} Td (${line.replace(/[\\()]/g, (c) => `\\${c}`)}) Tj ET`);
      y -= 18;
    }
    const content = latin1(ops.join('\n'));
    const contents = add({ dict: `<< /Length ${content.length} >>`, stream: content });
    kids.push(
      add({
        dict: `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Resources << /Font << /F1 ${helvetica} 0 R${song ? ` /F2 ${song} 0 R` : ''} >>${xobjects} >> /Contents ${contents} 0 R >>`,
      }),
    );
  }
  objects[1] = { dict: `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>` };

  const id = md5(latin1(`huishen-sample-${pages.length}`));
  const security = options.userPassword !== undefined ? securityHandler(options.userPassword, 'owner-secret', id) : undefined;
  let encryptRef = '';
  if (security) {
    const encrypt = objects.push({
      dict: `<< /Filter /Standard /V 1 /R 2 /O <${hex(security.o)}> /U <${hex(security.u)}> /P ${security.permissions} >>`,
    });
    encryptRef = ` /Encrypt ${encrypt} 0 R`;
  }
  const parts: Uint8Array[] = [latin1('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')];
  let size = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((obj, index) => {
    const num = index + 1;
    offsets.push(size);
    let stream = obj.stream;
    // Only streams are encrypted: encrypted samples have no strings outside streams (see the
    // Chinese font above), and the encryption dictionary itself is never encrypted.
    if (stream && security) stream = rc4(security.objectKey(num), stream);
    const chunk = stream
      ? concat(latin1(`${num} 0 obj\n${obj.dict}\nstream\n`), stream, latin1('\nendstream\nendobj\n'))
      : latin1(`${num} 0 obj\n${obj.dict}\nendobj\n`);
    parts.push(chunk);
    size += chunk.length;
  });
  let trailer = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) trailer += `${String(offset).padStart(10, '0')} 00000 n \n`;
  trailer += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${encryptRef} /ID [<${hex(id)}> <${hex(id)}>] >>\nstartxref\n${size}\n%%EOF\n`;
  parts.push(latin1(trailer));
  return concat(...parts) as Uint8Array<ArrayBuffer>;
}

/** A scanned-looking page: off-white paper, a heading, ruled lines of "handwriting", a red seal. */
export async function sampleScanJpeg(page: number, width = 1240, height = 1754): Promise<SamplePage['jpeg'] & object> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#f4f1e8';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#222';
  ctx.font = `bold ${Math.round(width / 18)}px serif`;
  ctx.fillText(`SCAN  ${page}`, width * 0.1, height * 0.1);
  ctx.strokeStyle = '#333';
  ctx.lineWidth = 3;
  for (let line = 0; line < 24; line++) {
    const y = height * 0.18 + line * height * 0.032;
    ctx.beginPath();
    ctx.moveTo(width * 0.1, y);
    for (let x = width * 0.1; x < width * 0.88; x += 18) ctx.lineTo(x, y + Math.sin(x * 0.07 + line + page) * 6);
    ctx.stroke();
  }
  ctx.strokeStyle = '#c0392b';
  ctx.lineWidth = 8;
  ctx.beginPath();
  ctx.arc(width * 0.75, height * 0.88, width * 0.08, 0, Math.PI * 2);
  ctx.stroke();
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.8));
  return { bytes: new Uint8Array(await blob.arrayBuffer()), width, height };
}

/** A photo-like PNG (a camera still of a paper original). */
export async function samplePhotoPng(width = 1600, height = 1200): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  const gradient = ctx.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, '#5d6d7e');
  gradient.addColorStop(1, '#2c3e50');
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, width, height);
  ctx.save();
  ctx.translate(width / 2, height / 2);
  ctx.rotate(-0.05);
  ctx.fillStyle = '#fbfaf5';
  ctx.fillRect(-width * 0.3, -height * 0.4, width * 0.6, height * 0.8);
  ctx.fillStyle = '#444';
  for (let i = 0; i < 16; i++) ctx.fillRect(-width * 0.25, -height * 0.33 + i * height * 0.045, width * (0.3 + (i % 3) * 0.06), 6);
  ctx.restore();
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
}

/** Bytes that start like a PDF and then stop making sense. */
export function sampleDamagedPdf(): Uint8Array<ArrayBuffer> {
  return latin1('%PDF-1.4\n1 0 obj\n<< /Pages 2 0 R\n2 0 obj <</Resources>> /Contents 811 0 R\n') as Uint8Array<ArrayBuffer>;
}
