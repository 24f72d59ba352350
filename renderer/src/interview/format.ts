/** Numbers as an estimate reads them: 1.2 k, 3.4 M, with a unit. */
export function compact(value: number, unit = ''): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '—';
  const abs = Math.abs(value);
  const [scaled, suffix] =
    abs >= 1e12
      ? [value / 1e12, ' T']
      : abs >= 1e9
        ? [value / 1e9, ' G']
        : abs >= 1e6
          ? [value / 1e6, ' M']
          : abs >= 1e3
            ? [value / 1e3, ' k']
            : [value, ' '];
  const digits = Math.abs(scaled) >= 100 ? 0 : Math.abs(scaled) >= 10 ? 1 : 2;
  const text = Number(scaled.toFixed(digits)).toString();
  return `${text}${unit ? `${suffix}${unit}` : suffix.trim()}`.trim();
}

/** Bytes with binary-free decimal units (B, kB, MB, GB, TB, PB), as capacity planning speaks. */
export function bytes(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  let v = value;
  let i = 0;
  while (Math.abs(v) >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  const digits = Math.abs(v) >= 100 || i === 0 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return `${Number(v.toFixed(digits))} ${units[i]}`;
}

/** An availability as a percentage with the nines it needs: 99.95%. */
export function percent(ratio: number): string {
  if (!Number.isFinite(ratio)) return '—';
  const p = ratio * 100;
  const digits = p >= 99.99 ? 3 : p >= 99 ? 2 : p >= 10 ? 1 : 2;
  return `${Number(p.toFixed(digits))}%`;
}

export const ms = (v: number) => (Number.isFinite(v) ? `${v >= 100 ? Math.round(v) : Number(v.toFixed(1))} ms` : '—');
