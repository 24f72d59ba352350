/**
 * The bounded stream of messages that moved on edges, for the canvas to animate and for `--trace`.
 *
 * Messages are kept in a ring of typed arrays. `drain()` hands over what was recorded since the last drain as a
 * `MessageBatch` of plain typed arrays (transferable to another thread). When the ring is full, the `onFull`
 * callback (if any) receives a batch first; otherwise the oldest messages are overwritten and counted in `dropped`.
 */

/** Kinds of message, by code. */
export const MESSAGE_KINDS = ['request', 'response', 'retry', 'lookup', 'probe', 'handshake', 'delivery'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export const MSG_REQUEST = 0;
export const MSG_RESPONSE = 1;
/** A request that is a retry of an earlier attempt. */
export const MSG_RETRY = 2;
/** A DNS lookup (forward) or its answer (back). */
export const MSG_LOOKUP = 3;
/** A health-check probe (forward) or its answer (back). */
export const MSG_PROBE = 4;
/** A connection handshake before a request (TCP, TLS, QUIC, WebSocket upgrade), drawn as one message. */
export const MSG_HANDSHAKE = 5;
/** A queue delivering a message to a consumer. */
export const MSG_DELIVERY = 6;

/** What became of a message, by code: requests are `delivered` or `lost`; responses carry their answer. */
export const MESSAGE_OUTCOMES = ['delivered', 'ok', 'error', 'rejected', 'unavailable', 'lost'] as const;
export type MessageOutcome = (typeof MESSAGE_OUTCOMES)[number];
export const MO_DELIVERED = 0;
export const MO_LOST = 5;

/** Directions, by code: 0 is source to target (a request), 1 is target to source (its answer). */
export const DIRECTIONS = ['forward', 'back'] as const;

export interface MessageBatch {
  count: number;
  /** Messages overwritten before they could be handed over. */
  dropped: number;
  /** Edge index (into the document's `edges`). */
  edge: Int32Array;
  direction: Uint8Array;
  departMs: Float64Array;
  /** Arrival time; for a lost message, the time it was dropped. */
  arriveMs: Float64Array;
  kind: Uint8Array;
  /** Serial number of the logical client request it belongs to (-1 for probes). */
  request: Float64Array;
  outcome: Uint8Array;
}

export class MessageRing {
  private edge: Int32Array;
  private direction: Uint8Array;
  private depart: Float64Array;
  private arrive: Float64Array;
  private kind: Uint8Array;
  private request: Float64Array;
  private outcome: Uint8Array;
  private start = 0;
  private count = 0;
  private dropped = 0;

  constructor(
    private readonly capacity: number,
    private readonly onFull: ((batch: MessageBatch) => void) | undefined,
  ) {
    this.edge = new Int32Array(capacity);
    this.direction = new Uint8Array(capacity);
    this.depart = new Float64Array(capacity);
    this.arrive = new Float64Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.request = new Float64Array(capacity);
    this.outcome = new Uint8Array(capacity);
  }

  push(
    edge: number,
    direction: number,
    depart: number,
    arrive: number,
    kind: number,
    request: number,
    outcome: number,
  ): void {
    if (this.count === this.capacity) {
      if (this.onFull) this.onFull(this.drain());
      else {
        this.start = (this.start + 1) % this.capacity;
        this.count--;
        this.dropped++;
      }
    }
    const i = (this.start + this.count) % this.capacity;
    this.count++;
    this.edge[i] = edge;
    this.direction[i] = direction;
    this.depart[i] = depart;
    this.arrive[i] = arrive;
    this.kind[i] = kind;
    this.request[i] = request;
    this.outcome[i] = outcome;
  }

  /** Everything recorded since the last drain, in the order it was recorded. */
  drain(): MessageBatch {
    const n = this.count;
    const pick = <T extends Int32Array | Uint8Array | Float64Array>(src: T, make: (n: number) => T): T => {
      const out = make(n);
      for (let k = 0; k < n; k++) out[k] = src[(this.start + k) % this.capacity];
      return out;
    };
    const batch: MessageBatch = {
      count: n,
      dropped: this.dropped,
      edge: pick(this.edge, (m) => new Int32Array(m)),
      direction: pick(this.direction, (m) => new Uint8Array(m)),
      departMs: pick(this.depart, (m) => new Float64Array(m)),
      arriveMs: pick(this.arrive, (m) => new Float64Array(m)),
      kind: pick(this.kind, (m) => new Uint8Array(m)),
      request: pick(this.request, (m) => new Float64Array(m)),
      outcome: pick(this.outcome, (m) => new Uint8Array(m)),
    };
    this.start = 0;
    this.count = 0;
    this.dropped = 0;
    return batch;
  }
}
