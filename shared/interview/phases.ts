import type { Phase, PhasePosition } from './types.js';

/** Default session length: 45 minutes. */
export const DEFAULT_LENGTH_MS = 45 * 60_000;

/** Session lengths offered (ms). */
export const SESSION_LENGTHS_MS: readonly number[] = [30 * 60_000, 45 * 60_000, 60 * 60_000];

/** The phases of a session; for 45 minutes they last 5, 5, 15, 15 and 5 minutes. */
export const PHASES: readonly Phase[] = Object.freeze([
  {
    id: 'requirements',
    title: 'Requirements',
    share: 5 / 45,
    prompt:
      'Pin down what the system must do and how well: the core features, who uses it, read or write heavy, and the availability and latency it needs.',
  },
  {
    id: 'estimation',
    title: 'Estimation',
    share: 5 / 45,
    prompt:
      'Turn users into numbers: requests per second at peak, bandwidth and storage. Round hard; the order of magnitude is what shapes the design.',
  },
  {
    id: 'highLevel',
    title: 'High-level design',
    share: 15 / 45,
    prompt:
      'Draw the request path end to end: clients, DNS, CDN, load balancers, services and data stores. Make it work before you make it clever.',
  },
  {
    id: 'deepDive',
    title: 'Deep dive',
    share: 15 / 45,
    prompt:
      'Break your own design: what happens when a node, a zone or a region dies, or a dependency slows down? Add timeouts, retries, breakers and redundancy where the answer is bad.',
  },
  {
    id: 'wrapUp',
    title: 'Wrap-up',
    share: 5 / 45,
    prompt: 'Summarise the trade-offs you made, what you would build next, and what you would watch in production.',
  },
] as const satisfies readonly Phase[]);

/**
 * Where a session of `lengthMs` stands after `elapsedMs`. Phase boundaries are rounded to the second; past the
 * end the session is in overtime and stays in the last phase.
 */
export function phaseAt(elapsedMs: number, lengthMs: number): PhasePosition {
  if (!(lengthMs > 0)) throw new RangeError(`session length must be > 0 ms (got ${lengthMs})`);
  const t = Math.max(0, Number.isFinite(elapsedMs) ? elapsedMs : 0);
  let startMs = 0;
  let cumulative = 0;
  for (let index = 0; index < PHASES.length; index++) {
    const phase = PHASES[index]!;
    cumulative += phase.share;
    const last = index === PHASES.length - 1;
    const endMs = last ? lengthMs : Math.round((cumulative * lengthMs) / 1000) * 1000;
    if (t < endMs || last) {
      const overtime = t >= lengthMs;
      return {
        phase,
        index,
        startMs,
        endMs,
        remainingInPhaseMs: Math.max(0, endMs - t),
        remainingMs: Math.max(0, lengthMs - t),
        overtime,
      };
    }
    startMs = endMs;
  }
  throw new Error('unreachable: PHASES is empty');
}
