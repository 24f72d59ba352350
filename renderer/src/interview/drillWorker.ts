/// <reference lib="webworker" />
import type { FromDrillWorker, ToDrillWorker } from './drillRunner.js';
import { exportScoreCard } from './exportCard.js';
import { scoreSession } from './scoreSession.js';

const scope = globalThis as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromDrillWorker) => scope.postMessage(message);

scope.addEventListener('message', (event: MessageEvent<ToDrillWorker>) => {
  const m = event.data;
  try {
    if (m.type === 'score') {
      const card = scoreSession(m.request, (progress) => post({ type: 'progress', id: m.id, progress }));
      post({ type: 'done', id: m.id, card });
    } else if (m.type === 'export') {
      const text = exportScoreCard(m.request, (simulatedMs, durationMs) =>
        post({ type: 'progress', id: m.id, progress: { stage: 'drill', simulatedMs, durationMs } }),
      );
      post({ type: 'exported', id: m.id, text });
    }
  } catch (e) {
    post({ type: 'failed', id: m.id, message: e instanceof Error ? e.message : String(e) });
  }
});
