import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrateDocument } from '../../../shared/model/migrate.js';
import type { Migration } from '../../../shared/model/migrate.js';
import { parseDocument, validateDocument } from '../../../shared/model/validate.js';
import { exampleDocument } from './arbitraries.js';
import type { Loose } from './helpers.js';

/** Deep-freezes a value, so that any mutation of it throws in strict mode. */
function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

/** A pretend version 0, whose services and databases called `concurrency` "workers". */
const workersToConcurrency: Migration = {
  from: 0,
  to: 1,
  migrate(doc) {
    const nodes = doc.nodes as { params: Record<string, unknown> }[];
    for (const node of nodes) {
      if ('workers' in node.params) {
        node.params.concurrency = node.params.workers;
        delete node.params.workers;
      }
    }
    return doc;
  },
};

/** A pretend version -1 without `notes`. */
const addNotes: Migration = { from: -1, to: 0, migrate: (doc) => ({ ...doc, notes: [] }) };

function versionZero(): Loose {
  const doc: Loose = exampleDocument();
  doc.version = 0;
  for (const node of doc.nodes) {
    if (node.params.concurrency !== undefined) {
      node.params.workers = node.params.concurrency;
      delete node.params.concurrency;
    }
  }
  return doc;
}

describe('migrateDocument', () => {
  it('has no migrations today: version 1 is current', () => {
    expect(MIGRATIONS).toEqual([]);
  });

  it('returns a copy of a current document', () => {
    const doc = deepFreeze(exampleDocument());
    const r = migrateDocument(doc);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.document).toEqual(doc);
    expect(r.document).not.toBe(doc);
  });

  it('migrates version 0 to 1 with a registry, and the result validates', () => {
    const input = deepFreeze(versionZero());
    const before = JSON.stringify(input);
    const r = migrateDocument(input, [workersToConcurrency]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const doc = r.document as Loose;
    expect(doc.version).toBe(1);
    expect(doc.nodes.find((n: Loose) => n.id === 'api-us').params.concurrency).toBe(16);
    expect(doc.nodes.find((n: Loose) => n.id === 'api-us').params.workers).toBeUndefined();
    expect(validateDocument(doc).problems).toEqual([]);
    expect(doc).toEqual(exampleDocument());
    expect(JSON.stringify(input)).toBe(before);
  });

  it('applies a chain of migrations in order', () => {
    const old = versionZero();
    delete old.notes;
    old.version = -1;
    const r = migrateDocument(deepFreeze(old), [workersToConcurrency, addNotes]);
    expect(r.ok).toBe(true);
    if (r.ok) expect(validateDocument(r.document).ok).toBe(true);
  });

  it('without the migration, a version 0 document is refused with the gap named', () => {
    expect(migrateDocument(versionZero())).toEqual({
      ok: false,
      problems: [{ path: 'version', message: 'no migration from version 0' }],
    });
    const old = versionZero();
    old.version = -1;
    expect(migrateDocument(old, [workersToConcurrency])).toEqual({
      ok: false,
      problems: [{ path: 'version', message: 'no migration from version -1' }],
    });
    expect(parseDocument(JSON.stringify(versionZero())).problems).toEqual([
      { path: 'version', message: 'no migration from version 0' },
    ]);
  });

  it('refuses a newer version', () => {
    const doc: Loose = exampleDocument();
    doc.version = 2;
    expect(migrateDocument(doc)).toEqual({
      ok: false,
      problems: [
        {
          path: 'version',
          message: 'this document was written by a newer version of Backpressure (version 2); this one reads version 1',
        },
      ],
    });
  });

  it('refuses what is not a topology document', () => {
    for (const raw of [null, 3, 'text', [], undefined]) {
      const r = migrateDocument(raw);
      expect(r).toEqual({
        ok: false,
        problems: [{ path: '', message: expect.stringContaining('must be a JSON object') }],
      });
    }
    expect(migrateDocument({ format: 'excalidraw', version: 2 })).toEqual({
      ok: false,
      problems: [
        { path: 'format', message: 'must be "backpressure.topology" (is this a Backpressure topology file?)' },
      ],
    });
  });

  it('needs an integer version', () => {
    const doc: Loose = exampleDocument();
    delete doc.version;
    expect(migrateDocument(doc)).toEqual({
      ok: false,
      problems: [{ path: 'version', message: expect.stringContaining('required') }],
    });
    doc.version = '1';
    expect(migrateDocument(doc)).toEqual({
      ok: false,
      problems: [{ path: 'version', message: expect.stringContaining('must be an integer') }],
    });
    doc.version = 0.5;
    expect(migrateDocument(doc).ok).toBe(false);
  });

  it('reports a broken registry or migration instead of throwing', () => {
    const skip: Migration = { from: 0, to: 2, migrate: (d) => d };
    expect(migrateDocument(versionZero(), [skip])).toEqual({
      ok: false,
      problems: [
        {
          path: 'version',
          message: 'the migration from version 0 goes to version 2; migrations go one version at a time',
        },
      ],
    });
    const throws: Migration = {
      from: 0,
      to: 1,
      migrate: () => {
        throw new Error('cannot');
      },
    };
    expect(migrateDocument(versionZero(), [throws])).toEqual({
      ok: false,
      problems: [{ path: 'version', message: 'migration from version 0 failed: cannot' }],
    });
    const nothing: Migration = { from: 0, to: 1, migrate: () => null as unknown as Record<string, unknown> };
    expect(migrateDocument(versionZero(), [nothing]).ok).toBe(false);
  });

  it('a migration gets its own copy, even when it mutates deeply', () => {
    const input = versionZero();
    const before = JSON.stringify(input);
    migrateDocument(input, [workersToConcurrency]);
    expect(JSON.stringify(input)).toBe(before);
  });

  it('never throws on hostile input', () => {
    const hostile = Object.defineProperty({}, 'format', {
      enumerable: true,
      get() {
        throw new Error('nope');
      },
    });
    expect(migrateDocument(hostile).ok).toBe(false);
    const cyclic: Loose = versionZero();
    cyclic.self = cyclic;
    expect(migrateDocument(cyclic, [workersToConcurrency])).toEqual({
      ok: false,
      problems: [{ path: 'self', message: expect.stringContaining('refers back to itself') }],
    });
  });
});
