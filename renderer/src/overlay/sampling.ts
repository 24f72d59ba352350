/**
 * Deterministic sampling of the packets to draw when more are in flight than the canvas can show.
 *
 * Every message gets a 32-bit hash of what identifies it. The sampling level `L` keeps the messages whose hash is
 * below 2^32 * 2^(-L/4): level 0 keeps all, every four levels halve the sample. Because the thresholds are nested,
 * a message kept at some level is kept at every lower one, and the decision is the same on every frame, every run
 * and every machine. Levels move with hysteresis so the sample does not churn around a boundary.
 *
 * The hash is of the logical request a message belongs to, so a sampled request is drawn along its whole journey
 * (every hop, its answers and its retries); messages that belong to no request (health probes) hash their edge,
 * kind, direction and departure time instead.
 */

/** Levels above this keep less than one message in 2^32. */
export const MAX_LEVEL = 128;

const THRESHOLDS = new Float64Array(MAX_LEVEL + 1);
for (let level = 0; level <= MAX_LEVEL; level++) THRESHOLDS[level] = 2 ** (32 - level / 4);

/** The hash bound of `level`: a message is kept when its hash is below it. */
export function threshold(level: number): number {
  return THRESHOLDS[level < 0 ? 0 : level > MAX_LEVEL ? MAX_LEVEL : level];
}

/** The share of messages `level` keeps. */
export function keepFraction(level: number): number {
  return threshold(level) / 2 ** 32;
}

/** Whether a message with hash `hash` is kept at `level`. */
export function keeps(hash: number, level: number): boolean {
  return hash < threshold(level);
}

/** Murmur3's finaliser: spreads every input bit over the 32 output bits. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const REQUEST_SEED = 0x9e3779b9;
const LOOSE_SEED = 0x165667b1;

/**
 * The sampling hash (an unsigned 32-bit integer) of a message: of its request serial when it has one (`request`
 * >= 0), otherwise of its edge, kind, direction and departure time.
 */
export function sampleHash(request: number, edge: number, kind: number, direction: number, departMs: number): number {
  if (request >= 0) {
    const hi = Math.floor(request / 4294967296) >>> 0;
    return fmix(fmix(hi ^ REQUEST_SEED) ^ (request >>> 0));
  }
  let h = fmix(LOOSE_SEED ^ edge);
  h = fmix(h ^ (kind * 2 + direction));
  h = fmix(h ^ ((departMs * 1024) >>> 0));
  return fmix(h ^ ((departMs / 4194304) >>> 0));
}

/** The lowest level at which about `total` messages leave at most `cap` kept. */
export function idealLevel(total: number, cap: number): number {
  if (total <= cap) return 0;
  if (cap <= 0) return MAX_LEVEL;
  let level = Math.ceil(4 * Math.log2(total / cap) - 1e-9);
  // Guard against rounding at the boundary: the level must really bring the expected sample under the cap.
  while (level < MAX_LEVEL && total * keepFraction(level) > cap) level++;
  return Math.min(level, MAX_LEVEL);
}

/** How far below `maxDrawn` the sample must fall before the level is lowered again. */
export const LOWER_AT = 0.8;

/**
 * The sampling level for the next messages when `total` are in flight and at most `maxDrawn` should be drawn:
 * raised as soon as the expected sample exceeds `maxDrawn`, lowered only once it would stay below
 * `LOWER_AT * maxDrawn` at the lower level.
 */
export function nextLevel(current: number, total: number, maxDrawn: number): number {
  const up = idealLevel(total, maxDrawn);
  if (up > current) return up;
  const down = idealLevel(total, maxDrawn * LOWER_AT);
  return down < current ? down : current;
}

/** Edge load is drawn in this many widths. */
export const LOAD_BUCKETS = 13;

/** The width class of an edge with `load` messages in flight: 0 for none, then one more per doubling. */
export function loadBucket(load: number): number {
  if (!(load >= 1)) return 0;
  const bucket = 1 + Math.floor(Math.log2(load));
  return bucket < LOAD_BUCKETS ? bucket : LOAD_BUCKETS - 1;
}

/** The stroke width, in screen pixels at zoom 1, of an edge in width class `bucket`. */
export function loadWidthPx(bucket: number): number {
  return bucket * 1.25;
}
