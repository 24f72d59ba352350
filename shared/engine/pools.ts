/**
 * Pooled records for the hot path, so that a running simulation allocates nothing per request. A pool keeps its
 * records in one buffer, record after record, read as 32-bit integer words (`int`) and as float64 words (`num`); what
 * one event needs of a record then shares a cache line or two instead of being spread over a dozen arrays. Records
 * are reused through a free list; word 0 of every record is its generation, which changes on every reuse so that a
 * stale event (a timer for a call that has already finished) can recognise that its record moved on.
 */

/**
 * Free-list bookkeeping shared by the record pools: a record is taken from the free list or from fresh capacity
 * (growing the buffer), and released back; its generation changes on every release.
 */
abstract class RecordPool {
  /** The records as 32-bit integer words; record i starts at word `i << shift`. */
  int = new Int32Array(0);
  /** The same memory as float64 words; record i starts at word `i << (shift - 1)`. */
  num = new Float64Array(0);
  live = 0;
  private freeList = new Int32Array(0);
  private freeTop = 0;
  private used = 0;
  private capacity = 0;

  /** `shift`: log2 of the 32-bit words in a record. */
  constructor(
    private readonly shift: number,
    capacity: number,
  ) {
    this.resize(capacity);
  }

  private resize(n: number): void {
    const buf = new ArrayBuffer((n << this.shift) * 4);
    const int = new Int32Array(buf);
    int.set(this.int);
    this.int = int;
    this.num = new Float64Array(buf);
    const freeList = new Int32Array(n);
    freeList.set(this.freeList);
    this.freeList = freeList;
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
    const w = i << this.shift;
    this.int[w] = (this.int[w] + 1) | 0;
    this.freeList[this.freeTop++] = i;
    this.live--;
  }
}

/**
 * Words of a call record (128 bytes): the fields most events read fill the first cache line, the rest the second.
 * Integer fields are 32-bit words (`Cw`); `Cf` names the float64 words.
 */
const enum Cw {
  Gen = 0,
  Req = 1,
  Parent = 2,
  Edge = 3,
  Node = 4,
  Replica = 5,
  CallerInst = 6,
  Flags = 7,
  Role = 8,
  Outcome = 9,
  Aux = 10,
  Depth = 11,
  Step = 16,
  Attempt = 17,
  Epoch = 18,
  Policy = 19,
  Failed = 20,
}

/** Float64 words of a call record (they overlay integer words 12..23). */
const enum Cf {
  SentAt = 6,
  ArrivedAt = 7,
  PrevBackoff = 11,
}

/**
 * One call: one attempt from a caller (a client user, a replica, a load balancer) to a target node over an edge.
 * The same record holds the target's side of the work (replica, dependency progress).
 */
export class CallPool extends RecordPool {
  constructor(capacity = 1024) {
    super(5, capacity);
  }

  alloc(role: number): number {
    const c = this.take();
    const w = c << 5;
    const int = this.int;
    int[w + Cw.Role] = role;
    int[w + Cw.Flags] = 0;
    int[w + Cw.Failed] = 0;
    int[w + Cw.Step] = 0;
    int[w + Cw.Aux] = -1;
    int[w + Cw.Epoch] = -1;
    int[w + Cw.Attempt] = 0;
    return c;
  }

  /** Changes on every reuse of the record. */
  gen(c: number): number {
    return this.int[(c << 5) + Cw.Gen];
  }

  setGen(c: number, v: number): void {
    this.int[(c << 5) + Cw.Gen] = v;
  }

  /** The client request the call serves. */
  req(c: number): number {
    return this.int[(c << 5) + Cw.Req];
  }

  setReq(c: number, v: number): void {
    this.int[(c << 5) + Cw.Req] = v;
  }

  /** The call (a job, a policy layer, a queue message) this one is part of, or -1 for a client attempt. */
  parent(c: number): number {
    return this.int[(c << 5) + Cw.Parent];
  }

  setParent(c: number, v: number): void {
    this.int[(c << 5) + Cw.Parent] = v;
  }

  edge(c: number): number {
    return this.int[(c << 5) + Cw.Edge];
  }

  setEdge(c: number, v: number): void {
    this.int[(c << 5) + Cw.Edge] = v;
  }

  /** The target node. */
  node(c: number): number {
    return this.int[(c << 5) + Cw.Node];
  }

  setNode(c: number, v: number): void {
    this.int[(c << 5) + Cw.Node] = v;
  }

  /** The target replica, or -1 until one is chosen. */
  replica(c: number): number {
    return this.int[(c << 5) + Cw.Replica];
  }

  setReplica(c: number, v: number): void {
    this.int[(c << 5) + Cw.Replica] = v;
  }

  /** The caller instance (a client user, a replica of the calling service). */
  callerInst(c: number): number {
    return this.int[(c << 5) + Cw.CallerInst];
  }

  setCallerInst(c: number, v: number): void {
    this.int[(c << 5) + Cw.CallerInst] = v;
  }

  /** Bit flags (simulation.ts, `Flag`). */
  flags(c: number): number {
    return this.int[(c << 5) + Cw.Flags];
  }

  setFlags(c: number, v: number): void {
    this.int[(c << 5) + Cw.Flags] = v;
  }

  /** What the record is for (simulation.ts, `Role`). */
  role(c: number): number {
    return this.int[(c << 5) + Cw.Role];
  }

  setRole(c: number, v: number): void {
    this.int[(c << 5) + Cw.Role] = v;
  }

  /** The answer, once the target has given one. */
  outcome(c: number): number {
    return this.int[(c << 5) + Cw.Outcome];
  }

  setOutcome(c: number, v: number): void {
    this.int[(c << 5) + Cw.Outcome] = v;
  }

  /** The balancer target picked for the call, or a DNS answer; -1 when none. */
  aux(c: number): number {
    return this.int[(c << 5) + Cw.Aux];
  }

  setAux(c: number, v: number): void {
    this.int[(c << 5) + Cw.Aux] = v;
  }

  /** Nesting of calls below the client request. */
  depth(c: number): number {
    return this.int[(c << 5) + Cw.Depth];
  }

  setDepth(c: number, v: number): void {
    this.int[(c << 5) + Cw.Depth] = v;
  }

  /** Progress through the dependencies (sequential) or calls still out (parallel). */
  step(c: number): number {
    return this.int[(c << 5) + Cw.Step];
  }

  setStep(c: number, v: number): void {
    this.int[(c << 5) + Cw.Step] = v;
  }

  /** Attempts made by a policy layer, or deliveries of a queue message. */
  attempt(c: number): number {
    return this.int[(c << 5) + Cw.Attempt];
  }

  setAttempt(c: number, v: number): void {
    this.int[(c << 5) + Cw.Attempt] = v;
  }

  /** The breaker epoch the attempt was admitted in, or -1. */
  epoch(c: number): number {
    return this.int[(c << 5) + Cw.Epoch];
  }

  setEpoch(c: number, v: number): void {
    this.int[(c << 5) + Cw.Epoch] = v;
  }

  /** The policy of a policy layer. */
  policy(c: number): number {
    return this.int[(c << 5) + Cw.Policy];
  }

  setPolicy(c: number, v: number): void {
    this.int[(c << 5) + Cw.Policy] = v;
  }

  /** 1 once a dependency failed. */
  failed(c: number): number {
    return this.int[(c << 5) + Cw.Failed];
  }

  setFailed(c: number, v: number): void {
    this.int[(c << 5) + Cw.Failed] = v;
  }

  sentAt(c: number): number {
    return this.num[(c << 4) + Cf.SentAt];
  }

  setSentAt(c: number, v: number): void {
    this.num[(c << 4) + Cf.SentAt] = v;
  }

  arrivedAt(c: number): number {
    return this.num[(c << 4) + Cf.ArrivedAt];
  }

  setArrivedAt(c: number, v: number): void {
    this.num[(c << 4) + Cf.ArrivedAt] = v;
  }

  /** The previous backoff delay of a policy layer (decorrelated jitter). */
  prevBackoff(c: number): number {
    return this.num[(c << 4) + Cf.PrevBackoff];
  }

  setPrevBackoff(c: number, v: number): void {
    this.num[(c << 4) + Cf.PrevBackoff] = v;
  }
}

/** Integer words of a request record (64 bytes); `Rf` names its float64 words. */
const enum Rw {
  Gen = 0,
  Client = 1,
  User = 2,
  Key = 3,
  Attempts = 4,
  Internal = 5,
}

/** Float64 words of a request record (they overlay integer words 6..15). */
const enum Rf {
  CreatedAt = 3,
  Serial = 4,
  PrevBackoff = 5,
  RequestBytes = 6,
  ResponseBytes = 7,
}

/** One logical request of a client, across all its attempts. */
export class RequestPool extends RecordPool {
  constructor(capacity = 1024) {
    super(4, capacity);
  }

  alloc(): number {
    const r = this.take();
    const w = r << 4;
    this.int[w + Rw.Attempts] = 0;
    this.int[w + Rw.Internal] = 0;
    return r;
  }

  /** Changes on every reuse of the record. */
  gen(r: number): number {
    return this.int[(r << 4) + Rw.Gen];
  }

  setGen(r: number, v: number): void {
    this.int[(r << 4) + Rw.Gen] = v;
  }

  client(r: number): number {
    return this.int[(r << 4) + Rw.Client];
  }

  setClient(r: number, v: number): void {
    this.int[(r << 4) + Rw.Client] = v;
  }

  user(r: number): number {
    return this.int[(r << 4) + Rw.User];
  }

  setUser(r: number, v: number): void {
    this.int[(r << 4) + Rw.User] = v;
  }

  key(r: number): number {
    return this.int[(r << 4) + Rw.Key];
  }

  setKey(r: number, v: number): void {
    this.int[(r << 4) + Rw.Key] = v;
  }

  attempts(r: number): number {
    return this.int[(r << 4) + Rw.Attempts];
  }

  setAttempts(r: number, v: number): void {
    this.int[(r << 4) + Rw.Attempts] = v;
  }

  /** 1 for a request a queue holds on behalf of a client request that was already answered. */
  internal(r: number): number {
    return this.int[(r << 4) + Rw.Internal];
  }

  setInternal(r: number, v: number): void {
    this.int[(r << 4) + Rw.Internal] = v;
  }

  createdAt(r: number): number {
    return this.num[(r << 3) + Rf.CreatedAt];
  }

  setCreatedAt(r: number, v: number): void {
    this.num[(r << 3) + Rf.CreatedAt] = v;
  }

  serial(r: number): number {
    return this.num[(r << 3) + Rf.Serial];
  }

  setSerial(r: number, v: number): void {
    this.num[(r << 3) + Rf.Serial] = v;
  }

  prevBackoff(r: number): number {
    return this.num[(r << 3) + Rf.PrevBackoff];
  }

  setPrevBackoff(r: number, v: number): void {
    this.num[(r << 3) + Rf.PrevBackoff] = v;
  }

  requestBytes(r: number): number {
    return this.num[(r << 3) + Rf.RequestBytes];
  }

  setRequestBytes(r: number, v: number): void {
    this.num[(r << 3) + Rf.RequestBytes] = v;
  }

  responseBytes(r: number): number {
    return this.num[(r << 3) + Rf.ResponseBytes];
  }

  setResponseBytes(r: number, v: number): void {
    this.num[(r << 3) + Rf.ResponseBytes] = v;
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
