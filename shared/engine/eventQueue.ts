/**
 * The future-event list: a binary min-heap ordered by (time, insertion sequence), stored in typed arrays so that
 * scheduling allocates nothing. Events at the same time run in the order they were scheduled, which keeps every
 * run deterministic.
 *
 * An event is a type code and two integer payloads (`a`, `b`); the engine interprets them.
 */
/** Sequence numbers of late events start here; ordinary ones never reach it. */
const LATE = 2 ** 50;

export class EventQueue {
  private seq: Float64Array;
  private type: Uint8Array;
  private pa: Int32Array;
  private pb: Int32Array;
  private heap: Int32Array;
  /** Times in heap order, so that comparisons read contiguous memory. */
  private key: Float64Array;
  private free: Int32Array;
  private freeTop = 0;
  private nextSlot = 0;
  private nextSeq = 0;
  private nextLateSeq = 0;
  size = 0;

  /** Payloads of the event last returned by `pop`. */
  a = 0;
  b = 0;
  t = 0;

  constructor(capacity = 1024) {
    this.seq = new Float64Array(capacity);
    this.type = new Uint8Array(capacity);
    this.pa = new Int32Array(capacity);
    this.pb = new Int32Array(capacity);
    this.heap = new Int32Array(capacity);
    this.key = new Float64Array(capacity);
    this.free = new Int32Array(capacity);
  }

  private grow(): void {
    const n = this.seq.length * 2;
    const g64 = (x: Float64Array): Float64Array => {
      const y = new Float64Array(n);
      y.set(x);
      return y;
    };
    const g32 = (x: Int32Array): Int32Array => {
      const y = new Int32Array(n);
      y.set(x);
      return y;
    };
    this.seq = g64(this.seq);
    const ty = new Uint8Array(n);
    ty.set(this.type);
    this.type = ty;
    this.pa = g32(this.pa);
    this.pb = g32(this.pb);
    this.heap = g32(this.heap);
    this.key = g64(this.key);
    this.free = g32(this.free);
  }

  /** Schedules an event of `type` at time `t` with payloads `a` and `b`. */
  push(t: number, type: number, a: number, b: number): void {
    this.insert(t, this.nextSeq++, type, a, b);
  }

  /** Schedules an event that runs after every ordinary event at the same time (faults). */
  pushLate(t: number, type: number, a: number, b: number): void {
    this.insert(t, LATE + this.nextLateSeq++, type, a, b);
  }

  private insert(t: number, s: number, type: number, a: number, b: number): void {
    let slot: number;
    if (this.freeTop > 0) slot = this.free[--this.freeTop];
    else {
      if (this.nextSlot === this.seq.length) this.grow();
      slot = this.nextSlot++;
    }
    this.seq[slot] = s;
    this.type[slot] = type;
    this.pa[slot] = a;
    this.pb[slot] = b;
    // sift up
    const heap = this.heap,
      key = this.key,
      seq = this.seq;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = key[p];
      if (pt < t || (pt === t && seq[heap[p]] < s)) break;
      heap[i] = heap[p];
      key[i] = pt;
      i = p;
    }
    heap[i] = slot;
    key[i] = t;
  }

  /** Time of the next event, or Infinity when there is none. */
  peekTime(): number {
    return this.size > 0 ? this.key[0] : Infinity;
  }

  /** Removes the next event and returns its type; its time and payloads are in `t`, `a` and `b`. */
  pop(): number {
    const heap = this.heap,
      key = this.key,
      seq = this.seq;
    const top = heap[0];
    this.t = key[0];
    this.a = this.pa[top];
    this.b = this.pb[top];
    const type = this.type[top];
    this.free[this.freeTop++] = top;
    const n = --this.size;
    if (n > 0) {
      // bottom-up deletion: move the hole down along the smaller children to a leaf (one comparison a level),
      // then let the last element rise from there; it usually belongs near the bottom
      const last = heap[n];
      const lt = key[n];
      const ls = seq[last];
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        const r = c + 1;
        if (r < n) {
          const ct = key[c];
          const rt = key[r];
          if (rt < ct || (rt === ct && seq[heap[r]] < seq[heap[c]])) c = r;
        }
        heap[i] = heap[c];
        key[i] = key[c];
        i = c;
      }
      while (i > 0) {
        const p = (i - 1) >> 1;
        const pt = key[p];
        if (pt < lt || (pt === lt && seq[heap[p]] < ls)) break;
        heap[i] = heap[p];
        key[i] = pt;
        i = p;
      }
      heap[i] = last;
      key[i] = lt;
    }
    return type;
  }
}
