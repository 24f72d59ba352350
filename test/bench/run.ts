/**
 * Benchmarks of the simulation core. They print figures and never fail on timing.
 *
 *   npm run bench
 *
 * Each scenario runs three times; the best run is reported (a shared or virtual machine adds noise that only ever
 * slows a run down). CPU time is shown beside wall time for the same reason.
 */
import { createSimulation } from '../../shared/engine/index.js';
import type { TopologyDocument } from '../../shared/model/types.js';
import { fiftyNodes, mm1 } from './topologies.js';

interface Figures {
  requests: number;
  events: number;
  wallMs: number;
  cpuMs: number;
  peakHeapMb: number;
}

function measure(doc: TopologyDocument): Figures {
  const sim = createSimulation(doc);
  let peakHeap = process.memoryUsage().heapUsed;
  const slices = 20;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let k = 1; k <= slices; k++) {
    sim.runUntil((sim.durationMs * k) / slices);
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const report = sim.report();
  const requests = Object.values(report.clients).reduce((a, c) => a + c.requests, 0);
  return {
    requests,
    events: report.events,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakHeapMb: peakHeap / 2 ** 20,
  };
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

function bench(name: string, make: () => TopologyDocument, targetPerSec: number): void {
  const runs = [measure(make()), measure(make()), measure(make())];
  const best = runs.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
  const perSec = (best.requests / best.wallMs) * 1000;
  const perCpuSec = (best.requests / best.cpuMs) * 1000;
  console.log(
    `${name}\n` +
      `  ${fmt(best.requests)} requests, ${fmt(best.events)} events in ${(best.wallMs / 1000).toFixed(2)} s wall ` +
      `(${(best.cpuMs / 1000).toFixed(2)} s CPU); runs took ${runs.map((r) => (r.wallMs / 1000).toFixed(2)).join(', ')} s\n` +
      `  ${fmt(perSec)} simulated requests/s wall, ${fmt(perCpuSec)} per CPU second ` +
      `(target ${fmt(targetPerSec)}: ${perSec >= targetPerSec ? 'met' : 'NOT met'}), ${fmt((best.events / best.wallMs) * 1000)} events/s\n` +
      `  peak JS heap during the run ${best.peakHeapMb.toFixed(1)} MiB`,
  );
}

console.log(`Backpressure core benchmark on Node ${process.version}\n`);
// a short warm-up so that every run measures optimised code
createSimulation(mm1(50_000)).runUntil(Infinity);
createSimulation(fiftyNodes(2_000)).runUntil(Infinity);

bench('(a) M/M/1, 1,000,000 requests', () => mm1(1_000_000), 1_000_000);
bench(
  '(b) 50 nodes (45 clients, LB, 3 services x 4 replicas, database), 60 s at 20,000 requests/s',
  () => fiftyNodes(),
  300_000,
);
bench(
  '(c) the same with timeouts, retries and budgets, a circuit breaker, health checks and outlier detection',
  () => fiftyNodes(60_000, 20_000, { resilient: true }),
  300_000,
);
console.log(`\npeak resident memory of the process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
