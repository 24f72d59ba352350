import { useMemo } from 'react';
import type { Problem } from '../../../shared/model/schema.js';
import { setDocField } from '../store/docOps.js';
import { useActions, useEditor } from '../store/useEditor.js';
import { TextField } from './controls.js';
import { SIMULATION_FIELDS } from './fields.js';
import { helpText } from './help.js';
import { ProblemList, type ProblemTarget } from './ProblemList.js';
import { messagesAt, type Change, type ItemScope } from './scope.js';
import { FieldView } from './Sections.js';
import { useScopedProblems } from './useScopedProblems.js';

const ITEM = /^(nodes|edges|notes|faults)\[(\d+)\]/;

function Count({ n, what }: { n: number; what: string }) {
  return (
    <div className="count">
      <strong>{n}</strong>
      <span>{what}</span>
    </div>
  );
}

/** The problems list: each problem names its node, edge or note, and selects it when clicked. */
function DocumentProblems() {
  const problems = useScopedProblems('');
  const nodes = useEditor((s) => s.doc.nodes);
  const edges = useEditor((s) => s.doc.edges);
  const notes = useEditor((s) => s.doc.notes);
  const faults = useEditor((s) => s.doc.faults);
  const { select } = useActions();
  const targetOf = (p: Problem): ProblemTarget | null => {
    const m = ITEM.exec(p.path);
    if (!m) return { name: 'Document' };
    const i = Number(m[2]);
    switch (m[1]) {
      case 'nodes': {
        const n = nodes[i];
        return n ? { name: n.label || n.id, select: () => select({ nodes: [n.id] }) } : null;
      }
      case 'edges': {
        const e = edges[i];
        return e ? { name: `Edge ${e.id}`, select: () => select({ edges: [e.id] }) } : null;
      }
      case 'notes': {
        const n = notes[i];
        return n ? { name: `Note ${n.id}`, select: () => select({ notes: [n.id] }) } : null;
      }
      default: {
        const f = faults[i];
        return { name: f ? `Fault ${f.id}` : 'Fault' };
      }
    }
  };
  return (
    <section className="insp-section" data-section="Problems">
      <h3 className="insp-section-title">
        Problems <span className={`pill${problems.length ? ' pill--danger' : ' pill--ok'}`}>{problems.length}</span>
      </h3>
      {problems.length === 0 ? (
        <p className="muted small">No problems: the document is ready to run.</p>
      ) : (
        <>
          <p className="muted small">{helpText('doc.problems')}</p>
          <ProblemList problems={problems} targetOf={targetOf} />
        </>
      )}
    </section>
  );
}

/** The panel shown when nothing is selected: the document's name, description, simulation settings and problems. */
export function DocumentPanel() {
  const name = useEditor((s) => s.doc.name);
  const description = useEditor((s) => s.doc.description);
  const simulation = useEditor((s) => s.doc.simulation);
  const counts = useEditor(
    (s) => `${s.doc.nodes.length} ${s.doc.edges.length} ${s.doc.faults.length} ${s.doc.notes.length}`,
  );
  const [nodes, edges, faults, notes] = counts.split(' ').map(Number) as [number, number, number, number];
  const docProblems = useScopedProblems('');
  const { edit } = useActions();
  const ownProblems = useMemo(() => docProblems.filter((p) => !ITEM.test(p.path)), [docProblems]);

  const scope: ItemScope = useMemo(
    () => ({
      item: { simulation },
      segments: [],
      problems: ownProblems,
      set: (label: string, changes: readonly Change[]) =>
        edit(label, (d) => {
          for (const [path, value] of changes) setDocField(d, path, value);
        }),
    }),
    [simulation, ownProblems, edit],
  );

  return (
    <div className="insp-panel" data-kind="document">
      <header className="insp-head">
        <span className="kind-badge">Document</span>
        <h2 className="insp-title">{name || 'Untitled'}</h2>
      </header>
      <section className="insp-section" data-section="Document">
        <TextField
          label="Name"
          value={name}
          errors={messagesAt(scope, ['name'])}
          onCommit={(v) => edit('Rename document', (d) => setDocField(d, ['name'], v.trim()))}
        />
        <TextField
          label="Description"
          value={description ?? ''}
          multiline
          placeholder="What this topology shows"
          errors={messagesAt(scope, ['description'])}
          onCommit={(v) =>
            edit('Set description', (d) => setDocField(d, ['description'], v.trim() === '' ? undefined : v))
          }
        />
      </section>
      <section className="insp-section" data-section="Simulation">
        <h3 className="insp-section-title">Simulation</h3>
        {SIMULATION_FIELDS.map((f, i) => (
          <FieldView key={i} spec={f} scope={scope} />
        ))}
      </section>
      <section className="insp-section" data-section="Contents">
        <h3 className="insp-section-title">Contents</h3>
        <div className="counts">
          <Count n={nodes} what={nodes === 1 ? 'node' : 'nodes'} />
          <Count n={edges} what={edges === 1 ? 'edge' : 'edges'} />
          <Count n={faults} what={faults === 1 ? 'fault' : 'faults'} />
          <Count n={notes} what={notes === 1 ? 'note' : 'notes'} />
        </div>
        <p className="muted small">Select a node, an edge or a note on the canvas to edit it.</p>
      </section>
      <DocumentProblems />
    </div>
  );
}
