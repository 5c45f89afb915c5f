/**
 * Accounts in the emulator: every key belongs to an account, instances to an owner, and another
 * account's keys see none of them; STS `GetCallerIdentity` on the same port; the expired STS
 * triple. Through the real `@alicloud/openapi-client` (and the provider's STS client).
 */
import {
  DEFAULT_SEED_IDS,
  EMULATOR_ACCOUNT_ID,
  OTHER_ACCOUNT_ID,
  OTHER_ACCOUNT_KEY,
  STS_API_VERSION,
  TEST_EXPIRED_STS,
  TEST_STS,
  defaultSeed,
  startEmulator,
  type RunningEmulator,
} from "../../emulator";
import { parseAccessKeyArg } from "../../emulator/credentials";
import { resolveKmsSettings } from "../../provider/kms/settings";
import { getCallerIdentity } from "../../provider/kms/session";
import { OTHER_KEY, TEST_KEY, call, callError, kmsClient, type ClientAuth } from "./kms-client";

const HZ = "cn-hangzhou";
const THEIRS = "kst-hzzother00000000000xxxx";

let emu: RunningEmulator;

beforeAll(async () => {
  const seed = defaultSeed();
  seed.instances.push({
    RegionId: HZ,
    OwnerId: OTHER_ACCOUNT_ID,
    KmsInstance: { InstanceId: THEIRS, Status: "Connected", InstanceName: "theirs" },
    Tags: { owner: "other" },
  });
  emu = await startEmulator({ seed });
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(() => {
  emu.control.reset();
  emu.control.resetStats();
});

const sts = (auth: ClientAuth) =>
  call(kmsClient(emu.endpoint, auth), "GetCallerIdentity", {}, undefined, STS_API_VERSION);

describe("STS GetCallerIdentity (version 2015-04-01)", () => {
  it("answers a static key as a RAM user of its account, with the documented fields", async () => {
    const { statusCode, body } = await sts(TEST_KEY);
    expect(statusCode).toBe(200);
    expect(body).toMatchObject({
      IdentityType: "RAMUser",
      AccountId: EMULATOR_ACCOUNT_ID,
      Arn: `acs:ram::${EMULATOR_ACCOUNT_ID}:user/emulator-user`,
    });
    expect(Object.keys(body).sort()).toEqual(
      ["AccountId", "Arn", "IdentityType", "PrincipalId", "RequestId", "UserId"].sort(),
    );
    expect(body.UserId).toMatch(/^\d{16}$/);
    expect(typeof body.AccountId).toBe("string");
  });

  it("answers an STS key as an assumed role, and another account's key with its account", async () => {
    expect((await sts(TEST_STS)).body).toMatchObject({
      IdentityType: "AssumedRoleUser",
      AccountId: EMULATOR_ACCOUNT_ID,
      RoleId: expect.stringMatching(/^\d{16}$/) as unknown as string,
    });
    expect((await sts(OTHER_KEY)).body).toMatchObject({ AccountId: OTHER_ACCOUNT_ID });
  });

  it("checks the signature like every action, and knows no other STS action", async () => {
    const bad = await callError(
      kmsClient(emu.endpoint, { ...TEST_KEY, accessKeySecret: "wrong-secret-0123456789" }),
      "GetCallerIdentity",
      {},
      undefined,
      STS_API_VERSION,
    );
    expect(bad).toMatchObject({ code: "SignatureDoesNotMatch", statusCode: 400 });
    const unknown = await callError(
      kmsClient(emu.endpoint, TEST_KEY),
      // A real STS action the emulator does not serve (AssumeRole it now does).
      "AssumeRoleWithSAML",
      {},
      undefined,
      STS_API_VERSION,
    );
    expect(unknown).toMatchObject({ code: "InvalidAction.NotFound", statusCode: 404 });
    // A KMS action under the STS version is no STS action either.
    const kmsAsSts = await callError(
      kmsClient(emu.endpoint, TEST_KEY),
      "GetKmsInstance",
      { KmsInstanceId: DEFAULT_SEED_IDS.connected },
      HZ,
      STS_API_VERSION,
    );
    expect(kmsAsSts).toMatchObject({ code: "InvalidAction.NotFound" });
    const stsAsKms = await callError(kmsClient(emu.endpoint, TEST_KEY), "GetCallerIdentity");
    expect(stsAsKms).toMatchObject({ code: "InvalidAction.NotFound" });
  });

  it("is what the provider's getCallerIdentity reads, from the emulator's base URL", async () => {
    const settings = resolveKmsSettings({
      region: HZ,
      config: (k) =>
        ({
          "alicloud:accessKey": OTHER_ACCOUNT_KEY.accessKeyId,
          "alicloud:secretKey": OTHER_ACCOUNT_KEY.accessKeySecret,
          "alicloud-kms:stsEndpoint": emu.url,
          "alicloud-kms:bssEndpoint": emu.url,
        })[k],
      env: {},
    });
    const identity = await getCallerIdentity(settings);
    expect(identity).toMatchObject({ accountId: OTHER_ACCOUNT_ID, identityType: "RAMUser" });
    expect(emu.control.requests().map((r) => [r.action, r.status])).toEqual([
      ["GetCallerIdentity", 200],
    ]);
  });
});

describe("accounts", () => {
  it("another account's keys find none of this account's instances, and list only their own", async () => {
    const other = kmsClient(emu.endpoint, OTHER_KEY);
    const err = await callError(
      other,
      "GetKmsInstance",
      { KmsInstanceId: DEFAULT_SEED_IDS.connected },
      HZ,
    );
    expect(err).toMatchObject({ code: "Forbidden.DKMSInstanceNotFound", statusCode: 404 });
    const mutate = await callError(
      other,
      "UpdateKmsInstance",
      { KmsInstanceId: DEFAULT_SEED_IDS.connected, InstanceName: "x" },
      HZ,
    );
    expect(mutate).toMatchObject({ code: "Forbidden.DKMSInstanceNotFound" });
    const tags = await callError(
      other,
      "ListTagResources",
      { ResourceType: "instance", "ResourceId.1": DEFAULT_SEED_IDS.connected, RegionId: HZ },
      HZ,
    );
    expect(tags).toMatchObject({ code: "Forbidden.DKMSInstanceNotFound" });

    const theirs = (await call(other, "ListKmsInstances", {}, HZ)).body;
    expect(theirs).toMatchObject({
      TotalCount: 1,
      KmsInstances: {
        KmsInstance: [
          {
            KmsInstanceId: THEIRS,
            KmsInstanceArn: `acs:kms:${HZ}:${OTHER_ACCOUNT_ID}:keystore/${THEIRS}`,
          },
        ],
      },
    });
    expect((await call(other, "ListKmsInstances", {}, "cn-shanghai")).body).toMatchObject({
      TotalCount: 0,
      KmsInstances: { KmsInstance: [] },
    });
    expect((await call(other, "GetKmsInstance", { KmsInstanceId: THEIRS }, HZ)).body).toMatchObject(
      {
        KmsInstance: { InstanceId: THEIRS },
      },
    );
  });

  it("the default account does not see another account's instance; ARNs name each owner", async () => {
    const mine = kmsClient(emu.endpoint, TEST_KEY);
    expect(await callError(mine, "GetKmsInstance", { KmsInstanceId: THEIRS }, HZ)).toMatchObject({
      code: "Forbidden.DKMSInstanceNotFound",
    });
    const listed = (await call(mine, "ListKmsInstances", {}, HZ)).body as {
      KmsInstances: { KmsInstance: { KmsInstanceId: string; KmsInstanceArn: string }[] };
    };
    const ids = listed.KmsInstances.KmsInstance.map((i) => i.KmsInstanceId);
    expect(ids).not.toContain(THEIRS);
    for (const i of listed.KmsInstances.KmsInstance) {
      expect(i.KmsInstanceArn).toBe(
        `acs:kms:${HZ}:${EMULATOR_ACCOUNT_ID}:keystore/${i.KmsInstanceId}`,
      );
    }
    const untagged = (
      await call(mine, "ListTagResources", { ResourceType: "instance", RegionId: HZ }, HZ)
    ).body as { TagResources: { TagResource: { ResourceId: string }[] } };
    expect(untagged.TagResources.TagResource.map((t) => t.ResourceId)).not.toContain(THEIRS);
  });

  it("keys given as ID:SECRET:ACCOUNT belong to that account", async () => {
    const key = parseAccessKeyArg("AKacct:se:cret:5555666677778888");
    expect(key).toEqual({
      accessKeyId: "AKacct",
      accessKeySecret: "se:cret",
      accountId: "5555666677778888",
    });
    expect(parseAccessKeyArg("AK1:se:cret")).toEqual({
      accessKeyId: "AK1",
      accessKeySecret: "se:cret",
    });
    const own = await startEmulator({ accessKeys: [key] });
    try {
      const auth = { accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret };
      const body = (
        await call(
          kmsClient(own.endpoint, auth),
          "GetCallerIdentity",
          {},
          undefined,
          STS_API_VERSION,
        )
      ).body;
      expect(body.AccountId).toBe("5555666677778888");
      // The configured keys replace the default test key, but OTHER_ACCOUNT_KEY is always accepted.
      expect(
        await callError(kmsClient(own.endpoint, TEST_KEY), "ListKmsInstances", {}, HZ),
      ).toMatchObject({
        code: "InvalidAccessKeyId.NotFound",
      });
      expect(
        (await call(kmsClient(own.endpoint, OTHER_KEY), "ListKmsInstances", {}, HZ)).statusCode,
      ).toBe(200);
    } finally {
      await own.close();
    }
  });

  it("a seed OwnerId must be an account id string, and the control API keeps it", async () => {
    expect(() =>
      emu.control.putInstance({
        RegionId: HZ,
        OwnerId: 42 as unknown as string,
        KmsInstance: { InstanceId: "kst-badowner" },
      }),
    ).toThrow(/OwnerId must be an account id/);
    emu.control.putInstance({
      RegionId: HZ,
      OwnerId: "77",
      KmsInstance: { InstanceId: "kst-owned77" },
    });
    expect(emu.control.getInstance("kst-owned77")?.OwnerId).toBe("77");
  });
});

describe("the expired STS triple", () => {
  it("is answered InvalidSecurityToken.Expired (400) for KMS and STS actions", async () => {
    const expired = kmsClient(emu.endpoint, TEST_EXPIRED_STS);
    expect(
      await callError(expired, "GetKmsInstance", { KmsInstanceId: DEFAULT_SEED_IDS.connected }, HZ),
    ).toMatchObject({ code: "InvalidSecurityToken.Expired", statusCode: 400 });
    expect(
      await callError(expired, "GetCallerIdentity", {}, undefined, STS_API_VERSION),
    ).toMatchObject({ code: "InvalidSecurityToken.Expired", statusCode: 400 });
  });
});
