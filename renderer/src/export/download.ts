export { downloadBlob } from '../files/download.js';

/** Puts text on the clipboard; throws with a reason a person can act on when the browser refuses. */
export async function copyText(text: string): Promise<void> {
  const clipboard = globalThis.navigator?.clipboard;
  if (!clipboard?.writeText) throw new Error('this browser gives no access to the clipboard here');
  await clipboard.writeText(text);
}

/** `12.3 kB`, `4.5 MB`: a size to read at a glance. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(bytes < 10_000 ? 1 : 0)} kB`;
  return `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 1 : 0)} MB`;
}
