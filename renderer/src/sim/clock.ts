/** Playback speeds offered, in simulated ms per wall ms; `max` runs as fast as the worker can. */
export const SPEEDS = [0.01, 0.03, 0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 100, 'max'] as const;
export type Speed = (typeof SPEEDS)[number];

/** How far the worker runs ahead of what is shown, in wall ms at the current speed (so departures are known). */
export const LOOKAHEAD_WALL_MS = 120;
/** One step of the Step button, in simulated ms. */
export const STEP_MS = 10;
/** At `max`, how much simulated time one request to the worker may cover. */
export const MAX_CHUNK_MS = 2_000;

/**
 * The playback clock: maps wall time to simulated time at a speed, and says how far the worker should have run.
 * Pure (the caller passes wall time in), so it is tested without timers.
 */
export class PlaybackClock {
  /** Simulated time shown. */
  timeMs = 0;
  playing = false;
  speed: Speed = 1;
  private lastWall = 0;

  constructor(public durationMs: number) {}

  play(wallMs: number): void {
    if (this.timeMs >= this.durationMs) this.timeMs = 0;
    this.playing = true;
    this.lastWall = wallMs;
  }

  pause(): void {
    this.playing = false;
  }

  setSpeed(speed: Speed, wallMs: number): void {
    this.speed = speed;
    this.lastWall = wallMs;
  }

  seek(tMs: number): void {
    this.timeMs = Math.max(0, Math.min(this.durationMs, tMs));
  }

  /** Moves the clock forward to `wallMs`, never past `reachedMs` (what the worker has computed) or the end. */
  tick(wallMs: number, reachedMs: number): number {
    if (this.playing) {
      const dt = Math.max(0, wallMs - this.lastWall);
      const want = this.speed === 'max' ? reachedMs : this.timeMs + dt * this.speed;
      this.timeMs = Math.min(want, reachedMs, this.durationMs);
      if (this.timeMs >= this.durationMs) this.playing = false;
    }
    this.lastWall = wallMs;
    return this.timeMs;
  }

  /** How far the worker should have run for the next frames to be smooth. */
  wanted(): number {
    const ahead = this.speed === 'max' ? MAX_CHUNK_MS : Math.max(1, LOOKAHEAD_WALL_MS * this.speed);
    return Math.min(this.durationMs, this.timeMs + ahead);
  }

  /** Step: pause and show `STEP_MS` more. */
  step(reachedMs: number): number {
    this.playing = false;
    this.timeMs = Math.min(this.durationMs, this.timeMs + STEP_MS, Math.max(reachedMs, this.timeMs));
    return this.timeMs;
  }
}
