import type { ReactNode } from 'react';
import { formatPath, type Problem } from '../../../shared/model/schema.js';
import { getIn, type FieldSpec, type Path, type SectionSpec } from './fields.js';
import { isUnder } from './useScopedProblems.js';

/** One change of the edited item: the value at `path` (undefined removes the key). */
export type Change = readonly [Path, unknown];

/** What a panel hands to its generated fields: the item, where it sits, its problems and how to change it. */
export interface ItemScope {
  /** The node, edge or document being edited. */
  item: unknown;
  /** Where the item sits in the document, for problem paths: `['nodes', 3]`, `[]` for the document. */
  segments: readonly (string | number)[];
  /** The validator's problems under the item. */
  problems: readonly Problem[];
  /** Applies changes to the item as one undoable edit named `label`. */
  set(label: string, changes: readonly Change[]): void;
  /** Computed content for `slot` descriptors, by name. */
  slots?: Readonly<Record<string, ReactNode>>;
  /** Placeholders that replace a field's default, by `formatPath(path)` (an edge's latency from regions). */
  placeholders?: Readonly<Record<string, string>>;
  /** Text shown under a field, by `formatPath(path)` (where the placeholder comes from). */
  notes?: Readonly<Record<string, ReactNode>>;
}

/** The full problem path of a field: `nodes[3].params.concurrency`. */
export function fullPath(scope: ItemScope, path: Path): string {
  return formatPath([...scope.segments, ...path]);
}

/** The messages for a field: problems at its path and (with `deep`) under it. */
export function messagesAt(scope: ItemScope, path: Path, deep = true): string[] {
  const at = fullPath(scope, path);
  return scope.problems.filter((p) => (deep ? isUnder(p.path, at) : p.path === at)).map((p) => p.message);
}

export function valueAt(scope: ItemScope, path: Path): unknown {
  return getIn(scope.item, path);
}

interface Claim {
  path: Path;
  deep: boolean;
}

function claimsOf(spec: FieldSpec, item: unknown, out: Claim[]): void {
  switch (spec.type) {
    case 'slot':
      return;
    case 'policy':
      out.push({ path: spec.path, deep: false });
      if (getIn(item, spec.path) !== undefined) for (const child of spec.children) claimsOf(child, item, out);
      return;
    case 'location':
      for (const key of ['location', 'lat', 'lon']) out.push({ path: [...spec.path, key], deep: true });
      return;
    default:
      out.push({ path: spec.path, deep: true });
  }
}

/**
 * The problems no visible field of these sections shows: they go at the top of the panel (a node without the edge
 * it needs, a duplicate id, an unknown parameter...).
 */
export function unclaimedProblems(scope: ItemScope, sections: readonly SectionSpec[], extra: readonly Path[] = []) {
  const claims: Claim[] = extra.map((path) => ({ path, deep: true }));
  for (const section of sections) for (const f of section.fields) claimsOf(f, scope.item, claims);
  const full = claims.map((c) => ({ at: fullPath(scope, c.path), deep: c.deep }));
  return scope.problems.filter((p) => !full.some((c) => (c.deep ? isUnder(p.path, c.at) : p.path === c.at)));
}
