/**
 * Key -> time stored, with least-recently-used eviction at `capacity` entries and freshness by `ttlMs` (MODEL §3.5
 * cdn and cache). A Map keeps insertion order, so re-inserting on use keeps the least recently used entry first.
 */
export class LruTtlCache {
  private readonly entries = new Map<number, number>();

  constructor(
    readonly capacity: number,
    readonly ttlMs: number,
  ) {}

  /** Whether a fresh entry for `key` exists at `now`; a hit refreshes its recency. */
  hit(key: number, now: number): boolean {
    const storedAt = this.entries.get(key);
    if (storedAt === undefined) return false;
    if (now - storedAt >= this.ttlMs) return false;
    this.entries.delete(key);
    this.entries.set(key, storedAt);
    return true;
  }

  store(key: number, now: number): void {
    this.entries.delete(key);
    this.entries.set(key, now);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as number;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
