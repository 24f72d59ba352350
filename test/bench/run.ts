/**
 * Benchmarks of the simulation core. They print figures and never fail on timing.
 *
 *   npm run bench
 */
import { createSimulation } from '../../shared/engine/index.js';
import type { TopologyDocument } from '../../shared/model/types.js';
import { fiftyNodes, mm1 } from './topologies.js';

interface Figures {
  name: string;
  requests: number;
  events: number;
  wallMs: number;
  peakHeapMb: number;
}

function measure(name: string, doc: TopologyDocument): Figures {
  const sim = createSimulation(doc);
  let peakHeap = process.memoryUsage().heapUsed;
  const slices = 20;
  const t0 = performance.now();
  for (let k = 1; k <= slices; k++) {
    sim.runUntil((sim.durationMs * k) / slices);
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  const wallMs = performance.now() - t0;
  const report = sim.report();
  const requests = Object.values(report.clients).reduce((a, c) => a + c.requests, 0);
  return { name, requests, events: report.events, wallMs, peakHeapMb: peakHeap / 2 ** 20 };
}

function print(f: Figures, targetPerSec: number): void {
  const perSec = (f.requests / f.wallMs) * 1000;
  console.log(
    `${f.name}\n` +
      `  ${f.requests.toLocaleString('en-US')} requests, ${f.events.toLocaleString('en-US')} events in ${(f.wallMs / 1000).toFixed(2)} s wall\n` +
      `  ${Math.round(perSec).toLocaleString('en-US')} simulated requests/s (target ${targetPerSec.toLocaleString('en-US')}: ${perSec >= targetPerSec ? 'met' : 'NOT met'}), ` +
      `${Math.round((f.events / f.wallMs) * 1000).toLocaleString('en-US')} events/s\n` +
      `  peak JS heap during the run ${f.peakHeapMb.toFixed(1)} MiB`,
  );
}

console.log(`Backpressure core benchmark on Node ${process.version}\n`);
// a short warm-up so that both runs measure optimised code
createSimulation(mm1(50_000)).runUntil(Infinity);
createSimulation(fiftyNodes(2_000)).runUntil(Infinity);

print(measure('(a) M/M/1, 1,000,000 requests', mm1(1_000_000)), 1_000_000);
print(
  measure('(b) 50 nodes (45 clients, LB, 3 services x 4 replicas, database), 60 s at 20,000 requests/s', fiftyNodes()),
  300_000,
);
console.log(`\npeak resident memory of the process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
