import { createContext, useContext } from 'react';
import type { Rect } from '../store/geometry.js';

/** What node components can ask of the canvas they are drawn on. */
export interface CanvasActions {
  /** A region or note finished resizing: `rect` is its new box, its position relative to its React Flow parent. */
  commitResize(id: string, rect: Rect): void;
  editNoteText(id: string, text: string): void;
}

export const CanvasActionsContext = createContext<CanvasActions | null>(null);

export function useCanvasActions(): CanvasActions {
  const actions = useContext(CanvasActionsContext);
  if (!actions) throw new Error('useCanvasActions must be used inside the canvas');
  return actions;
}
