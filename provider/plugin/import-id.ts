/**
 * The ids `pulumi import` and the `import` option accept: `kst-…` (the region comes from the
 * provider config or the environment) or `<region>/kst-…` — an import carries no inputs, so the
 * id is the only place to name another region. The resource id stored is always the bare `kst-…`.
 */

/** An import id split into the instance id and the region it names, if any. */
export interface ImportId {
  /** The bare instance id (`kst-…`). */
  kmsInstanceId: string;
  /** The region given as `<region>/`, if any. */
  region?: string;
}

/** Splits `<region>/kst-…`; any other id is returned whole. */
export function parseImportId(id: string): ImportId {
  const slash = id.indexOf("/");
  if (slash <= 0) return { kmsInstanceId: id };
  return { region: id.slice(0, slash), kmsInstanceId: id.slice(slash + 1) };
}
