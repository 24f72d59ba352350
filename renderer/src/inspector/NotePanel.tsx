import { useId } from 'react';
import { updateNote } from '../store/docOps.js';
import { useActions, useEditor } from '../store/useEditor.js';
import { FieldFrame, TextField } from './controls.js';
import { helpText } from './help.js';
import { useScopedProblems } from './useScopedProblems.js';

/** The colours a note can take; a note without one uses the canvas's default. */
export const NOTE_COLORS: readonly { name: string; value: string }[] = [
  { name: 'Yellow', value: '#fde68a' },
  { name: 'Orange', value: '#fed7aa' },
  { name: 'Pink', value: '#fbcfe8' },
  { name: 'Purple', value: '#ddd6fe' },
  { name: 'Blue', value: '#bfdbfe' },
  { name: 'Green', value: '#bbf7d0' },
  { name: 'Grey', value: '#e5e7eb' },
];

/** The panel of one sticky note: its text and colour. */
export function NotePanel({ id }: { id: string }) {
  const note = useEditor((s) => s.doc.notes.find((n) => n.id === id));
  const index = useEditor((s) => s.doc.notes.findIndex((n) => n.id === id));
  const problems = useScopedProblems(index >= 0 ? `notes[${index}]` : null);
  const { edit } = useActions();
  const colorId = useId();
  if (!note) return null;
  const at = (key: string) => problems.filter((p) => p.path === `notes[${index}].${key}`).map((p) => p.message);
  const color = note.color;
  const known = NOTE_COLORS.some((c) => c.value === color);
  const setColor = (value: string) =>
    edit('Set note colour', (d) => updateNote(d, id, { color: value === '' ? undefined : value }));
  return (
    <div className="insp-panel" data-kind="note">
      <header className="insp-head">
        <span className="kind-badge kind-badge--note">Note</span>
        <h2 className="insp-title">{note.text.split('\n')[0]?.trim() || 'Empty note'}</h2>
      </header>
      <section className="insp-section" data-section="Note">
        <TextField
          label="Text"
          value={note.text}
          multiline
          help={helpText('note.text')}
          errors={at('text')}
          onCommit={(text) => edit('Edit note', (d) => updateNote(d, id, { text }))}
        />
        <FieldFrame id={colorId} label="Colour" help={helpText('note.color')} errors={at('color')}>
          <span className="swatch" style={{ background: color ?? 'var(--bp-panel)' }} aria-hidden="true" />
          <select
            id={colorId}
            className="field-input field-select"
            value={color ?? ''}
            aria-invalid={at('color').length ? true : undefined}
            onChange={(e) => setColor(e.target.value)}
          >
            <option value="">Default</option>
            {NOTE_COLORS.map((c) => (
              <option key={c.value} value={c.value}>
                {c.name}
              </option>
            ))}
            {color !== undefined && !known ? <option value={color}>{color}</option> : null}
          </select>
        </FieldFrame>
        <p className="muted small">Notes are for people: they do not change the simulation.</p>
      </section>
    </div>
  );
}
