/**
 * Flattening of request fields into the RPC query, the way the generated Alibaba SDKs do it:
 * arrays become `Name.1`, `Name.2`; objects inside arrays `Tag.1.Key`; numbers and booleans
 * their string form; absent values are left out.
 */

/** A value `flattenQuery` accepts. */
export type QueryValue =
  | string
  | number
  | boolean
  | undefined
  | null
  | readonly QueryValue[]
  | { readonly [key: string]: QueryValue };

/** Flattens `fields` into the string map `OpenApiRequest.query` takes. */
export function flattenQuery(fields: Record<string, QueryValue>): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (key: string, value: QueryValue): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) {
      value.forEach((item: QueryValue, i: number) => put(`${key}.${i + 1}`, item));
    } else if (typeof value === "object") {
      for (const [k, v] of Object.entries(value)) put(`${key}.${k}`, v);
    } else {
      out[key] = String(value);
    }
  };
  for (const [k, v] of Object.entries(fields)) put(k, v);
  return out;
}
