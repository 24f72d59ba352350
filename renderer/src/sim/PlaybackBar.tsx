import { useEffect } from 'react';
import { resolveSimulation } from './resolveSettings.js';
import { SPEEDS, type Speed } from './clock.js';
import { useSimClient, useSimSnapshot } from './useSimulation.js';
import { useCommandContext, useEditor, useEditorStore } from '../store/useEditor.js';
import { runCommand } from '../store/commands.js';
import { isTypingTarget } from '../store/keys.js';

function formatClock(ms: number): string {
  const s = ms / 1000;
  const m = Math.floor(s / 60);
  return `${m}:${(s - m * 60).toFixed(3).padStart(6, '0')}`;
}

const speedLabel = (s: Speed) => (s === 'max' ? 'As fast as possible' : `${s}×`);

/**
 * Play, pause, step, restart, speed and the simulated clock, with a scrubber over the run. Space plays and
 * pauses. A run uses the document as it was when it started; after an edit, Restart runs the new one.
 */
export function PlaybackBar() {
  const client = useSimClient();
  const snap = useSimSnapshot();
  const store = useEditorStore();
  const doc = useEditor((s) => s.doc);
  const { seed, durationMs } = resolveSimulation(doc);
  const stale =
    snap.status !== 'idle' &&
    snap.status !== 'failed' &&
    (snap.seed !== seed || snap.durationMs !== durationMs || client.runDocument !== doc);

  /** Starts a run of the document as it is now; plays it unless told otherwise. */
  const start = (play = true) => {
    const current = store.getState().doc;
    const settings = resolveSimulation(current);
    client.load(current, settings.seed, settings.durationMs);
    if (play) client.play();
  };
  const needsRun = snap.status === 'idle' || snap.status === 'failed' || stale;
  // Play, pause, step and restart are commands (the desktop menu runs them too); this bar is their client.
  const ctx = useCommandContext();
  const run = (id: 'sim.playPause' | 'sim.step' | 'sim.restart') => runCommand({ ...ctx, sim: client }, id);
  const playPause = () => run('sim.playPause');

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== ' ' || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      if (globalThis.document.querySelector('dialog[open]')) return;
      e.preventDefault();
      playPause();
    };
    globalThis.addEventListener('keydown', onKey);
    return () => globalThis.removeEventListener('keydown', onKey);
  });

  const playing = snap.status === 'playing';
  return (
    <div className="bp-playback" role="toolbar" aria-label="Playback">
      <button
        type="button"
        className="bp-play"
        onClick={playPause}
        aria-label={playing ? 'Pause' : 'Play'}
        title={playing ? 'Pause (Space)' : 'Play (Space)'}
      >
        {playing ? '❚❚' : '▶'}
      </button>
      <button type="button" onClick={() => run('sim.step')} aria-label="Step" title="Step 10 ms of simulated time">
        ▶❘
      </button>
      <button
        type="button"
        onClick={() => run('sim.restart')}
        aria-label="Restart"
        title="Run again from 0 (with your latest edits)"
      >
        ⟲
      </button>
      <label className="bp-speed">
        <span>Speed</span>
        <select
          value={String(snap.speed)}
          onChange={(e) => client.setSpeed((e.target.value === 'max' ? 'max' : Number(e.target.value)) as Speed)}
        >
          {SPEEDS.map((s) => (
            <option key={String(s)} value={String(s)}>
              {speedLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <output className="bp-clock" data-testid="sim-clock" aria-label="Simulated time">
        {formatClock(snap.timeMs)} <span className="bp-muted">/ {formatClock(snap.durationMs)}</span>
      </output>
      <input
        className="bp-scrubber"
        type="range"
        aria-label="Simulated time"
        min={0}
        max={snap.durationMs}
        step={10}
        value={snap.seeking ? snap.seekTargetMs : snap.timeMs}
        onChange={(e) => {
          const t = Number(e.target.value);
          if (needsRun) start(false);
          client.seek(t);
        }}
      />
      <span className="bp-run-status" data-testid="sim-status">
        {snap.seeking
          ? 'Re-running to the chosen time…'
          : snap.status === 'failed'
            ? `Cannot run: ${snap.problems.length ? `${snap.problems.length} problem(s) — see the inspector` : snap.error}`
            : stale
              ? 'Edited since this run: Restart to run the new design'
              : snap.status === 'done'
                ? 'Run complete'
                : `seed ${snap.seed}`}
      </span>
    </div>
  );
}
