/**
 * Pooled records for the hot path, stored as parallel typed arrays ("struct of arrays") so that a running
 * simulation allocates nothing per request. Records are reused through a free list; `gen` changes on every reuse so
 * that a stale event (a timer for a call that has already finished) can recognise that its record moved on.
 */

function grow<T extends Int32Array | Float64Array | Uint8Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/** Bit flags of a call. */
export const F_CALLER_DONE = 1; // the caller stopped waiting (it timed out)
export const F_SERVER_GONE = 2; // no answer will ever come (the request or the answer was lost)
export const F_HAS_TIMER = 4; // a timeout is armed for this call
export const F_CONN = 8; // holds an HTTP/1.1 connection until the caller is done with it
export const F_RETRY = 16; // the request message is a retry
export const F_WAITING = 32; // waiting for a free HTTP/1.1 connection

/** Roles of a call record. */
export const R_WIRE = 0; // a request message to a node, and that node's work on it
export const R_OP = 1; // a logical call under a caller policy (timeout, retries, breaker): its attempts are children
export const R_LOOKUP = 2; // a DNS lookup of a client user
export const R_QMSG = 3; // a message held by a queue until a consumer has taken it

/**
 * Free-list bookkeeping shared by the record pools: a record index is taken from the free list or from fresh
 * capacity (growing every array of the pool), and released back; `gen` changes on every release.
 */
abstract class RecordPool {
  gen = new Int32Array(0);
  live = 0;
  private freeList = new Int32Array(0);
  private freeTop = 0;
  private used = 0;
  private capacity = 0;

  /** Grows the pool's own arrays to `n` records; subclasses grow theirs and call this. */
  protected resize(n: number): void {
    this.gen = grow(this.gen, n);
    this.freeList = grow(this.freeList, n);
    this.capacity = n;
  }

  protected take(): number {
    let i: number;
    if (this.freeTop > 0) i = this.freeList[--this.freeTop];
    else {
      if (this.used === this.capacity) this.resize(Math.max(16, this.capacity * 2));
      i = this.used++;
    }
    this.live++;
    return i;
  }

  free(i: number): void {
    this.gen[i] = (this.gen[i] + 1) | 0;
    this.freeList[this.freeTop++] = i;
    this.live--;
  }
}

/**
 * One call: one attempt from a caller (a client user, a replica, a load balancer) to a target node over an edge.
 * The same record holds the target's side of the work (replica, dependency progress).
 */
export class CallPool extends RecordPool {
  req = new Int32Array(0);
  parent = new Int32Array(0);
  edge = new Int32Array(0);
  node = new Int32Array(0);
  replica = new Int32Array(0);
  callerInst = new Int32Array(0);
  step = new Int32Array(0);
  aux = new Int32Array(0);
  depth = new Int32Array(0);
  flags = new Uint8Array(0);
  failed = new Uint8Array(0);
  outcome = new Uint8Array(0);
  arrivedAt = new Float64Array(0);
  sentAt = new Float64Array(0);
  role = new Uint8Array(0);
  attempt = new Int32Array(0);
  prevBackoff = new Float64Array(0);
  epoch = new Int32Array(0);
  policy = new Int32Array(0);

  constructor(capacity = 1024) {
    super();
    this.resize(capacity);
  }

  protected override resize(n: number): void {
    super.resize(n);
    this.sentAt = grow(this.sentAt, n);
    this.role = grow(this.role, n);
    this.attempt = grow(this.attempt, n);
    this.prevBackoff = grow(this.prevBackoff, n);
    this.epoch = grow(this.epoch, n);
    this.policy = grow(this.policy, n);
    this.req = grow(this.req, n);
    this.parent = grow(this.parent, n);
    this.edge = grow(this.edge, n);
    this.node = grow(this.node, n);
    this.replica = grow(this.replica, n);
    this.callerInst = grow(this.callerInst, n);
    this.step = grow(this.step, n);
    this.aux = grow(this.aux, n);
    this.depth = grow(this.depth, n);
    this.flags = grow(this.flags, n);
    this.failed = grow(this.failed, n);
    this.outcome = grow(this.outcome, n);
    this.arrivedAt = grow(this.arrivedAt, n);
  }

  alloc(role: number): number {
    const c = this.take();
    this.role[c] = role;
    this.flags[c] = 0;
    this.failed[c] = 0;
    this.step[c] = 0;
    this.aux[c] = -1;
    this.epoch[c] = -1;
    this.attempt[c] = 0;
    return c;
  }
}

/** One logical request of a client, across all its attempts. */
export class RequestPool extends RecordPool {
  client = new Int32Array(0);
  user = new Int32Array(0);
  key = new Int32Array(0);
  attempts = new Int32Array(0);
  createdAt = new Float64Array(0);
  serial = new Float64Array(0);
  prevBackoff = new Float64Array(0);
  requestBytes = new Float64Array(0);
  responseBytes = new Float64Array(0);
  /** 1 for a request a queue holds on behalf of a client request that was already answered. */
  internal = new Uint8Array(0);

  constructor(capacity = 1024) {
    super();
    this.resize(capacity);
  }

  protected override resize(n: number): void {
    super.resize(n);
    this.client = grow(this.client, n);
    this.user = grow(this.user, n);
    this.key = grow(this.key, n);
    this.attempts = grow(this.attempts, n);
    this.createdAt = grow(this.createdAt, n);
    this.serial = grow(this.serial, n);
    this.prevBackoff = grow(this.prevBackoff, n);
    this.requestBytes = grow(this.requestBytes, n);
    this.responseBytes = grow(this.responseBytes, n);
    this.internal = grow(this.internal, n);
  }

  alloc(): number {
    const r = this.take();
    this.attempts[r] = 0;
    this.internal[r] = 0;
    return r;
  }
}

/** A FIFO of integers (call ids) that grows on demand; ring buffers here keep power-of-two sizes. */
export class IntQueue {
  private buf: Int32Array;
  private head = 0;
  length = 0;

  constructor(capacity = 16) {
    // a power of two, so that wrapping around is a mask
    this.buf = new Int32Array(2 ** Math.ceil(Math.log2(Math.max(2, capacity))));
  }

  push(v: number): void {
    if (this.length === this.buf.length) {
      const b = new Int32Array(this.buf.length * 2);
      for (let i = 0; i < this.length; i++) b[i] = this.buf[(this.head + i) & (this.buf.length - 1)];
      this.buf = b;
      this.head = 0;
    }
    this.buf[(this.head + this.length) & (this.buf.length - 1)] = v;
    this.length++;
  }

  shift(): number {
    const v = this.buf[this.head];
    this.head = (this.head + 1) & (this.buf.length - 1);
    this.length--;
    return v;
  }
}

/**
 * Timers that all have the same duration fire in the order they were set, so they need no heap: a FIFO of
 * (deadline, call, gen) with a single event in the future-event list for its head.
 */
export class TimerQueue {
  constructor(readonly id: number) {}
  deadline = new Float64Array(64);
  call = new Int32Array(64);
  gen = new Int32Array(64);
  private head = 0;
  length = 0;
  /** True while an event for the head is in the future-event list. */
  armed = false;

  push(deadline: number, call: number, gen: number): void {
    const cap = this.deadline.length;
    if (this.length === cap) {
      const n = cap * 2;
      const d = new Float64Array(n);
      const c = new Int32Array(n);
      const g = new Int32Array(n);
      for (let i = 0; i < this.length; i++) {
        const j = (this.head + i) & (cap - 1);
        d[i] = this.deadline[j];
        c[i] = this.call[j];
        g[i] = this.gen[j];
      }
      this.deadline = d;
      this.call = c;
      this.gen = g;
      this.head = 0;
    }
    const i = (this.head + this.length) & (this.deadline.length - 1);
    this.deadline[i] = deadline;
    this.call[i] = call;
    this.gen[i] = gen;
    this.length++;
  }

  headDeadline(): number {
    return this.deadline[this.head];
  }

  /** Index of the head entry (read `call[i]`, `gen[i]`) before `shift()`. */
  headIndex(): number {
    return this.head;
  }

  shift(): void {
    this.head = (this.head + 1) & (this.deadline.length - 1);
    this.length--;
  }
}
