/**
 * Exports made by the page as downloads (an `<a download>` of a blob, as the web app does it) open the native
 * save dialog, starting in the user's documents folder with a filter for the file's type. Downloads of anything
 * but the page's own `blob:` and `data:` URLs are cancelled: the app fetches nothing from the network.
 */
import path from 'node:path';

export interface DownloadItemLike {
  getURL(): string;
  getFilename(): string;
  cancel(): void;
  setSaveDialogOptions(options: {
    title: string;
    defaultPath: string;
    filters: { name: string; extensions: string[] }[];
  }): void;
}

export interface DownloadSessionLike {
  on(event: 'will-download', listener: (event: unknown, item: DownloadItemLike) => void): unknown;
}

const TYPE_NAMES: Record<string, string> = {
  json: 'JSON',
  png: 'PNG image',
  svg: 'SVG image',
  gif: 'GIF animation',
  webm: 'WebM video',
  html: 'HTML report',
  md: 'Markdown',
  mmd: 'Mermaid diagram',
  drawio: 'draw.io diagram',
  xml: 'XML',
  txt: 'Text',
  jsonl: 'JSON Lines',
};

/** The save dialog's filters for a file name: its own type first, then any file. */
export function filtersFor(fileName: string): { name: string; extensions: string[] }[] {
  const ext = path.extname(fileName).slice(1).toLowerCase();
  const any = { name: 'All files', extensions: ['*'] };
  if (!/^[a-z0-9]{1,16}$/.test(ext)) return [any];
  return [{ name: TYPE_NAMES[ext] ?? `${ext.toUpperCase()} file`, extensions: [ext] }, any];
}

/** Turns the page's downloads into native save dialogs and refuses downloads from anywhere else. */
export function handleDownloads(session: DownloadSessionLike, folder: () => string): void {
  session.on('will-download', (_event, item) => {
    const url = item.getURL();
    if (!url.startsWith('blob:') && !url.startsWith('data:')) {
      item.cancel();
      return;
    }
    const name = item.getFilename();
    item.setSaveDialogOptions({ title: 'Export', defaultPath: path.join(folder(), name), filters: filtersFor(name) });
  });
}
