/** What the Export dialog can write. */
export type ExportFormat = 'png' | 'svg' | 'json' | 'mermaid' | 'drawio';

export interface ExportFormatInfo {
  id: ExportFormat;
  label: string;
  /** Appended to the file name, dot included. */
  extension: string;
  mime: string;
  /** Images are drawn (scale, background, theme, area); the others are text that can be copied. */
  image: boolean;
  /** Text that can go to the clipboard. */
  copyable: boolean;
  /** One line under the format's name in the dialog. */
  hint: string;
}

export const EXPORT_FORMATS: readonly ExportFormatInfo[] = [
  {
    id: 'png',
    label: 'PNG image',
    extension: '.png',
    mime: 'image/png',
    image: true,
    copyable: false,
    hint: 'A picture for slides and chats; carries the document, so Import opens it again.',
  },
  {
    id: 'svg',
    label: 'SVG image',
    extension: '.svg',
    mime: 'image/svg+xml',
    image: true,
    copyable: true,
    hint: 'Sharp at any size, editable in vector tools; carries the document too.',
  },
  {
    id: 'json',
    label: 'Backpressure document',
    extension: '.bp.json',
    mime: 'application/json',
    image: false,
    copyable: true,
    hint: 'The topology file itself, the one the command line runs.',
  },
  {
    id: 'mermaid',
    label: 'Mermaid',
    extension: '.mmd',
    mime: 'text/plain',
    image: false,
    copyable: true,
    hint: 'A flowchart for Markdown (GitHub, GitLab, wikis).',
  },
  {
    id: 'drawio',
    label: 'draw.io',
    extension: '.drawio',
    mime: 'application/xml',
    image: false,
    copyable: true,
    hint: 'A diagram to open and keep drawing in draw.io (diagrams.net).',
  },
];

const BY_ID = new Map(EXPORT_FORMATS.map((f) => [f.id, f]));

export function formatInfo(format: ExportFormat): ExportFormatInfo {
  return BY_ID.get(format)!;
}

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && BY_ID.has(value as ExportFormat);
}
