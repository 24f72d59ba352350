/** Escaping for text placed in HTML, SVG and Markdown that this module writes. */

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe in HTML or SVG content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

/**
 * JSON safe inside a `<script>` element: `<` becomes `\u003c`, so no `</script>` or `<!--` can end or bend the
 * element, and U+2028/U+2029 are escaped for old parsers. `JSON.parse` of the text gives the same value back.
 */
export function jsonForScript(json: string): string {
  return json
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Text safe inline in Markdown (a table cell, a heading, a list item): no markup, no HTML, one line. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/([\\`*_[\]|<>~])/g, '\\$1');
}

/** Text safe as a Markdown paragraph: also never read as a heading, a list or a rule. */
export function escapeMarkdownParagraph(text: string): string {
  return escapeMarkdown(text)
    .replace(/^(\s*)([-+=#])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** A fence for a fenced code block that the content cannot close: three backticks, or more than it holds. */
export function codeFence(content: string): string {
  let longest = 0;
  for (const m of content.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}
