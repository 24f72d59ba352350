/** Fewer points for a line that should look the same: the extremes of each bucket, so no spike is lost. */

/** A line's points: x and y of the same length; NaN in y is a gap. */
export interface Points {
  x: number[];
  y: number[];
}

/**
 * At most `maxPoints` points of a line (plus one per gap): the points are cut into buckets of consecutive
 * points and each bucket keeps its lowest and its highest point, in order; a bucket with no value keeps a gap.
 * A line that already has few enough points is returned as it is.
 */
export function downsample(x: ArrayLike<number>, y: ArrayLike<number>, maxPoints = 400): Points {
  const n = Math.min(x.length, y.length);
  if (n <= maxPoints)
    return { x: Array.from({ length: n }, (_, i) => x[i]!), y: Array.from({ length: n }, (_, i) => y[i]!) };
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const out: Points = { x: [], y: [] };
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    let lo = -1;
    let hi = -1;
    for (let i = from; i < to; i++) {
      const v = y[i]!;
      if (Number.isNaN(v)) continue;
      if (lo < 0 || v < y[lo]!) lo = i;
      if (hi < 0 || v > y[hi]!) hi = i;
    }
    if (lo < 0) {
      if (!Number.isNaN(out.y.at(-1) ?? Number.NaN) || out.y.length === 0) {
        out.x.push(x[from]!);
        out.y.push(Number.NaN);
      }
      continue;
    }
    const first = Math.min(lo, hi);
    const second = Math.max(lo, hi);
    out.x.push(x[first]!);
    out.y.push(y[first]!);
    if (second !== first) {
      out.x.push(x[second]!);
      out.y.push(y[second]!);
    }
  }
  return out;
}
