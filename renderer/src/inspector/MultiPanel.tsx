import { KIND_TITLES } from '../store/kinds.js';
import { COMMANDS_BY_ID, runCommand } from '../store/commands.js';
import { useCommandContext, useEditor } from '../store/useEditor.js';
import type { NodeKind } from '../../../shared/model/types.js';

const ARRANGE: readonly { id: string; short: string }[] = [
  { id: 'arrange.align.left', short: 'Left' },
  { id: 'arrange.align.centerX', short: 'Centre' },
  { id: 'arrange.align.right', short: 'Right' },
  { id: 'arrange.align.top', short: 'Top' },
  { id: 'arrange.align.centerY', short: 'Middle' },
  { id: 'arrange.align.bottom', short: 'Bottom' },
  { id: 'arrange.distribute.x', short: 'Horizontally' },
  { id: 'arrange.distribute.y', short: 'Vertically' },
];

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The panel of a selection of several items: what is selected, and the arrange commands. */
export function MultiPanel() {
  const ctx = useCommandContext();
  const selection = useEditor((s) => s.selection);
  const nodes = useEditor((s) => s.doc.nodes);
  const byKind = new Map<NodeKind, number>();
  const chosen = new Set(selection.nodes);
  for (const n of nodes) if (chosen.has(n.id)) byKind.set(n.kind, (byKind.get(n.kind) ?? 0) + 1);
  const kinds = [...byKind].map(([kind, n]) => `${n} × ${KIND_TITLES[kind]}`);
  const parts = [
    selection.nodes.length ? plural(selection.nodes.length, 'node') : '',
    selection.edges.length ? plural(selection.edges.length, 'edge') : '',
    selection.notes.length ? plural(selection.notes.length, 'note') : '',
  ].filter(Boolean);
  const button = (id: string, short: string) => {
    const command = COMMANDS_BY_ID.get(id);
    if (!command) return null;
    const enabled = !command.enabled || command.enabled(ctx);
    return (
      <button
        key={id}
        type="button"
        className="btn btn--small"
        disabled={!enabled}
        title={command.label}
        aria-label={command.label}
        onClick={() => runCommand(ctx, id)}
      >
        {short}
      </button>
    );
  };
  return (
    <div className="insp-panel" data-kind="multiple">
      <header className="insp-head">
        <span className="kind-badge">Selection</span>
        <h2 className="insp-title">{parts.join(', ')}</h2>
      </header>
      {kinds.length ? (
        <ul className="multi-kinds">
          {kinds.map((k) => (
            <li key={k}>{k}</li>
          ))}
        </ul>
      ) : null}
      <section className="insp-section" data-section="Arrange">
        <h3 className="insp-section-title">Align</h3>
        <div className="btn-row">{ARRANGE.slice(0, 6).map((a) => button(a.id, a.short))}</div>
        <h3 className="insp-section-title">Distribute</h3>
        <div className="btn-row">{ARRANGE.slice(6).map((a) => button(a.id, a.short))}</div>
        <p className="muted small">
          Align needs two nodes or more, distribute three or more (it evens the gaps and keeps the outermost two in
          place). Select one item to edit its parameters.
        </p>
      </section>
    </div>
  );
}
