import { useEditor } from '../store/useEditor.js';
import { DocumentPanel } from './DocumentPanel.js';
import { EdgePanel } from './EdgePanel.js';
import { MultiPanel } from './MultiPanel.js';
import { NodePanel } from './NodePanel.js';
import { NotePanel } from './NotePanel.js';
import './inspector.css';

/**
 * The property panel on the right of the editor: the document when nothing is selected, the parameters of one
 * node, edge or note, or a summary of a multiple selection. Every change is one named, undoable edit; the
 * validator's messages show under the fields they concern. The shell places it (in its labelled sidebar) and sets
 * its width; the panel fills the height and scrolls.
 */
export function Inspector() {
  const selection = useEditor((s) => s.selection);
  const total = selection.nodes.length + selection.edges.length + selection.notes.length;
  let content;
  if (total === 0) content = <DocumentPanel />;
  else if (total > 1) content = <MultiPanel />;
  else if (selection.nodes[0] !== undefined) content = <NodePanel key={selection.nodes[0]} id={selection.nodes[0]} />;
  else if (selection.edges[0] !== undefined) content = <EdgePanel key={selection.edges[0]} id={selection.edges[0]} />;
  else content = <NotePanel key={selection.notes[0]} id={selection.notes[0] as string} />;
  return (
    <div className="inspector" data-testid="inspector">
      {content}
    </div>
  );
}
