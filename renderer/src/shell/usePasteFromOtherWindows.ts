import { useEffect } from 'react';
import { pasteInto, type CommandContext } from '../store/commands.js';
import type { Fragment } from '../store/docOps.js';
import { isTypingTarget } from '../store/keys.js';

function fragmentOf(text: string): Fragment | null {
  try {
    const v = JSON.parse(text) as Partial<Fragment> & { format?: string };
    if (v.format !== 'backpressure.fragment' || !Array.isArray(v.nodes) || !Array.isArray(v.edges)) return null;
    return { nodes: v.nodes, edges: v.edges, notes: Array.isArray(v.notes) ? v.notes : [] };
  } catch {
    return null;
  }
}

/**
 * Pastes nodes copied in another Backpressure window (the system clipboard holds them as JSON). What was copied in
 * this window is pasted by the Paste command itself, so it is skipped here.
 */
export function usePasteFromOtherWindows(ctx: CommandContext): void {
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      if (isTypingTarget(e.target)) return;
      const fragment = fragmentOf(e.clipboardData?.getData('text/plain') ?? '');
      if (!fragment) return;
      const own = ctx.clipboard.fragment;
      if (own && JSON.stringify(own.nodes) === JSON.stringify(fragment.nodes)) return;
      e.preventDefault();
      ctx.clipboard.fragment = fragment;
      ctx.clipboard.pastes = 0;
      pasteInto(ctx, fragment);
    };
    globalThis.addEventListener('paste', onPaste);
    return () => globalThis.removeEventListener('paste', onPaste);
  }, [ctx]);
}
