/**
 * Sets `record[key] = value` as an own, enumerable property. Plain assignment to a key such as
 * `__proto__` (a legal tag key) would change the prototype instead and silently drop the entry.
 */
export function putEntry<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
