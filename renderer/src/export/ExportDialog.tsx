import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { Dialog } from '../shell/Dialog.js';
import { useCommandContext, useEditor } from '../store/useEditor.js';
import { copyText, downloadBlob, formatBytes } from './download.js';
import { diagramFor, exportBlob, exportText } from './exportContent.js';
import { EXPORT_FORMATS, formatInfo, type ExportFormat } from './exportFormats.js';
import {
  canRasterize,
  defaultExportOptions,
  drawOptionsFor,
  EXPORT_SCALES,
  exportNameFor,
  hasDrawableSelection,
  pixelSize,
  selectedItems,
  systemPrefersDark,
  type ExportOptions,
} from './exportOptions.js';
import { exportSession } from './exportSession.js';
import { Segmented } from './Segmented.js';
import './export.css';

/** Swaps the extension of a name the user typed when the format changes. */
function withExtension(name: string, from: ExportFormat, to: ExportFormat): string {
  const old = formatInfo(from).extension;
  const stem = name.endsWith(old) ? name.slice(0, -old.length) : name.replace(/\.[^.]*$/, '');
  return stem + formatInfo(to).extension;
}

/** The Export dialog: format, image options, a live preview, the file name, Copy and Download. */
export function ExportDialog() {
  const { store } = useCommandContext();
  const doc = useEditor((s) => s.doc);
  const selection = useEditor((s) => s.selection);
  const appTheme = useEditor((s) => s.theme);
  const preset = useStore(exportSession, (s) => s.exportPreset);
  const selectable = hasDrawableSelection(doc, selection);
  const [options, setOptions] = useState<ExportOptions>(() => defaultExportOptions(preset, selectable));
  const [name, setName] = useState(() => exportNameFor(doc.name, options));
  const [nameTouched, setNameTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const [systemDark] = useState(systemPrefersDark);
  const info = formatInfo(options.format);
  const close = () => store.getState().openDialog(null);

  const draw = useMemo(
    () => drawOptionsFor(options, doc, selection, appTheme, systemDark),
    [options, doc, selection, appTheme, systemDark],
  );
  const diagram = useMemo(() => (info.image ? diagramFor(doc, draw) : null), [info.image, doc, draw]);
  const text = useMemo(
    () => (info.image ? null : exportText(doc, options.format as Exclude<ExportFormat, 'png' | 'svg'>, draw)),
    [info.image, doc, options.format, draw],
  );
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!diagram) return setPreviewUrl(null);
    const url = URL.createObjectURL(new Blob([diagram.svg], { type: 'image/svg+xml' }));
    setPreviewUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [diagram]);

  const update = (change: Partial<ExportOptions>) => {
    const next = { ...options, ...change };
    setOptions(next);
    setStatus(null);
    if (!nameTouched) setName(exportNameFor(doc.name, next));
    else if (change.format && change.format !== options.format)
      setName(withExtension(name, options.format, change.format));
  };

  const px = diagram ? pixelSize(diagram.width, diagram.height, options.format === 'png' ? options.scale : 1) : null;
  const tooLarge =
    diagram && options.format === 'png' ? canRasterize(diagram.width, diagram.height, options.scale) : null;
  const blocked = tooLarge && !tooLarge.ok ? tooLarge.reason : null;
  const fileName = name.trim() || exportNameFor(doc.name, options);
  const selected = selectedItems(doc, selection);

  const download = async () => {
    setBusy(true);
    setStatus(null);
    try {
      const blob = await exportBlob(doc, options.format, draw, options.scale);
      downloadBlob(fileName, blob);
      close();
      store.getState().notify(`Exported “${fileName}” (${formatBytes(blob.size)})`);
    } catch (e) {
      setStatus({ tone: 'error', text: `Export failed: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
    }
  };
  const copy = async () => {
    try {
      await copyText(text ?? diagram?.svg ?? '');
      setStatus({ tone: 'info', text: `${info.label} copied to the clipboard.` });
    } catch (e) {
      setStatus({ tone: 'error', text: `Could not copy: ${e instanceof Error ? e.message : String(e)}` });
    }
  };

  return (
    <Dialog
      title="Export"
      onClose={close}
      className="bp-export-dialog"
      footer={
        <>
          {status && (
            <span className={`bp-export-status ${status.tone}`} role={status.tone === 'error' ? 'alert' : 'status'}>
              {status.text}
            </span>
          )}
          {info.copyable && (
            <button type="button" onClick={() => void copy()} disabled={busy}>
              Copy
            </button>
          )}
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => void download()}
            disabled={busy || blocked !== null}
            title={blocked ?? undefined}
          >
            {busy ? 'Exporting…' : 'Download'}
          </button>
        </>
      }
    >
      <div className="bp-export-layout">
        <div className="bp-export-options">
          <fieldset className="bp-export-formats">
            <legend>Format</legend>
            {EXPORT_FORMATS.map((f) => (
              <label key={f.id} className={f.id === options.format ? 'checked' : ''}>
                <input
                  type="radio"
                  name="bp-export-format"
                  value={f.id}
                  checked={f.id === options.format}
                  onChange={() => update({ format: f.id })}
                />
                <span>
                  {f.label} <span className="bp-muted">{f.extension}</span>
                </span>
              </label>
            ))}
            <small className="bp-export-hint">{info.hint}</small>
          </fieldset>
          {info.image && (
            <>
              {options.format === 'png' && (
                <Segmented
                  label="Scale"
                  value={options.scale}
                  options={EXPORT_SCALES.map((s) => ({ value: s, label: `${s}x` }))}
                  onChange={(scale) => update({ scale })}
                />
              )}
              <Segmented
                label="Area"
                value={options.scope}
                options={[
                  { value: 'all', label: 'Whole diagram' },
                  {
                    value: 'selection',
                    label: 'Selection',
                    disabled: !selectable,
                    title: selectable
                      ? `${selected.nodes.length} node${selected.nodes.length === 1 ? '' : 's'}${selected.notes.length ? `, ${selected.notes.length} note${selected.notes.length === 1 ? '' : 's'}` : ''}`
                      : 'Select nodes on the canvas to export only them',
                  },
                ]}
                onChange={(scope) => update({ scope })}
              />
              <Segmented
                label="Theme"
                value={options.theme}
                options={[
                  { value: 'app', label: 'As the app' },
                  { value: 'light', label: 'Light' },
                  { value: 'dark', label: 'Dark' },
                ]}
                onChange={(theme) => update({ theme })}
              />
              <Segmented
                label="Background"
                value={options.background}
                options={[
                  { value: 'theme', label: 'Theme colour' },
                  { value: 'transparent', label: 'Transparent' },
                ]}
                onChange={(background) => update({ background })}
              />
            </>
          )}
        </div>
        <div className="bp-export-preview" aria-label="Preview">
          {diagram && previewUrl && (
            <div className={`bp-export-image ${options.background === 'transparent' ? 'transparent' : ''}`}>
              <img src={previewUrl} alt={`Preview of ${doc.name}`} data-testid="export-preview" />
            </div>
          )}
          {text !== null && (
            <textarea className="bp-export-text" readOnly value={text} aria-label={`${info.label} text`} rows={16} />
          )}
          <p className="bp-muted bp-export-meta" data-testid="export-meta">
            {px
              ? `${px.width} × ${px.height} px${options.format === 'svg' ? ' at 1x (scales without loss)' : ''}`
              : `${formatBytes(new TextEncoder().encode(text ?? '').length)}`}
            {blocked && <span className="bp-export-warning"> — {blocked}</span>}
          </p>
          <label className="bp-field">
            <span>File name</span>
            <input
              value={name}
              spellCheck={false}
              onChange={(e) => {
                setName(e.target.value);
                setNameTouched(true);
              }}
            />
          </label>
        </div>
      </div>
    </Dialog>
  );
}
