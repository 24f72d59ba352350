import { useEffect } from 'react';
import type { TopologyDocument } from '../../../shared/model/types.js';
import type { SimClient } from '../sim/simClient.js';
import type { EditorStore } from '../store/editorStore.js';

/** True when two documents differ in their faults and nothing else (immer keeps untouched parts the same objects). */
export function onlyFaultsDiffer(a: TopologyDocument, b: TopologyDocument): boolean {
  if (a === b || a.faults === b.faults) return false;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)]))
    if (key !== 'faults' && a[key] !== b[key]) return false;
  return true;
}

/**
 * Keeps the run showing in step with the document's faults: when an edit (a timeline drag, a deletion, an undo)
 * changes only the faults of the document the run started from, the run starts again from 0 with the same seed and
 * catches up to the time shown, playing on if it was playing. The core cannot take back a fault it has scheduled,
 * and a re-run reproduces everything before the change exactly. Other edits leave the run as it is (the playback
 * bar offers Restart).
 */
export function useFaultRerun(client: SimClient, store: EditorStore): void {
  useEffect(() => {
    const rerun = (doc: TopologyDocument, atLeastMs = 0) => {
      const snap = client.getSnapshot();
      const t = Math.max(snap.seeking ? snap.seekTargetMs : snap.timeMs, atLeastMs);
      const playing = snap.status === 'playing';
      client.load(doc, snap.seed, snap.durationMs);
      if (playing) client.play();
      if (t > 0) client.seek(t);
    };
    const offEdit = store.subscribe((state, previous) => {
      if (state.doc === previous.doc) return;
      // A fault the core injected is written into the document and adopted by the run in one go: look after it.
      queueMicrotask(() => {
        const doc = store.getState().doc;
        const run = client.runDocument;
        const { status } = client.getSnapshot();
        if (!run || status === 'idle' || status === 'failed' || !onlyFaultsDiffer(run, doc)) return;
        rerun(doc);
      });
    });
    // A fault injected while the run is paused would only show with the next frame: show it at once, from its
    // start (the core may have run a little ahead of the time shown, and took the fault there).
    const offInjected = client.onFaultInjected((fault) =>
      queueMicrotask(() => {
        const { status } = client.getSnapshot();
        if (status === 'playing' || status === 'idle' || status === 'failed' || !client.runDocument) return;
        rerun(client.runDocument, fault.atMs);
      }),
    );
    return () => {
      offEdit();
      offInjected();
    };
  }, [client, store]);
}
