import { useCommandContext, useEditor } from '../store/useEditor.js';
import { Dialog } from './Dialog.js';

/** Every problem of a file that could not be opened; the current document is untouched. */
export function ProblemsDialog() {
  const { store } = useCommandContext();
  const report = useEditor((s) => s.problems);
  if (!report) return null;
  const close = () => store.getState().showProblems(null);
  return (
    <Dialog
      title={report.title}
      onClose={close}
      className="bp-problems-dialog"
      footer={
        <button type="button" className="primary" onClick={close}>
          Keep the current document
        </button>
      }
    >
      <p>
        {report.problems.length === 1 ? 'One problem' : `${report.problems.length} problems`} found. Your current
        document has not been changed.
      </p>
      <ol className="bp-problem-list" data-testid="problem-list">
        {report.problems.map((p, i) => (
          <li key={i}>
            {p.path && <code>{p.path}</code>} {p.message}
          </li>
        ))}
      </ol>
    </Dialog>
  );
}
