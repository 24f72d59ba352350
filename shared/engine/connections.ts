import { IntQueue } from './pools.js';

/** Tables with at most this many cells are dense arrays; larger ones assign slots on first use. */
const DENSE_LIMIT = 1 << 22;

/**
 * Open connections and free HTTP/1.1 connections of a slot sit side by side (16-bit words 2s and 2s + 1), so that a
 * request reads and updates them in one cache line and the table of a client with many users stays small. Neither
 * exceeds the HTTP/1.1 connection limit.
 */
const enum W {
  Open = 0,
  Idle = 1,
}

/**
 * Connection state of one edge for every (caller instance, target replica) pair: open connections, free HTTP/1.1
 * connections, when the newest handshake completes, whether a QUIC connection was made before (0-RTT resumption),
 * and the HTTP/1.1 requests waiting for a connection. Kept in typed arrays indexed by a slot, so that looking a pair up
 * allocates nothing.
 */
export class ConnTable {
  /** Open and free connections of each slot. */
  private counts: Int16Array;
  /** When the handshake of the newest connection of each slot completes. */
  private ready: Float64Array;
  resumed: Uint8Array;
  readonly waiting: (IntQueue | null)[] = [];
  /** Requests waiting for a connection, over all slots. */
  queued = 0;
  private readonly dense: boolean;
  private readonly slots: Map<number, number> | null;
  private used = 0;
  private capacity: number;

  constructor(
    callers: number,
    private readonly replicas: number,
  ) {
    const cells = callers * replicas;
    this.dense = cells <= DENSE_LIMIT;
    const n = this.dense ? cells : 1024;
    this.slots = this.dense ? null : new Map();
    this.capacity = n;
    this.counts = new Int16Array(2 * n);
    this.ready = new Float64Array(n);
    this.resumed = new Uint8Array(n);
  }

  /** The slot of (caller instance, replica). */
  slot(caller: number, replica: number): number {
    const key = caller * this.replicas + replica;
    if (this.dense) return key;
    let s = this.slots!.get(key);
    if (s === undefined) {
      s = this.used++;
      if (s === this.capacity) this.grow();
      this.slots!.set(key, s);
    }
    return s;
  }

  private grow(): void {
    const n = this.capacity * 2;
    const counts = new Int16Array(2 * n);
    counts.set(this.counts);
    this.counts = counts;
    const ready = new Float64Array(n);
    ready.set(this.ready);
    this.ready = ready;
    const resumed = new Uint8Array(n);
    resumed.set(this.resumed);
    this.resumed = resumed;
    this.capacity = n;
  }

  /** Open connections of `slot`. */
  open(slot: number): number {
    return this.counts[(slot << 1) + W.Open];
  }

  setOpen(slot: number, v: number): void {
    this.counts[(slot << 1) + W.Open] = v;
  }

  /** Free (open, unused) HTTP/1.1 connections of `slot`. */
  idle(slot: number): number {
    return this.counts[(slot << 1) + W.Idle];
  }

  setIdle(slot: number, v: number): void {
    this.counts[(slot << 1) + W.Idle] = v;
  }

  /** When the handshake of the newest connection of `slot` completes. */
  readyAt(slot: number): number {
    return this.ready[slot];
  }

  setReadyAt(slot: number, v: number): void {
    this.ready[slot] = v;
  }

  /** The queue of requests waiting for a connection in `slot`. */
  queue(slot: number): IntQueue {
    let q = this.waiting[slot];
    if (!q) {
      q = new IntQueue(8);
      this.waiting[slot] = q;
    }
    return q;
  }
}
