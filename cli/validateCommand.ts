/** `backpressure validate <file>`: check a document without running it. */
import * as path from 'node:path';
import { createSimulation } from '../shared/engine/index.js';
import { loadDocument } from './document.js';
import { EXIT_OK } from './errors.js';
import type { Io } from './io.js';
import { engineInputError } from './engineErrors.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function validateCommand(file: string, io: Io): number {
  const document = loadDocument(path.resolve(io.cwd, file), file);
  io.stdout(`${file}: valid (${plural(document.nodes.length, 'node')}, ${plural(document.edges.length, 'edge')})\n`);
  // A valid document may still use parts of the model the core cannot simulate yet: say so, without failing.
  try {
    createSimulation(document, { durationMs: 1 });
  } catch (err) {
    const input = engineInputError(err, file);
    if (!input) throw err;
    io.stderr(`${input.lines[0]}\n${file}: note: valid, but \`backpressure run\` cannot simulate it yet\n`);
  }
  return EXIT_OK;
}
