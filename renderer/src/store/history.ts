import { applyPatches, enablePatches, produceWithPatches, type Patch } from 'immer';
import type { TopologyDocument } from '../../../shared/model/types.js';

enablePatches();

/** One undoable step: the patches a command (or a whole gesture) made, and the ones that take it back. */
export interface HistoryEntry {
  label: string;
  patches: Patch[];
  inverse: Patch[];
}

export const HISTORY_LIMIT = 500;

/**
 * Undo and redo over immer patches. Commands record their patches; a gesture (a drag, a resize, typing in one
 * field) groups everything between `begin` and `end` into one step.
 */
export class History {
  private past: HistoryEntry[] = [];
  private future: HistoryEntry[] = [];
  private gesture: HistoryEntry | null = null;
  private gestureDepth = 0;

  /** Runs `recipe` on `doc`; returns the new document (the same object when nothing changed). */
  record(doc: TopologyDocument, label: string, recipe: (draft: TopologyDocument) => void): TopologyDocument {
    const [next, patches, inverse] = produceWithPatches(doc, recipe);
    if (patches.length === 0) return doc;
    if (this.gesture) {
      this.gesture.patches.push(...patches);
      this.gesture.inverse.unshift(...inverse);
    } else {
      this.push({ label, patches, inverse });
    }
    this.future = [];
    return next;
  }

  begin(label: string): void {
    if (this.gestureDepth++ === 0) this.gesture = { label, patches: [], inverse: [] };
  }

  end(): void {
    if (this.gestureDepth === 0) return;
    if (--this.gestureDepth > 0) return;
    const g = this.gesture;
    this.gesture = null;
    if (g && g.patches.length > 0) this.push(g);
  }

  private push(entry: HistoryEntry): void {
    this.past.push(entry);
    if (this.past.length > HISTORY_LIMIT) this.past.shift();
  }

  undo(doc: TopologyDocument): TopologyDocument | null {
    if (this.gestureDepth > 0) {
      this.gestureDepth = 1;
      this.end();
    }
    const entry = this.past.pop();
    if (!entry) return null;
    this.future.push(entry);
    return applyPatches(doc, entry.inverse);
  }

  redo(doc: TopologyDocument): TopologyDocument | null {
    const entry = this.future.pop();
    if (!entry) return null;
    this.past.push(entry);
    return applyPatches(doc, entry.patches);
  }

  clear(): void {
    this.past = [];
    this.future = [];
    this.gesture = null;
    this.gestureDepth = 0;
  }

  get undoLabel(): string | null {
    return this.past.at(-1)?.label ?? null;
  }

  get redoLabel(): string | null {
    return this.future.at(-1)?.label ?? null;
  }
}
