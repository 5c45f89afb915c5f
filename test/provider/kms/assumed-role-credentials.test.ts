/**
 * Assumed-role credentials: how an STS failure becomes one secret-free sentence. In-process, the
 * emulator's HTTPS listener presents a certificate this process does not trust (it was started
 * without `NODE_EXTRA_CA_CERTS`), so the real `RAMRoleARNCredentialsProvider` fails its TLS
 * handshake — the provider must say which role, which endpoint and why, and hold no key.
 * (The successful path, which needs the certificate trusted at process start, is exercised by
 * `test/emulator/sts-assume-role.test.ts` and the end-to-end test.)
 */
import {
  EMULATOR_ACCOUNT_ID,
  OTHER_ACCOUNT_KEY,
  emulatorRoleArn,
  startEmulator,
  type RunningEmulator,
} from "../../../emulator";
import { KmsClient } from "../../../provider/kms/client";
import { stsFailureDetail } from "../../../provider/kms/credentials";
import { KmsError } from "../../../provider/kms/errors";
import { clearSessions } from "../../../provider/kms/session";
import { resolveKmsSettings } from "../../../provider/kms/settings";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testTls } from "../../support/tls";

describe("stsFailureDetail", () => {
  const failure = (init: Partial<ConstructorParameters<typeof KmsError>[0]>): KmsError =>
    new KmsError({
      kind: "auth",
      action: "AssumeRole",
      region: "cn-hangzhou",
      detail: "",
      ...init,
    });

  it("keeps the code, message and request id of an STS answer, not the string to sign", () => {
    const detail = stsFailureDetail(
      failure({
        code: "SignatureDoesNotMatch",
        statusCode: 400,
        requestId: "R-1",
        detail:
          "Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3DLTAIsecretid",
      }),
    );
    expect(detail).toBe(
      "STS answered SignatureDoesNotMatch: Specified signature is not matched with our calculation. (request id R-1)",
    );
    expect(detail).not.toContain("LTAIsecretid");
  });

  it("says what failed on the way when STS did not answer, and the attempts made", () => {
    expect(
      stsFailureDetail(
        failure({
          kind: "unknown",
          code: "DEPTH_ZERO_SELF_SIGNED_CERT",
          detail: "self-signed certificatePOST https://127.0.0.1:1/ failed.",
        }),
      ),
    ).toBe("self-signed certificate");
    expect(
      stsFailureDetail(
        failure({
          kind: "transient",
          detail: "connection failed (ECONNRESET)",
          attempts: 4,
          elapsedMs: 1234,
        }),
      ),
    ).toBe("connection failed (ECONNRESET) (gave up after 4 attempts over 1.2 s)");
  });
});

describe("a KMS call whose role cannot be assumed", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ tls: testTls() });
  });
  afterAll(async () => {
    clearSessions();
    await emu?.close();
  });

  it("fails with one sentence naming role, source and endpoint, holding no credential", async () => {
    const roleArn = emulatorRoleArn(EMULATOR_ACCOUNT_ID);
    const settings = resolveKmsSettings({
      config: (k) =>
        ({
          "alicloud:region": "cn-hangzhou",
          "alicloud:accessKey": OTHER_ACCOUNT_KEY.accessKeyId,
          "alicloud:secretKey": OTHER_ACCOUNT_KEY.accessKeySecret,
          "alicloud:assumeRole": JSON.stringify({ roleArn, sessionName: "in-process" }),
          "alicloud-kms:endpoint": emu.endpointTemplate,
          "alicloud-kms:stsEndpoint": emu.tls?.url,
          "alicloud-kms:retryTimeoutSeconds": "2",
        })[k],
      env: {},
    });
    const client = new KmsClient(settings);
    let caught: unknown;
    try {
      await client.getKmsInstance("kst-hzz62f5ba3dnpb6v8xxxx");
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(Error);
    const message = (caught as Error).message;
    expect(message).toContain(`could not assume RAM role ${roleArn} (alicloud:assumeRole)`);
    expect(message).toContain(`STS AssumeRole at ${emu.tls?.url} (alicloud-kms:stsEndpoint)`);
    expect(message).toMatch(/failed: self[- ]signed certificate$/i);
    const everything = JSON.stringify(caught, Object.getOwnPropertyNames(caught)) + message;
    expect(everything).not.toContain(OTHER_ACCOUNT_KEY.accessKeySecret);
    expect(everything).not.toContain(OTHER_ACCOUNT_KEY.accessKeyId);
    // The handshake failed before any request: no KMS call was made without credentials.
    expect(emu.control.stats().total).toBe(0);
    expect(emu.issuedSessions()).toHaveLength(0);
  });
});

describe("a role whose source credentials are missing", () => {
  let emu: RunningEmulator;
  const saved = { ...process.env };
  beforeAll(async () => {
    emu = await startEmulator({ tls: testTls() });
    // No chain source anywhere (as test/kms/credentials.test.ts does it: jest's process.env
    // cannot move os.homedir(), so the profile files are taken out by the environment).
    for (const k of Object.keys(process.env)) {
      if (/^(ALIBABA_CLOUD_|ALICLOUD_)/.test(k) && k !== "ALIBABA_CLOUD_ECS_METADATA_DISABLED") {
        delete process.env[k];
      }
    }
    process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";
    process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = join(
      mkdtempSync(join(tmpdir(), "kms-no-creds-")),
      "missing",
    );
    process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED = "true";
  });
  afterAll(async () => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    clearSessions();
    await emu?.close();
  });

  it("says the credentials that call AssumeRole failed, with the chain's sentence", async () => {
    const roleArn = emulatorRoleArn(EMULATOR_ACCOUNT_ID);
    const settings = resolveKmsSettings({
      config: (k) =>
        ({
          "alicloud:region": "cn-hangzhou",
          "alicloud-kms:endpoint": emu.endpointTemplate,
          "alicloud-kms:stsEndpoint": emu.tls?.url,
        })[k],
      env: { ...process.env, ALICLOUD_ASSUME_ROLE_ARN: roleArn },
    });
    expect(settings.assumeRole?.source).toBe("ALICLOUD_ASSUME_ROLE_ARN");
    await expect(
      new KmsClient(settings).getKmsInstance("kst-hzz62f5ba3dnpb6v8xxxx"),
    ).rejects.toThrow(
      `could not assume RAM role ${roleArn} (ALICLOUD_ASSUME_ROLE_ARN): the credentials that call ` +
        "AssumeRole failed: no Alibaba Cloud credentials: tried",
    );
    expect(emu.control.stats().total).toBe(0);
  });
});
