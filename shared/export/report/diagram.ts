/** The topology diagram for a report, drawn by the SVG exporter in both themes. */
import type { TopologyDocument } from '../../model/types.js';
import { renderDiagram } from '../svg.js';

/**
 * The diagram as HTML: a light and a dark drawing, of which the page's style sheet shows the one matching the
 * reader's colour scheme. Or why it could not be drawn (the rest of the report still can).
 */
export function diagramHtml(doc: TopologyDocument): { ok: true; html: string } | { ok: false; reason: string } {
  if (doc.nodes.length === 0 && doc.notes.length === 0) return { ok: false, reason: 'the document is empty' };
  try {
    const light = inline(renderDiagram(doc, { theme: 'light', embedDocument: false }).svg, 'bpl-');
    const dark = inline(renderDiagram(doc, { theme: 'dark', embedDocument: false }).svg, 'bpd-');
    return {
      ok: true,
      html: `<div class="diagram diagram-light">${light}</div><div class="diagram diagram-dark">${dark}</div>`,
    };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * A standalone SVG made fit to sit in a page beside another: no XML declaration (not allowed inline), and its ids
 * given a prefix of their own, since two drawings in one page would otherwise share `#bp-arrow` and the like.
 */
function inline(svg: string, prefix: string): string {
  return svg
    .replace(/^\s*<\?xml[^>]*\?>\s*/, '')
    .replace(/\bid="bp-/g, `id="${prefix}`)
    .replace(/url\(#bp-/g, `url(#${prefix}`)
    .trim();
}
