/**
 * STS `AssumeRole` in the emulator, called by the real `@alicloud/credentials`
 * `RAMRoleARNCredentialsProvider` over the emulator's HTTPS listener. The library speaks only
 * HTTPS and verifies the certificate, so it runs in a child Node process that trusts the test
 * certificate through `NODE_EXTRA_CA_CERTS` (read at Node start) — verification stays on. The
 * minted keys are then used, in-process over HTTP, by the real `@alicloud/openapi-client`.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import {
  DEFAULT_SEED_IDS,
  EMULATOR_ACCOUNT_ID,
  OTHER_ACCOUNT_KEY,
  ROLE_DURATION_RANGE,
  STS_API_VERSION,
  emulatorRoleArn,
  startEmulator,
  type RunningEmulator,
} from "../../emulator";
import { TEST_TLS_CERT_PATH, testTls } from "../support/tls";
import { call, callError, kmsClient } from "./kms-client";

const REPO_ROOT = path.resolve(__dirname, "../..");

/**
 * Runs in the child: assumes `ROLE_ARN` with the library's provider over the static key in the
 * environment, then prints `{ ok, credentials }` or `{ ok: false, message }` as one JSON line.
 */
const CHILD = `
const { RAMRoleARNCredentialsProvider, StaticAKCredentialsProvider } = require("@alicloud/credentials");
const env = process.env;
const source = StaticAKCredentialsProvider.builder()
  .withAccessKeyId(env.T_KEY_ID).withAccessKeySecret(env.T_KEY_SECRET).build();
let b = RAMRoleARNCredentialsProvider.builder().withCredentialsProvider(source)
  .withRoleArn(env.T_ROLE_ARN).withRoleSessionName(env.T_SESSION)
  .withDurationSeconds(Number(env.T_DURATION)).withStsEndpoint(env.T_STS_HOST)
  .withReadTimeout(20000).withConnectTimeout(20000);
if (env.T_POLICY) b = b.withPolicy(env.T_POLICY);
if (env.T_EXTERNAL_ID) b = b.withExternalId(env.T_EXTERNAL_ID);
b.build().getCredentials().then(
  (c) => console.log(JSON.stringify({ ok: true, credentials: {
    accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret,
    securityToken: c.securityToken, providerName: c.providerName } })),
  (e) => console.log(JSON.stringify({ ok: false, message: String(e && e.message) })),
);
`;

interface ChildCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
  providerName: string;
}

type ChildResult = { ok: true; credentials: ChildCredentials } | { ok: false; message: string };

interface AssumeInput {
  roleArn: string;
  session?: string;
  duration?: number;
  policy?: string;
  externalId?: string;
  caFile?: string;
  secret?: string;
}

let emu: RunningEmulator;

/** Runs the library in a child process against the emulator's TLS listener. */
function assume(input: AssumeInput): Promise<ChildResult> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
    T_KEY_ID: OTHER_ACCOUNT_KEY.accessKeyId,
    T_KEY_SECRET: input.secret ?? OTHER_ACCOUNT_KEY.accessKeySecret,
    T_ROLE_ARN: input.roleArn,
    T_SESSION: input.session ?? "emulator-test",
    T_DURATION: String(input.duration ?? 1800),
    T_STS_HOST: emu.tls?.endpoint ?? "",
    ...(input.policy !== undefined ? { T_POLICY: input.policy } : {}),
    ...(input.externalId !== undefined ? { T_EXTERNAL_ID: input.externalId } : {}),
    ...(input.caFile !== "" ? { NODE_EXTRA_CA_CERTS: input.caFile ?? TEST_TLS_CERT_PATH } : {}),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", CHILD], { cwd: REPO_ROOT, env });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      try {
        resolve(JSON.parse(line) as ChildResult);
      } catch {
        reject(new Error(`child exited ${code}: ${out}${err}`));
      }
    });
  });
}

function failure(r: ChildResult): { Code?: string; Message?: string } {
  if (r.ok) throw new Error("AssumeRole succeeded unexpectedly");
  const body = /^refresh session token failed: (.*)$/s.exec(r.message)?.[1];
  if (body === undefined) throw new Error(`not an STS error answer: ${r.message}`);
  return JSON.parse(body) as { Code?: string; Message?: string };
}

jest.setTimeout(60_000);

beforeAll(async () => {
  emu = await startEmulator({ tls: testTls() });
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(() => emu.control.resetStats());

describe("STS AssumeRole over the emulator's HTTPS listener", () => {
  it("serves HTTPS on its own port beside the HTTP one", () => {
    expect(emu.tls?.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(emu.tls?.endpoint).not.toBe(emu.endpoint);
  });

  it("mints keys of the role's account, signed-checked and usable for the KMS API", async () => {
    const roleArn = emulatorRoleArn(EMULATOR_ACCOUNT_ID);
    const r = await assume({
      roleArn,
      session: "adopt-kms",
      policy: '{"Version":"1","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}',
      externalId: "abc-123",
    });
    if (!r.ok) throw new Error(r.message);
    const issued = emu.issuedSessions();
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({
      accessKeyId: r.credentials.accessKeyId,
      accessKeySecret: r.credentials.accessKeySecret,
      securityToken: r.credentials.securityToken,
      accountId: EMULATOR_ACCOUNT_ID,
      roleArn,
      sessionName: "adopt-kms",
    });
    expect(r.credentials.providerName).toBe("ram_role_arn/static_ak");
    const ttl = Date.parse(issued[0].expiration) - Date.now();
    expect(ttl).toBeGreaterThan(1700_000);
    expect(ttl).toBeLessThanOrEqual(1801_000);
    expect(emu.control.stats().byAction.AssumeRole?.["200"]).toBe(1);

    // The other account's long-term key sees no seed instance; the role's session does.
    const asRole = kmsClient(emu.endpoint, r.credentials);
    const got = await call(asRole, "GetKmsInstance", {
      KmsInstanceId: DEFAULT_SEED_IDS.connected,
    });
    expect((got.body.KmsInstance as Record<string, unknown>).InstanceId).toBe(
      DEFAULT_SEED_IDS.connected,
    );
    const who = await call(asRole, "GetCallerIdentity", {}, undefined, STS_API_VERSION);
    expect(who.body).toMatchObject({
      AccountId: EMULATOR_ACCOUNT_ID,
      IdentityType: "AssumedRoleUser",
      Arn: `acs:ram::${EMULATOR_ACCOUNT_ID}:assumed-role/emulator-role/adopt-kms`,
    });
    expect(who.body.PrincipalId).toMatch(/^\d{16}:adopt-kms$/);
    const asUser = kmsClient(emu.endpoint, OTHER_ACCOUNT_KEY);
    const hidden = await callError(asUser, "GetKmsInstance", {
      KmsInstanceId: DEFAULT_SEED_IDS.connected,
    });
    expect(hidden.code).toBe("Forbidden.DKMSInstanceNotFound");

    // Without its token the session's key is refused, as any STS key.
    const tokenless = await callError(
      kmsClient(emu.endpoint, {
        accessKeyId: r.credentials.accessKeyId,
        accessKeySecret: r.credentials.accessKeySecret,
      }),
      "GetKmsInstance",
      { KmsInstanceId: DEFAULT_SEED_IDS.connected },
    );
    expect(tokenless.code).toMatch(/SecurityToken/);
  });

  const role = emulatorRoleArn(EMULATOR_ACCOUNT_ID);
  const cases: [string, string, AssumeInput][] = [
    ["a malformed role ARN", "InvalidParameter.RoleArn", { roleArn: "arn:aws:iam::123:role/x" }],
    [
      "a role that does not exist",
      "EntityNotExist.Role",
      { roleArn: role.replace("emulator-role", "no-such-role") },
    ],
    [
      "a session name with a space",
      "InvalidParameter.RoleSessionName",
      { roleArn: role, session: "a b" },
    ],
    [
      "a session longer than the role allows",
      "InvalidParameter.DurationSeconds",
      { roleArn: role, duration: ROLE_DURATION_RANGE.max + 1 },
    ],
    [
      "a policy that is not a policy document",
      "InvalidParameter.PolicyGrammar",
      { roleArn: role, policy: "not json" },
    ],
  ];
  it.each(cases)("answers %s with %s and mints nothing", async (_what, code, input) => {
    const before = emu.issuedSessions().length;
    const body = failure(await assume(input));
    expect(body.Code).toBe(code);
    expect(emu.issuedSessions()).toHaveLength(before);
  });

  it("fault injection targets AssumeRole by its action: the next call is answered the fault", async () => {
    emu.control.setFaults({
      actions: ["AssumeRole"],
      failNext: { code: "ServiceUnavailable", status: 503, count: 1 },
    });
    try {
      const before = emu.issuedSessions().length;
      expect(failure(await assume({ roleArn: emulatorRoleArn(EMULATOR_ACCOUNT_ID) })).Code).toBe(
        "ServiceUnavailable",
      );
      expect(emu.issuedSessions()).toHaveLength(before);
      const again = await assume({ roleArn: emulatorRoleArn(EMULATOR_ACCOUNT_ID) });
      expect(again.ok).toBe(true);
      expect(emu.control.stats().byAction.AssumeRole).toEqual({ "503": 1, "200": 1 });
    } finally {
      emu.control.clearFaults();
    }
  });

  it("is not reachable without trusting the certificate: verification stays on", async () => {
    const r = await assume({ roleArn: emulatorRoleArn(EMULATOR_ACCOUNT_ID), caFile: "" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/self[- ]signed|certificate/i);
    expect(emu.control.stats().total).toBe(0);
  });

  it("checks the signature over query and form body: a wrong secret is refused", async () => {
    // The successful calls above prove the form-body parameters are part of the checked
    // signature (the library signs RoleArn, RoleSessionName… in the body); a wrong secret fails.
    const body = failure(
      await assume({ roleArn: emulatorRoleArn(EMULATOR_ACCOUNT_ID), secret: "wrong-secret" }),
    );
    expect(body.Code).toBe("SignatureDoesNotMatch");
    expect(emu.control.stats().byAction.AssumeRole?.["400"]).toBe(1);
  });
});
