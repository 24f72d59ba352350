/**
 * The future-event list, ordered by (time, insertion sequence): events at the same time run in the order they were
 * scheduled, which keeps every run deterministic. Late events (faults) run after every ordinary event at their time.
 *
 * Events near the front sit in a calendar of time buckets, each a list sorted by (time, sequence); the bucket width
 * follows the spacing of the events that run, so that a bucket holds a few of them and both scheduling and taking
 * the next event are constant-time. Events beyond the calendar's span (long timers, a time far ahead, Infinity) and
 * events scheduled before the bucket being read wait in a binary min-heap instead; the next event is the earlier of
 * the two fronts. Everything lives in typed arrays, so scheduling allocates nothing.
 *
 * An event is a type code and two integer payloads (`a`, `b`); the engine interprets them.
 */

/** Sequence numbers of late events start here (2^50); ordinary ones never reach it. */
const LATE = 1125899906842624;

const enum Cal {
  /** Buckets in the calendar (a power of two). */
  Buckets = 4096,
  Mask = Buckets - 1,
  /** Bucket numbers stay below this (2^52), so that they are exact integers and wrap correctly with a mask. */
  MaxBucket = 4503599627370496,
  /** Bounds of the bucket width, in ms. */
  MinWidth = 1e-6,
  MaxWidth = 1e9,
  /** The width is reconsidered after this many events. */
  Window = 8192,
  /** Events a bucket should hold at the front of the calendar. */
  PerBucket = 3,
  /** Records passed in a bucket before an event goes to the heap instead. */
  MaxWalk = 32,
}

/**
 * An event's record: 32 bytes, so that what one event needs shares a cache line. Time and sequence number are the
 * float64 words 0 and 1; type, payloads and the next record in the same bucket are the int32 words 4 to 7.
 */
const enum Rec {
  Time = 0,
  Seq = 1,
  Type = 4,
  A = 5,
  B = 6,
  Next = 7,
}

export class EventQueue {
  /** Event records, as float64 words (`num`, 4 per record) and int32 words (`int`, 8 per record) of one buffer. */
  private num: Float64Array;
  private int: Int32Array;
  private capacity: number;
  /** Free records, linked through their `Next` word (-1 ends the list). */
  private freeHead = -1;
  private nextSlot = 0;
  private nextSeq = 0;
  private nextLateSeq = 0;

  // the calendar: bucket i holds its first and last record in the int32 words 4i and 4i + 1 of `ends` (-1 when
  // empty) and the time of its last record in the float64 word 2i + 1 of `lastTime`, a view of the same memory, so
  // that appending to a bucket reads one cache line
  private readonly ends: Int32Array;
  private readonly lastTime: Float64Array;
  private width = 1;
  private inv = 1;
  /** Number of the bucket being read; every event in the calendar is in a bucket from `cur` to `cur + Buckets - 1`. */
  private cur = 0;
  private inCalendar = 0;
  private taken = 0;
  private windowStart = 0;

  // the heap: records in heap order, and their times alongside so that comparisons read contiguous memory
  private heap: Int32Array;
  private key: Float64Array;
  private heapSize = 0;

  /** Payloads of the event last returned by `pop` or `next`. */
  a = 0;
  b = 0;
  t = 0;

  constructor(capacity = 1024) {
    const buf = new ArrayBuffer(capacity * 32);
    this.num = new Float64Array(buf);
    this.int = new Int32Array(buf);
    this.capacity = capacity;
    const buckets = new ArrayBuffer(Cal.Buckets * 16);
    this.ends = new Int32Array(buckets).fill(-1);
    this.lastTime = new Float64Array(buckets);
    this.heap = new Int32Array(capacity);
    this.key = new Float64Array(capacity);
  }

  private grow(): void {
    const n = this.capacity * 2;
    const buf = new ArrayBuffer(n * 32);
    const num = new Float64Array(buf);
    num.set(this.num);
    this.num = num;
    this.int = new Int32Array(buf);
    this.capacity = n;
    const heap = new Int32Array(n);
    heap.set(this.heap);
    this.heap = heap;
    const key = new Float64Array(n);
    key.set(this.key);
    this.key = key;
  }

  /**
   * Time of the next event `schedule` adds. Hot callers set it and call `schedule` rather than `push`: a fractional
   * number passed to a function that is not inlined is boxed on the heap, and one box per event adds up.
   */
  at = 0.5;

  /** Schedules an event of `type` at time `at` with payloads `a` and `b`. */
  schedule(type: number, a: number, b: number): void {
    this.insert(this.nextSeq++, type, a, b);
  }

  /** Schedules an event of `type` at time `t` with payloads `a` and `b`. */
  push(t: number, type: number, a: number, b: number): void {
    this.at = t;
    this.insert(this.nextSeq++, type, a, b);
  }

  /** Schedules an event that runs after every ordinary event at the same time (faults). */
  pushLate(t: number, type: number, a: number, b: number): void {
    this.at = t;
    this.insert(LATE + this.nextLateSeq++, type, a, b);
  }

  /** Adds an event at time `at` with sequence number `s`. */
  private insert(s: number, type: number, a: number, b: number): void {
    const t = this.at;
    let slot = this.freeHead;
    if (slot >= 0) this.freeHead = this.int[(slot << 3) + Rec.Next];
    else {
      if (this.nextSlot === this.capacity) this.grow();
      slot = this.nextSlot++;
    }
    const num = this.num;
    const int = this.int;
    num[slot << 2] = t;
    num[(slot << 2) + Rec.Seq] = s;
    const r = slot << 3;
    int[r + Rec.Type] = type;
    int[r + Rec.A] = a;
    int[r + Rec.B] = b;
    // the common cases inline: a bucket within the calendar's span, empty or with only earlier events
    const k = Math.floor(t * this.inv);
    if (this.inCalendar === 0 && k >= 0 && k < Cal.MaxBucket) this.cur = k;
    if (!(k >= this.cur && k < this.cur + Cal.Buckets)) {
      this.heapInsert(slot);
      return;
    }
    const e = (k & Cal.Mask) << 2;
    const ends = this.ends;
    const last = ends[e + 1];
    if (last < 0) ends[e] = slot;
    else {
      const lt = this.lastTime[(e >> 1) + 1];
      if (!(lt < t || (lt === t && num[(last << 2) + Rec.Seq] < s))) {
        this.placeBefore(slot, e);
        return;
      }
      int[(last << 3) + Rec.Next] = slot;
    }
    int[r + Rec.Next] = -1;
    ends[e + 1] = slot;
    this.lastTime[(e >> 1) + 1] = t;
    this.inCalendar++;
  }

  /** Puts record `slot` in its bucket when the calendar spans its time, else in the heap. */
  private file(slot: number): void {
    const t = this.num[slot << 2];
    const k = Math.floor(t * this.inv);
    if (this.inCalendar === 0 && k >= 0 && k < Cal.MaxBucket) this.cur = k;
    if (k >= this.cur && k < this.cur + Cal.Buckets) this.place(slot, (k & Cal.Mask) << 2);
    else this.heapInsert(slot);
  }

  /** Puts record `slot` into the bucket at `e` (its first word in `ends`), keeping it sorted by (time, sequence). */
  private place(slot: number, e: number): void {
    const num = this.num;
    const t = num[slot << 2];
    const s = num[(slot << 2) + Rec.Seq];
    const int = this.int;
    const ends = this.ends;
    const last = ends[e + 1];
    if (last >= 0) {
      const lt = this.lastTime[(e >> 1) + 1];
      if (!(lt < t || (lt === t && num[(last << 2) + Rec.Seq] < s))) {
        this.placeBefore(slot, e);
        return;
      }
      int[(last << 3) + Rec.Next] = slot;
    } else ends[e] = slot;
    int[(slot << 3) + Rec.Next] = -1;
    ends[e + 1] = slot;
    this.lastTime[(e >> 1) + 1] = t;
    this.inCalendar++;
  }

  /** Puts record `slot` into the non-empty bucket at `e`, before its last record. */
  private placeBefore(slot: number, e: number): void {
    const num = this.num;
    const t = num[slot << 2];
    const s = num[(slot << 2) + Rec.Seq];
    const int = this.int;
    const ends = this.ends;
    this.inCalendar++;
    let p = ends[e];
    const pt = num[p << 2];
    if (t < pt || (t === pt && s < num[(p << 2) + Rec.Seq])) {
      int[(slot << 3) + Rec.Next] = p;
      ends[e] = slot;
      return;
    }
    // somewhere strictly between the first and the last; a bucket crowded with equal times goes to the heap instead
    for (let steps = 0; ; steps++) {
      if (steps === Cal.MaxWalk) {
        this.inCalendar--;
        this.heapInsert(slot);
        return;
      }
      const q = int[(p << 3) + Rec.Next];
      const qt = num[q << 2];
      if (t < qt || (t === qt && s < num[(q << 2) + Rec.Seq])) {
        int[(slot << 3) + Rec.Next] = q;
        int[(p << 3) + Rec.Next] = slot;
        return;
      }
      p = q;
    }
  }

  private heapInsert(slot: number): void {
    const heap = this.heap;
    const key = this.key;
    const num = this.num;
    const t = num[slot << 2];
    const s = num[(slot << 2) + Rec.Seq];
    let i = this.heapSize++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = key[p];
      if (pt < t || (pt === t && num[(heap[p] << 2) + Rec.Seq] < s)) break;
      heap[i] = heap[p];
      key[i] = pt;
      i = p;
    }
    heap[i] = slot;
    key[i] = t;
  }

  /** The first record of the first bucket from `cur` that holds one; the calendar must not be empty. */
  private front(): number {
    const ends = this.ends;
    let c = this.cur;
    while (ends[(c & Cal.Mask) << 2] < 0) c++;
    this.cur = c;
    return ends[(c & Cal.Mask) << 2];
  }

  /** The record of the next event (left in place), or -1 when there is none. */
  private first(): number {
    if (this.inCalendar === 0) return this.heapSize > 0 ? this.heap[0] : -1;
    const slot = this.front();
    if (this.heapSize === 0) return slot;
    const ht = this.key[0];
    const ct = this.num[slot << 2];
    if (ht < ct || (ht === ct && this.num[(this.heap[0] << 2) + Rec.Seq] < this.num[(slot << 2) + Rec.Seq])) {
      return this.heap[0];
    }
    return slot;
  }

  /** Events waiting. */
  get size(): number {
    return this.inCalendar + this.heapSize;
  }

  /** Time of the next event, or Infinity when there is none. */
  peekTime(): number {
    const slot = this.first();
    return slot < 0 ? Infinity : this.num[slot << 2];
  }

  /** Removes the next event and returns its type; its time and payloads are in `t`, `a` and `b`. */
  pop(): number {
    return this.take(this.first());
  }

  /**
   * Removes the next event if it is at `end` or earlier and returns its type (its time and payloads are in `t`,
   * `a` and `b`); returns -1, removing nothing, when there is no such event.
   */
  next(end: number): number {
    if (this.inCalendar === 0) {
      if (this.heapSize === 0 || !(this.key[0] <= end)) return -1;
      return this.take(this.heap[0]);
    }
    // the first event of the calendar, taken here unless the heap's first comes before it
    const ends = this.ends;
    let c = this.cur;
    while (ends[(c & Cal.Mask) << 2] < 0) c++;
    this.cur = c;
    const e = (c & Cal.Mask) << 2;
    const slot = ends[e];
    const num = this.num;
    const t = num[slot << 2];
    if (this.heapSize > 0) {
      const ht = this.key[0];
      if (ht < t || (ht === t && num[(this.heap[0] << 2) + Rec.Seq] < num[(slot << 2) + Rec.Seq])) {
        return ht <= end ? this.take(this.heap[0]) : -1;
      }
    }
    if (!(t <= end)) return -1;
    const int = this.int;
    const r = slot << 3;
    const n = int[r + Rec.Next];
    ends[e] = n;
    if (n < 0) ends[e + 1] = -1;
    this.inCalendar--;
    this.t = t;
    this.a = int[r + Rec.A];
    this.b = int[r + Rec.B];
    int[r + Rec.Next] = this.freeHead;
    this.freeHead = slot;
    if (++this.taken === Cal.Window) this.adapt(t);
    return int[r + Rec.Type];
  }

  /** Removes record `slot`, the first of the calendar's front bucket or the top of the heap. */
  private take(slot: number): number {
    const int = this.int;
    const r = slot << 3;
    if (this.heapSize > 0 && this.heap[0] === slot) this.heapPop();
    else {
      const e = (this.cur & Cal.Mask) << 2;
      const n = int[r + Rec.Next];
      this.ends[e] = n;
      if (n < 0) this.ends[e + 1] = -1;
      this.inCalendar--;
    }
    const t = this.num[slot << 2];
    this.t = t;
    this.a = int[r + Rec.A];
    this.b = int[r + Rec.B];
    int[r + Rec.Next] = this.freeHead;
    this.freeHead = slot;
    if (++this.taken === Cal.Window) this.adapt(t);
    return int[r + Rec.Type];
  }

  /** Every `Window` events: a width that puts about `PerBucket` of the events run in a bucket. */
  private adapt(t: number): void {
    const span = t - this.windowStart;
    this.windowStart = t;
    this.taken = 0;
    if (!(span > 0) || !Number.isFinite(span)) return;
    let w = (Cal.PerBucket * span) / Cal.Window;
    if (w < Cal.MinWidth) w = Cal.MinWidth;
    else if (w > Cal.MaxWidth) w = Cal.MaxWidth;
    if (w < this.width * 2 && w > this.width / 2) return;
    this.rebuild(w);
  }

  /** Changes the bucket width and files the calendar's events again. */
  private rebuild(w: number): void {
    // unlink everything, earliest bucket first
    const moved: number[] = [];
    const ends = this.ends;
    const int = this.int;
    let c = this.cur;
    for (let left = this.inCalendar; left > 0; c++) {
      const e = (c & Cal.Mask) << 2;
      for (let p = ends[e]; p >= 0; p = int[(p << 3) + Rec.Next]) {
        moved.push(p);
        left--;
      }
      ends[e] = -1;
      ends[e + 1] = -1;
    }
    this.width = w;
    this.inv = 1 / w;
    this.inCalendar = 0;
    // earliest first, so that the first one filed sets the bucket being read
    for (const slot of moved) this.file(slot);
  }

  private heapPop(): void {
    const heap = this.heap;
    const key = this.key;
    const num = this.num;
    const n = --this.heapSize;
    if (n === 0) return;
    // bottom-up deletion: move the hole down along the smaller children to a leaf (one comparison a level),
    // then let the last element rise from there; it usually belongs near the bottom
    const last = heap[n];
    const lt = key[n];
    const ls = num[(last << 2) + Rec.Seq];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n) {
        const ct = key[c];
        const rt = key[r];
        if (rt < ct || (rt === ct && num[(heap[r] << 2) + Rec.Seq] < num[(heap[c] << 2) + Rec.Seq])) c = r;
      }
      heap[i] = heap[c];
      key[i] = key[c];
      i = c;
    }
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = key[p];
      if (pt < lt || (pt === lt && num[(heap[p] << 2) + Rec.Seq] < ls)) break;
      heap[i] = heap[p];
      key[i] = pt;
      i = p;
    }
    heap[i] = last;
    key[i] = lt;
  }
}
