/**
 * Which command-line arguments are documents to open. The same rules serve the first launch (`process.argv`),
 * a second launch (the argv handed to the running instance) and the file manager's "Open with", which passes a
 * path or, from a Linux desktop entry with `%U`, a `file://` URL.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The extension of a Backpressure document. */
export const DOCUMENT_EXTENSION = '.bp.json';

/** Whether a file name is a Backpressure document by its extension. */
export const isDocumentName = (name: string): boolean => name.toLowerCase().endsWith(DOCUMENT_EXTENSION);

/**
 * The absolute paths of the `.bp.json` files named in `argv`, in order, without duplicates. The executable, and
 * in development (`electron .`, where `defaultApp` is true) the app's path, are skipped, as are switches.
 */
export function documentsFromArgv(argv: readonly string[], cwd: string, defaultApp: boolean): string[] {
  const args = argv.slice(defaultApp ? 2 : 1);
  const found: string[] = [];
  for (const arg of args) {
    if (arg.startsWith('-')) continue;
    let file: string;
    if (arg.startsWith('file://')) {
      try {
        file = fileURLToPath(arg);
      } catch {
        continue;
      }
    } else {
      file = path.resolve(cwd, arg);
    }
    if (isDocumentName(file) && !found.includes(file)) found.push(file);
  }
  return found;
}
