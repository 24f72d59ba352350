import type { Fault, TopologyDocument } from '../../../shared/model/types.js';
import type { EditorStore } from '../store/editorStore.js';
import { freshId, usedIds } from '../store/ids.js';
import type { SimClient } from './simClient.js';

/** How long a fault added with a click lasts, in simulated ms (it is a fault in the document: edit it there). */
export const CLICK_FAULT_MS = 10_000;

export interface FaultChoice {
  label: string;
  make(atMs: number): Fault;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type FaultBody = DistributiveOmit<Fault, 'id' | 'atMs' | 'untilMs'>;

function choice(doc: TopologyDocument, label: string, idBase: string, body: FaultBody): FaultChoice {
  return {
    label,
    make: (atMs) => ({ id: freshId(idBase, usedIds(doc)), atMs, untilMs: atMs + CLICK_FAULT_MS, ...body }) as Fault,
  };
}

/** The faults a node can be given from its context menu (what the validator allows for its kind). */
export function nodeFaults(doc: TopologyDocument, nodeId: string): FaultChoice[] {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node || node.kind === 'region' || node.kind === 'sidecar') return [];
  const s = CLICK_FAULT_MS / 1000;
  if (node.kind === 'client')
    return [
      choice(doc, `Surge: 3× traffic for ${s} s`, `surge-${nodeId}`, { kind: 'surge', node: nodeId, factor: 3 }),
      choice(doc, `Stop traffic for ${s} s`, `surge-${nodeId}`, { kind: 'surge', node: nodeId, factor: 0 }),
    ];
  const out = [
    choice(doc, `Crash (refuse connections) for ${s} s`, `crash-${nodeId}`, {
      kind: 'crash',
      node: nodeId,
      mode: 'refuse',
    }),
    choice(doc, `Crash (black hole: no answer) for ${s} s`, `crash-${nodeId}`, {
      kind: 'crash',
      node: nodeId,
      mode: 'blackhole',
    }),
  ];
  if (node.kind === 'service' || node.kind === 'database')
    out.push(
      choice(doc, `Slow down 5× for ${s} s`, `slow-${nodeId}`, { kind: 'slow', node: nodeId, factor: 5 }),
      choice(doc, `Fail 50% of requests for ${s} s`, `errors-${nodeId}`, {
        kind: 'errors',
        node: nodeId,
        errorRate: 0.5,
      }),
    );
  return out;
}

/** The faults an edge can be given from its context menu. */
export function edgeFaults(doc: TopologyDocument, edgeId: string): FaultChoice[] {
  if (!doc.edges.some((e) => e.id === edgeId)) return [];
  const s = CLICK_FAULT_MS / 1000;
  return [
    choice(doc, `Cut for ${s} s`, `cut-${edgeId}`, { kind: 'cut', edges: [edgeId] }),
    choice(doc, `Cut one way (requests only) for ${s} s`, `cut-${edgeId}`, {
      kind: 'cut',
      edges: [edgeId],
      oneWay: true,
    }),
    choice(doc, `Degrade: +100 ms and 5% loss for ${s} s`, `degrade-${edgeId}`, {
      kind: 'degrade',
      edge: edgeId,
      addLatencyMs: 100,
      lossRate: 0.05,
    }),
  ];
}

/**
 * A partition between two sides (node or region ids), both ways or one way: with `oneWay`, messages from the first
 * side to the second are dropped and the way back still works.
 */
export function partitionFault(doc: TopologyDocument, sides: [string[], string[]], oneWay: boolean): FaultChoice {
  const s = CLICK_FAULT_MS / 1000;
  return choice(doc, oneWay ? `Partition one way for ${s} s` : `Partition for ${s} s`, 'partition', {
    kind: 'partition',
    sides: [[...sides[0]], [...sides[1]]],
    ...(oneWay ? { oneWay: true } : {}),
  });
}

/** Whether a run is showing that a fault added now goes into (rather than straight into the document, from 0). */
export function isRunShowing(sim: SimClient | null): sim is SimClient {
  if (!sim) return false;
  const snap = sim.getSnapshot();
  return snap.status !== 'idle' && snap.status !== 'failed' && sim.runDocument !== null;
}

/**
 * Adds a fault at the simulated time shown: injected into the run (the core takes it at that time and the document
 * records it when it has), or, with no run, straight into the document from the start. Returns the fault's start.
 */
export function addFaultNow(sim: SimClient | null, store: EditorStore, f: FaultChoice): number {
  if (isRunShowing(sim)) {
    const fault = f.make(Math.round(sim.getSnapshot().timeMs));
    sim.inject(fault);
    return fault.atMs;
  }
  const fault = f.make(0);
  store.getState().edit(`Add ${fault.kind} fault`, (d) => void d.faults.push(fault));
  return 0;
}
