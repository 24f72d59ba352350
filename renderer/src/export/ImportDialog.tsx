import { useEffect, useRef, useState } from 'react';
import { importDocument } from '../../../shared/export/index.js';
import type { NodeKind } from '../../../shared/model/types.js';
import { confirmDiscard } from '../files/browserFiles.js';
import { Dialog } from '../shell/Dialog.js';
import { runCommand } from '../store/commands.js';
import { KIND_TITLES } from '../store/kinds.js';
import { useCommandContext } from '../store/useEditor.js';
import { exportSession, type ImportSource } from './exportSession.js';
import { readImportFile } from './importFiles.js';
import {
  applyKindChoices,
  formatLabel,
  IMPORT_ACCEPT,
  importedMessage,
  needsReview,
  REVIEW_KINDS,
  wantsLayout,
  type ImportedDocument,
} from './importReview.js';
import './export.css';

interface Review {
  name: string;
  result: ImportedDocument;
  choices: Record<string, NodeKind>;
  layout: boolean;
}

/**
 * Import: a file (picked, or dropped here or on the canvas) or pasted text, in any format the importer reads. A
 * failure shows why and changes nothing; kinds the importer had to guess are reviewed before the document opens.
 * It opens as a new, unsaved document, as Open does (asking first when there are unsaved changes).
 */
export function ImportDialog() {
  const ctx = useCommandContext();
  const { store } = ctx;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pasted, setPasted] = useState('');
  const [over, setOver] = useState(false);
  const [review, setReview] = useState<Review | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const close = () => {
    exportSession.setState({ importSource: null });
    store.getState().openDialog(null);
  };

  const open = (r: Review) => {
    const doc = applyKindChoices(r.result.doc, r.choices);
    if (!confirmDiscard(store, `Import “${r.name}”`)) return;
    store.getState().load(doc, null, { dirty: true });
    close();
    store
      .getState()
      .notify(
        importedMessage(r.name, r.result, formatLabel(r.result.format)),
        r.result.problems?.length ? 'error' : 'info',
      );
    if (r.layout) runCommand(ctx, 'arrange.autoLayout');
  };

  const run = (source: ImportSource) => {
    setError(null);
    const name = source.name ?? 'pasted text';
    const result = importDocument(source);
    if (!result.ok) {
      setError(`Could not import “${name}”: ${result.error}`);
      return;
    }
    const r: Review = { name, result, choices: {}, layout: wantsLayout(result.format) };
    if (needsReview(result)) setReview(r);
    else open(r);
  };

  const readAndRun = async (file: File) => {
    setBusy(true);
    try {
      run(await readImportFile(file));
    } catch (e) {
      setError(`Could not read “${file.name}”: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  // A file dropped on the canvas opened this dialog: read it at once.
  useEffect(() => {
    const source = exportSession.getState().importSource;
    if (source) {
      exportSession.setState({ importSource: null });
      run(source);
    }
    // Once, for the file the dialog was opened with.
  }, []);

  if (review) {
    const { result } = review;
    return (
      <Dialog
        title={`Review “${review.name}”`}
        onClose={close}
        className="bp-import-dialog"
        footer={
          <>
            <button type="button" onClick={() => setReview(null)}>
              Back
            </button>
            <button type="button" onClick={close}>
              Cancel
            </button>
            <button type="button" className="primary" onClick={() => open(review)}>
              Open
            </button>
          </>
        }
      >
        <p className="bp-muted">
          Read from {formatLabel(result.format)}: {result.doc.nodes.length} nodes and {result.doc.edges.length} edges.
          {result.guesses.length > 0 &&
            ' The kinds below were guessed from the file; check them before opening (each node starts with the defaults of its kind).'}
        </p>
        {result.guesses.length > 0 && (
          <table className="bp-review-table" aria-label="Guessed kinds">
            <thead>
              <tr>
                <th scope="col">Node</th>
                <th scope="col">Kind</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {result.guesses.map((g) => (
                <tr key={g.nodeId} data-node-id={g.nodeId}>
                  <td>{g.label || g.nodeId}</td>
                  <td>
                    <select
                      aria-label={`Kind of ${g.label || g.nodeId}`}
                      value={review.choices[g.nodeId] ?? g.kind}
                      onChange={(e) =>
                        setReview({
                          ...review,
                          choices: { ...review.choices, [g.nodeId]: e.target.value as NodeKind },
                        })
                      }
                    >
                      {REVIEW_KINDS.map((k) => (
                        <option key={k} value={k}>
                          {KIND_TITLES[k]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="reason">{g.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {result.warnings.length > 0 && (
          <>
            <h3 className="bp-review-heading">Not imported</h3>
            <ul className="bp-review-warnings">
              {result.warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          </>
        )}
        <label className="bp-check">
          <input
            type="checkbox"
            checked={review.layout}
            onChange={(e) => setReview({ ...review, layout: e.target.checked })}
          />
          <span>
            Lay the diagram out after opening
            {wantsLayout(result.format) ? ' (the file has no positions)' : ' (replaces the positions in the file)'}
          </span>
        </label>
      </Dialog>
    );
  }

  return (
    <Dialog
      title="Import"
      onClose={close}
      className="bp-import-dialog"
      footer={
        <>
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="button" disabled={!pasted.trim() || busy} onClick={() => run({ text: pasted })}>
            Import text
          </button>
        </>
      }
    >
      {error && (
        <p className="bp-import-error" role="alert">
          {error}
        </p>
      )}
      <div
        className={`bp-import-drop${over ? ' over' : ''}`}
        onDragOver={(e) => {
          if (![...e.dataTransfer.types].includes('Files')) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const file = e.dataTransfer.files[0];
          if (file) void readAndRun(file);
        }}
      >
        <button type="button" className="primary" onClick={() => input.current?.click()} disabled={busy} autoFocus>
          Choose a file…
        </button>
        <span className="bp-muted">
          or drop it here: a Backpressure document (.bp.json), Mermaid (.mmd, .md, .txt), draw.io (.drawio, .xml), or an
          SVG or PNG exported from Backpressure
        </span>
        <input
          ref={input}
          type="file"
          accept={IMPORT_ACCEPT}
          hidden
          data-testid="import-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void readAndRun(file);
          }}
        />
      </div>
      <label className="bp-field bp-import-paste">
        <span>Or paste Mermaid, draw.io XML or a document’s JSON</span>
        <textarea
          rows={8}
          value={pasted}
          spellCheck={false}
          placeholder={
            'flowchart LR\n  users([Users]) --> lb[Load balancer]\n  lb --> api[API]\n  api --> db[(Database)]'
          }
          onChange={(e) => setPasted(e.target.value)}
        />
      </label>
    </Dialog>
  );
}
