import { MO_LOST, type MessageBatch } from '../../../shared/engine/messages.js';
import { STYLE_LOST, styleOf } from './packetStyles.js';
import { MAX_LEVEL, idealLevel, keepFraction, sampleHash, threshold } from './sampling.js';

export interface PacketStoreOptions {
  /** Messages held before the arrays first grow. */
  initialCapacity?: number;
  /**
   * The most messages ever held. Past it, the store thins what it admits with the sampling hash (halving at a
   * time), so memory stays bounded and the sample drawn from what is left is still the deterministic one.
   */
  maxCapacity?: number;
  /** About how many messages the canvas draws; sets the sampling level of messages as they are added. */
  maxDrawn?: number;
}

const DEFAULT_INITIAL = 4096;
const DEFAULT_MAX = 1 << 17;
export const DEFAULT_MAX_DRAWN = 3000;

/**
 * The messages the canvas may still have to draw: in flight, departing later, or lost and lingering where they were
 * dropped. A structure of typed arrays (no object per message), compacted in place by `prune`.
 *
 * Fields are indexed 0..count-1 and replaced when the store grows, so read them after any `add`.
 */
export class PacketStore {
  /** Edge index of the run (the `edgeIds` the worker announced). */
  edge: Int32Array;
  direction: Uint8Array;
  departMs: Float64Array;
  /** Arrival time; for a lost message, the time it was dropped. */
  arriveMs: Float64Array;
  /** STYLE_* code (packetStyles.ts). */
  style: Uint8Array;
  /** Sampling hash (sampling.ts). */
  hash: Uint32Array;
  /** 1 when the message is in the drawn sample; decided once, when added, so a drawn packet never blinks out. */
  keep: Uint8Array;
  count = 0;
  /** Sampling level given to messages as they are added. The frame loop lowers or raises it with the load. */
  drawLevel = 0;
  /** Sampling level of admission: what it would not keep is not stored at all (0 until the store fills up). */
  admitLevel = 0;
  /** Bumped on every change of content; the canvas redraws when it moves. */
  version = 0;
  /** Messages the worker's ring overwrote before handing them over, since the last clear. */
  overwritten = 0;
  maxDrawn: number;

  private capacity: number;
  private readonly maxCapacity: number;
  private lastNow = -Infinity;
  private lastLinger = 0;
  private scratch = new Float64Array(0);

  constructor(options: PacketStoreOptions = {}) {
    this.maxCapacity = Math.max(16, options.maxCapacity ?? DEFAULT_MAX);
    this.capacity = Math.min(this.maxCapacity, Math.max(16, options.initialCapacity ?? DEFAULT_INITIAL));
    this.maxDrawn = options.maxDrawn ?? DEFAULT_MAX_DRAWN;
    this.edge = new Int32Array(this.capacity);
    this.direction = new Uint8Array(this.capacity);
    this.departMs = new Float64Array(this.capacity);
    this.arriveMs = new Float64Array(this.capacity);
    this.style = new Uint8Array(this.capacity);
    this.hash = new Uint32Array(this.capacity);
    this.keep = new Uint8Array(this.capacity);
  }

  /** Room for this many messages before the arrays grow again. */
  get allocated(): number {
    return this.capacity;
  }

  /**
   * Appends the messages of `batch`, except those that had already finished at the time of the last `prune`
   * (they would never be drawn).
   */
  add(batch: MessageBatch): void {
    const n = batch.count;
    this.overwritten += batch.dropped;
    if (n === 0) return;
    if (this.scratch.length < n) this.scratch = new Float64Array(Math.max(n, this.scratch.length * 2));
    const hashes = this.scratch;
    const { arriveMs, outcome } = batch;
    const now = this.lastNow;
    const linger = this.lastLinger;
    for (let k = 0; k < n; k++) {
      const end = outcome[k] === MO_LOST ? arriveMs[k] + linger : arriveMs[k];
      hashes[k] =
        end < now
          ? -1
          : sampleHash(batch.request[k], batch.edge[k], batch.kind[k], batch.direction[k], batch.departMs[k]);
    }
    const incoming = this.admitted(hashes, n);
    if (this.count + incoming > this.capacity) this.makeRoom(hashes, n, incoming);

    // Raise the level before deciding, so a burst is sampled from its first frame rather than after it.
    const level = idealLevel(this.onScreenAfter(batch, hashes) / keepFraction(this.admitLevel), this.maxDrawn);
    if (level > this.drawLevel) this.drawLevel = level;

    const admit = threshold(this.admitLevel);
    const draw = threshold(this.drawLevel);
    let w = this.count;
    for (let k = 0; k < n; k++) {
      const h = hashes[k];
      if (h < 0 || h >= admit) continue;
      if (w === this.capacity) break;
      this.edge[w] = batch.edge[k];
      this.direction[w] = batch.direction[k];
      this.departMs[w] = batch.departMs[k];
      this.arriveMs[w] = arriveMs[k];
      this.style[w] = styleOf(batch.kind[k], outcome[k]);
      this.hash[w] = h;
      this.keep[w] = h < draw ? 1 : 0;
      w++;
    }
    this.count = w;
    this.version++;
  }

  /**
   * Drops what has finished by `nowMs`: delivered messages once they arrive, lost ones `lingerMs` after they were
   * dropped. Keeps the order of the rest.
   */
  prune(nowMs: number, lingerMs: number): void {
    this.compact(nowMs, lingerMs);
    // Admit more again once the store has emptied well below its capacity.
    if (this.admitLevel > 0 && this.count < this.capacity / 8) this.admitLevel = Math.max(0, this.admitLevel - 4);
  }

  /** Forgets every message (a new run, or a jump back in time). */
  clear(): void {
    this.count = 0;
    this.drawLevel = 0;
    this.admitLevel = 0;
    this.overwritten = 0;
    this.lastNow = -Infinity;
    this.lastLinger = 0;
    this.version++;
  }

  /**
   * Calls `visit` with the index of every message on screen at `tMs` (departed, and not yet arrived, or lost and
   * within `lingerMs` of being dropped) and returns how many there were.
   */
  inFlightAt(tMs: number, lingerMs = 0, visit?: (index: number) => void): number {
    let seen = 0;
    for (let i = 0; i < this.count; i++) {
      if (this.departMs[i] > tMs) continue;
      const a = this.arriveMs[i];
      if ((this.style[i] === STYLE_LOST ? a + lingerMs : a) < tMs) continue;
      seen++;
      visit?.(i);
    }
    return seen;
  }

  /**
   * How many messages, stored or admitted from `batch`, will be on screen at the last departure of `batch`: the
   * same count the frame loop samples against, so both settle on the same level.
   */
  private onScreenAfter(batch: MessageBatch, hashes: Float64Array): number {
    const admit = threshold(this.admitLevel);
    let at = -Infinity;
    for (let k = 0; k < batch.count; k++) {
      const h = hashes[k];
      if (h >= 0 && h < admit && batch.departMs[k] > at) at = batch.departMs[k];
    }
    const linger = this.lastLinger;
    let seen = 0;
    for (let i = 0; i < this.count; i++) {
      if (this.departMs[i] > at) continue;
      const a = this.arriveMs[i];
      if ((this.style[i] === STYLE_LOST ? a + linger : a) >= at) seen++;
    }
    for (let k = 0; k < batch.count; k++) {
      const h = hashes[k];
      if (h < 0 || h >= admit || batch.departMs[k] > at) continue;
      const a = batch.arriveMs[k];
      if ((batch.outcome[k] === MO_LOST ? a + linger : a) >= at) seen++;
    }
    return seen;
  }

  private compact(nowMs: number, lingerMs: number): void {
    this.lastNow = nowMs;
    this.lastLinger = lingerMs;
    const { arriveMs, style } = this;
    const n = this.count;
    let w = 0;
    for (let r = 0; r < n; r++) {
      const a = arriveMs[r];
      if ((style[r] === STYLE_LOST ? a + lingerMs : a) < nowMs) continue;
      if (w !== r) this.move(r, w);
      w++;
    }
    if (w !== n) {
      this.count = w;
      this.version++;
    }
  }

  /** How many of the `n` hashed messages pass admission. */
  private admitted(hashes: Float64Array, n: number): number {
    const admit = threshold(this.admitLevel);
    let incoming = 0;
    for (let k = 0; k < n; k++) {
      const h = hashes[k];
      if (h >= 0 && h < admit) incoming++;
    }
    return incoming;
  }

  /** Grows the arrays, then prunes, then thins admission until `incoming` more fit. */
  private makeRoom(hashes: Float64Array, n: number, incoming: number): void {
    const needed = this.count + incoming;
    if (this.capacity < this.maxCapacity) {
      let size = this.capacity;
      while (size < needed && size < this.maxCapacity) size *= 2;
      this.grow(Math.min(size, this.maxCapacity));
      if (needed <= this.capacity) return;
    }
    this.compact(this.lastNow, this.lastLinger);
    if (this.count + incoming <= this.capacity) return;
    while (this.count + incoming > this.capacity * 0.75 && this.admitLevel < MAX_LEVEL) {
      this.admitLevel = Math.min(MAX_LEVEL, this.admitLevel + 4);
      const admit = threshold(this.admitLevel);
      let w = 0;
      for (let r = 0; r < this.count; r++) {
        if (this.hash[r] >= admit) continue;
        if (w !== r) this.move(r, w);
        w++;
      }
      this.count = w;
      incoming = this.admitted(hashes, n);
    }
  }

  private grow(size: number): void {
    const copy = <T extends Int32Array | Uint8Array | Uint32Array | Float64Array>(src: T, dst: T): T => {
      dst.set(src.subarray(0, this.count));
      return dst;
    };
    this.edge = copy(this.edge, new Int32Array(size));
    this.direction = copy(this.direction, new Uint8Array(size));
    this.departMs = copy(this.departMs, new Float64Array(size));
    this.arriveMs = copy(this.arriveMs, new Float64Array(size));
    this.style = copy(this.style, new Uint8Array(size));
    this.hash = copy(this.hash, new Uint32Array(size));
    this.keep = copy(this.keep, new Uint8Array(size));
    this.capacity = size;
  }

  private move(from: number, to: number): void {
    this.edge[to] = this.edge[from];
    this.direction[to] = this.direction[from];
    this.departMs[to] = this.departMs[from];
    this.arriveMs[to] = this.arriveMs[from];
    this.style[to] = this.style[from];
    this.hash[to] = this.hash[from];
    this.keep[to] = this.keep[from];
  }
}
