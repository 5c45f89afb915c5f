/**
 * Reads the `Diagnostics:` section the Pulumi CLI prints at the end of an operation: one block
 * per resource (`  <type> (<name>):`, then its indented `error:`/`warning:` lines), so a row can
 * check what each resource reported.
 */

/** What one resource reported in the diagnostics section. */
export interface ResourceDiagnostics {
  /** The resource type, e.g. `pulumi-nodejs:dynamic/alicloud-kms:KmsInstance`. */
  type: string;
  /** The resource name. */
  name: string;
  /** Each `error:` message, its continuation lines joined with single spaces. */
  errors: string[];
}

const BLOCK_HEAD = /^ {2}(\S[^()]*?) \((.+)\):\s*$/;
const ENTRY = /^ {4}(error|warning|info): ?(.*)$/;

/**
 * The per-resource blocks of the last `Diagnostics:` section of `output`, in printed order.
 * Lines indented deeper than an entry continue it.
 */
export function parseDiagnostics(output: string): ResourceDiagnostics[] {
  const lines = output.split(/\r?\n/);
  const start = lines.lastIndexOf("Diagnostics:");
  if (start < 0) return [];
  const out: ResourceDiagnostics[] = [];
  let block: ResourceDiagnostics | undefined;
  let entry: { kind: string; text: string[] } | undefined;
  const flush = (): void => {
    if (block && entry?.kind === "error") block.errors.push(entry.text.join(" ").trim());
    entry = undefined;
  };
  for (const line of lines.slice(start + 1)) {
    // The section ends at the first unindented line (`Resources:`, `Duration:` …).
    if (line !== "" && !line.startsWith(" ")) break;
    const head = BLOCK_HEAD.exec(line);
    if (head) {
      flush();
      block = { type: head[1] ?? "", name: head[2] ?? "", errors: [] };
      out.push(block);
      continue;
    }
    const e = ENTRY.exec(line);
    if (e) {
      flush();
      entry = { kind: e[1] ?? "", text: [e[2] ?? ""] };
      continue;
    }
    if (entry && line.trim() !== "") entry.text.push(line.trim());
  }
  flush();
  return out;
}

/**
 * A message with what differs between resources taken out (URNs, `kst-…` ids, resource names),
 * so the messages of two resources that failed for the same reason compare equal.
 */
export function genericMessage(message: string, names: readonly string[] = []): string {
  let m = message.replace(/urn:pulumi:\S+/g, "<urn>").replace(/kst-[a-z0-9]+/g, "<id>");
  for (const n of names) if (n) m = m.split(n).join("<name>");
  return m;
}

/**
 * The first error of `output` that matches `pattern`, else the first error at all (for the
 * document's message column). Errors of KMS instances come before the stack's summary
 * ("update failed"), which names nothing.
 */
export function firstErrorLine(output: string, pattern?: RegExp): string | undefined {
  const blocks = parseDiagnostics(output);
  const isKms = (b: ResourceDiagnostics): boolean => /KmsInstance$/.test(b.type);
  const errors = [...blocks.filter(isKms), ...blocks.filter((b) => !isKms(b))].flatMap(
    (b) => b.errors,
  );
  const fallback = output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith("error:"))
    .map((l) => l.slice("error:".length).trim());
  const candidates = [...errors, ...fallback];
  return (pattern ? candidates.find((c) => pattern.test(c)) : undefined) ?? candidates[0];
}
