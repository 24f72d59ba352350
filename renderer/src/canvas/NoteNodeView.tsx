import { NodeResizer, type NodeProps } from '@xyflow/react';
import { memo, useEffect, useRef, useState } from 'react';
import { useCanvasActions } from './canvasActions.js';
import type { FlowNode, NoteNodeData } from './flowView.js';

/** A sticky note: double-click (or Enter when selected) to edit its text. */
export const NoteNodeView = memo(function NoteNodeView({ id, data, selected }: NodeProps<FlowNode>) {
  const { note } = data as NoteNodeData;
  const actions = useCanvasActions();
  const [editing, setEditing] = useState(note.text === '');
  const [text, setText] = useState(note.text);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => setText(note.text), [note.text]);
  useEffect(() => {
    if (editing) area.current?.focus();
  }, [editing]);
  const finish = () => {
    setEditing(false);
    if (text !== note.text) actions.editNoteText(id, text);
  };
  return (
    <div
      className={`bp-note${selected ? ' selected' : ''}`}
      style={note.color ? { background: note.color } : undefined}
      data-testid={`note-${note.id}`}
      onDoubleClick={() => setEditing(true)}
    >
      <NodeResizer
        isVisible={selected}
        minWidth={80}
        minHeight={48}
        onResizeEnd={(_, p) => actions.commitResize(id, p)}
        lineClassName="bp-resize-line"
        handleClassName="bp-resize-handle"
      />
      {editing ? (
        <textarea
          ref={area}
          className="bp-note-editor nodrag nowheel"
          aria-label="Note text"
          value={text}
          placeholder="Write a note…"
          onChange={(e) => setText(e.target.value)}
          onBlur={finish}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setText(note.text);
              setEditing(false);
            }
            e.stopPropagation();
          }}
        />
      ) : (
        <div className="bp-note-text">{note.text || <span className="bp-muted">Double-click to write</span>}</div>
      )}
    </div>
  );
});
