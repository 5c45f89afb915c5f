/**
 * An assumed role's sessions in-process, against the emulator's STS over real HTTP (a loopback
 * address, where `http://` is accepted) with the real `@alicloud/openapi-client`: `AssumeRole`
 * goes through the same `SignedCaller` and retry policy as every KMS call, so a transient fault
 * (5xx, throttling, a connection reset, a gateway page that is not JSON) is retried within the
 * same budget and a definite refusal is one request and one sentence; a session is assumed again
 * before it ends, and once when KMS says its token expired.
 */
import {
  DEFAULT_SEED_IDS,
  EMULATOR_ACCOUNT_ID,
  OTHER_ACCOUNT_KEY,
  emulatorRoleArn,
  startEmulator,
  type FaultSpec,
  type RunningEmulator,
} from "../../../emulator";
import { KmsClient } from "../../../provider/kms/client";
import { credentialsFor, renewalTime } from "../../../provider/kms/credentials";
import { RateController } from "../../../provider/kms/limiter";
import { clearSessions, sessionFor } from "../../../provider/kms/session";
import { resolveKmsSettings, type KmsSettings } from "../../../provider/kms/settings";
import { failure } from "../../support/rejection";

const ROLE = emulatorRoleArn(EMULATOR_ACCOUNT_ID);
const ID = DEFAULT_SEED_IDS.connected;
let emu: RunningEmulator;
/** Sessions the emulator had minted before the test (its list is never reset). */
let mintedBefore = 0;
const minted = (): number => emu.issuedSessions().length - mintedBefore;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  clearSessions();
  await emu?.close();
});
beforeEach(() => {
  clearSessions();
  emu.control.reset();
  mintedBefore = emu.issuedSessions().length;
});

/** Settings of the other account's keys assuming the emulator account's role, STS over HTTP. */
function roleSettings(over: Record<string, string> = {}): KmsSettings {
  const config: Record<string, string | undefined> = {
    "alicloud:region": "cn-hangzhou",
    "alicloud:accessKey": OTHER_ACCOUNT_KEY.accessKeyId,
    "alicloud:secretKey": OTHER_ACCOUNT_KEY.accessKeySecret,
    "alicloud:assumeRole": JSON.stringify({ roleArn: ROLE, sessionName: "in-process" }),
    "alicloud-kms:endpoint": emu.endpointTemplate,
    "alicloud-kms:stsEndpoint": emu.url,
    "alicloud-kms:bssEndpoint": emu.url,
    "alicloud-kms:retryTimeoutSeconds": "5",
    ...over,
  };
  return resolveKmsSettings({ config: (k) => config[k], env: {} });
}

/** The session's client, as the provider gets it. */
const client = (settings = roleSettings()): KmsClient => sessionFor(settings).client(settings);

/** How many requests of `action` the emulator saw (connection resets included). */
const asked = (action: string): number =>
  emu.control.requests().filter((r) => r.action === action).length;

function secretFree(err: unknown): void {
  const everything = JSON.stringify(err, Object.getOwnPropertyNames(err)) + String(err);
  expect(everything).not.toContain(OTHER_ACCOUNT_KEY.accessKeySecret);
  expect(everything).not.toContain(OTHER_ACCOUNT_KEY.accessKeyId);
  for (const s of emu.issuedSessions()) {
    expect(everything).not.toContain(s.accessKeySecret);
    expect(everything).not.toContain(s.securityToken);
  }
}

describe("AssumeRole is retried like every call", () => {
  const transient: [string, FaultSpec][] = [
    ["an HTTP 503", { failNext: { code: "ServiceUnavailable", status: 503, count: 1 } }],
    ["a connection reset", { resetNext: 1 }],
    ["STS throttling", { failNext: { code: "Throttling.User", status: 400, count: 1 } }],
    ["an HTML 502 from a gateway", { nonJson5xxNext: 1 }],
  ];
  it.each(transient)(
    "one %s, then success: the call succeeds, AssumeRole asked twice",
    async (_what, fault) => {
      emu.control.setFaults({ actions: ["AssumeRole"], ...fault });
      const got = await client().getKmsInstance(ID);
      expect(got.InstanceId).toBe(ID);
      expect(asked("AssumeRole")).toBe(2);
      expect(minted()).toBe(1);
      expect(asked("GetKmsInstance")).toBe(1);
    },
  );

  it("a persistent 503 fails after the budget, naming the attempts; no KMS call is made", async () => {
    emu.control.setFaults({
      actions: ["AssumeRole"],
      failRatio: { code: "ServiceUnavailable", status: 503, ratio: 1 },
    });
    const settings = roleSettings({ "alicloud-kms:retryTimeoutSeconds": "1" });
    const err = await failure(client(settings).getKmsInstance(ID));
    expect(err.kind).toBe("auth");
    const tries = asked("AssumeRole");
    expect(tries).toBeGreaterThan(1);
    expect(err.message).toMatch(
      new RegExp(
        `^could not assume RAM role ${ROLE} \\(alicloud:assumeRole\\): STS AssumeRole at ` +
          `${emu.url} \\(alicloud-kms:stsEndpoint\\) failed: STS answered ServiceUnavailable: ` +
          `.* \\(gave up after ${tries} attempts over \\d+\\.\\d s\\)$`,
      ),
    );
    expect(asked("GetKmsInstance")).toBe(0);
    secretFree(err);
  });

  it("NoPermission is one request and one clear sentence", async () => {
    emu.control.setFaults({
      actions: ["AssumeRole"],
      failRatio: {
        code: "NoPermission",
        status: 403,
        ratio: 1,
        message: "You are not authorized to do this action. You should be authorized by RAM.",
      },
    });
    const err = await failure(client().getKmsInstance(ID));
    expect(asked("AssumeRole")).toBe(1);
    expect(err.message).toMatch(
      new RegExp(
        `^could not assume RAM role ${ROLE} \\(alicloud:assumeRole\\): STS AssumeRole at ` +
          `${emu.url} \\(alicloud-kms:stsEndpoint\\) failed: STS answered NoPermission: You are ` +
          `not authorized to do this action\\. You should be authorized by RAM\\. ` +
          `\\(request id [^)]+\\)$`,
      ),
    );
    expect(err.message).not.toMatch(/gave up/);
    expect(asked("GetKmsInstance")).toBe(0);
    secretFree(err);
  });

  it("a role that does not exist (the emulator's own refusal) is one request too", async () => {
    const missing = ROLE.replace("emulator-role", "no-such-role");
    const settings = roleSettings({
      "alicloud:assumeRole": JSON.stringify({ roleArn: missing }),
    });
    const err = await failure(client(settings).getKmsInstance(ID));
    expect(asked("AssumeRole")).toBe(1);
    expect(err.message).toContain(`could not assume RAM role ${missing}`);
    expect(err.message).toContain("STS answered EntityNotExist.Role");
    secretFree(err);
  });

  it("one AssumeRole serves parallel calls", async () => {
    const c = client();
    await Promise.all(Array.from({ length: 5 }, () => c.getKmsInstance(ID)));
    expect(asked("AssumeRole")).toBe(1);
    expect(asked("GetKmsInstance")).toBe(5);
  });
});

describe("a session is renewed before it ends", () => {
  it("renews 15 minutes before the end, or half-way through a shorter session", () => {
    expect(renewalTime(0, 3600_000)).toBe(2700_000);
    expect(renewalTime(0, 900_000)).toBe(450_000);
  });

  /** A client whose session clock the test moves. */
  function clocked(): { client: KmsClient; advance: (ms: number) => void } {
    let now = Date.now();
    const settings = roleSettings({
      "alicloud:assumeRole": JSON.stringify({ roleArn: ROLE, sessionExpiration: 900 }),
    });
    const limiter = new RateController();
    const credentials = credentialsFor(settings, limiter, () => now);
    return {
      client: new KmsClient(settings, { shared: { credentials, limiter } }),
      advance: (ms) => {
        now += ms;
      },
    };
  }

  it("a session near its end is assumed again before the next call", async () => {
    const { client: c, advance } = clocked();
    await c.getKmsInstance(ID);
    advance(400_000);
    await c.getKmsInstance(ID);
    expect(asked("AssumeRole")).toBe(1);
    advance(60_000); // 460 s of 900: past half-way
    await c.getKmsInstance(ID);
    expect(asked("AssumeRole")).toBe(2);
    expect(minted()).toBe(2);
    await c.getKmsInstance(ID);
    expect(asked("AssumeRole")).toBe(2);
  });

  it("a renewal that fails keeps the session while it lasts, then fails clearly", async () => {
    const { client: c, advance } = clocked();
    await c.getKmsInstance(ID);
    emu.control.setFaults({
      actions: ["AssumeRole"],
      failRatio: { code: "NoPermission", status: 403, ratio: 1 },
    });
    advance(460_000);
    await c.getKmsInstance(ID); // the old session still has 440 s
    expect(asked("AssumeRole")).toBe(2);
    advance(400_000); // 40 s left: no longer kept
    const err = await failure(c.getKmsInstance(ID));
    expect(err.message).toMatch(/^could not assume RAM role .* STS answered NoPermission/);
    expect(asked("GetKmsInstance")).toBe(2);
  });
});

describe("InvalidSecurityToken.Expired from KMS", () => {
  it("assumes the role once more and retries the call once", async () => {
    const c = client();
    await c.getKmsInstance(ID);
    emu.control.setFaults({
      actions: ["GetKmsInstance"],
      failNext: { code: "InvalidSecurityToken.Expired", status: 400, count: 1 },
    });
    expect((await c.getKmsInstance(ID)).InstanceId).toBe(ID);
    expect(asked("AssumeRole")).toBe(2);
    expect(asked("GetKmsInstance")).toBe(3);
    expect(minted()).toBe(2);
  });

  it("parallel calls refused together share one new session", async () => {
    const c = client();
    await c.getKmsInstance(ID);
    emu.control.setFaults({
      actions: ["GetKmsInstance"],
      failNext: { code: "InvalidSecurityToken.Expired", status: 400, count: 4 },
    });
    await Promise.all(Array.from({ length: 4 }, () => c.getKmsInstance(ID)));
    expect(asked("AssumeRole")).toBe(2);
  });

  it("refused again on the new session, the call fails with the service's code", async () => {
    const c = client();
    await c.getKmsInstance(ID);
    emu.control.setFaults({
      actions: ["GetKmsInstance"],
      failNext: { code: "InvalidSecurityToken.Expired", status: 400, count: 2 },
    });
    const err = await failure(c.getKmsInstance(ID));
    expect(err.code).toBe("InvalidSecurityToken.Expired");
    expect(asked("AssumeRole")).toBe(2);
    expect(asked("GetKmsInstance")).toBe(3);
  });

  it("with static keys (no role to assume) it is the call's failure at once", async () => {
    const settings = roleSettings({ "alicloud:assumeRole": "" });
    expect(settings.assumeRole).toBeUndefined();
    emu.control.setFaults({
      actions: ["GetKmsInstance"],
      failNext: { code: "InvalidSecurityToken.Expired", status: 400, count: 1 },
    });
    const err = await failure(client(settings).getKmsInstance(ID));
    expect(err.code).toBe("InvalidSecurityToken.Expired");
    expect(asked("GetKmsInstance")).toBe(1);
    expect(asked("AssumeRole")).toBe(0);
  });
});
