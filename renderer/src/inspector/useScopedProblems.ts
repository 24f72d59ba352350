import { useRef } from 'react';
import type { Problem } from '../../../shared/model/schema.js';
import { problemsOf, problemsUnder, useEditor } from '../store/useEditor.js';

function same(a: readonly Problem[], b: readonly Problem[]): boolean {
  return a.length === b.length && a.every((p, i) => p.path === b[i]?.path && p.message === b[i]?.message);
}

/**
 * The validator's problems under one path (`nodes[3]`, or '' for the whole document). The component re-renders
 * only when that list changes, not on every edit of the document.
 */
export function useScopedProblems(prefix: string | null): Problem[] {
  const last = useRef<Problem[]>([]);
  return useEditor((s) => {
    const all = problemsOf(s.doc);
    const next = prefix === null ? [] : prefix === '' ? all : problemsUnder(all, prefix);
    if (same(last.current, next)) return last.current;
    last.current = next;
    return next;
  });
}

/** Whether a problem's path is `path` itself or lies under it. */
export function isUnder(problemPath: string, path: string): boolean {
  return (
    problemPath === path ||
    (path === '' ? problemPath !== '' : problemPath.startsWith(`${path}.`) || problemPath.startsWith(`${path}[`))
  );
}
