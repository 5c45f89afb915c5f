/**
 * Chain credentials are resolved once per process and identity, and shared: with none to find,
 * parallel reads through several pooled clients make one resolution and all report the same
 * sentence, naming the chain that was tried and the config keys that fix it.
 */
process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DEFAULT_SEED_IDS,
  RunningEmulator,
  startEmulator,
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
} from "../../../emulator";
import { KmsCore } from "../../../provider/core/kms-core";
import { readStored } from "../../support/emulator-deps";
import { credentialResolutions, noCredentialsMessage } from "../../../provider/kms/credentials";
import { KmsError } from "../../../provider/kms/errors";
import { clearSessions, kmsClientCount } from "../../../provider/kms/session";

describe("noCredentialsMessage", () => {
  const base = { home: "/home/u", exists: () => false };

  it("names every source of the chain with its state, and the config keys that fix it", () => {
    const m = noCredentialsMessage({
      ...base,
      env: { ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" },
    });
    for (const part of [
      "alicloud:accessKey + alicloud:secretKey (not set)",
      "alicloud:profile (not set)",
      "ALICLOUD_ACCESS_KEY + ALICLOUD_SECRET_KEY (not set)",
      "ALIBABA_CLOUD_ACCESS_KEY_ID + ALIBABA_CLOUD_ACCESS_KEY_SECRET (not set)",
      "ALIBABA_CLOUD_OIDC_TOKEN_FILE (not set)",
      "/home/u/.aliyun/config.json (not found)",
      "/home/u/.alibabacloud/credentials (not found)",
      "the ECS RAM role (disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED=true)",
      "ALIBABA_CLOUD_CREDENTIALS_URI (not set)",
      "`pulumi config set alicloud:accessKey <AccessKeyId>`",
      "`pulumi config set --secret alicloud:secretKey <AccessKeySecret>`",
      "alicloud-kms:accessKey",
    ]) {
      expect(m).toContain(part);
    }
  });

  it("says what is set or present, never a value", () => {
    const m = noCredentialsMessage({
      home: "/h",
      exists: (p) => p === "/h/.aliyun/config.json" || p === "/etc/creds.ini",
      env: {
        ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAI5tHalfSetKeyId",
        ALIBABA_CLOUD_CREDENTIALS_FILE: "/etc/creds.ini",
        ALIBABA_CLOUD_PROFILE: "ops",
        ALIBABA_CLOUD_CREDENTIALS_URI: "http://127.0.0.1:1/creds?token=SecretUriToken",
      },
    });
    expect(m).toContain("(only ALIBABA_CLOUD_ACCESS_KEY_ID set)");
    expect(m).toContain('/h/.aliyun/config.json (present, but profile "ops" gave no credentials)');
    expect(m).toContain(
      '/etc/creds.ini (ALIBABA_CLOUD_CREDENTIALS_FILE) (present, but profile "ops" gave no credentials)',
    );
    expect(m).toContain("the metadata service at 100.100.100.200 gave no role credentials");
    expect(m).toContain("ALIBABA_CLOUD_CREDENTIALS_URI (set, but gave no credentials)");
    expect(m).not.toContain("LTAI5tHalfSetKeyId");
    expect(m).not.toContain("SecretUriToken");
  });

  it("for alicloud:profile, names the profile and both files", () => {
    const m = noCredentialsMessage({ ...base, env: {} }, "prod");
    expect(m).toMatch(/^no Alibaba Cloud credentials for profile "prod" \(alicloud:profile\)/);
    expect(m).toContain("/home/u/.aliyun/config.json (not found)");
    expect(m).toContain("/home/u/.alibabacloud/credentials (not found)");
    expect(m).toContain("pulumi config set --secret alicloud:secretKey");
  });
});

describe("one resolution per process and identity", () => {
  let emu: RunningEmulator;
  const saved = { ...process.env };
  let dir: string;

  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(async () => {
    await emu.close();
  });
  beforeEach(() => {
    clearSessions();
    for (const k of Object.keys(process.env)) {
      if (/^(ALIBABA_CLOUD_|ALICLOUD_)/.test(k) && k !== "ALIBABA_CLOUD_ECS_METADATA_DISABLED") {
        delete process.env[k];
      }
    }
    // Jest's process.env is not the real one, so `os.homedir()` cannot be pointed at an empty
    // HOME here (the gRPC tests do that in a real process): both profile files are taken out
    // of the chain by the environment instead.
    dir = mkdtempSync(join(tmpdir(), "kms-no-creds-"));
    process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = join(dir, "missing");
    process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED = "true";
  });
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    clearSessions();
  });

  const source = () => ({
    config: (k: string) => (k === "alicloud-kms:endpoint" ? emu.endpointTemplate : undefined),
    env: process.env,
    warn: () => undefined,
    info: () => undefined,
  });

  it("10 parallel reads without credentials: one resolution, ten identical messages", async () => {
    const ids = [
      DEFAULT_SEED_IDS.connected,
      DEFAULT_SEED_IDS.uninitialized,
      DEFAULT_SEED_IDS.expiring,
    ];
    const regions = ["cn-hangzhou", "cn-hangzhou", "cn-shanghai"];
    const deps = new KmsCore(source());
    const before = credentialResolutions();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        readStored(deps, ids[i % 3], { region: regions[i % 3], managedProperties: [] }),
      ),
    );
    expect(credentialResolutions() - before).toBe(1);
    expect(kmsClientCount()).toBe(2); // two regions' clients shared the one resolution
    const messages = results.map((r) => {
      expect(r.status).toBe("rejected");
      const reason = (r as PromiseRejectedResult).reason as unknown;
      expect(reason).toBeInstanceOf(KmsError);
      expect((reason as KmsError).kind).toBe("auth");
      // The bare sentence (no action or instance prefix), and a stack of that one line.
      expect((reason as KmsError).message).toBe((reason as KmsError).detail);
      expect((reason as KmsError).stack).toBe(`KmsError: ${(reason as KmsError).message}`);
      return (reason as Error).message;
    });
    expect(new Set(messages).size).toBe(1);
    const [message] = messages;
    expect(message).toMatch(/^no Alibaba Cloud credentials: tried /);
    expect(message).toContain("(disabled by ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true)");
    expect(message).toContain(`${dir}/missing (ALIBABA_CLOUD_CREDENTIALS_FILE) (not found)`);
    expect(message).toContain("pulumi config set alicloud:accessKey");
    expect(message).toContain("pulumi config set --secret alicloud:secretKey");
    expect(message).not.toMatch(/ENOENT|ENOTFOUND|undefined/);
    // No request was made without credentials.
    expect(emu.control.stats().total).toBe(0);

    // The failure is remembered: a later read asks nothing again.
    await expect(
      readStored(deps, ids[0], { region: "cn-hangzhou", managedProperties: [] }),
    ).rejects.toThrow(message);
    expect(credentialResolutions() - before).toBe(1);
  });

  it("another environment is another identity, resolved on its own", async () => {
    const deps = new KmsCore(source());
    await expect(
      readStored(deps, DEFAULT_SEED_IDS.connected, {
        region: "cn-hangzhou",
        managedProperties: [],
      }),
    ).rejects.toMatchObject({
      kind: "auth",
      message: expect.stringMatching(/^no Alibaba Cloud credentials: tried /),
    });
    // The environment names a credentials file that exists: the chain's inputs differ, so this
    // identity is resolved afresh (and the failed one stays failed).
    const file = join(dir, "credentials");
    writeFileSync(
      file,
      `[default]\ntype = access_key\naccess_key_id = ${TEST_ACCESS_KEY_ID}\n` +
        `access_key_secret = ${TEST_ACCESS_KEY_SECRET}\n`,
    );
    process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = file;
    const fresh = new KmsCore(source());
    const before = credentialResolutions();
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () =>
        readStored(fresh, DEFAULT_SEED_IDS.connected, {
          region: "cn-hangzhou",
          managedProperties: [],
        }),
      ),
    );
    expect(outcomes.every((o) => o.found)).toBe(true);
    expect(credentialResolutions() - before).toBe(1);
  });
});
