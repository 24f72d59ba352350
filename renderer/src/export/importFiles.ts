import type { CommandContext } from '../store/commands.js';
import { exportSession, type ImportSource } from './exportSession.js';
import { isImportableName } from './importReview.js';

/** Reads a file for the importer: a PNG as bytes (its document is in a chunk), everything else as text. */
export async function readImportFile(file: File): Promise<ImportSource> {
  if (file.name.toLowerCase().endsWith('.png') || file.type === 'image/png')
    return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  return { name: file.name, text: await file.text() };
}

/** Whether a drag carries files (the canvas then accepts the drop). */
export function isFileDrag(dt: Pick<DataTransfer, 'types'> | null | undefined): boolean {
  return !!dt && Array.from(dt.types ?? []).includes('Files');
}

/**
 * A file dropped on the canvas: opens the Import dialog with it, which reads it and opens it (after the review
 * step, when kinds were guessed). A file of a kind Import does not read is refused with a notice.
 */
export async function importDroppedFiles(ctx: CommandContext, files: FileList | readonly File[]): Promise<void> {
  const file = files[0];
  if (!file) return;
  if (!isImportableName(file.name)) {
    ctx.store
      .getState()
      .notify(
        `“${file.name}” is not a file Import reads: a .bp.json document, Mermaid (.mmd, .md, .txt), draw.io (.drawio, .xml), or an SVG or PNG exported from Backpressure`,
        'error',
      );
    return;
  }
  try {
    exportSession.setState({ importSource: await readImportFile(file) });
    ctx.store.getState().openDialog('import');
  } catch (e) {
    ctx.store
      .getState()
      .notify(`Could not read “${file.name}”: ${e instanceof Error ? e.message : String(e)}`, 'error');
  }
}
