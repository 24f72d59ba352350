import type { MessageBatch, Report } from '../../../shared/engine/index.js';
import type { Problem } from '../../../shared/model/schema.js';
import type { Fault, TopologyDocument } from '../../../shared/model/types.js';
import type { PacketSource } from '../overlay/types.js';
import { PlaybackClock, STEP_MS, type Speed } from './clock.js';
import type { FromWorker, LiveState, SeriesSample, ToWorker } from './protocol.js';

export type RunStatus = 'idle' | 'loading' | 'playing' | 'paused' | 'done' | 'failed';

/** What the playback bar and the dashboard show; replaced (never mutated) at most a few times a second. */
export interface SimSnapshot {
  status: RunStatus;
  runId: number;
  timeMs: number;
  durationMs: number;
  seed: number;
  speed: Speed;
  /** Chart samples of this run so far (the same array, appended to). */
  samples: SeriesSample[];
  report: Report | null;
  live: LiveState | null;
  nodeIds: readonly string[];
  edgeIds: readonly string[];
  /** Why the run could not start. */
  problems: Problem[];
  error: string | null;
  /** True while catching up to a time jumped to (scrubbing back re-runs from 0). */
  seeking: boolean;
  /** The time being jumped to while `seeking`. */
  seekTargetMs: number;
  /**
   * The simulated time `samples` and `report` were last shown at. While playing they follow `timeMs` a few times a
   * second, so charts marking the current time move with their data rather than with every tick of the clock.
   */
  dataTimeMs: number;
}

export interface WorkerLike {
  postMessage(message: ToWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<FromWorker>) => void): void;
  terminate(): void;
}

type Listener = () => void;

/** While playing, one publication every this many wall-clock ms: the node state and the report in turns. */
const TURN_MS = 125;

/**
 * The editor's side of the simulation: starts runs in the worker, drives the playback clock from animation
 * frames, asks the worker for frames ahead of what is shown, and hands messages to the packet layer. A scrub back
 * in time re-runs from 0 with the same seed, which reproduces the same run exactly.
 */
export class SimClient implements PacketSource {
  private runId = 0;
  private clock = new PlaybackClock(60_000);
  private reachedMs = 0;
  private inFlight = false;
  private doc: TopologyDocument | null = null;
  private seekTarget: number | null = null;
  private raf = 0;
  private lastPublish = 0;
  private snapshot: SimSnapshot;
  private listeners = new Set<Listener>();
  private batchListeners = new Set<(batch: MessageBatch) => void>();
  private resetListeners = new Set<() => void>();
  private faultListeners = new Set<(fault: Fault) => void>();

  constructor(
    private readonly worker: WorkerLike,
    private readonly frames: {
      request(fn: (wallMs: number) => void): number;
      cancel(id: number): void;
    } = { request: (fn) => requestAnimationFrame(fn), cancel: (id) => cancelAnimationFrame(id) },
  ) {
    this.snapshot = {
      status: 'idle',
      runId: 0,
      timeMs: 0,
      durationMs: 60_000,
      seed: 1,
      speed: 1,
      samples: [],
      report: null,
      live: null,
      nodeIds: [],
      edgeIds: [],
      problems: [],
      error: null,
      seeking: false,
      seekTargetMs: 0,
      dataTimeMs: 0,
    };
    worker.addEventListener('message', (e) => this.onMessage(e.data));
  }

  /** The document the current run started from (or adopted after recording a live fault in it). */
  get runDocument(): TopologyDocument | null {
    return this.doc;
  }

  /** The document now holds this run's live faults too: it still describes the run. */
  adoptDocument(doc: TopologyDocument): void {
    this.doc = doc;
    this.publish({});
  }

  // --- PacketSource ---
  currentTimeMs(): number {
    return this.clock.timeMs;
  }
  edgeIds(): readonly string[] {
    return this.snapshot.edgeIds;
  }
  subscribe(fn: (batch: MessageBatch) => void): () => void {
    this.batchListeners.add(fn);
    return () => this.batchListeners.delete(fn);
  }
  onReset(fn: () => void): () => void {
    this.resetListeners.add(fn);
    return () => this.resetListeners.delete(fn);
  }

  // --- snapshot for React (useSyncExternalStore) ---
  getSnapshot = (): SimSnapshot => this.snapshot;
  subscribeSnapshot = (fn: Listener): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  /** Called with each fault the worker injected (with its final `atMs`), to record it in the document. */
  onFaultInjected(fn: (fault: Fault) => void): () => void {
    this.faultListeners.add(fn);
    return () => this.faultListeners.delete(fn);
  }

  /**
   * What the latest frames changed for React, held back while playing and shown in turns (see
   * publishWhilePlaying). The worker answers every few frames, and re-rendering the dashboard that often, or the
   * node state in the same frame as it, would cost the main thread the frames it needs for packets.
   */
  private pendingLive: Pick<SimSnapshot, 'live'> | null = null;
  private pendingData: Pick<SimSnapshot, 'samples' | 'report'> | null = null;
  private liveTurn = true;

  private publish(partial: Partial<SimSnapshot>, withPending = true): void {
    const next: SimSnapshot = withPending
      ? { ...this.snapshot, ...this.pendingLive, ...this.pendingData, ...partial }
      : { ...this.snapshot, ...partial };
    if (withPending) {
      if (this.pendingData) next.dataTimeMs = next.timeMs;
      this.pendingLive = this.pendingData = null;
    }
    // Not playing, everything shows the same moment.
    if (!this.clock.playing) next.dataTimeMs = next.timeMs;
    this.snapshot = next;
    for (const l of this.listeners) l();
  }

  /**
   * While playing, one publication every TURN_MS at most, in turns: the node and edge state (painted on canvases:
   * no time, so nothing else re-renders), then the report, the charts' samples and the clock together. Everything
   * the browser must lay out and paint again changes in the second turn's frame, four times a second.
   */
  private publishWhilePlaying(wall: number, timeMs: number): void {
    if (wall - this.lastPublish < TURN_MS) return;
    this.lastPublish = wall;
    if (this.liveTurn && this.pendingLive) {
      const partial = this.pendingLive;
      this.pendingLive = null;
      this.liveTurn = false;
      this.publish(partial, false);
      return;
    }
    const partial: Partial<SimSnapshot> = { ...this.pendingData, timeMs, dataTimeMs: timeMs, status: 'playing' };
    this.pendingData = null;
    this.liveTurn = true;
    this.publish(partial, false);
  }

  /** Starts a run of `doc` from 0 (paused), replacing any other. */
  load(doc: TopologyDocument, seed: number, durationMs: number): void {
    this.runId++;
    this.doc = doc;
    this.reachedMs = 0;
    this.inFlight = false;
    this.seekTarget = null;
    this.clock = new PlaybackClock(durationMs);
    this.clock.speed = this.snapshot.speed;
    for (const fn of this.resetListeners) fn();
    this.worker.postMessage({ type: 'load', runId: this.runId, doc, seed, durationMs });
    this.publish({
      status: 'loading',
      runId: this.runId,
      timeMs: 0,
      durationMs,
      seed,
      samples: [],
      report: null,
      live: null,
      problems: [],
      error: null,
      seeking: false,
    });
  }

  /** Forgets the run (a new document was opened): back to idle, nothing shown. */
  reset(): void {
    this.frames.cancel(this.raf);
    this.raf = 0;
    this.worker.postMessage({ type: 'stop', runId: this.runId });
    this.runId++;
    this.doc = null;
    this.reachedMs = 0;
    this.inFlight = false;
    this.seekTarget = null;
    this.resumeAfterSeek = false;
    this.clock = new PlaybackClock(this.snapshot.durationMs);
    for (const fn of this.resetListeners) fn();
    this.publish({
      status: 'idle',
      runId: this.runId,
      timeMs: 0,
      samples: [],
      report: null,
      live: null,
      seeking: false,
    });
  }

  play(): void {
    if (!this.doc || this.snapshot.status === 'failed') return;
    if (this.clock.timeMs >= this.clock.durationMs && this.doc) {
      this.restart();
    }
    this.clock.play(performance.now());
    this.publish({ status: 'playing' });
    this.loop();
  }

  pause(): void {
    this.clock.pause();
    this.frames.cancel(this.raf);
    this.raf = 0;
    if (this.snapshot.status === 'playing') this.publish({ status: 'paused', timeMs: this.clock.timeMs });
  }

  step(): void {
    this.pause();
    const target = Math.min(this.clock.durationMs, this.clock.timeMs + STEP_MS);
    if (this.reachedMs < target) this.request(target);
    this.clock.step(this.reachedMs);
    this.publish({ status: 'paused', timeMs: this.clock.timeMs });
  }

  restart(): void {
    if (!this.doc) return;
    const { seed, durationMs } = this.snapshot;
    this.load(this.doc, seed, durationMs);
  }

  setSpeed(speed: Speed): void {
    this.clock.setSpeed(speed, performance.now());
    this.publish({ speed });
  }

  /** Shows the run at `tMs`: forward by running on, back by re-running from 0 (same seed, same run). */
  seek(tMs: number): void {
    if (!this.doc) return;
    const t = Math.max(0, Math.min(this.clock.durationMs, tMs));
    const wasPlaying = this.clock.playing || (this.snapshot.seeking && this.resumeAfterSeek);
    if (this.snapshot.seeking && t === this.snapshot.seekTargetMs) return;
    if (t < this.reachedMs) {
      const { seed, durationMs } = this.snapshot;
      this.load(this.doc, seed, durationMs);
    }
    this.seekTarget = t;
    this.clock.pause();
    this.publish({ seeking: true, seekTargetMs: t, status: wasPlaying ? 'playing' : 'paused' });
    this.request(t);
    if (wasPlaying) this.resumeAfterSeek = true;
  }

  private resumeAfterSeek = false;

  /** Injects a fault into the running simulation at the current simulated time. */
  inject(fault: Fault): void {
    this.worker.postMessage({
      type: 'inject',
      runId: this.runId,
      fault: { ...fault, atMs: Math.max(fault.atMs, this.clock.timeMs) },
    });
  }

  dispose(): void {
    this.frames.cancel(this.raf);
    this.worker.postMessage({ type: 'stop', runId: this.runId });
    this.worker.terminate();
  }

  private request(toMs: number): void {
    if (this.inFlight || toMs <= this.reachedMs) return;
    this.inFlight = true;
    this.worker.postMessage({ type: 'advance', runId: this.runId, toMs });
  }

  /**
   * While playing, asks the worker for more once less than half of the lookahead is left, so that it answers every
   * few frames with several frames' worth rather than every frame: fewer messages for both threads to handle.
   */
  private refill(): void {
    const wanted = this.clock.wanted();
    if (this.reachedMs < this.clock.timeMs + (wanted - this.clock.timeMs) / 2) this.request(wanted);
  }

  private loop = (): void => {
    this.raf = this.frames.request((wall) => {
      this.raf = 0;
      if (!this.clock.playing) return;
      const t = this.clock.tick(wall, this.reachedMs);
      this.refill();
      if (this.clock.playing) {
        this.publishWhilePlaying(wall, t);
        this.loop();
      } else this.publish({ timeMs: t, status: t >= this.clock.durationMs ? 'done' : 'paused' });
    });
  };

  private onMessage(message: FromWorker): void {
    if (message.runId !== this.runId) return;
    switch (message.type) {
      case 'loaded':
        this.publish({
          status: this.snapshot.status === 'loading' ? 'paused' : this.snapshot.status,
          nodeIds: message.nodeIds,
          edgeIds: message.edgeIds,
          durationMs: message.durationMs,
        });
        if (this.seekTarget !== null) this.request(this.seekTarget);
        return;
      case 'frame': {
        const { frame } = message;
        this.inFlight = false;
        this.reachedMs = frame.timeMs;
        if (frame.messages.count > 0) for (const fn of this.batchListeners) fn(frame.messages);
        const samples = this.snapshot.samples;
        samples.push(...frame.samples);
        let status = this.snapshot.status;
        if (this.seekTarget !== null) {
          if (frame.timeMs >= this.seekTarget || frame.done) {
            this.clock.seek(this.seekTarget);
            this.seekTarget = null;
            if (this.resumeAfterSeek) {
              this.resumeAfterSeek = false;
              this.clock.play(performance.now());
              this.loop();
              status = 'playing';
            } else status = 'paused';
            this.publish({ seeking: false, timeMs: this.clock.timeMs, status });
          } else this.request(this.seekTarget);
        } else if (!this.clock.playing && status !== 'paused' && frame.done && this.clock.timeMs >= frame.timeMs)
          status = 'done';
        if (this.clock.playing && status === this.snapshot.status && !frame.done) {
          this.pendingLive = { live: frame.live };
          this.pendingData = { samples, report: frame.report };
        } else this.publish({ samples, report: frame.report, live: frame.live, status });
        if (this.clock.playing) this.refill();
        return;
      }
      case 'injected':
        for (const fn of this.faultListeners) fn(message.fault);
        return;
      case 'failed':
        this.clock.pause();
        this.inFlight = false;
        this.publish({ status: 'failed', problems: message.problems, error: message.message });
        return;
    }
  }
}
