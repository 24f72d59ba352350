import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { Dashboard } from '../dashboard/Dashboard.js';
import type { SeriesSample } from './protocol.js';
import type { Report } from '../../../shared/engine/index.js';
import { useCommandContext, useEditor, useEditorStore } from '../store/useEditor.js';
import { PlaybackBar } from './PlaybackBar.js';
import { useSimClient, useSimSnapshot } from './useSimulation.js';
import { FaultTimeline } from '../timeline/FaultTimeline.js';
import { useFaultRerun } from '../timeline/useFaultRerun.js';

interface Baseline {
  samples: SeriesSample[];
  report: Report;
  label: string;
}

/**
 * Under the canvas: the playback bar, and the dashboard of the run (collapsible). Faults injected live are written
 * into the document at the simulated time they happened, so the run can be replayed exactly.
 */
export function SimulationPanel() {
  const client = useSimClient();
  const store = useEditorStore();
  const snap = useSimSnapshot();
  const doc = useEditor((s) => s.doc);
  // Another document opened (file, template, new): the run of the previous one is gone.
  const loads = useEditor((s) => s.loads);
  useEffect(() => {
    if (client.getSnapshot().status !== 'idle') client.reset();
  }, [loads, client]);
  // Closed while there is nothing to show, so editing gets the whole canvas; each new run opens it.
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (snap.runId > 0) setOpen(true);
  }, [snap.runId]);
  // The canvas changes height with the panel: frame the design again in what is left.
  const ctx = useCommandContext();
  useEffect(() => {
    const t = setTimeout(() => ctx.view?.fitView(), 60);
    return () => clearTimeout(t);
  }, [open, ctx]);
  const [baseline, setBaseline] = useState<Baseline | null>(null);
  useFaultRerun(client, store);

  useEffect(
    () =>
      client.onFaultInjected((fault) => {
        store.getState().edit(`Add ${fault.kind} fault`, (d) => {
          if (!d.faults.some((f) => f.id === fault.id)) d.faults.push(fault);
        });
        client.adoptDocument(store.getState().doc);
      }),
    [client, store],
  );

  // The dashboard renders the run's latest data in the background (React yields to the browser every few ms), not
  // in the frame that publishes it alongside the clock: with a hundred clients its render alone is a long task.
  const shown = useDeferredValue(snap);
  const faults = client.runDocument?.faults ?? doc.faults;
  const { samples, report, seed } = snap;
  const keepBaseline = useCallback(() => {
    if (report) setBaseline({ samples: [...samples], report, label: `${store.getState().doc.name} (seed ${seed})` });
  }, [samples, report, seed, store]);
  const clearBaseline = useCallback(() => setBaseline(null), []);
  const seek = useCallback((t: number) => client.seek(t), [client]);

  const nodeInfo = useMemo(
    () => Object.fromEntries(doc.nodes.map((n) => [n.id, { label: n.label, kind: n.kind }])),
    [doc.nodes],
  );

  return (
    <section className={`bp-sim-panel${open ? ' open' : ''}`} aria-label="Simulation">
      <div className="bp-sim-head">
        <PlaybackBar />
        <button
          type="button"
          className="bp-icon-button"
          aria-expanded={open}
          aria-label={open ? 'Hide the dashboard' : 'Show the dashboard'}
          title={open ? 'Hide the dashboard' : 'Show the dashboard'}
          onClick={() => setOpen(!open)}
        >
          {open ? '▾' : '▴'}
        </button>
      </div>
      <FaultTimeline />
      {open && (
        <div className="bp-sim-body">
          <Dashboard
            samples={shown.samples}
            report={shown.report}
            faults={faults}
            timeMs={shown.dataTimeMs}
            durationMs={shown.durationMs}
            baseline={baseline}
            onKeepBaseline={snap.report ? keepBaseline : undefined}
            onClearBaseline={clearBaseline}
            onSeek={seek}
            nodeInfo={nodeInfo}
            playing={shown.status === 'playing' && !shown.seeking}
          />
        </div>
      )}
    </section>
  );
}
