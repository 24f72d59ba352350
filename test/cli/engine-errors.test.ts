import { describe, expect, it, vi } from 'vitest';
import { cli, STACK_FRAME, TEMPLATE } from './helpers.js';

// Lets each test make the engine throw what it wants: a bug, or one of its refusals of a document.
const engine = vi.hoisted(() => ({ fail: null as (() => never) | null }));
vi.mock('../../shared/engine/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../shared/engine/index.js')>();
  return {
    ...real,
    createSimulation: (...args: Parameters<typeof real.createSimulation>) => {
      if (engine.fail) engine.fail();
      return real.createSimulation(...args);
    },
  };
});

/** The shape of the core's refusal of a valid document it cannot simulate (a feature not built yet). */
class UnsupportedFeatureError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'UnsupportedFeatureError';
  }
}

function failWith(err: Error) {
  engine.fail = () => {
    throw err;
  };
}

describe('errors from the engine', () => {
  it('an unexpected exception exits 1 with a one-line message and a bug hint, no stack trace', async () => {
    failWith(new TypeError("Cannot read properties of undefined (reading 'edges')"));
    const r = await cli(['run', TEMPLATE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^backpressure: internal error: TypeError: Cannot read properties of undefined/);
    expect(r.stderr).toMatch(/this is a bug/);
    expect(r.stderr).toMatch(/BACKPRESSURE_DEBUG=1/);
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it('BACKPRESSURE_DEBUG=1 shows the stack of a bug', async () => {
    failWith(new TypeError('boom'));
    const r = await cli(['run', TEMPLATE], undefined, { BACKPRESSURE_DEBUG: '1' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(STACK_FRAME);
  });

  it('a feature the core cannot simulate is an input error naming its path (exit 2)', async () => {
    failWith(
      new UnsupportedFeatureError('nodes[1]', '"cdn" nodes are part of the model but this core cannot run them yet'),
    );
    const r = await cli(['run', TEMPLATE]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `${TEMPLATE}: nodes[1]: "cdn" nodes are part of the model but this core cannot run them yet\n` +
        `${TEMPLATE}: cannot be run by this version of Backpressure\n`,
    );
  });

  it('validate still calls such a document valid, with a note', async () => {
    failWith(new UnsupportedFeatureError('faults', 'this core cannot inject faults yet'));
    const r = await cli(['validate', TEMPLATE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${TEMPLATE}: valid (4 nodes, 3 edges)\n`);
    expect(r.stderr).toMatch(/^.*: faults: this core cannot inject faults yet\n.*note: valid, but/);
  });

  it("the engine's own validation problems are listed like the validator's", async () => {
    const { InvalidDocumentError } = await import('../../shared/engine/index.js');
    failWith(new InvalidDocumentError([{ path: 'nodes[2].params.replicas', message: 'must be an integer >= 1' }]));
    const r = await cli(['run', TEMPLATE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `${TEMPLATE}: nodes[2].params.replicas: must be an integer >= 1\n${TEMPLATE}: invalid (1 problem)\n`,
    );
  });
});
