import { expect } from 'vitest';
import { validateDocument } from '../../../shared/model/validate.js';
import type { Problem } from '../../../shared/model/validate.js';
import { exampleDocument } from './arbitraries.js';

/** The example document as loosely typed data, for tests that break it on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

const example = exampleDocument();
/** Index of each node, edge and fault of the example document by id. */
export const N: Record<string, number> = Object.fromEntries(example.nodes.map((n, i) => [n.id, i]));
export const E: Record<string, number> = Object.fromEntries(example.edges.map((e, i) => [e.id, i]));
export const F: Record<string, number> = Object.fromEntries(example.faults.map((f, i) => [f.id, i]));

/** The example document with one node looked up by id. */
export function nodeOf(doc: Loose, id: string): Loose {
  return doc.nodes[N[id] as number];
}

/** Problems of the example document after `mutate`. */
export function problemsAfter(mutate: (doc: Loose) => void): Problem[] {
  const doc: Loose = exampleDocument();
  mutate(doc);
  const r = validateDocument(doc);
  return r.problems;
}

/** Asserts that a problem at exactly `path` has a message containing `fragment`. */
export function expectProblem(problems: Problem[], path: string, fragment: string): void {
  const atPath = problems.filter((p) => p.path === path);
  expect(atPath, `expected a problem at "${path}"; got:\n${JSON.stringify(problems, null, 1)}`).not.toHaveLength(0);
  expect(
    atPath.some((p) => p.message.includes(fragment)),
    `expected "${fragment}" at "${path}"; got: ${atPath.map((p) => p.message).join(' | ')}`,
  ).toBe(true);
}

/** A rule that a document breaks: how, where, and a piece of the expected message. */
export interface RuleCase {
  rule: string;
  mutate: (doc: Loose) => void;
  path: string;
  message: string;
}
