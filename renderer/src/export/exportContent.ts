import { embedDocumentInPng, renderDiagram, toDrawio, toMermaid, type Diagram } from '../../../shared/export/index.js';
import { serializeDocument } from '../../../shared/model/serialize.js';
import type { TopologyDocument } from '../../../shared/model/types.js';
import { formatInfo, type ExportFormat } from './exportFormats.js';
import type { DrawOptions } from './exportOptions.js';
import { svgToPng } from './rasterize.js';

/** The diagram as the exporter draws it with these options. */
export function diagramFor(doc: TopologyDocument, draw: DrawOptions): Diagram {
  return renderDiagram(doc, draw);
}

/** The text of a text format (the document, Mermaid, draw.io), or of an SVG. */
export function exportText(doc: TopologyDocument, format: Exclude<ExportFormat, 'png'>, draw: DrawOptions): string {
  switch (format) {
    case 'svg':
      return diagramFor(doc, draw).svg;
    case 'json':
      return serializeDocument(doc);
    case 'mermaid':
      return toMermaid(doc);
    case 'drawio':
      return toDrawio(doc);
  }
}

/**
 * A PNG of the diagram at `scale`, carrying the whole document in a text chunk (`backpressure.document`), so
 * Import opens the picture as an editable topology again.
 */
export async function exportPng(doc: TopologyDocument, draw: DrawOptions, scale: number): Promise<Uint8Array> {
  const diagram = diagramFor(doc, { ...draw, embedDocument: false });
  const png = await svgToPng(diagram.svg, diagram.width, diagram.height, scale);
  return embedDocumentInPng(png, doc);
}

/** The file of an export, ready to download. */
export async function exportBlob(
  doc: TopologyDocument,
  format: ExportFormat,
  draw: DrawOptions,
  scale: number,
): Promise<Blob> {
  const { mime } = formatInfo(format);
  if (format === 'png')
    return new Blob([(await exportPng(doc, draw, scale)) as Uint8Array<ArrayBuffer>], { type: mime });
  return new Blob([exportText(doc, format, draw)], { type: `${mime};charset=utf-8` });
}
