/**
 * Messages in flight on one direction of one edge. Without jitter, loss or a change of latency, they arrive in the
 * order they were sent, so they wait in a FIFO and only the first of them sits in the future-event list. This keeps
 * that list small (a few entries per busy edge instead of one per message), which is what makes each event cheap.
 * A message that would arrive before the last one queued (jitter, a TCP retransmission) is scheduled on its own.
 *
 * The FIFO is a ring of 16-byte records (arrival time as float64 word 0, payloads as int32 words 2 and 3) beside a
 * ring of event types, so that a message is one cache line away.
 */
export class Channel {
  /** The ring of records as float64 words (2 a message) and int32 words (4 a message) of one buffer. */
  private num = new Float64Array(32);
  private int = new Int32Array(this.num.buffer);
  private types = new Uint8Array(16);
  private head = 0;
  length = 0;
  /** True while the first message's arrival is in the future-event list. */
  scheduled = false;
  /** Arrival time of the last message queued. */
  private lastArrive = 0;
  /** The message last removed by `shift`. */
  type = 0;
  a = 0;
  b = 0;

  /** Appends a message if it keeps the FIFO in arrival order; returns false when it would not. */
  offer(at: number, type: number, a: number, b: number): boolean {
    if (this.length > 0 && at < this.lastArrive) return false;
    const cap = this.types.length;
    if (this.length === cap) this.grow();
    const i = (this.head + this.length) & (this.types.length - 1);
    this.num[i << 1] = at;
    this.int[(i << 2) + 2] = a;
    this.int[(i << 2) + 3] = b;
    this.types[i] = type;
    this.lastArrive = at;
    this.length++;
    return true;
  }

  private grow(): void {
    const cap = this.types.length;
    const num = new Float64Array(cap * 4);
    const int = new Int32Array(num.buffer);
    const types = new Uint8Array(cap * 2);
    for (let k = 0; k < this.length; k++) {
      const j = (this.head + k) & (cap - 1);
      num[k << 1] = this.num[j << 1];
      int[(k << 2) + 2] = this.int[(j << 2) + 2];
      int[(k << 2) + 3] = this.int[(j << 2) + 3];
      types[k] = this.types[j];
    }
    this.num = num;
    this.int = int;
    this.types = types;
    this.head = 0;
  }

  headArrive(): number {
    return this.num[this.head << 1];
  }

  /** Removes the first message; its type and payloads are then in `type`, `a` and `b`. */
  shift(): void {
    const i = this.head;
    this.type = this.types[i];
    this.a = this.int[(i << 2) + 2];
    this.b = this.int[(i << 2) + 3];
    this.head = (i + 1) & (this.types.length - 1);
    this.length--;
  }
}
