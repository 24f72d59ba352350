import { IntQueue } from './pools.js';

/** Tables with at most this many cells are dense arrays; larger ones assign slots on first use. */
const DENSE_LIMIT = 1 << 22;

/**
 * Connection state of one edge for every (caller instance, target replica) pair: open connections, free HTTP/1.1
 * connections, when the newest handshake completes, whether a QUIC connection was made before (0-RTT resumption),
 * and the HTTP/1.1 requests waiting for a connection. Kept in typed arrays indexed by a slot, so that looking a pair up
 * allocates nothing.
 */
export class ConnTable {
  open: Int32Array;
  idle: Int32Array;
  readyAt: Float64Array;
  resumed: Uint8Array;
  readonly waiting: (IntQueue | null)[] = [];
  private readonly dense: boolean;
  private readonly slots: Map<number, number> | null;
  private used = 0;

  constructor(
    callers: number,
    private readonly replicas: number,
  ) {
    const cells = callers * replicas;
    this.dense = cells <= DENSE_LIMIT;
    const n = this.dense ? cells : 1024;
    this.slots = this.dense ? null : new Map();
    this.open = new Int32Array(n);
    this.idle = new Int32Array(n);
    this.readyAt = new Float64Array(n);
    this.resumed = new Uint8Array(n);
  }

  /** The slot of (caller instance, replica). */
  slot(caller: number, replica: number): number {
    const key = caller * this.replicas + replica;
    if (this.dense) return key;
    let s = this.slots!.get(key);
    if (s === undefined) {
      s = this.used++;
      if (s === this.open.length) this.grow();
      this.slots!.set(key, s);
    }
    return s;
  }

  private grow(): void {
    const n = this.open.length * 2;
    const open = new Int32Array(n);
    const idle = new Int32Array(n);
    const readyAt = new Float64Array(n);
    const resumed = new Uint8Array(n);
    open.set(this.open);
    idle.set(this.idle);
    readyAt.set(this.readyAt);
    resumed.set(this.resumed);
    this.open = open;
    this.idle = idle;
    this.readyAt = readyAt;
    this.resumed = resumed;
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
