/**
 * The KMS client against the local emulator: every API over real HTTP with real signing, the
 * retry policy under injected faults, error classification and secrecy, and each credential path.
 */
process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";

import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { inspect } from "util";
import {
  DEFAULT_SEED_IDS,
  OTHER_ACCOUNT_ID,
  RunningEmulator,
  startEmulator,
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
  TEST_STS,
} from "../../../emulator";
import { KMS_ACTION_TRAITS, KmsClient } from "../../../provider/kms/client";
import { clearSessions } from "../../../provider/kms/session";
import { resolveKmsSettings } from "../../../provider/kms/settings";
import { failure } from "../../support/rejection";

const CONNECTED = DEFAULT_SEED_IDS.connected; // cn-hangzhou
const UNINIT = DEFAULT_SEED_IDS.uninitialized; // cn-hangzhou
const SHANGHAI = DEFAULT_SEED_IDS.expiring; // cn-shanghai

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ connectDelayMs: 100 });
});
afterAll(async () => {
  await emu.close();
});
// Each test starts unpaced: what the shared limiter learned from one test's throttling must not
// slow the next one down.
beforeEach(() => {
  emu.control.reset();
  clearSessions();
});

function settingsWith(
  config: Record<string, string>,
  region = "cn-hangzhou",
  env: NodeJS.ProcessEnv = {},
) {
  return resolveKmsSettings({
    region,
    config: (k) =>
      ({
        "alicloud:accessKey": TEST_ACCESS_KEY_ID,
        "alicloud:secretKey": TEST_ACCESS_KEY_SECRET,
        "alicloud-kms:endpoint": emu.endpointTemplate,
        ...config,
      })[k],
    env,
  });
}

/** A client with fast retries so fault tests stay quick. */
function client(config: Record<string, string> = {}, region = "cn-hangzhou", maxElapsedMs = 5000) {
  return new KmsClient(settingsWith(config, region), {
    retry: { maxElapsedMs, baseDelayMs: 20, maxDelayMs: 200 },
  });
}

function count(action: string, status: string): number {
  return emu.control.stats().byAction[action]?.[status] ?? 0;
}

/** The `ListKmsInstances` body fields these tests read. */
type ListPage = {
  TotalCount?: number;
  KmsInstances?: { KmsInstance?: { KmsInstanceId?: string; KmsInstanceArn?: string }[] };
};

describe("every instance API", () => {
  it("GetKmsInstance returns the wire model, VpcOwnerId as an exact string", async () => {
    const inst = await client().getKmsInstance(CONNECTED);
    expect(inst.InstanceId).toBe(CONNECTED);
    expect(inst.Status).toBe("Connected");
    expect(typeof inst.KeyNum).toBe("number");
    expect(typeof inst.SecretNum).toBe("string");
    expect(inst.ZoneIds).toEqual(["cn-hangzhou-k", "cn-hangzhou-j"]);
    expect(inst.BindVpcs?.BindVpc?.map((b) => b.VpcOwnerId)).toContain(OTHER_ACCOUNT_ID);
    expect(inst.CaCertificateChainPem).toContain("\r\n");
  });

  it("reaches another region through the {region} endpoint template", async () => {
    const inst = await client({}, "cn-shanghai").getKmsInstance(SHANGHAI);
    expect(inst.InstanceId).toBe(SHANGHAI);
  });

  it("ListKmsInstances pages, with filters", async () => {
    const c = client();
    const page = (await c.listKmsInstances({ pageNumber: 1, pageSize: 1 })) as ListPage;
    expect(page.TotalCount).toBe(2);
    expect(page.KmsInstances?.KmsInstance).toHaveLength(1);
    const second = (await c.listKmsInstances({ pageNumber: 2, pageSize: 1 })) as ListPage;
    const ids = [page, second].flatMap((p) => p.KmsInstances?.KmsInstance ?? []);
    expect(ids.map((r) => r.KmsInstanceId).sort()).toEqual([CONNECTED, UNINIT].sort());
    expect(ids[0]?.KmsInstanceArn).toMatch(/^acs:kms:cn-hangzhou:\d+:keystore\/kst-/);
    expect(count("ListKmsInstances", "200")).toBe(2);
    const filtered = (await c.listKmsInstances({
      filters: [{ Key: "InstanceName", Values: ["prod-kms"] }],
    })) as ListPage;
    expect(filtered.KmsInstances?.KmsInstance?.map((r) => r.KmsInstanceId)).toEqual([CONNECTED]);
  });

  it("UpdateKmsInstanceBindVpc replaces the list; a 16-digit owner id survives exactly", async () => {
    const c = client();
    const owner = "9007199254740993"; // 2^53 + 1: Number() would turn it into ...992
    await c.updateKmsInstanceBindVpc(CONNECTED, [
      { VpcId: "vpc-a", VSwitchId: "vsw-a", RegionId: "cn-hangzhou", VpcOwnerId: owner },
    ]);
    const inst = await c.getKmsInstance(CONNECTED);
    expect(inst.BindVpcs?.BindVpc).toEqual([
      { VpcId: "vpc-a", VSwitchId: "vsw-a", RegionId: "cn-hangzhou", VpcOwnerId: owner },
    ]);
    await c.updateKmsInstanceBindVpc(CONNECTED, []);
    expect((await c.getKmsInstance(CONNECTED)).BindVpcs?.BindVpc ?? []).toEqual([]);
  });

  it("UpdateKmsInstance renames", async () => {
    const c = client();
    await c.updateKmsInstance(CONNECTED, { instanceName: "renamed kms" });
    expect((await c.getKmsInstance(CONNECTED)).InstanceName).toBe("renamed kms");
  });

  it("SetDeletionProtection turns protection on and off", async () => {
    const c = client();
    await c.setDeletionProtection(UNINIT, { enabled: true, description: "keep me" });
    let inst = await c.getKmsInstance(UNINIT);
    expect(inst.DeletionProtection).toBe(true);
    expect(inst.DeletionProtectionDescription).toBe("keep me");
    await c.setDeletionProtection(UNINIT, { enabled: false });
    inst = await c.getKmsInstance(UNINIT);
    expect(inst.DeletionProtection).toBe(false);
    expect(inst.DeletionProtectionDescription).toBeUndefined();
  });

  it("tags: set, list across NextToken pages, untag in chunks of 20", async () => {
    const c = client();
    expect(await c.listTagResources(CONNECTED)).toEqual({ env: "prod", team: "platform" });
    const many: Record<string, string> = {};
    for (let i = 0; i < 18; i++) many[`k${String(i).padStart(2, "0")}`] = `v ${i}*=&`;
    await c.tagResources(CONNECTED, many);
    emu.control.resetStats();
    const listed = await c.listTagResources(CONNECTED, { pageSize: 5 });
    expect(listed).toEqual({ env: "prod", team: "platform", ...many });
    expect(count("ListTagResources", "200")).toBe(4); // 20 rows, 5 per page
    emu.control.resetStats();
    const absent = Array.from({ length: 5 }, (_, i) => `absent${i}`);
    await c.untagResources(CONNECTED, [...Object.keys(many), "team", ...absent]);
    expect(count("UntagResources", "200")).toBe(2); // 24 keys: 20 + 4
    expect(await c.listTagResources(CONNECTED)).toEqual({ env: "prod" });
    emu.control.resetStats();
    await c.tagResources(CONNECTED, {});
    await c.untagResources(CONNECTED, []);
    expect(emu.control.stats().total).toBe(0);
  });

  it("lists a tag keyed `__proto__` as an own key, across pages, beside `constructor`", async () => {
    const c = client();
    // Connected: an Uninitialized instance has no tags to list (Rejected.Uninitialized).
    emu.control.patchInstance(UNINIT, {
      KmsInstance: { Status: "Connected" },
      Tags: Object.fromEntries([
        ["__proto__", "p"],
        ["constructor", "c"],
        ["team", "t"],
      ]),
    });
    const listed = await c.listTagResources(UNINIT, { pageSize: 1 });
    expect(Object.getPrototypeOf(listed)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(listed, "__proto__")?.value).toBe("p");
    expect(Object.entries(listed).sort()).toEqual([
      ["__proto__", "p"],
      ["constructor", "c"],
      ["team", "t"],
    ]);
  });

  it("tagResources splits more than 20 tags into calls of 20", async () => {
    const c = client();
    const many: Record<string, string> = {};
    for (let i = 0; i < 21; i++) many[`t${String(i).padStart(2, "0")}`] = "v";
    // Connected and without tags; the service caps an instance at 20 tags: the second call
    // fails, after the first went out.
    emu.control.patchInstance(UNINIT, { KmsInstance: { Status: "Connected" } });
    const err = await failure(c.tagResources(UNINIT, many));
    expect(err.kind).toBe("invalid");
    expect(count("TagResources", "200")).toBe(1);
    expect(count("TagResources", "400")).toBe(1);
    expect(Object.keys(await c.listTagResources(UNINIT))).toHaveLength(20);
  });

  it("ConnectKmsInstance moves Uninitialized to Connecting, then Connected", async () => {
    const c = client();
    await c.connectKmsInstance(UNINIT, {
      vpcId: "vpc-new",
      zoneIds: ["cn-hangzhou-k", "cn-hangzhou-j"],
      vSwitchIds: ["vsw-new"],
    });
    expect((await c.getKmsInstance(UNINIT)).Status).toBe("Connecting");
    await new Promise((r) => setTimeout(r, 250));
    const inst = await c.getKmsInstance(UNINIT);
    expect(inst.Status).toBe("Connected");
    expect(inst.VpcId).toBe("vpc-new");
    const again = await failure(
      c.connectKmsInstance(UNINIT, { vpcId: "v", zoneIds: ["a", "b"], vSwitchIds: ["s"] }),
    );
    expect(again.kind).toBe("conflict");
  });

  it("GetKmsInstanceQuotaInfos returns quota rows", async () => {
    const q = (await client().getKmsInstanceQuotaInfos(CONNECTED, "key")) as {
      KmsInstanceId?: string;
      KmsInstanceQuotaInfos?: unknown[];
    };
    expect(q.KmsInstanceId).toBe(CONNECTED);
    expect(q.KmsInstanceQuotaInfos?.[0]).toMatchObject({
      ResourceType: "key",
      ResourceQuota: 1000,
    });
  });
});

describe("not found", () => {
  it("an instance of another region is not-found, without retries", async () => {
    const err = await failure(client().getKmsInstance(SHANGHAI));
    expect(err).toMatchObject({
      kind: "not-found",
      code: "Forbidden.DKMSInstanceNotFound",
      instanceId: SHANGHAI,
      region: "cn-hangzhou",
      retryable: false,
    });
    expect(err.message).toMatch(
      new RegExp(
        `^GetKmsInstance failed for KMS instance ${SHANGHAI} in cn-hangzhou: Forbidden\\.DKMSInstanceNotFound \\(HTTP 40\\d\\): .+ \\[request id .+\\]$`,
      ),
    );
    expect(emu.control.stats().total).toBe(1);
  });

  it("a deleted instance is not-found", async () => {
    emu.control.deleteInstance(UNINIT);
    expect((await failure(client().getKmsInstance(UNINIT))).kind).toBe("not-found");
  });
});

describe("retries under faults", () => {
  it("a throttling storm (Throttling.User × 5) ends in success", async () => {
    emu.control.setFaults({ failNext: { count: 5, code: "Throttling.User", status: 400 } });
    const inst = await client().getKmsInstance(CONNECTED);
    expect(inst.InstanceId).toBe(CONNECTED);
    expect(count("GetKmsInstance", "400")).toBe(5);
    expect(count("GetKmsInstance", "200")).toBe(1);
  });

  it("throttleRps: a burst of 10 parallel reads all succeed", async () => {
    emu.control.setFaults({ throttleRps: 5 });
    const c = client({}, "cn-hangzhou", 10_000);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => c.getKmsInstance(CONNECTED)),
    );
    expect(results.every((r) => r.InstanceId === CONNECTED)).toBe(true);
    expect(count("GetKmsInstance", "200")).toBe(10);
    expect(count("GetKmsInstance", "400")).toBeGreaterThan(0);
  });

  it("a 5xx burst ends in success", async () => {
    emu.control.setFaults({
      failNext: { count: 3, code: "ServiceUnavailableTemporary", status: 503 },
    });
    expect((await client().listTagResources(CONNECTED)).env).toBe("prod");
    expect(count("ListTagResources", "503")).toBe(3);
  });

  it("persistent 5xx is a transient error within the bound", async () => {
    emu.control.setFaults({ failRatio: { ratio: 1, code: "InternalFailure", status: 500 } });
    const started = Date.now();
    const err = await failure(client({}, "cn-hangzhou", 1500).getKmsInstance(CONNECTED));
    const elapsed = Date.now() - started;
    expect(err.kind).toBe("transient");
    expect(err.code).toBe("InternalFailure");
    expect(err.attempts).toBeGreaterThan(1);
    expect(err.message).toMatch(/gave up after \d+ attempts over 1\.\d s|over 0\.\d s/);
    expect(elapsed).toBeLessThan(1500 + 500);
    expect(count("GetKmsInstance", "500")).toBe(err.attempts);
  });

  it("connection resets are retried", async () => {
    emu.control.setFaults({ resetNext: 2 });
    expect((await client().getKmsInstance(CONNECTED)).InstanceId).toBe(CONNECTED);
  });

  it("a non-JSON 502 is retried", async () => {
    emu.control.setFaults({ nonJson5xxNext: 2 });
    expect((await client().getKmsInstance(CONNECTED)).InstanceId).toBe(CONNECTED);
  });

  it("a not-found is never retried, even amid throttling elsewhere", async () => {
    emu.control.setFaults({
      actions: ["ListKmsInstances"],
      failNext: { count: 5, code: "Throttling", status: 400 },
    });
    await failure(client().getKmsInstance("kst-hzz00000000000000000"));
    expect(emu.control.stats().total).toBe(1);
  });
});

describe("writes under faults: one retry policy, idempotency from KMS_ACTION_TRAITS", () => {
  const NET = { vpcId: "vpc-bp1net0001", zoneIds: ["cn-hangzhou-k", "cn-hangzhou-j"] };
  const connect = (c: KmsClient) =>
    c.connectKmsInstance(UNINIT, { ...NET, vSwitchIds: ["vsw-bp1k0001", "vsw-bp1j0001"] });
  const sent = (action: string) => emu.control.requests().filter((r) => r.action === action);

  it("the table marks ConnectKmsInstance, and only it, as not idempotent", () => {
    const notIdempotent = Object.entries(KMS_ACTION_TRAITS)
      .filter(([, idempotent]) => !idempotent)
      .map(([a]) => a);
    expect(notIdempotent).toEqual(["ConnectKmsInstance"]);
  });

  it("a ConnectKmsInstance answered after the read timeout is sent once, not re-sent", async () => {
    emu.control.setFaults({ actions: ["ConnectKmsInstance"], answerLatencyMs: 600 });
    const err = await failure(connect(client({ "alicloud-kms:readTimeoutMs": "200" })));
    expect(err.kind).toBe("transient");
    expect(err.maybeTaken).toBe(true);
    expect(err.notResent).toBe(true);
    expect(err.message).toMatch(/no response within the read timeout of 200 ms/);
    expect(err.message).toMatch(/not re-sent: the service may have taken it/);
    // The emulator logs the request when its late answer goes out.
    await new Promise((r) => setTimeout(r, 600));
    expect(sent("ConnectKmsInstance")).toHaveLength(1);
    // It was taken: the instance is connecting (or, after this file's 100 ms, connected).
    expect(emu.control.getInstance(UNINIT)?.KmsInstance.Status).toMatch(/^Connect(ing|ed)$/);
  });

  it("a ConnectKmsInstance whose connection is reset after sending is not re-sent", async () => {
    emu.control.setFaults({ actions: ["ConnectKmsInstance"], resetAfterNext: 1 });
    const err = await failure(connect(client()));
    expect(err.notResent).toBe(true);
    expect(sent("ConnectKmsInstance").map((r) => r.code)).toEqual(["ConnectionResetAfterAction"]);
  });

  it("a ConnectKmsInstance answered with a 5xx is not re-sent (ambiguous)", async () => {
    emu.control.setFaults({
      actions: ["ConnectKmsInstance"],
      failNext: { count: 1, code: "InternalFailure", status: 500 },
    });
    const err = await failure(connect(client()));
    expect(err.code).toBe("InternalFailure");
    expect(err.notResent).toBe(true);
    expect(sent("ConnectKmsInstance")).toHaveLength(1);
  });

  it("a throttled ConnectKmsInstance was refused, so it is retried until taken", async () => {
    emu.control.setFaults({
      actions: ["ConnectKmsInstance"],
      failNext: { count: 2, code: "Throttling.User", status: 400 },
    });
    await connect(client());
    expect(sent("ConnectKmsInstance").map((r) => r.status)).toEqual([400, 400, 200]);
  });

  it("a ConnectKmsInstance that never reached the service (connection refused) is retried", async () => {
    // A closed port refuses the connection: nothing was sent, so a retry is safe; it keeps
    // failing there, so the error names the attempts made.
    const c = client({ "alicloud-kms:endpoint": "http://127.0.0.1:9/" }, "cn-hangzhou", 300);
    const err = await failure(connect(c));
    expect(err.maybeTaken).toBeUndefined();
    expect(err.notResent).toBeUndefined();
    expect(err.attempts).toBeGreaterThan(1);
  });

  it("idempotent writes are still retried after a reset or a read timeout", async () => {
    emu.control.setFaults({ actions: ["UpdateKmsInstance"], resetAfterNext: 1 });
    await client().updateKmsInstance(CONNECTED, { instanceName: "renamed" });
    expect(sent("UpdateKmsInstance").map((r) => r.status)).toEqual([0, 200]);
    emu.control.setFaults({ actions: ["TagResources"], resetNext: 1 });
    await client().tagResources(CONNECTED, { team: "a" });
    expect(sent("TagResources").map((r) => r.status)).toEqual([0, 200]);
  });
});

describe("credentials", () => {
  const savedEnv = { ...process.env };
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
    Object.assign(process.env, savedEnv);
  });

  it("static keys from config work (above) and from ALICLOUD_* env", async () => {
    const settings = resolveKmsSettings({
      region: "cn-hangzhou",
      config: (k) => (k === "alicloud-kms:endpoint" ? emu.endpointTemplate : undefined),
      env: { ALICLOUD_ACCESS_KEY: TEST_ACCESS_KEY_ID, ALICLOUD_SECRET_KEY: TEST_ACCESS_KEY_SECRET },
    });
    expect(settings.credentialSource).toBe("env");
    expect((await new KmsClient(settings).getKmsInstance(CONNECTED)).InstanceId).toBe(CONNECTED);
  });

  it("an STS token works", async () => {
    const c = client({
      "alicloud:accessKey": TEST_STS.accessKeyId,
      "alicloud:secretKey": TEST_STS.accessKeySecret,
      "alicloud:securityToken": TEST_STS.securityToken,
    });
    expect(c.settings.credentialType).toBe("sts");
    expect((await c.getKmsInstance(CONNECTED)).InstanceId).toBe(CONNECTED);
    expect(emu.control.requests().at(-1)?.status).toBe(200);
  });

  it("the default chain reads ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET with config unset", async () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = TEST_ACCESS_KEY_ID;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = TEST_ACCESS_KEY_SECRET;
    const settings = resolveKmsSettings({
      region: "cn-hangzhou",
      config: (k) => (k === "alicloud-kms:endpoint" ? emu.endpointTemplate : undefined),
      env: process.env,
    });
    expect(settings.credentialSource).toBe("default-chain");
    expect((await new KmsClient(settings).getKmsInstance(CONNECTED)).InstanceId).toBe(CONNECTED);
  });

  it("alicloud:profile reads that profile from the credentials file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kms-cred-"));
    const file = join(dir, "credentials");
    writeFileSync(
      file,
      `[other]\ntype = access_key\naccess_key_id = nope\naccess_key_secret = nope\n\n` +
        `[kms-test-profile]\ntype = access_key\naccess_key_id = ${TEST_ACCESS_KEY_ID}\n` +
        `access_key_secret = ${TEST_ACCESS_KEY_SECRET}\n`,
    );
    process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = file;
    process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED = "true";
    const settings = resolveKmsSettings({
      region: "cn-hangzhou",
      config: (k) =>
        ({ "alicloud-kms:endpoint": emu.endpointTemplate, "alicloud:profile": "kms-test-profile" })[
          k
        ],
      env: process.env,
    });
    expect(settings.credentialSource).toBe("profile");
    expect((await new KmsClient(settings).getKmsInstance(CONNECTED)).InstanceId).toBe(CONNECTED);
  });

  it("no credentials anywhere is an auth error", async () => {
    for (const k of Object.keys(process.env)) {
      if (/^(ALIBABA_CLOUD_|ALICLOUD_)/.test(k) && k !== "ALIBABA_CLOUD_ECS_METADATA_DISABLED") {
        delete process.env[k];
      }
    }
    process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = join(tmpdir(), "does-not-exist-kms");
    process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED = "true";
    const settings = resolveKmsSettings({
      region: "cn-hangzhou",
      config: (k) => (k === "alicloud-kms:endpoint" ? emu.endpointTemplate : undefined),
      env: process.env,
    });
    const err = await failure(new KmsClient(settings).getKmsInstance(CONNECTED));
    expect(err.kind).toBe("auth");
    expect(emu.control.stats().total).toBe(0);
  });

  it("a wrong secret is an auth error that reveals no secret", async () => {
    const wrong = "WrongSecret/+=!xyz123";
    const c = client({ "alicloud:secretKey": wrong });
    const err = await failure(c.getKmsInstance(CONNECTED));
    expect(err.kind).toBe("auth");
    expect(err.code).toBe("SignatureDoesNotMatch");
    for (const view of [
      err.message,
      JSON.stringify(err),
      inspect(err, { showHidden: true, depth: 10 }),
      String(err.stack),
    ]) {
      expect(view).not.toContain(wrong);
      expect(view).not.toContain(TEST_ACCESS_KEY_ID);
    }
    for (const view of [JSON.stringify(c), inspect(c, { showHidden: true, depth: 10 })]) {
      expect(view).not.toContain(wrong);
    }
  });

  it("an unknown access key id is auth, not instance-not-found", async () => {
    const err = await failure(
      client({ "alicloud:accessKey": "LTAI5tUnknownKey000" }).getKmsInstance(CONNECTED),
    );
    expect(err.kind).toBe("auth");
    expect(err.message).not.toContain("LTAI5tUnknownKey000");
  });
});
