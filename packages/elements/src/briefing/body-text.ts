/**
 * An outline node's body is plain text: paragraphs separated by blank lines, list items starting
 * with `- `. This turns it into blocks a template renders with text bindings only, so nothing in
 * a body is ever parsed as HTML.
 */

/** A block of a body: a paragraph (its lines) or a bulleted list (its items). */
export type BodyBlock = { readonly kind: 'paragraph'; readonly lines: readonly string[] } | { readonly kind: 'list'; readonly items: readonly string[] };

/** Splits plain `text` into paragraphs and lists. Lines of a paragraph keep their line breaks. */
export function parseBody(text: string | undefined): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  let paragraph: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', lines: paragraph });
    if (list.length) blocks.push({ kind: 'list', items: list });
    paragraph = [];
    list = [];
  };
  for (const raw of (text ?? '').replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (line === '') flush();
    else if (/^[-•]\s+/.test(line)) {
      if (paragraph.length) flush();
      list.push(line.replace(/^[-•]\s+/, ''));
    } else {
      if (list.length) flush();
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}
