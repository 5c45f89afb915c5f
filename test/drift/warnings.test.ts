/** Operator warnings: their kind, their text, and which instance they are about. */
import { attributeWarnings, cleanDiagnostic, warningKind } from "../../drift/warnings";
import { operatorMessages } from "../../provider/instance";

/** The warnings alone. */
const operatorWarnings = (...a: Parameters<typeof operatorMessages>): string[] =>
  operatorMessages(...a).warnings;

const A = { urn: "urn:pulumi:dev::p::t::a", kmsInstanceId: "kst-aaa" };
const B = { urn: "urn:pulumi:dev::p::t::b", kmsInstanceId: "kst-bbb" };

describe("warningKind", () => {
  it("classifies the provider's own status and expiry sentences", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const [status, expiry] = operatorWarnings(
      {
        kmsInstanceId: "kst-aaa",
        region: "cn-hangzhou",
        managedProperties: [],
        status: "Disconnected",
        endDate: "2026-01-06T00:00:00Z",
      },
      now,
      30,
    );
    expect(warningKind(status ?? "")).toBe("status");
    expect(warningKind(expiry ?? "")).toBe("expiry");
    const [expired] = operatorWarnings(
      {
        kmsInstanceId: "kst-a",
        region: "r",
        managedProperties: [],
        endDate: "2025-01-01T00:00:00Z",
      },
      now,
      30,
    );
    expect(warningKind(expired ?? "")).toBe("expiry");
  });

  it("recognises quota warnings and leaves anything else as other", () => {
    expect(warningKind("KMS instance kst-a uses 95% of its key quota")).toBe("quota");
    expect(warningKind("something else entirely")).toBe("other");
  });
});

describe("cleanDiagnostic", () => {
  it("drops colour codes, the provider's label and whitespace", () => {
    expect(cleanDiagnostic("  \u001b[33mwarning: \u001b[0mKMS instance kst-a is late \n")).toBe(
      "KMS instance kst-a is late",
    );
    expect(cleanDiagnostic("<{%fg 3%}>warning: x<{%reset%}>")).toBe("x");
    expect(cleanDiagnostic("error: GetKmsInstance failed\n")).toBe("GetKmsInstance failed");
  });
});

describe("attributeWarnings", () => {
  it("uses the URN first, then the instance id in the text, else the stack; once per place", () => {
    const got = attributeWarnings(
      [
        { message: "warning: KMS instance kst-bbb (cn-hangzhou) is in status Error" },
        { urn: A.urn, message: "a message naming kst-bbb but attached to a" },
        { message: "warning: KMS instance kst-bbb (cn-hangzhou) is in status Error" },
        { message: "warning: a deprecation nobody owns" },
        { message: "   " },
      ],
      [A, B],
    );
    expect(got.byUrn.get(A.urn)).toEqual([
      { kind: "other", message: "a message naming kst-bbb but attached to a" },
    ]);
    expect(got.byUrn.get(B.urn)).toEqual([
      { kind: "status", message: "KMS instance kst-bbb (cn-hangzhou) is in status Error" },
    ]);
    expect(got.stack).toEqual([{ kind: "other", message: "a deprecation nobody owns" }]);
  });

  it("never matches an instance without an id", () => {
    const got = attributeWarnings([{ message: "anything" }], [{ urn: "u", kmsInstanceId: "" }]);
    expect(got.byUrn.size).toBe(0);
    expect(got.stack).toHaveLength(1);
  });
});
