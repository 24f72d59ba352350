/**
 * What happened when, as spans of simulated time: the document's faults, and the states the run's circuit breakers,
 * health checks and outlier detectors went through (from the report's transitions).
 */
import type { Report } from '../../engine/index.js';
import type { Fault } from '../../model/types.js';

/** A stretch of simulated time, clipped to the run. */
export interface Span {
  fromMs: number;
  toMs: number;
}

/** A fault, named and described, with the span of the run it was active in (null when it never was). */
export interface FaultEntry {
  fault: Fault;
  /** A few words: `slow db x2`, `crash api#1`, `cut 2 edges`. */
  label: string;
  /** What it does, in a sentence fragment: `service time of db x2`. */
  effect: string;
  span: Span | null;
}

/** One lane of the timeline: spans in some state. */
export interface StateLane {
  /** What the lane is about, e.g. `server-a → server-b`. */
  name: string;
  spans: (Span & { state: 'open' | 'halfOpen' | 'down' | 'ejected' })[];
}

const arrow = (key: string) => key.replace('->', ' → ');
const pct = (r: number) => `${Math.round(r * 1000) / 10}%`;

/** A fault in a few words. */
export function faultLabel(f: Fault): string {
  switch (f.kind) {
    case 'crash':
      return f.replica === undefined ? `crash ${f.node}` : `crash ${f.node}#${f.replica}`;
    case 'slow':
      return `slow ${f.node} x${f.factor}`;
    case 'surge':
      return `surge ${f.node} x${f.factor}`;
    case 'errors':
      return `errors ${f.node} ${pct(f.errorRate)}`;
    case 'degrade':
      return `degrade ${f.edge}`;
    case 'cut':
      return f.edges.length === 1 ? `cut ${f.edges[0]}` : `cut ${f.edges.length} edges`;
    case 'partition':
      return f.oneWay ? 'partition (one way)' : 'partition';
  }
}

/** What a fault does, in a sentence fragment. */
export function faultEffect(f: Fault): string {
  switch (f.kind) {
    case 'crash': {
      const what = f.replica === undefined ? f.node : `replica ${f.replica} of ${f.node}`;
      return `${what} down, ${f.mode === 'blackhole' ? 'never answering' : 'refusing every request'}`;
    }
    case 'slow':
      return `service time of ${f.node} x${f.factor}`;
    case 'surge':
      return `request rate of ${f.node} x${f.factor}`;
    case 'errors':
      return `${f.node} answers ${pct(f.errorRate)} of requests with an error`;
    case 'degrade': {
      const parts = [
        f.addLatencyMs ? `+${f.addLatencyMs} ms latency` : '',
        f.lossRate ? `${pct(f.lossRate)} loss` : '',
      ].filter(Boolean);
      return `${f.edge} degraded${parts.length ? `: ${parts.join(', ')}` : ''}`;
    }
    case 'cut':
      return `${f.edges.join(', ')} drop${f.edges.length === 1 ? 's' : ''} messages${f.oneWay ? ' (forward only)' : ''}`;
    case 'partition':
      return `${f.sides[0].join(', ')} ${f.oneWay ? '→' : '↔'} ${f.sides[1].join(', ')} cut off`;
  }
}

/** The faults in time order, each with the part of the run (0..durationMs) it was active in. */
export function faultEntries(faults: readonly Fault[], durationMs: number): FaultEntry[] {
  return [...faults]
    .sort((a, b) => a.atMs - b.atMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((fault) => {
      const fromMs = Math.max(0, fault.atMs);
      const toMs = Math.min(durationMs, fault.untilMs ?? durationMs);
      return {
        fault,
        label: faultLabel(fault),
        effect: faultEffect(fault),
        span: toMs > fromMs ? { fromMs, toMs } : null,
      };
    });
}

/** Each breaker's open and half-open spans, from its transitions; a state not left yet lasts to `endMs`. */
export function breakerLanes(breakers: Report['breakers'], endMs: number): StateLane[] {
  return Object.entries(breakers).map(([key, b]) => {
    const spans: StateLane['spans'] = [];
    let state: 'closed' | 'open' | 'halfOpen' = 'closed';
    let since = 0;
    const close = (t: number) => {
      if (state !== 'closed' && t > since) spans.push({ fromMs: since, toMs: Math.min(t, endMs), state });
    };
    for (const tr of b.transitions) {
      if (tr.atMs > endMs) break;
      close(tr.atMs);
      state = tr.to;
      since = tr.atMs;
    }
    close(endMs);
    return { name: arrow(key), spans };
  });
}

/** Each health-checked target's spans marked down. */
export function healthLanes(health: Report['health'], endMs: number): StateLane[] {
  return Object.entries(health).map(([key, h]) => {
    const marks = [
      ...h.down.map((d) => ({ t: d.atMs, down: true })),
      ...h.up.map((u) => ({ t: u.atMs, down: false })),
    ].sort((a, b) => a.t - b.t);
    const spans: StateLane['spans'] = [];
    let since: number | null = null;
    for (const m of marks) {
      if (m.down && since === null) since = m.t;
      else if (!m.down && since !== null) {
        if (m.t > since) spans.push({ fromMs: since, toMs: Math.min(m.t, endMs), state: 'down' });
        since = null;
      }
    }
    if (since !== null && endMs > since) spans.push({ fromMs: since, toMs: endMs, state: 'down' });
    return { name: arrow(key), spans };
  });
}

/** Each outlier-detected target's ejections. */
export function outlierLanes(outliers: Report['outliers'] | undefined, endMs: number): StateLane[] {
  return Object.entries(outliers ?? {}).map(([key, o]) => ({
    name: arrow(key),
    spans: o.ejections
      .map((e) => ({ fromMs: e.atMs, toMs: Math.min(e.untilMs, endMs), state: 'ejected' as const }))
      .filter((s) => s.toMs > s.fromMs),
  }));
}

/** A stretch of time during which some breaker was open (or, where none was, some was half-open). */
export interface BreakerBand extends Span {
  state: 'open' | 'halfOpen';
}

/**
 * The breakers' worst state over time, for shading charts: open wherever any breaker is open, half-open wherever
 * none is open but one is half-open.
 */
export function breakerBands(lanes: readonly StateLane[]): BreakerBand[] {
  const cuts = new Set<number>();
  for (const l of lanes) for (const s of l.spans) cuts.add(s.fromMs).add(s.toMs);
  const times = [...cuts].sort((a, b) => a - b);
  const bands: BreakerBand[] = [];
  for (let i = 0; i + 1 < times.length; i++) {
    const from = times[i]!;
    const to = times[i + 1]!;
    let worst: BreakerBand['state'] | null = null;
    for (const l of lanes) {
      for (const s of l.spans) {
        if (s.fromMs <= from && s.toMs >= to && (s.state === 'open' || s.state === 'halfOpen')) {
          if (s.state === 'open') worst = 'open';
          else worst ??= 'halfOpen';
        }
      }
    }
    if (!worst) continue;
    const last = bands.at(-1);
    if (last && last.state === worst && last.toMs === from) last.toMs = to;
    else bands.push({ fromMs: from, toMs: to, state: worst });
  }
  return bands;
}
