import {
  MESSAGE_OUTCOMES,
  MSG_DELIVERY,
  MSG_HANDSHAKE,
  MSG_LOOKUP,
  MSG_PROBE,
  MSG_RESPONSE,
  MSG_RETRY,
} from '../../../shared/engine/messages.js';

/**
 * How a message is drawn: one style per (kind, outcome) family. Every style is drawn as one canvas path, so the
 * number of styles bounds the fills and strokes per frame.
 */
export const STYLE_REQUEST = 0;
export const STYLE_OK = 1;
export const STYLE_ERROR = 2;
export const STYLE_RETRY = 3;
export const STYLE_LOST = 4;
export const STYLE_HANDSHAKE = 5;
export const STYLE_LOOKUP = 6;
export const STYLE_PROBE = 7;
export const STYLE_PROBE_FAILED = 8;
export const STYLE_DELIVERY = 9;
export const STYLE_COUNT = 10;

/** `dot`, `diamond`, `square` and `triangle` are filled; `ring` and `cross` are stroked. */
export type PacketShape = 'dot' | 'diamond' | 'square' | 'triangle' | 'ring' | 'cross';

export interface PacketStyle {
  label: string;
  color: string;
  shape: PacketShape;
  /** Size relative to the base packet radius. */
  scale: number;
  /** Which style an edge shows when motion is reduced and several are in flight on it: the highest wins. */
  severity: number;
}

/** Indexed by the STYLE_* codes; the order is the legend's. */
export const PACKET_STYLES: readonly PacketStyle[] = [
  { label: 'Request', color: '#3b82f6', shape: 'dot', scale: 1, severity: 2 },
  { label: 'OK answer', color: '#22c55e', shape: 'dot', scale: 1, severity: 1 },
  { label: 'Error answer', color: '#ef4444', shape: 'dot', scale: 1, severity: 7 },
  { label: 'Retry', color: '#f97316', shape: 'diamond', scale: 1.35, severity: 5 },
  { label: 'Lost or timed out', color: '#9ca3af', shape: 'cross', scale: 1.2, severity: 6 },
  { label: 'Handshake', color: '#6366f1', shape: 'square', scale: 0.85, severity: 0 },
  { label: 'DNS lookup', color: '#a855f7', shape: 'triangle', scale: 1.4, severity: 0 },
  { label: 'Health probe', color: '#94a3b8', shape: 'ring', scale: 0.9, severity: 0 },
  { label: 'Failed probe', color: '#ef4444', shape: 'ring', scale: 0.9, severity: 4 },
  { label: 'Queue delivery', color: '#14b8a6', shape: 'dot', scale: 1, severity: 1 },
];

const OUTCOME_OK = MESSAGE_OUTCOMES.indexOf('ok');
const OUTCOME_DELIVERED = MESSAGE_OUTCOMES.indexOf('delivered');
const OUTCOME_LOST = MESSAGE_OUTCOMES.indexOf('lost');

/** True for the outcomes of an answer that failed (error, rejected, unavailable). */
function failed(outcome: number): boolean {
  return outcome !== OUTCOME_OK && outcome !== OUTCOME_DELIVERED && outcome !== OUTCOME_LOST;
}

/** The STYLE_* code of a message of kind `kind` (MSG_* code) that ended with `outcome` (MESSAGE_OUTCOMES index). */
export function styleOf(kind: number, outcome: number): number {
  if (outcome === OUTCOME_LOST) return STYLE_LOST;
  switch (kind) {
    case MSG_RESPONSE:
      return failed(outcome) ? STYLE_ERROR : STYLE_OK;
    case MSG_RETRY:
      return STYLE_RETRY;
    case MSG_LOOKUP:
      return STYLE_LOOKUP;
    case MSG_PROBE:
      return failed(outcome) ? STYLE_PROBE_FAILED : STYLE_PROBE;
    case MSG_HANDSHAKE:
      return STYLE_HANDSHAKE;
    case MSG_DELIVERY:
      return STYLE_DELIVERY;
    default:
      return STYLE_REQUEST;
  }
}
