import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { COMMANDS_BY_ID, runCommand } from '../store/commands.js';
import { describeShortcut } from '../store/keys.js';
import { useCommandContext, useEditor } from '../store/useEditor.js';

export type MenuItem =
  | { command: string; label?: string }
  | { label: string; run: () => void; disabled?: boolean; hint?: string }
  | 'separator';

/** A list of command items: the same commands as the keyboard and the toolbar, with their shortcuts. */
export function MenuList({ items, onDone, label }: { items: MenuItem[]; onDone: () => void; label: string }) {
  const ctx = useCommandContext();
  // Re-render when what decides which commands are enabled changes.
  useEditor(useShallow((s) => [s.selection, s.undoLabel, s.redoLabel, s.doc]));
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    list.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
  }, []);
  const onKeyDown = (e: React.KeyboardEvent) => {
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
    const i = buttons.indexOf(globalThis.document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown') buttons[(i + 1) % buttons.length]?.focus();
    else if (e.key === 'ArrowUp') buttons[(i - 1 + buttons.length) % buttons.length]?.focus();
    else if (e.key === 'Escape') onDone();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div className="bp-menu" role="menu" aria-label={label} ref={list} onKeyDown={onKeyDown}>
      {items.map((item, i) => {
        if (item === 'separator') return <div key={i} className="bp-menu-sep" role="separator" />;
        if ('command' in item) {
          const command = COMMANDS_BY_ID.get(item.command);
          if (!command) return null;
          const enabled = !command.enabled || command.enabled(ctx);
          const shortcut = command.shortcuts?.[0];
          return (
            <button
              key={item.command}
              type="button"
              role="menuitem"
              disabled={!enabled}
              onClick={() => {
                onDone();
                runCommand(ctx, item.command);
              }}
            >
              <span>{item.label ?? command.label}</span>
              {shortcut && <kbd>{describeShortcut(shortcut)}</kbd>}
            </button>
          );
        }
        return (
          <button
            key={`${item.label}-${i}`}
            type="button"
            role="menuitem"
            disabled={item.disabled}
            onClick={() => {
              onDone();
              item.run();
            }}
          >
            <span>{item.label}</span>
            {item.hint && <kbd>{item.hint}</kbd>}
          </button>
        );
      })}
    </div>
  );
}
