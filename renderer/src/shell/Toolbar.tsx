import { useEffect, useRef, useState } from 'react';
import { runCommand } from '../store/commands.js';
import { isDirty } from '../store/editorStore.js';
import { describeShortcut } from '../store/keys.js';
import { useCommandContext, useEditor } from '../store/useEditor.js';
import { MenuList, type MenuItem } from './Menu.js';
import { EXPORT_MENU } from '../export/exportMenu.js';

const MENUS: { name: string; items: MenuItem[] }[] = [
  {
    name: 'File',
    items: [
      { command: 'file.new' },
      { command: 'file.open' },
      { command: 'file.templates' },
      'separator',
      { command: 'file.save' },
      { command: 'file.saveAs' },
      'separator',
      { command: 'file.properties' },
    ],
  },
  { name: 'Export', items: EXPORT_MENU },
  {
    name: 'Edit',
    items: [
      { command: 'edit.undo' },
      { command: 'edit.redo' },
      'separator',
      { command: 'edit.cut' },
      { command: 'edit.copy' },
      { command: 'edit.paste' },
      { command: 'edit.duplicate' },
      { command: 'edit.delete' },
      'separator',
      { command: 'edit.selectAll' },
      { command: 'insert.note' },
    ],
  },
  {
    name: 'Arrange',
    items: [
      { command: 'arrange.autoLayout' },
      'separator',
      { command: 'arrange.align.left' },
      { command: 'arrange.align.centerX' },
      { command: 'arrange.align.right' },
      { command: 'arrange.align.top' },
      { command: 'arrange.align.centerY' },
      { command: 'arrange.align.bottom' },
      'separator',
      { command: 'arrange.distribute.x' },
      { command: 'arrange.distribute.y' },
    ],
  },
  {
    name: 'View',
    items: [
      { command: 'view.fit' },
      { command: 'view.zoomIn' },
      { command: 'view.zoomOut' },
      { command: 'view.zoom100' },
      'separator',
      { command: 'view.snap' },
      { command: 'view.theme' },
    ],
  },
  {
    name: 'Interview',
    items: [
      { command: 'interview.start' },
      'separator',
      { command: 'interview.pause' },
      { command: 'interview.dealDrill' },
      { command: 'interview.interviewerView' },
      'separator',
      { command: 'interview.finish' },
      { command: 'interview.end' },
    ],
  },
  { name: 'Help', items: [{ command: 'help.shortcuts' }] },
];

function MenuButton({
  name,
  items,
  open,
  setOpen,
}: {
  name: string;
  items: MenuItem[];
  open: boolean;
  setOpen: (name: string | null) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(null);
    };
    globalThis.addEventListener('pointerdown', away, true);
    return () => globalThis.removeEventListener('pointerdown', away, true);
  }, [open, setOpen]);
  return (
    <div className="bp-menubar-item" ref={box}>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        className={open ? 'open' : ''}
        onClick={() => setOpen(open ? null : name)}
      >
        {name}
      </button>
      {open && (
        <div className="bp-dropdown">
          <MenuList items={items} onDone={() => setOpen(null)} label={name} />
        </div>
      )}
    </div>
  );
}

function ToolButton({ command, label, icon }: { command: string; label: string; icon: string }) {
  const ctx = useCommandContext();
  const enabled = useEditor((s) =>
    command === 'edit.undo' ? s.undoLabel !== null : command === 'edit.redo' ? s.redoLabel !== null : true,
  );
  return (
    <button
      type="button"
      className="bp-icon-button"
      aria-label={label}
      title={label}
      disabled={!enabled}
      onClick={() => runCommand(ctx, command)}
    >
      {icon}
    </button>
  );
}

/** The menu bar, the document's name with its unsaved-changes dot, and the most used actions. */
export function Toolbar() {
  const { store } = useCommandContext();
  const [open, setOpen] = useState<string | null>(null);
  const name = useEditor((s) => s.doc.name);
  const fileName = useEditor((s) => s.file?.name ?? null);
  const dirty = useEditor(isDirty);
  const undoLabel = useEditor((s) => s.undoLabel);
  const redoLabel = useEditor((s) => s.redoLabel);
  useEffect(() => {
    globalThis.document.title = `${dirty ? '• ' : ''}${name} — Backpressure`;
  }, [name, dirty]);
  return (
    <header className="bp-toolbar">
      <span className="bp-brand" aria-hidden>
        ◧ Backpressure
      </span>
      <nav className="bp-menubar" aria-label="Menu">
        {MENUS.map((m) => (
          <MenuButton key={m.name} name={m.name} items={m.items} open={open === m.name} setOpen={setOpen} />
        ))}
      </nav>
      <div className="bp-toolbar-actions">
        <ToolButton
          command="edit.undo"
          label={undoLabel ? `Undo ${undoLabel} (${describeShortcut('Mod+Z')})` : 'Undo'}
          icon="↶"
        />
        <ToolButton
          command="edit.redo"
          label={redoLabel ? `Redo ${redoLabel} (${describeShortcut('Mod+Shift+Z')})` : 'Redo'}
          icon="↷"
        />
      </div>
      <button
        type="button"
        className="bp-doc-title"
        onClick={() => store.getState().openDialog('document')}
        title={fileName ? `${fileName}${dirty ? ' (unsaved changes)' : ''}` : 'Not saved to a file yet'}
      >
        <span className="bp-doc-name" data-testid="document-name">
          {name}
        </span>
        {fileName && <span className="bp-file-name">{fileName}</span>}
        {dirty && (
          <span className="bp-dirty" data-testid="unsaved-indicator" aria-label="Unsaved changes">
            ●
          </span>
        )}
      </button>
      <div className="bp-toolbar-actions right">
        <button type="button" onClick={() => store.getState().openDialog('templates')}>
          Templates
        </button>
        <button
          type="button"
          onClick={() => store.getState().openDialog('interview')}
          title="Practise a system-design interview: a prompt, a clock, and a score for your design"
        >
          Mock interview
        </button>
        <ToolButton command="help.shortcuts" label="Keyboard shortcuts (?)" icon="?" />
      </div>
    </header>
  );
}
