/**
 * Escaping for the minutes' HTML, which is built as a string (it is a file to print and file,
 * not a live DOM). Every piece of room data goes through {@link escapeHtml} (text and attribute
 * values alike); CSS strings built from catalog messages go through {@link cssString}.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` safe as HTML text and as a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** `text` as a double-quoted CSS string (quotes, backslashes and line breaks escaped). */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"\n\r\f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}
