/** Reading a topology document from disk, with every problem turned into readable input errors. */
import * as fs from 'node:fs';
import { parseDocument } from '../shared/model/validate.js';
import type { TopologyDocument } from '../shared/model/types.js';
import { InputError } from './errors.js';

/** A topology document is a few kB; anything this big is the wrong file. */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  ENOTDIR: 'a parent is not a directory',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENAMETOOLONG: 'name too long',
  ELOOP: 'too many symbolic links',
};

/**
 * Reads `absPath` as UTF-8 (a leading byte order mark is ignored).
 *
 * @param shownName the name the user gave, used in messages.
 * @throws InputError when the file cannot be read or is not UTF-8 text.
 */
export function readText(absPath: string, shownName: string): string {
  let bytes: Buffer;
  try {
    const st = fs.statSync(absPath);
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (st.size > MAX_DOCUMENT_BYTES) {
      throw new InputError(
        `cannot read ${shownName}: larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB, not a topology document`,
      );
    }
    bytes = fs.readFileSync(absPath);
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException | null)?.code;
    if (typeof code !== 'string') throw err;
    throw new InputError(`cannot read ${shownName}: ${REASONS[code] ?? code.toLowerCase()}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`cannot read ${shownName}: not UTF-8 text`);
  }
}

/** The lines listing a document's problems, one per problem: `<file>: <path>: <message>`. */
export function problemLines(shownName: string, problems: readonly { path: string; message: string }[]): string[] {
  const lines = problems.map((p) => `${shownName}: ${p.path ? `${p.path}: ` : ''}${p.message}`);
  const n = problems.length;
  lines.push(`${shownName}: invalid (${n} problem${n === 1 ? '' : 's'})`);
  return lines;
}

/**
 * Reads, migrates and validates a document.
 *
 * @throws InputError listing every problem when it is unreadable or invalid.
 */
export function loadDocument(absPath: string, shownName: string): TopologyDocument {
  const parsed = parseDocument(readText(absPath, shownName));
  if (!parsed.ok) throw new InputError(problemLines(shownName, parsed.problems), { listing: true });
  return parsed.document;
}
