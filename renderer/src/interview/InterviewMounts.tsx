import './interview.css';
import { useEditor } from '../store/useEditor.js';
import { CanvasMarks } from './CanvasMarks.js';
import { InterviewRecorder } from './InterviewRecorder.js';
import { SessionPanel } from './SessionPanel.js';
import { SessionStrip } from './SessionStrip.js';
import { StartDialog } from './StartDialog.js';

/** Above the canvas: the session's strip, with its marks on the canvas and the recorder of the replay. */
export function InterviewStrip() {
  return (
    <>
      <SessionStrip />
      <CanvasMarks />
      <InterviewRecorder />
    </>
  );
}

/** The session's column beside the inspector (a grid item of the shell: it places itself by its class). */
export function InterviewPanel() {
  return <SessionPanel />;
}

/** The prompt picker, when the Mock interview command opened it. */
export function InterviewDialog() {
  const dialog = useEditor((s) => s.dialog);
  return dialog === 'interview' ? <StartDialog /> : null;
}
