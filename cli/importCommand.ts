/**
 * `backpressure import <file> [--out FILE.bp.json]`: any file a topology can come from (a Mermaid flowchart, a
 * draw.io diagram, an SVG or PNG exported with its document, a `.bp.json`) as a `.bp.json` document. What had to
 * be guessed (kinds, region locations) is listed on stderr for review.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KIND_TITLES } from '../shared/export/kindStyle.js';
import { importDocument } from '../shared/export/import.js';
import { serializeDocument } from '../shared/model/serialize.js';
import { sameFile, writeFileAtomic } from './atomicFile.js';
import { MAX_DOCUMENT_BYTES, problemLines } from './document.js';
import { EXIT_INPUT, EXIT_OK, InputError } from './errors.js';
import type { Io } from './io.js';

/** Options of `import` as commander hands them over. */
export interface ImportOptions {
  out?: string;
}

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  ENOTDIR: 'a parent is not a directory',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

function readBytes(absPath: string, shownName: string): Uint8Array {
  try {
    const st = fs.statSync(absPath);
    if (st.isDirectory()) throw new InputError(`cannot read ${shownName}: is a directory`);
    if (st.size > MAX_DOCUMENT_BYTES) {
      throw new InputError(`cannot read ${shownName}: larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`);
    }
    return new Uint8Array(fs.readFileSync(absPath));
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException | null)?.code;
    if (typeof code !== 'string') throw err;
    throw new InputError(`cannot read ${shownName}: ${REASONS[code] ?? code.toLowerCase()}`);
  }
}

export function importCommand(file: string, options: ImportOptions, io: Io): number {
  const input = path.resolve(io.cwd, file);
  const out = options.out !== undefined ? path.resolve(io.cwd, options.out) : undefined;
  if (out !== undefined && sameFile(out, input)) {
    throw new InputError(`--out ${options.out} is the input file; refusing to write over it`);
  }
  const result = importDocument({ name: path.basename(file), bytes: readBytes(input, file) });
  if (!result.ok) {
    const lines = result.error.split('\n');
    throw new InputError([
      `cannot import ${file}${result.format ? ` (${result.format})` : ''}: ${lines[0]}`,
      ...lines.slice(1),
    ]);
  }

  const notes: string[] = [`${file}: read as ${result.format}`];
  for (const g of result.guesses) {
    const what = g.kind === 'region' ? 'region location' : `kind ${KIND_TITLES[g.kind]}`;
    notes.push(`${file}: guessed ${what} for "${g.label}" (${g.nodeId}): ${g.reason}`);
  }
  for (const w of result.warnings) notes.push(`${file}: warning: ${w}`);
  const text = serializeDocument(result.doc);
  if (out !== undefined) writeFileAtomic(out, options.out!, text);
  else io.stdout(text);
  if (result.guesses.length > 0) {
    notes.push(`${file}: review the ${result.guesses.length} guess${result.guesses.length === 1 ? '' : 'es'} above`);
  }
  io.stderr(`${notes.join('\n')}\n`);
  if (result.problems.length > 0) {
    // The document is written so it can be fixed in the app, but it is not ready to run.
    io.stderr(`${problemLines(options.out ?? file, result.problems).join('\n')}\n`);
    return EXIT_INPUT;
  }
  return EXIT_OK;
}
