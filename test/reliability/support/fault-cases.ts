/**
 * The faults of the matrix (issue 8, "Shown by"): how each is injected — an emulator fault spec,
 * a change of the stack's config, or both — and what each operation must do under it. Failures
 * must name the suspicion; none may change state.
 */
import {
  EMULATOR_ACCOUNT_ID,
  OTHER_ACCOUNT_ID,
  OTHER_ACCOUNT_KEY,
  TEST_EXPIRED_STS,
  TEST_STS,
  type FaultSpec,
  type RequestLogEntry,
  type RunningEmulator,
} from "../../../emulator";
import { ACTIONS } from "../../../emulator/actions";
import type { Expectation, Operation } from "./matrix-types";

/** A config change: a key set to a value (secret or not), or removed (`null`). */
export type ConfigChange = Record<string, { value: string; secret?: boolean } | null>;

/** One fault of the matrix. */
export interface FaultCase {
  /** Short title, the first column of the matrix. */
  title: string;
  /** How it is injected, for the document. */
  setup: string;
  /** Emulator faults set just before the command (cleared right after it). */
  emulator?: FaultSpec;
  /** Config changes made before the command (undone right after it). */
  config?: (emu: RunningEmulator) => ConfigChange;
  /**
   * Checks that the fault really happened (from the emulator's request log of the command and
   * the command's wall time), so a row cannot pass because its fault never struck. Returns a
   * problem, or undefined. `op` is the row's operation, for a fault that only some strike.
   */
  evidence?: (
    requests: readonly RequestLogEntry[],
    elapsedMs: number,
    op: Operation,
  ) => string | undefined;
  /** What each operation must do. */
  expect: Record<Operation, Expectation>;
}

/**
 * The KMS instance API's actions: emulator faults are limited to them, because STS (which the
 * provider asks whose the credentials are) is another service with its own endpoint, that a
 * KMS outage or a slow KMS gateway does not affect — the emulator merely serves both.
 */
export const KMS_ACTIONS: readonly string[] = [...ACTIONS.keys()];

/** An emulator fault on the KMS API only. */
function kms(spec: Omit<FaultSpec, "actions">): FaultSpec {
  return { actions: [...KMS_ACTIONS], ...spec };
}

/** Budget of the retry loop in every row (small, so persistent faults fail fast). */
export const RETRY_TIMEOUT_SECONDS = "4";

const count = (rs: readonly RequestLogEntry[], p: (r: RequestLogEntry) => boolean): number =>
  rs.filter(p).length;

/** A problem unless some request was answered the way `p` says. */
function struck(what: string, p: (r: RequestLogEntry) => boolean) {
  return (rs: readonly RequestLogEntry[]): string | undefined =>
    count(rs, p) > 0 ? undefined : `the fault never struck (no ${what} in the emulator's log)`;
}

function all(e: Expectation): Record<Operation, Expectation> {
  return { refresh: e, update: e, adopt: e };
}

const succeeds = (why: string): Expectation => ({ outcome: "succeeds", why });
const fails = (message: RegExp, why: string): Expectation => ({ outcome: "fails", message, why });

/** Config that swaps the stack's credentials for another set. */
function credentials(accessKeyId: string, secret: string, token?: string): ConfigChange {
  return {
    "alicloud:accessKey": { value: accessKeyId },
    "alicloud:secretKey": { value: secret, secret: true },
    "alicloud:securityToken": token === undefined ? null : { value: token, secret: true },
  };
}

/** What names another account's keys as the suspicion. */
const OTHER_ACCOUNT = /account|not visible to these credentials/i;

/** A wrong secret for the test key id: signed requests then fail their signature check. */
export const WRONG_SECRET = "NotTheEmulatorSecret0123456789xyz";

/** Every value that must never appear in CLI output, state or messages. */
export function secretValues(): string[] {
  return [
    TEST_STS.accessKeySecret,
    TEST_STS.securityToken,
    WRONG_SECRET,
    OTHER_ACCOUNT_KEY.accessKeySecret,
    TEST_EXPIRED_STS.accessKeySecret,
    TEST_EXPIRED_STS.securityToken,
  ];
}

/**
 * The faults, in the order the matrix runs them: emulator faults first, then those that change
 * config (an `up` under a config fault records that config in state, which a later plain
 * refresh would use; the runner resyncs then, and this order makes that rare).
 */
export const FAULT_CASES: readonly FaultCase[] = [
  {
    title: "persistent 5xx",
    setup: "emulator `failRatio: { ratio: 1, code: InternalFailure, status: 500 }`",
    emulator: kms({ failRatio: { ratio: 1, code: "InternalFailure", status: 500 } }),
    evidence: struck("HTTP 500", (r) => r.status === 500),
    expect: all(
      fails(/InternalFailure/, "retried within retryTimeoutSeconds, then the operation fails"),
    ),
  },
  {
    title: "resets, 2",
    setup: "emulator `resetNext: 2` (the socket is destroyed without a response)",
    emulator: kms({ resetNext: 2 }),
    evidence: struck("reset connection", (r) => r.status === 0),
    expect: all(succeeds("a reset is transient: retried")),
  },
  {
    title: "resets, persistent",
    setup: "emulator `resetNext: 100000`",
    emulator: kms({ resetNext: 100_000 }),
    evidence: struck("reset connection", (r) => r.status === 0),
    expect: all(
      fails(
        /ECONNRESET|socket hang up|connection (closed|reset|failed)/i,
        "retried within retryTimeoutSeconds, then the operation fails",
      ),
    ),
  },
  {
    title: "latency 7 s",
    setup: "emulator `latencyMs: 7000` on every KMS action (read timeout: 10 s by default)",
    emulator: kms({ latencyMs: 7000 }),
    // The emulator logs a request when it answers, which may be after the client gave up; the
    // command's own time is the evidence: no call can have been answered sooner.
    evidence: (_rs, elapsedMs) =>
      elapsedMs >= 7000 ? undefined : `the command took ${elapsedMs} ms, less than the latency`,
    expect: all(succeeds("a response within the 10 s read timeout is read")),
  },
  {
    title: "latency 12 s",
    setup: "emulator `latencyMs: 12000` on every KMS action",
    emulator: kms({ latencyMs: 12_000 }),
    expect: all(
      fails(
        /read ?timeout|readTimeoutMs/i,
        "the read timeout (10 s) expires; the message names it",
      ),
    ),
  },
  {
    title: "non-JSON 502, 2",
    setup: "emulator `nonJson5xxNext: 2` (HTTP 502 with an HTML body)",
    emulator: kms({ nonJson5xxNext: 2 }),
    evidence: struck("HTTP 502", (r) => r.status === 502),
    expect: all(succeeds("a gateway error page is transient: retried")),
  },
  {
    title: "non-JSON 502, persistent",
    setup: "emulator `nonJson5xxNext: 100000`",
    emulator: kms({ nonJson5xxNext: 100_000 }),
    evidence: struck("HTTP 502", (r) => r.status === 502),
    expect: all(
      fails(
        /not JSON|HTTP 502|502/,
        "retried within retryTimeoutSeconds, then the operation fails",
      ),
    ),
  },
  {
    title: "HTTP 200 without an instance",
    setup:
      'emulator `okBody: { body: { RequestId: "x" } }` (every call answers 200 with that body, ' +
      "as a proxy or a misrouted endpoint might)",
    emulator: kms({ okBody: { body: { RequestId: "x" } } }),
    evidence: struck("InjectedOkBody answer", (r) => r.code === "InjectedOkBody"),
    expect: all(
      fails(
        /without KmsInstance|unexpected response/i,
        "not a confirmed not-found: the operation fails naming an unexpected response",
      ),
    ),
  },
  {
    title: "the answer to a write lost",
    setup:
      "emulator `resetAfterNext: 1` on `UpdateKmsInstance`: the rename is made, then the socket " +
      "is destroyed without its answer (only the update row sends it)",
    emulator: { actions: ["UpdateKmsInstance"], resetAfterNext: 1 },
    evidence: (rs, _ms, op) =>
      op === "update"
        ? struck("lost answer", (r) => r.code === "ConnectionResetAfterAction")(rs)
        : undefined,
    expect: {
      ...all(succeeds("nothing is written, so nothing is lost")),
      update: succeeds(
        "UpdateKmsInstance sets the name, so sending it again is safe: re-sent, the rename holds " +
          "(a write that is not idempotent, ConnectKmsInstance, is never re-sent blind)",
      ),
    },
  },
  {
    title: "HTTP 200 naming another instance",
    setup:
      "emulator `okBody` on `GetKmsInstance`: every read answers 200 with another instance's " +
      "`KmsInstance` (a misrouted or caching proxy)",
    emulator: {
      actions: ["GetKmsInstance"],
      okBody: {
        body: {
          RequestId: "x",
          KmsInstance: { InstanceId: "kst-hzzsomeone0else00xxxx", Status: "Connected" },
        },
      },
    },
    evidence: struck("InjectedOkBody answer", (r) => r.code === "InjectedOkBody"),
    expect: all(
      fails(
        /not the instance asked/,
        "an answer for another instance is never taken as this one's: the operation fails naming it",
      ),
    ),
  },
  {
    title: "throttling",
    setup:
      "emulator `throttleRps: 1` (beyond 1 request/s: `Throttling.User`, HTTP 400); " +
      "`alicloud-kms:retryTimeoutSeconds` 30 for this row",
    emulator: kms({ throttleRps: 1 }),
    config: () => ({ "alicloud-kms:retryTimeoutSeconds": { value: "30" } }),
    evidence: struck("Throttling.User answer", (r) => r.code === "Throttling.User"),
    expect: all(succeeds("throttled calls are retried (backoff) until they pass")),
  },
  {
    title: "endpoint of another region",
    setup:
      "`alicloud-kms:endpoint` = the emulator's cn-shanghai URL (no `{region}`) for cn-hangzhou " +
      "instances: every instance answers `Forbidden.DKMSInstanceNotFound`",
    config: (emu) => ({ "alicloud-kms:endpoint": { value: emu.regionUrl("cn-shanghai") } }),
    evidence: struck(
      "call to cn-shanghai",
      (r) => r.region === "cn-shanghai" && r.action === "GetKmsInstance",
    ),
    expect: {
      ...all(
        fails(
          /cn-shanghai/,
          "the listing of that endpoint names another region: the operation fails naming it",
        ),
      ),
      // The never-drop case through the CLI: the suspicion, the endpoint and the promise.
      refresh: fails(
        /was reported not found by http:\S+\/cn-shanghai, but that does not show it is gone \(wrong region\): the endpoint http:\S+\/cn-shanghai answers for region cn-shanghai, not cn-hangzhou \(wrong alicloud-kms:endpoint\?\)\. Pulumi state was left unchanged/,
        "the listing of that endpoint names another region: the refresh fails naming it and " +
          "says that state was left unchanged",
      ),
    },
  },
  {
    title: "another account's keys",
    setup: "`OTHER_ACCOUNT_KEY` (a valid key of an account that owns none of the instances)",
    config: () => credentials(OTHER_ACCOUNT_KEY.accessKeyId, OTHER_ACCOUNT_KEY.accessKeySecret),
    expect: {
      // Each adopted instance names both accounts; the read-only reference, which records no
      // owner, says it is not visible to these credentials.
      refresh: fails(
        new RegExp(
          `these credentials belong to account ${OTHER_ACCOUNT_ID}; the instance was adopted ` +
            `in account ${EMULATOR_ACCOUNT_ID}|not visible to these credentials`,
        ),
        "the instances were adopted in another account: fails, naming both accounts (a " +
          "read-only reference records no owner: it may say it is not visible to these credentials)",
      ),
      update: fails(
        OTHER_ACCOUNT,
        "the instances were adopted in another account: fails, naming it (a read-only " +
          "reference records no owner: it may say it is not visible to these credentials)",
      ),
      adopt: fails(
        OTHER_ACCOUNT,
        "nothing to adopt is visible to these credentials: fails, saying so",
      ),
    },
  },
  {
    title: "no credentials",
    setup:
      "no `alicloud:accessKey`/`secretKey`/`securityToken`, an empty HOME, no `ALIBABA_CLOUD_*`/" +
      "`ALICLOUD_*` variables, ECS metadata disabled",
    config: () => ({
      "alicloud:accessKey": null,
      "alicloud:secretKey": null,
      "alicloud:securityToken": null,
    }),
    expect: all({
      ...fails(
        /alicloud:accessKey/,
        "one clear message, the same for every resource, naming the config keys that fix it",
      ),
      sameMessageForEveryResource: true,
    }),
  },
  {
    title: "wrong secret",
    setup: "the test STS key id and token with a wrong secret",
    config: () => credentials(TEST_STS.accessKeyId, WRONG_SECRET, TEST_STS.securityToken),
    evidence: struck("SignatureDoesNotMatch", (r) => r.code === "SignatureDoesNotMatch"),
    expect: all(fails(/SignatureDoesNotMatch/, "an auth error is not retried: fails at once")),
  },
  {
    title: "expired STS token",
    setup: "`TEST_EXPIRED_STS` (the emulator answers `InvalidSecurityToken.Expired`)",
    config: () =>
      credentials(
        TEST_EXPIRED_STS.accessKeyId,
        TEST_EXPIRED_STS.accessKeySecret,
        TEST_EXPIRED_STS.securityToken,
      ),
    evidence: struck(
      "InvalidSecurityToken.Expired",
      (r) => r.code === "InvalidSecurityToken.Expired",
    ),
    expect: all(
      fails(/InvalidSecurityToken\.Expired/, "an auth error is not retried: fails at once"),
    ),
  },
];
