import { createContext, useContext, useMemo } from 'react';
import { useStore } from 'zustand';
import type { Problem } from '../../../shared/model/schema.js';
import type { TopologyDocument } from '../../../shared/model/types.js';
import { validateDocument } from '../../../shared/model/validate.js';
import type { CommandContext } from './commands.js';
import type { EditorActions, EditorState, EditorStore } from './editorStore.js';

export const EditorContext = createContext<CommandContext | null>(null);

/** The command context of the editor this component is in (its store, view, files and clipboard). */
export function useCommandContext(): CommandContext {
  const ctx = useContext(EditorContext);
  if (!ctx) throw new Error('useCommandContext must be used inside <EditorContext.Provider>');
  return ctx;
}

export function useEditorStore(): EditorStore {
  return useCommandContext().store;
}

/** Subscribes to the smallest slice of the editor state a component needs. */
export function useEditor<T>(selector: (s: EditorState & EditorActions) => T): T {
  return useStore(useEditorStore(), selector);
}

/** The store's actions (stable across renders). */
export function useActions(): EditorActions {
  return useEditorStore().getState();
}

const problemCache = new WeakMap<TopologyDocument, Problem[]>();

/** Every problem the core's validator finds in a document (the CLI's messages), computed once per revision. */
export function problemsOf(doc: TopologyDocument): Problem[] {
  let problems = problemCache.get(doc);
  if (!problems) {
    const result = validateDocument(doc);
    problems = result.ok ? [] : result.problems;
    problemCache.set(doc, problems);
  }
  return problems;
}

export function useProblems(): Problem[] {
  const doc = useEditor((s) => s.doc);
  return useMemo(() => problemsOf(doc), [doc]);
}

/** Problems under one path prefix, e.g. `nodes[3]` or `edges[0].params`, with the prefix kept. */
export function problemsUnder(problems: readonly Problem[], prefix: string): Problem[] {
  return problems.filter(
    (p) => p.path === prefix || p.path.startsWith(`${prefix}.`) || p.path.startsWith(`${prefix}[`),
  );
}
