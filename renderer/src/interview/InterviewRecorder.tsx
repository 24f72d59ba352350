import { useEffect } from 'react';
import { useEditorStore } from '../store/useEditor.js';
import { useInterviewStore } from './useInterview.js';

/** Records the design at each edit while a session runs, for its replay (edits close together share a frame). */
export function InterviewRecorder() {
  const editor = useEditorStore();
  const interview = useInterviewStore();
  useEffect(
    () =>
      editor.subscribe((s, prev) => {
        if (s.doc === prev.doc) return;
        const label = s.loads !== prev.loads ? 'Another document opened' : (s.undoLabel ?? 'Undo');
        interview.getState().recordFrame(s.doc, label);
      }),
    [editor, interview],
  );
  return null;
}
