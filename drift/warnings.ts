/**
 * Operator warnings from the engine's diagnostic events: which kind each is, and which instance
 * it is about. The dynamic provider's warnings reach the engine through its stderr, without a
 * URN, so they are matched to instances by the instance id every warning names.
 */
import type { OperatorWarning, WarningKind } from "./report";

/** A warning diagnostic as the engine reported it. */
export interface WarningDiagnostic {
  /** The resource the engine attached it to, if any. */
  urn?: string;
  /** The message text. */
  message: string;
  /** True for an informational diagnostic (the renewal line), false or absent for a warning. */
  info?: boolean;
}

/**
 * The informational line the provider gives an instance near its end date that renews
 * automatically (`operatorMessages` in provider/instance/operator-warnings.ts): the one
 * information diagnostic the report files, beside the warnings.
 */
export const RENEWAL_INFO = /\brenews automatically then\b/;

/** The kind of a provider warning, from the words the provider uses for each. */
export function warningKind(message: string): WarningKind {
  if (/\bquota\b/i.test(message)) return "quota";
  if (/\bexpire[sd]?\b|\bexpiry\b|\bend date\b|\bends in\b/i.test(message)) return "expiry";
  if (/\bstatus\b|\bnot Connected\b/i.test(message)) return "status";
  return "other";
}

/**
 * A diagnostic as a person reads it: without colour codes, the `warning: `/`error: ` label (the
 * dynamic provider writes one; the report says the kind itself), and surrounding whitespace.
 */
export function cleanDiagnostic(message: string): string {
  // eslint-disable-next-line no-control-regex
  const plain = message.replace(/\u001b\[[0-9;]*m/g, "").replace(/<\{%[^%]*%\}>/g, "");
  return plain
    .trim()
    .replace(/^(warning|error):\s*/i, "")
    .trim();
}

/** An instance a warning may be about. */
export interface WarningTarget {
  /** The resource URN. */
  urn: string;
  /** The instance id (`kst-…`). */
  kmsInstanceId: string;
}

/** Warnings grouped by the URN they belong to; `stack` holds those naming no instance. */
export interface AttributedWarnings {
  /** URN → that instance's warnings, in arrival order, without repeats. */
  byUrn: Map<string, OperatorWarning[]>;
  /** Warnings about no instance of the stack, in arrival order, without repeats. */
  stack: OperatorWarning[];
}

/**
 * Attributes each warning to the instance whose URN the engine gave, else to the instance its
 * text names, else to the stack. A warning repeated (the engine may read an instance twice) is
 * kept once per place.
 */
export function attributeWarnings(
  diagnostics: readonly WarningDiagnostic[],
  targets: readonly WarningTarget[],
): AttributedWarnings {
  const byUrn = new Map<string, OperatorWarning[]>();
  const stack: OperatorWarning[] = [];
  const seen = new Set<string>();
  for (const d of diagnostics) {
    const message = cleanDiagnostic(d.message);
    if (message === "") continue;
    const target =
      targets.find((t) => d.urn !== undefined && t.urn === d.urn) ??
      targets.find((t) => t.kmsInstanceId !== "" && message.includes(t.kmsInstanceId));
    const place = target?.urn ?? "";
    const key = `${place}\n${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const warning: OperatorWarning = {
      kind: warningKind(message),
      ...(d.info === true ? { severity: "info" as const } : {}),
      message,
    };
    if (target === undefined) {
      stack.push(warning);
    } else {
      const list = byUrn.get(target.urn) ?? [];
      list.push(warning);
      byUrn.set(target.urn, list);
    }
  }
  return { byUrn, stack };
}
