/** What the pointer is over on the canvas, and where (client pixels): the live tooltip follows it. */
export interface HoverTarget {
  kind: 'node' | 'edge';
  id: string;
  x: number;
  y: number;
}

/**
 * A tiny external store for the hovered item, so that moving the pointer re-renders the tooltip alone and never
 * the canvas.
 */
export class HoverStore {
  private target: HoverTarget | null = null;
  private listeners = new Set<() => void>();

  get = (): HoverTarget | null => this.target;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  set(target: HoverTarget | null): void {
    const t = this.target;
    if (
      t === target ||
      (t && target && t.kind === target.kind && t.id === target.id && t.x === target.x && t.y === target.y)
    )
      return;
    this.target = target;
    for (const fn of this.listeners) fn();
  }
}
