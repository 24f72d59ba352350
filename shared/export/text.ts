/**
 * Text for SVG and XML without a DOM: escaping, and width estimates good enough to truncate and wrap labels.
 *
 * Widths are those of DejaVu Sans, the widest of the fonts an exported diagram names (Inter, Segoe UI, Roboto,
 * Helvetica, Arial, DejaVu Sans), so text that fits by this estimate fits in every one of them.
 */

/** Escapes text for XML character data and attribute values (both quote kinds). */
export function escapeXml(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (ch === "'") out += '&apos;';
    else if (code === 0x9 || code === 0xa || code === 0xd) out += `&#${code};`;
    // Characters XML 1.0 cannot hold at all, even escaped, become the replacement character.
    else if (code < 0x20 || (code >= 0xfffe && code <= 0xffff) || (code >= 0xd800 && code <= 0xdfff)) out += '\ufffd';
    else out += ch;
  }
  return out;
}

// Advance widths of DejaVu Sans in 1/2048 em, for printable ASCII (0x20..0x7e).
const ASCII_WIDTHS = [
  651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690, 1303, 1303, 1303, 1303, 1303,
  1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087, 2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540,
  604, 604, 1343, 1141, 1767, 1532, 1612, 1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690,
  799, 1716, 1024, 1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253, 1300,
  1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716,
];

/** Estimated width in px of `text` at `fontSize` px (semi-bold text is about 14% wider). */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x20 && code <= 0x7e) units += ASCII_WIDTHS[code - 0x20]!;
    else if (code === 0xb7 || code === 0x2009) units += 651;
    // CJK and emoji are about one em; other scripts about an average Latin letter.
    else units += code >= 0x1100 ? 2048 : 1300;
  }
  return (units / 2048) * fontSize * (bold ? 1.14 : 1);
}

/** `text` cut to fit `maxWidth` px, with an ellipsis when anything was cut. */
export function truncate(text: string, maxWidth: number, fontSize: number, bold = false): string {
  if (textWidth(text, fontSize, bold) <= maxWidth) return text;
  const chars = [...text];
  const room = maxWidth - textWidth('…', fontSize, bold);
  let out = '';
  for (const ch of chars) {
    if (textWidth(out + ch, fontSize, bold) > room) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

/**
 * Wraps text to lines no wider than `maxWidth` px: at spaces where it can, inside a word when a word alone is too
 * wide; newlines in the text are kept. At most `maxLines` lines; an ellipsis ends the last one when text was left.
 */
export function wrap(text: string, maxWidth: number, fontSize: number, maxLines = Infinity, bold = false): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (textWidth(candidate, fontSize, bold) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      let rest = word;
      while (textWidth(rest, fontSize, bold) > maxWidth) {
        let cut = '';
        for (const ch of rest) {
          if (cut !== '' && textWidth(cut + ch, fontSize, bold) > maxWidth) break;
          cut += ch;
        }
        lines.push(cut);
        rest = rest.slice(cut.length);
      }
      line = rest;
    }
    lines.push(line);
  }
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, Math.max(0, maxLines));
  if (kept.length > 0) kept[kept.length - 1] = truncate(`${kept[kept.length - 1]}…`, maxWidth, fontSize, bold);
  return kept;
}
