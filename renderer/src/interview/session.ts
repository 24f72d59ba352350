import type {
  DrillFault,
  EstimationInputs,
  InterviewPrompt,
  ScoreCard,
  SkippedDrillStep,
} from '../../../shared/interview/index.js';
import type { TopologyDocument } from '../../../shared/model/types.js';

/** A drill the interviewer dealt during the session: what they said and the faults it put into the live run. */
export interface DealtDrill {
  /** Index of the step in the prompt's drill. */
  stepIndex: number;
  say: string;
  /** When it was dealt, on the session clock. */
  elapsedMs: number;
  /** Simulated time the faults start at. */
  simTimeMs: number;
  faults: DrillFault[];
  skipped: SkippedDrillStep[];
}

/** The design as it was at one moment of the session (recorded at each edit), for the replay. */
export interface ReplayFrame {
  elapsedMs: number;
  /** The name of the edit that produced it (the undo label), or what happened. */
  label: string;
  doc: TopologyDocument;
}

/** A mock interview: which prompt, its clock, the notes and what was dealt; and, once finished, its score card. */
export interface InterviewSession {
  id: string;
  promptId: string;
  /** The prompt as it was when the session started (so a reload scores against the same text). */
  prompt: InterviewPrompt;
  lengthMs: number;
  interviewerView: boolean;
  /** Wall-clock time the session started. */
  startedAt: number;
  /** Session time counted before `runningSince`. */
  accumulatedMs: number;
  /** Wall-clock time the clock last started running; null while paused. */
  runningSince: number | null;
  notes: string;
  /** The back-of-envelope inputs, prefilled from the prompt and edited by the candidate. */
  estimation: EstimationInputs;
  /** Index of the last phase whose nudge was shown (-1 before the first). */
  phaseShown: number;
  drills: DealtDrill[];
  status: 'active' | 'review';
  card: ScoreCard | null;
}

/** Session time on the clock at wall time `now`. */
export function elapsedOf(session: Pick<InterviewSession, 'accumulatedMs' | 'runningSince'>, now: number): number {
  return session.accumulatedMs + (session.runningSince === null ? 0 : Math.max(0, now - session.runningSince));
}

/** `m:ss` (or `h:mm:ss`) of a duration, rounded down to the second; negative durations get a minus sign. */
export function formatClock(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${ss}` : `${sign}${m}:${ss}`;
}

/** Minutes of a length, for labels: `45 min`. */
export const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;
