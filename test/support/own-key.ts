/**
 * Sets `key` on `target` as an own, enumerable, writable data property. Plain assignment would
 * send a key such as `__proto__` to the prototype instead (and `toString` would shadow a method
 * only by accident): tests build tag maps with such keys through this one helper.
 */
export function putOwn<T extends object>(target: T, key: string, value: unknown): T {
  return Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
