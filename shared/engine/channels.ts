/**
 * Messages in flight on one direction of one edge. Without jitter, loss or a change of latency, they arrive in the
 * order they were sent, so they wait in a FIFO and only the first of them sits in the future-event list. This keeps
 * that list small (a few entries per busy edge instead of one per message), which is what makes each event cheap.
 * A message that would arrive before the last one queued (jitter, a TCP retransmission) is scheduled on its own.
 */
export class Channel {
  arrive = new Float64Array(16);
  type = new Uint8Array(16);
  a = new Int32Array(16);
  b = new Int32Array(16);
  head = 0;
  length = 0;
  /** True while the first message's arrival is in the future-event list. */
  scheduled = false;

  /** Appends a message if it keeps the FIFO in arrival order; returns false when it would not. */
  offer(at: number, type: number, a: number, b: number): boolean {
    const cap = this.arrive.length;
    if (this.length > 0 && at < this.arrive[(this.head + this.length - 1) & (cap - 1)]) return false;
    if (this.length === cap) this.grow();
    const i = (this.head + this.length) & (this.arrive.length - 1);
    this.arrive[i] = at;
    this.type[i] = type;
    this.a[i] = a;
    this.b[i] = b;
    this.length++;
    return true;
  }

  private grow(): void {
    const cap = this.arrive.length;
    const n = cap * 2;
    const arrive = new Float64Array(n);
    const type = new Uint8Array(n);
    const a = new Int32Array(n);
    const b = new Int32Array(n);
    for (let k = 0; k < this.length; k++) {
      const j = (this.head + k) & (cap - 1);
      arrive[k] = this.arrive[j];
      type[k] = this.type[j];
      a[k] = this.a[j];
      b[k] = this.b[j];
    }
    this.arrive = arrive;
    this.type = type;
    this.a = a;
    this.b = b;
    this.head = 0;
  }

  headArrive(): number {
    return this.arrive[this.head];
  }

  /** Removes the first message; returns its slot, valid until the next `offer`. */
  shift(): number {
    const i = this.head;
    this.head = (i + 1) & (this.arrive.length - 1);
    this.length--;
    return i;
  }
}
