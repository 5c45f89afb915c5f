/** True when the value or anything inside it (one or two levels down) is unknown. */
export function containsUnknown(value: object, unknown: (v: unknown) => boolean): boolean {
  return Object.values(value).some(
    (v: unknown) =>
      unknown(v) ||
      (typeof v === "object" && v !== null && Object.values(v).some((x: unknown) => unknown(x))),
  );
}
