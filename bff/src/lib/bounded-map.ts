/**
 * A Map that holds at most `capacity` entries: adding one more drops the oldest. For the
 * process-wide caches of values that are cheap to recompute (prepared statements, cookie
 * signatures), where a bound matters more than a perfect hit rate.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(readonly capacity: number) {
    super();
    if (!(capacity >= 1)) throw new RangeError(`capacity must be at least 1: ${capacity}`);
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.capacity) this.delete(this.keys().next().value as K);
    return super.set(key, value);
  }
}
