/** The simulation core's refusals of a document, as input errors that name the file. */
import { InvalidDocumentError } from '../shared/engine/index.js';
import { problemLines } from './document.js';
import { InputError } from './errors.js';

/**
 * An engine's refusal of a document that is valid but uses a part of the model it cannot simulate (the core's
 * `UnsupportedFeatureError`, with the JSON path of what it cannot run). Recognised by shape rather than by class so
 * the CLI keeps working whether or not a given version of the core has such a gap.
 */
interface UnsupportedFeature extends Error {
  name: 'UnsupportedFeatureError';
  path: string;
}

function isUnsupportedFeature(err: unknown): err is UnsupportedFeature {
  return (
    err instanceof Error &&
    err.name === 'UnsupportedFeatureError' &&
    typeof (err as { path?: unknown }).path === 'string'
  );
}

/** The input error for an engine refusal (invalid document, unsupported feature), or null for anything else. */
export function engineInputError(err: unknown, file: string): InputError | null {
  if (err instanceof InvalidDocumentError) return new InputError(problemLines(file, err.problems), { listing: true });
  if (isUnsupportedFeature(err)) {
    // the core's message may or may not start with the path already
    const message =
      err.path && err.message.startsWith(`${err.path}: `) ? err.message.slice(err.path.length + 2) : err.message;
    return new InputError(
      [
        `${file}: ${err.path ? `${err.path}: ` : ''}${message}`,
        `${file}: cannot be run by this version of Backpressure`,
      ],
      { listing: true },
    );
  }
  return null;
}
