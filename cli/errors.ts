/**
 * Errors the command line turns into exit codes. Anything else that escapes a command is a bug (exit 1).
 */

/** Exit code for success. */
export const EXIT_OK = 0;
/** Exit code for an unexpected exception: a bug in Backpressure. */
export const EXIT_INTERNAL = 1;
/** Exit code for bad input: an unreadable or invalid document, a bad flag, an unwritable output path. */
export const EXIT_INPUT = 2;

/**
 * A problem with what the user gave us. Shown as its lines on stderr, never with a stack trace, and the program
 * exits with `EXIT_INPUT`.
 */
export class InputError extends Error {
  /** The lines to print, one problem per line. */
  readonly lines: readonly string[];
  /**
   * True for a listing of a document's problems (`<file>: <path>: <message>` lines, printed as they are); false for
   * a message that is printed after the program's name (`backpressure: cannot read x: no such file`).
   */
  readonly listing: boolean;

  constructor(lines: string | readonly string[], options: { listing?: boolean } = {}) {
    const list = typeof lines === 'string' ? [lines] : lines;
    super(list.join('\n'));
    this.name = 'InputError';
    this.lines = list;
    this.listing = options.listing ?? false;
  }
}
