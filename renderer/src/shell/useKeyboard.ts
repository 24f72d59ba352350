import { useEffect } from 'react';
import { COMMANDS, runCommand, type CommandContext } from '../store/commands.js';
import { isTypingTarget, matchesShortcut } from '../store/keys.js';

/** Dispatches keyboard shortcuts to commands, except while the user types in a field or a dialog is open. */
export function useKeyboard(ctx: CommandContext): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTypingTarget(e.target, e.key)) return;
      if (globalThis.document.querySelector('dialog[open]')) return;
      for (const command of COMMANDS) {
        if (!command.shortcuts?.some((s) => matchesShortcut(e, s))) continue;
        e.preventDefault();
        runCommand(ctx, command.id);
        return;
      }
    };
    globalThis.addEventListener('keydown', onKeyDown);
    return () => globalThis.removeEventListener('keydown', onKeyDown);
  }, [ctx]);
}
