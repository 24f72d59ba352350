/**
 * Bringing raw input up to the current document version.
 *
 * A migration turns a document of version N into version N + 1. `migrateDocument` applies them one by one from
 * the document's version to {@link DOCUMENT_VERSION}, on a copy: the input is never mutated.
 */
import { DOCUMENT_LIMITS, formatPath, newerVersionMessage } from './schema.js';
import type { PathProblem, Problem } from './schema.js';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION } from './types.js';

/** One step of the migration chain: turns a topology of version `from` into one of version `to` (= from + 1). */
export interface Migration {
  from: number;
  to: number;
  /** Gets a private deep copy it may change; returns the migrated document (`version` is set to `to` after it). */
  migrate(doc: Record<string, unknown>): Record<string, unknown>;
}

/** The registry of migrations. Empty today: version 1 is the first and current version. */
export const MIGRATIONS: Migration[] = [];

/** The result of {@link migrateDocument}. */
export type MigrationResult = { ok: true; document: unknown } | { ok: false; problems: Problem[] };

/**
 * Migrates a raw document (as parsed from JSON) to the current version.
 *
 * Refuses input that is not a topology document (`format`), has no integer `version`, or was written by a newer
 * version of Backpressure. Returns a new object and never mutates `raw` (migrations work on a deep copy; when none
 * is needed the copy is shallow); never throws. The result still needs `validateDocument`.
 *
 * @example migrateDocument(JSON.parse(text)) // ok, and the migrated topology has version 1
 */
export function migrateDocument(raw: unknown, migrations: Migration[] = MIGRATIONS): MigrationResult {
  try {
    return migrateInner(raw, migrations);
  } catch (e) {
    return fail([{ path: '', message: `could not be read: ${errorText(e)}` }]);
  }
}

function fail(problems: Problem[]): MigrationResult {
  return { ok: false, problems };
}

function migrateInner(raw: unknown, migrations: Migration[]): MigrationResult {
  if (!isRecordLike(raw))
    return fail([{ path: '', message: 'must be a JSON object (is this a Backpressure topology file?)' }]);
  if (readOwn(raw, 'format') !== DOCUMENT_FORMAT)
    return fail([{ path: 'format', message: `must be "${DOCUMENT_FORMAT}" (is this a Backpressure topology file?)` }]);
  const version = readOwn(raw, 'version');
  if (typeof version !== 'number' || !Number.isInteger(version))
    return fail([
      {
        path: 'version',
        message:
          version === undefined
            ? `required: the document format version (this Backpressure reads version ${DOCUMENT_VERSION})`
            : `must be an integer: the document format version (this Backpressure reads version ${DOCUMENT_VERSION})`,
      },
    ]);
  if (version > DOCUMENT_VERSION) return fail([{ path: 'version', message: newerVersionMessage(version) }]);
  if (version === DOCUMENT_VERSION) return { ok: true, document: shallowCopy(raw) };

  const copied = copyPlainData(raw);
  if (copied.problems.length > 0) return fail(copied.problems.map(toProblem));
  let doc = copied.value as Record<string, unknown>;
  for (let v = version; v < DOCUMENT_VERSION;) {
    const step = migrations.find((m) => m.from === v);
    if (!step) return fail([{ path: 'version', message: `no migration from version ${v}` }]);
    if (step.to !== v + 1)
      return fail([
        {
          path: 'version',
          message: `the migration from version ${v} goes to version ${step.to}; migrations go one version at a time`,
        },
      ]);
    let next: unknown;
    try {
      next = step.migrate(doc);
    } catch (e) {
      return fail([{ path: 'version', message: `migration from version ${v} failed: ${errorText(e)}` }]);
    }
    if (!isRecordLike(next))
      return fail([{ path: 'version', message: `migration from version ${v} did not return an object` }]);
    doc = next;
    doc.version = step.to;
    v = step.to;
  }
  return { ok: true, document: doc };
}

function toProblem(p: PathProblem): Problem {
  return { path: formatPath(p.segments), message: p.message };
}

function isRecordLike(v: unknown): v is Record<string, unknown> {
  try {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false; // a revoked proxy throws from Array.isArray
  }
}

function readOwn(obj: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** A copy of the own enumerable fields (an own `__proto__` key stays a plain field). */
function shallowCopy(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj)) defineField(out, key, obj[key]);
  return out;
}

function defineField(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A one-line description of a thrown value. */
export function errorText(e: unknown): string {
  try {
    const text = e instanceof Error ? e.message : String(e);
    return text.replace(/\s+/g, ' ').trim().slice(0, 300) || 'unknown error';
  } catch {
    return 'unknown error';
  }
}

/**
 * A deep copy of `input` as plain JSON data (objects, arrays, strings, finite or non-finite numbers, booleans,
 * null; `undefined` fields are kept as they are), made without trusting the input: cycles, getters that throw,
 * proxies, class instances, functions, symbols, huge or deeply nested structures all become problems at their
 * path instead of exceptions or hangs. Only own enumerable string keys are copied; an own `__proto__` key stays a
 * plain field. A value that could not be copied is `undefined` in the copy.
 *
 * @internal Used by `validateDocument` and `migrateDocument`; not part of the public model API.
 */
export function copyPlainData(input: unknown): { value: unknown; problems: PathProblem[] } {
  const problems: PathProblem[] = [];
  const state = { count: 0, tooLarge: false, ancestors: new Set<object>() };
  const path: (string | number)[] = [];

  const problem = (message: string) => problems.push({ segments: [...path], message });

  const arrayCap = (): { max: number; what: string } => {
    if (path.length === 1 && typeof path[0] === 'string') {
      const key = path[0];
      if (key === 'nodes' || key === 'edges' || key === 'faults' || key === 'notes')
        return { max: DOCUMENT_LIMITS[key], what: key };
    }
    return { max: DOCUMENT_LIMITS.otherArray, what: 'elements' };
  };

  const copy = (v: unknown): unknown => {
    if (state.tooLarge) return undefined;
    if (++state.count > DOCUMENT_LIMITS.values) {
      state.tooLarge = true;
      problems.push({ segments: [], message: `is too large (more than ${DOCUMENT_LIMITS.values} values)` });
      return undefined;
    }
    switch (typeof v) {
      case 'string':
      case 'number':
      case 'boolean':
      case 'undefined':
        return v;
      case 'object':
        if (v === null) return null;
        break;
      case 'function':
        problem('must be JSON data (got a function)');
        return undefined;
      default:
        problem(`must be JSON data (got a ${typeof v})`);
        return undefined;
    }
    const obj = v as object;
    if (state.ancestors.has(obj)) {
      problem('refers back to itself (cyclic data cannot be saved as JSON)');
      return undefined;
    }
    if (path.length >= DOCUMENT_LIMITS.depth) {
      problem(`is nested too deeply (more than ${DOCUMENT_LIMITS.depth} levels)`);
      return undefined;
    }
    let isArray: boolean;
    try {
      isArray = Array.isArray(obj);
    } catch (e) {
      problem(`could not be read: ${errorText(e)}`);
      return undefined;
    }
    state.ancestors.add(obj);
    try {
      return isArray ? copyArray(obj as unknown[]) : copyObject(obj);
    } catch (e) {
      problem(`could not be read: ${errorText(e)}`);
      return undefined;
    } finally {
      state.ancestors.delete(obj);
    }
  };

  const copyArray = (arr: unknown[]): unknown => {
    const length = arr.length;
    if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) {
      problem('could not be read (an array without a proper length)');
      return undefined;
    }
    const cap = arrayCap();
    if (length > cap.max) {
      problem(`too many ${cap.what} (${length}); at most ${cap.max}`);
      return undefined;
    }
    const out: unknown[] = new Array<unknown>(length);
    for (let i = 0; i < length; i++) {
      path.push(i);
      out[i] = readAndCopy(arr, i);
      path.pop();
    }
    return out;
  };

  const copyObject = (obj: object): unknown => {
    const tag = Object.prototype.toString.call(obj);
    if (tag !== '[object Object]') {
      problem(`must be JSON data (got ${tag.slice(8, -1) || 'an unknown object'})`);
      return undefined;
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(obj)) {
      path.push(key);
      defineField(out, key, readAndCopy(obj, key));
      path.pop();
    }
    return out;
  };

  const readAndCopy = (container: object, key: string | number): unknown => {
    let value: unknown;
    try {
      value = (container as Record<string | number, unknown>)[key];
    } catch (e) {
      problem(`could not be read: ${errorText(e)}`);
      return undefined;
    }
    return copy(value);
  };

  const value = copy(input);
  return { value, problems };
}
