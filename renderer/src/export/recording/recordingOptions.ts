import type { RecordingKind } from '../exportSession.js';

export type RecordingScale = 0.5 | 1 | 2;

/** Everything the Record dialog asks. */
export interface RecordingOptions {
  kind: RecordingKind;
  /** Length of the recording, in seconds of the file. */
  durationS: number;
  /** Simulated seconds per second of the file. */
  speed: number;
  fps: number;
  scope: 'all' | 'selection';
  /** Where the recording starts: where the run is now, or the beginning. */
  from: 'now' | 'start';
  /** Pixels per canvas unit. */
  scale: RecordingScale;
}

export const RECORDING_SPEEDS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 25] as const;
export const RECORDING_SCALES: readonly RecordingScale[] = [0.5, 1, 2];
/** GIF frame delays are hundredths of a second, so these rates play back almost exactly. */
export const GIF_FPS = [10, 12, 15] as const;
export const WEBM_FPS = [24, 30] as const;
export const MIN_DURATION_S = 1;
export const MAX_DURATION_S = 60;
/** Bits per second asked of the video encoder per pixel of a frame (flat diagrams compress very well). */
const WEBM_BITS_PER_PIXEL_SECOND = 4;
const WEBM_MIN_BPS = 1_000_000;
const WEBM_MAX_BPS = 12_000_000;
/**
 * Bytes a GIF takes per pixel of a frame: flat colours and long runs compress well (a recording of the three-tier
 * template measured 0.06; busier runs take more). The end-to-end test prints the real figure.
 */
const GIF_BYTES_PER_PIXEL = 0.08;

export function defaultRecordingOptions(kind: RecordingKind, selectionExists: boolean): RecordingOptions {
  return {
    kind,
    durationS: kind === 'gif' ? 5 : 10,
    speed: 1,
    fps: kind === 'gif' ? 12 : 30,
    scope: selectionExists ? 'selection' : 'all',
    from: 'now',
    scale: 1,
  };
}

/** Options after switching between GIF and WebM: the frame rate follows the format. */
export function withKind(options: RecordingOptions, kind: RecordingKind): RecordingOptions {
  if (kind === options.kind) return options;
  return { ...options, kind, fps: kind === 'gif' ? 12 : 30 };
}

/** The duration typed in, within the limits (1 to 60 s). */
export function clampDuration(seconds: number): number {
  if (!Number.isFinite(seconds)) return MIN_DURATION_S;
  return Math.min(MAX_DURATION_S, Math.max(MIN_DURATION_S, Math.round(seconds * 10) / 10));
}

/** Simulated milliseconds between two frames. */
export function frameStepMs(options: Pick<RecordingOptions, 'speed' | 'fps'>): number {
  return (options.speed * 1000) / options.fps;
}

/** The simulated span a recording covers: which part of the run, and how many frames, the run's end allowing. */
export interface RecordingPlan {
  startMs: number;
  endMs: number;
  frames: number;
  stepMs: number;
  /** True when the run ends before the recording would, so it is shorter than asked. */
  truncated: boolean;
}

/**
 * Frame k shows simulated time `startMs + k * stepMs` (speed x 1000 / fps ms): the clock is the recording's own, so
 * the same document, seed and options give the same frames on any machine.
 */
export function planRecording(
  options: Pick<RecordingOptions, 'durationS' | 'speed' | 'fps' | 'from'>,
  nowMs: number,
  runDurationMs: number,
): RecordingPlan {
  const stepMs = frameStepMs(options);
  const startMs = options.from === 'start' ? 0 : Math.max(0, Math.min(nowMs, runDurationMs));
  const wanted = Math.max(2, Math.round(options.durationS * options.fps));
  const available = Math.floor((runDurationMs - startMs) / stepMs + 1e-9) + 1;
  const frames = Math.max(1, Math.min(wanted, available));
  return {
    startMs,
    endMs: startMs + (frames - 1) * stepMs,
    frames,
    stepMs,
    truncated: frames < wanted,
  };
}

/** The simulated time of frame `k`. */
export function frameTimeMs(plan: RecordingPlan, k: number): number {
  return plan.startMs + k * plan.stepMs;
}

/** Bits per second asked of the WebM encoder for frames of this size. */
export function webmBitsPerSecond(width: number, height: number): number {
  return Math.round(Math.min(WEBM_MAX_BPS, Math.max(WEBM_MIN_BPS, width * height * WEBM_BITS_PER_PIXEL_SECOND)));
}

/** About how large the file will be, before recording. */
export function estimateBytes(kind: RecordingKind, width: number, height: number, frames: number, fps: number): number {
  if (kind === 'gif') return width * height * frames * GIF_BYTES_PER_PIXEL;
  return (webmBitsPerSecond(width, height) / 8) * (frames / fps);
}

/** Frame sizes a video encoder accepts: whole, even numbers of pixels. */
export function evenPixels(value: number): number {
  return Math.max(2, Math.round(value / 2) * 2);
}
