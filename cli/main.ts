/**
 * The `backpressure` command line: run or validate a topology document (MODEL.md §8).
 *
 * Exit codes: 0 ok, 2 invalid input (every problem listed on stderr, never a stack trace), 1 internal error (a bug).
 * `main()` never touches `process` (tests call it in-process with their own `Io`); `runCli()` wires it to the real
 * process and is what `bin/backpressure.js` calls.
 */
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, InputError } from './errors.js';
import type { Io } from './io.js';
import { runCommand, type RunOptions } from './runCommand.js';
import { validateCommand } from './validateCommand.js';
import { exportCommand, type ExportOptions } from './exportCommand.js';
import { importCommand, type ImportOptions } from './importCommand.js';
import { packageVersion } from './version.js';

export type { Io } from './io.js';

const NAME = 'backpressure';

function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command(NAME);
  // Settings made before .command() are inherited by the subcommands.
  program
    .description('Deterministic distributed-systems simulator: run or validate a topology document (.bp.json).')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: (s, write) => write(`${NAME}: ${s.replace(/^error: /, '')}`),
    })
    .showHelpAfterError(`(run "${NAME} --help" for usage)`)
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        `  ${NAME} validate assets/templates/three-tier-web-app.bp.json`,
        `  ${NAME} run topology.bp.json --seed 7 --duration 2m`,
        `  ${NAME} run topology.bp.json --json --out report.json --trace messages.jsonl`,
        `  ${NAME} run topology.bp.json --seed 7 --report report.html`,
        `  ${NAME} export topology.bp.json --to png --scale 2 --out diagram.png`,
        `  ${NAME} export topology.bp.json --to mermaid > topology.mmd`,
        `  ${NAME} import architecture.drawio --out topology.bp.json`,
        '',
        'Exit codes: 0 ok, 2 invalid input (every problem is listed on stderr), 1 internal error (a bug).',
      ].join('\n'),
    );

  program
    .command('run')
    .description('simulate a document and print its report')
    .argument('<file>', 'topology document (.bp.json)')
    .option('--seed <n>', "random seed, an integer 0..4294967295 (default: the document's simulation.seed)")
    .option(
      '--duration <time>',
      "simulated time, ms or a number with a unit ms, s, m or h, e.g. 60s, 1.5m (default: the document's)",
    )
    .option('--json', 'print the report as JSON instead of tables')
    .option('--out <file>', 'write the report to <file> instead of stdout (atomically)')
    .option('--trace <file>', 'write every message that moved on an edge to <file> as JSON Lines')
    .option('--report <file>', 'also write a report with charts to <file>: .html (one self-contained page) or .md')
    .action((file: string, options: RunOptions) => setExit(runCommand(file, options, io)));

  program
    .command('validate')
    .description('check a document and list every problem')
    .argument('<file>', 'topology document (.bp.json)')
    .action((file: string) => setExit(validateCommand(file, io)));

  program
    .command('export')
    .description('write a document as JSON, a Mermaid flowchart, a draw.io diagram, or an SVG or PNG image')
    .argument('<file>', 'topology document (.bp.json)')
    .option('--to <format>', 'json, mermaid, drawio, svg or png (default: from the --out extension)')
    .option('--out <file>', 'write to <file> (atomically); required for png, else stdout')
    .option('--theme <theme>', 'light or dark, for svg and png (default: light)')
    .option('--scale <n>', 'pixels per point for png: 1, 2 or 4 (default: 1)')
    .option('--transparent', 'no background colour behind the diagram (svg and png)')
    .action((file: string, options: ExportOptions) => setExit(exportCommand(file, options, io)));

  program
    .command('import')
    .description('convert a Mermaid, draw.io, SVG or PNG file (or a .bp.json) to a topology document')
    .argument('<file>', '.mmd, .drawio, .svg, .png or .bp.json file')
    .option('--out <file>', 'write the document to <file> (atomically) instead of stdout')
    .action((file: string, options: ImportOptions) => setExit(importCommand(file, options, io)));

  return program;
}

/**
 * Runs the command line on `argv` (the arguments after the program name) and returns the exit code.
 *
 * @example await main(['run', 'topology.bp.json', '--json'], { stdout, stderr, cwd: process.cwd() })
 */
export async function main(argv: string[], io: Io): Promise<number> {
  let code = EXIT_OK;
  try {
    const program = buildProgram(io, (c) => (code = c));
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    return reportFailure(err, io);
  }
}

/** Prints what went wrong and picks the exit code. */
function reportFailure(err: unknown, io: Io): number {
  if (err instanceof CommanderError) {
    // commander has printed its message (or the help/version) through configureOutput already
    return err.exitCode === 0 ? EXIT_OK : EXIT_INPUT;
  }
  if (err instanceof InputError) {
    io.stderr(err.lines.map((l) => (err.listing ? l : `${NAME}: ${l}`)).join('\n') + '\n');
    return EXIT_INPUT;
  }
  const env = io.env ?? process.env;
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  io.stderr(`${NAME}: internal error: ${message.split('\n')[0]}\n`);
  if (env.BACKPRESSURE_DEBUG === '1' && err instanceof Error && err.stack) io.stderr(`${err.stack}\n`);
  else {
    io.stderr(
      `${NAME}: this is a bug in Backpressure; please report it with the command and the input file ` +
        `(set BACKPRESSURE_DEBUG=1 to see the stack trace)\n`,
    );
  }
  return EXIT_INTERNAL;
}

/** Runs the command line in this process: real stdout, stderr, cwd and environment; sets `process.exitCode`. */
export async function runCli(argv: string[] = process.argv.slice(2)): Promise<number> {
  // `backpressure run x | head` closes stdout early: stop quietly instead of dying on EPIPE with a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
    throw err;
  });
  const code = await main(argv, {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
  });
  process.exitCode = code;
  return code;
}

/** True when this module is the program Node was asked to run (`node dist/cli/main.js`, `tsx cli/main.ts`). */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return fs.realpathSync(script) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) void runCli();
