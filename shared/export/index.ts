/**
 * Exporting and importing topology documents: the SVG diagram renderer, documents embedded in SVG and PNG files,
 * Mermaid and draw.io text formats, and one import entry point that recognises all of them. Import from here
 * rather than from the files.
 */
export { DIAGRAM_FONT_FAMILY, renderDiagram } from './svg.js';
export type { Diagram, DiagramOptions } from './svg.js';
export { DIAGRAM_THEMES } from './theme.js';
export type { DiagramTheme, ThemeName } from './theme.js';
export {
  EMBED_NAMESPACE,
  PNG_DOCUMENT_KEYWORD,
  documentJson,
  documentMetadata,
  embedDocumentInPng,
  extractPngDocument,
  extractSvgDocument,
} from './embed.js';
export type { EmbeddedText } from './embed.js';
export { PngFormatError, crc32, insertPngText, isPng, pngChunks, pngSize, readPngText } from './pngText.js';
export type { PngChunk } from './pngText.js';
export { MERMAID_SHAPES, mermaidClass, mermaidIds, mermaidText, toMermaid } from './mermaid.js';
export { DRAWIO_SHAPES, htmlLabel, toDrawio } from './drawio.js';
export { IMPORT_FORMATS, formatFromName, importDocument, sniffFormat } from './import.js';
export type { Guess, ImportFormat, ImportInput, ImportResult } from './import.js';
export { parseMermaid } from './mermaidImport.js';
export type { MermaidResult } from './mermaidImport.js';
export { parseDrawio } from './drawioImport.js';
export type { DrawioResult } from './drawioImport.js';
export { edgeLabelText, formatLatency, PROTOCOL_NAMES } from './labels.js';
export { KIND_COLORS, KIND_GLYPHS, KIND_TITLES } from './kindStyle.js';
