import { useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { renderDiagram } from '../../../../shared/export/index.js';
import { resolveSimulation } from '../../sim/resolveSettings.js';
import { SimContext } from '../../sim/useSimulation.js';
import { Dialog } from '../../shell/Dialog.js';
import { useCommandContext, useEditor } from '../../store/useEditor.js';
import { downloadBlob, formatBytes } from '../download.js';
import {
  EXPORT_PADDING,
  hasDrawableSelection,
  resolveTheme,
  selectedItems,
  systemPrefersDark,
} from '../exportOptions.js';
import { exportSession, type RecordingKind } from '../exportSession.js';
import { recordingFileName } from '../fileNames.js';
import { Segmented } from '../Segmented.js';
import { recordSimulation, recordingSize, type Recording, type RecordingProgress } from './recorder.js';
import {
  clampDuration,
  defaultRecordingOptions,
  estimateBytes,
  GIF_FPS,
  MAX_DURATION_S,
  MIN_DURATION_S,
  planRecording,
  RECORDING_SCALES,
  RECORDING_SPEEDS,
  WEBM_FPS,
  withKind,
  type RecordingOptions,
} from './recordingOptions.js';
import { webmSupported } from './webmWriter.js';
import '../export.css';

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 2)} s`;

type Stage =
  | { kind: 'setup'; error?: string }
  | { kind: 'recording'; progress: RecordingProgress }
  | { kind: 'done'; recording: Recording; name: string };

/**
 * Record: the simulation as an animated GIF or a WebM video, from where the run is (or from the start), at a speed
 * and frame rate of its own, so the same document and seed always record the same frames.
 */
export function RecordDialog() {
  const { store } = useCommandContext();
  const sim = useContext(SimContext);
  const doc = useEditor((s) => s.doc);
  const selection = useEditor((s) => s.selection);
  const appTheme = useEditor((s) => s.theme);
  const initialKind = useStore(exportSession, (s) => s.recordKind);
  const selectable = hasDrawableSelection(doc, selection);
  const [options, setOptions] = useState<RecordingOptions>(() => defaultRecordingOptions(initialKind, selectable));
  const [durationText, setDurationText] = useState(String(options.durationS));
  const [stage, setStage] = useState<Stage>({ kind: 'setup' });
  const abort = useRef<AbortController | null>(null);
  const [systemDark] = useState(systemPrefersDark);
  const theme = resolveTheme('app', appTheme, systemDark);
  const canWebm = useMemo(webmSupported, []);

  const { seed, durationMs: runDurationMs } = resolveSimulation(doc);
  // Where the run is when the dialog opens (the canvas may play on meanwhile).
  const [nowMs] = useState(() => (sim && sim.getSnapshot().status !== 'idle' ? sim.currentTimeMs() : 0));
  const plan = planRecording(options, nowMs, runDurationMs);
  const only = useMemo(
    () => (options.scope === 'selection' && selectable ? selectedItems(doc, selection) : undefined),
    [options.scope, selectable, doc, selection],
  );
  const diagram = useMemo(
    () => renderDiagram(doc, { theme, embedDocument: false, padding: EXPORT_PADDING, ...(only ? { only } : {}) }),
    [doc, theme, only],
  );
  const size = recordingSize(diagram, options);
  const estimate = estimateBytes(options.kind, size.width, size.height, plan.frames, options.fps);

  useEffect(() => () => abort.current?.abort(), []);

  const update = (change: Partial<RecordingOptions>) => setOptions((o) => ({ ...o, ...change }));
  const close = () => {
    abort.current?.abort();
    store.getState().openDialog(null);
  };

  const start = async () => {
    const controller = new AbortController();
    abort.current = controller;
    const name = recordingFileName(doc.name, options.kind, plan.startMs, options.speed, !!only);
    setStage({ kind: 'recording', progress: { phase: 'preparing', frame: 0, frames: plan.frames } });
    try {
      const recording = await recordSimulation(
        { doc, seed, runDurationMs, options, plan, theme, ...(only ? { only } : {}) },
        (progress) => setStage({ kind: 'recording', progress }),
        controller.signal,
      );
      if (controller.signal.aborted) return;
      downloadBlob(name, recording.blob);
      setStage({ kind: 'done', recording, name });
    } catch (e) {
      if (controller.signal.aborted) {
        setStage({ kind: 'setup' });
        return;
      }
      setStage({ kind: 'setup', error: `Recording failed: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      if (abort.current === controller) abort.current = null;
    }
  };

  const cancel = () => {
    abort.current?.abort();
    setStage({ kind: 'setup' });
  };

  if (stage.kind === 'recording') {
    const { progress } = stage;
    return (
      <Dialog
        title="Recording…"
        onClose={close}
        className="bp-record-dialog"
        footer={
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        }
      >
        <div className="bp-record-progress" data-testid="record-progress">
          <progress max={progress.frames} value={progress.frame} aria-label="Recording progress" />
          <span>
            {progress.phase === 'preparing'
              ? plan.startMs > 0
                ? `Running the simulation to ${seconds(plan.startMs)}…`
                : 'Starting the simulation…'
              : progress.phase === 'recording'
                ? `Frame ${progress.frame} of ${progress.frames}${options.kind === 'webm' ? ' (a video records in real time)' : ''}`
                : 'Finishing the file…'}
          </span>
        </div>
      </Dialog>
    );
  }

  if (stage.kind === 'done') {
    const { recording, name } = stage;
    return (
      <Dialog
        title="Recording saved"
        onClose={close}
        className="bp-record-dialog"
        footer={
          <>
            <button type="button" onClick={() => setStage({ kind: 'setup' })}>
              Record again
            </button>
            <button type="button" onClick={() => downloadBlob(name, recording.blob)}>
              Download again
            </button>
            <button type="button" className="primary" onClick={close} autoFocus>
              Done
            </button>
          </>
        }
      >
        <p data-testid="record-done" data-frames={recording.frames} data-chunks={recording.chunks ?? ''}>
          Saved “{name}”: {recording.width} × {recording.height} px, {recording.frames} frames,{' '}
          {formatBytes(recording.blob.size)}.
        </p>
      </Dialog>
    );
  }

  const fpsChoices: readonly number[] = options.kind === 'gif' ? GIF_FPS : WEBM_FPS;
  return (
    <Dialog
      title="Record the simulation"
      onClose={close}
      className="bp-record-dialog"
      footer={
        <>
          {stage.error && (
            <span className="bp-export-status error" role="alert">
              {stage.error}
            </span>
          )}
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => void start()}
            disabled={(options.kind === 'webm' && !canWebm) || plan.frames < 2}
          >
            Record
          </button>
        </>
      }
    >
      <div className="bp-export-options">
        <Segmented<RecordingKind>
          label="Format"
          value={options.kind}
          options={[
            { value: 'gif', label: 'Animated GIF' },
            {
              value: 'webm',
              label: 'WebM video',
              disabled: !canWebm,
              title: canWebm ? undefined : 'This browser cannot record video',
            },
          ]}
          onChange={(kind) => setOptions((o) => withKind(o, kind))}
        />
        <fieldset className="bp-segmented">
          <legend>Length</legend>
          <label className="bp-record-number">
            <input
              type="number"
              min={MIN_DURATION_S}
              max={MAX_DURATION_S}
              step={0.5}
              value={durationText}
              aria-label="Length in seconds"
              onChange={(e) => {
                setDurationText(e.target.value);
                const v = Number(e.target.value);
                if (e.target.value !== '' && Number.isFinite(v)) update({ durationS: clampDuration(v) });
              }}
              onBlur={() => setDurationText(String(options.durationS))}
            />
            <span className="bp-muted">seconds of {options.kind === 'gif' ? 'animation' : 'video'}</span>
          </label>
        </fieldset>
        <Segmented
          label="Speed (simulated seconds per second)"
          value={options.speed}
          options={RECORDING_SPEEDS.map((s) => ({ value: s, label: `${s}x` }))}
          onChange={(speed) => update({ speed })}
        />
        <Segmented
          label="Start"
          value={options.from}
          options={[
            { value: 'now', label: nowMs > 0 ? `Where the run is (${seconds(nowMs)})` : 'Where the run is (0 s)' },
            { value: 'start', label: 'From the beginning' },
          ]}
          onChange={(from) => update({ from })}
        />
        <Segmented
          label="Area"
          value={options.scope}
          options={[
            { value: 'all', label: 'Whole diagram' },
            {
              value: 'selection',
              label: 'Selection',
              disabled: !selectable,
              title: selectable ? undefined : 'Select nodes on the canvas to record only them',
            },
          ]}
          onChange={(scope) => update({ scope })}
        />
        <Segmented
          label="Frames per second"
          value={options.fps}
          options={fpsChoices.map((f) => ({ value: f, label: String(f) }))}
          onChange={(fps) => update({ fps })}
        />
        <Segmented
          label="Size"
          value={options.scale}
          options={RECORDING_SCALES.map((s) => ({ value: s, label: `${s}x` }))}
          onChange={(scale) => update({ scale })}
        />
        <p className="bp-record-summary" data-testid="record-summary">
          Simulated {seconds(plan.startMs)} to {seconds(plan.endMs)} (seed {seed}), {plan.frames} frames of {size.width}{' '}
          × {size.height} px: about {formatBytes(estimate)}.
          {plan.truncated && (
            <span className="bp-export-warning">
              {' '}
              The run ends at {seconds(runDurationMs)}, so the recording is shorter.
            </span>
          )}
        </p>
        <p className="bp-muted bp-record-summary">
          The recording runs the simulation on its own, frame by frame, so it does not disturb the canvas and the same
          document always records the same frames. {options.kind === 'webm' ? 'A video records in real time.' : ''}
        </p>
      </div>
    </Dialog>
  );
}
