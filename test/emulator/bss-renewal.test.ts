/**
 * The BssOpenApi renewal actions (version 2017-12-14) on the emulator's port: QueryAvailableInstances
 * reads each instance's renewal state, SetRenewal changes it, NotApplicable across sites, the
 * account-site control route, and the request recorder. Through the real
 * `@alicloud/openapi-client`, signing real requests over HTTP.
 */
process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  BSS_API_VERSION,
  CONTROL_HEADERS,
  DEFAULT_SEED_IDS,
  EMULATOR_ACCOUNT_ID,
  OTHER_ACCOUNT_ID,
  SeedFileError,
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
  defaultSeed,
  startEmulator,
  type RunningEmulator,
  type SeedFile,
} from "../../emulator";
import {
  OTHER_KEY,
  TEST_KEY,
  call,
  callError,
  kmsClient,
  rawRequest,
  type ClientAuth,
} from "./kms-client";

const INTL_ACCOUNT = "5555555555555555";
const INTL_KEY = {
  accessKeyId: "LTAI5tEmulatorIntlKey01",
  accessKeySecret: "EmulatorIntlSecret0123456789abcd",
  accountId: INTL_ACCOUNT,
};
const CONNECTED = DEFAULT_SEED_IDS.connected;
const EXPIRING = DEFAULT_SEED_IDS.expiring;
const PAYG = "kst-hzzpayg000000000000xxxx";
const THEIRS = "kst-hzzother00000000000xxxx";
const INTL = "kst-sgpintl00000000000xxxx";

let emu: RunningEmulator;

function seed(): SeedFile {
  const s = defaultSeed();
  s.instances.push(
    {
      RegionId: "cn-hangzhou",
      KmsInstance: {
        InstanceId: PAYG,
        Status: "Connected",
        ChargeType: "POSTPAY",
        StartDate: "2024-05-01T00:00:00Z",
        EndDate: "2099-12-31T16:00:00Z",
      },
    },
    {
      RegionId: "cn-hangzhou",
      OwnerId: OTHER_ACCOUNT_ID,
      KmsInstance: { InstanceId: THEIRS, Status: "Connected", ChargeType: "PREPAY" },
    },
    {
      RegionId: "ap-southeast-1",
      OwnerId: INTL_ACCOUNT,
      KmsInstance: {
        InstanceId: INTL,
        Status: "Connected",
        ChargeType: "PREPAY",
        StartDate: "2024-02-02T02:02:02Z",
        EndDate: "2030-02-02T02:02:02Z",
      },
      Renewal: { RenewStatus: "AutoRenewal", RenewalDuration: 6, RenewalDurationUnit: "M" },
    },
  );
  s.accounts = [{ AccountId: INTL_ACCOUNT, Site: "intl" }];
  return s;
}

beforeAll(async () => {
  emu = await startEmulator({
    seed: seed(),
    accessKeys: [
      { accessKeyId: TEST_ACCESS_KEY_ID, accessKeySecret: TEST_ACCESS_KEY_SECRET },
      INTL_KEY,
    ],
  });
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(() => {
  emu.control.reset();
});

const bss = (
  auth: ClientAuth,
  action: string,
  query: Record<string, string>,
): ReturnType<typeof call> =>
  call(kmsClient(emu.endpoint, auth), action, query, undefined, BSS_API_VERSION);
const bssError = (auth: ClientAuth, action: string, query: Record<string, string>) =>
  callError(kmsClient(emu.endpoint, auth), action, query, undefined, BSS_API_VERSION);

/** The query the provider sends for one instance. */
const queryOf = (id: string, region = "cn-hangzhou", type = "kms_ddi_public_cn") => ({
  InstanceIDs: id,
  Region: region,
  ProductCode: "kms",
  ProductType: type,
});

async function listed(
  id: string,
  region = "cn-hangzhou",
  type = "kms_ddi_public_cn",
  auth = TEST_KEY,
): Promise<Record<string, unknown>[]> {
  const res = await bss(auth, "QueryAvailableInstances", queryOf(id, region, type));
  return (res.body.Data as { InstanceList: Record<string, unknown>[] }).InstanceList;
}

const endDateOf = (id: string): unknown => emu.control.getInstance(id)?.KmsInstance.EndDate;

describe("QueryAvailableInstances", () => {
  it("answers a seeded instance with its billing, dates and renewal, in the model's types", async () => {
    const res = await bss(TEST_KEY, "QueryAvailableInstances", queryOf(CONNECTED));
    expect(res.statusCode).toBe(200);
    expect(res.body).toStrictEqual({
      RequestId: res.headers["x-acs-request-id"],
      Success: true,
      Code: "Success",
      Message: "Successful!",
      Data: {
        PageNum: 1,
        PageSize: 20,
        TotalCount: 1,
        InstanceList: [
          {
            InstanceID: CONNECTED,
            ProductCode: "kms",
            ProductType: "kms_ddi_public_cn",
            SubscriptionType: "Subscription",
            Region: "cn-hangzhou",
            Status: "Normal",
            CreateTime: "2023-09-05T12:44:20Z",
            EndTime: endDateOf(CONNECTED),
            RenewStatus: "AutoRenewal",
            RenewalDuration: 1,
            RenewalDurationUnit: "Y",
          },
        ],
      },
    });
    expect(typeof res.body.RequestId).toBe("string");
    expect(endDateOf(CONNECTED)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it("answers an instance without a Renewal as ManualRenewal with no period fields", async () => {
    expect(await listed(EXPIRING, "cn-shanghai")).toStrictEqual([
      {
        InstanceID: EXPIRING,
        ProductCode: "kms",
        ProductType: "kms_ddi_public_cn",
        SubscriptionType: "Subscription",
        Region: "cn-shanghai",
        Status: "Normal",
        CreateTime: "2024-01-20T08:00:00Z",
        EndTime: endDateOf(EXPIRING),
        RenewStatus: "ManualRenewal",
      },
    ]);
  });

  it("answers an unknown id, or the wrong region, with an empty list", async () => {
    const res = await bss(TEST_KEY, "QueryAvailableInstances", queryOf("kst-nope"));
    expect(res.body.Data).toStrictEqual({
      PageNum: 1,
      PageSize: 20,
      TotalCount: 0,
      InstanceList: [],
    });
    expect(await listed(CONNECTED, "cn-shanghai")).toStrictEqual([]);
  });

  it("never shows another account's instance", async () => {
    expect(await listed(THEIRS)).toStrictEqual([]);
    expect((await listed(THEIRS, "cn-hangzhou", "kms_ddi_public_cn", OTHER_KEY)).length).toBe(1);
    expect(await listed(CONNECTED, "cn-hangzhou", "kms_ddi_public_cn", OTHER_KEY)).toStrictEqual(
      [],
    );
    const all = await bss(OTHER_KEY, "QueryAvailableInstances", { ProductCode: "kms" });
    const ids = (all.body.Data as { InstanceList: { InstanceID: string }[] }).InstanceList.map(
      (i) => i.InstanceID,
    );
    expect(ids).toStrictEqual([THEIRS]);
  });

  it("answers a POSTPAY instance as PayAsYouGo, product type kms_ppi_public_cn", async () => {
    expect(await listed(PAYG, "cn-hangzhou", "kms_ddi_public_cn")).toStrictEqual([]);
    expect(await listed(PAYG, "cn-hangzhou", "kms_ppi_public_cn")).toStrictEqual([
      {
        InstanceID: PAYG,
        ProductCode: "kms",
        ProductType: "kms_ppi_public_cn",
        SubscriptionType: "PayAsYouGo",
        Region: "cn-hangzhou",
        Status: "Normal",
        CreateTime: "2024-05-01T00:00:00Z",
        EndTime: "2099-12-31T16:00:00Z",
        RenewStatus: "ManualRenewal",
      },
    ]);
  });

  it("filters by RenewStatus and SubscriptionType, and pages", async () => {
    const ids = async (q: Record<string, string>): Promise<string[]> => {
      const res = await bss(TEST_KEY, "QueryAvailableInstances", { ProductCode: "kms", ...q });
      return (res.body.Data as { InstanceList: { InstanceID: string }[] }).InstanceList.map(
        (i) => i.InstanceID,
      );
    };
    expect(await ids({ RenewStatus: "AutoRenewal" })).toStrictEqual([CONNECTED]);
    expect(await ids({ SubscriptionType: "PayAsYouGo" })).toStrictEqual([PAYG]);
    expect(await ids({ PageSize: "2", PageNum: "2" })).toStrictEqual([EXPIRING, PAYG]);
  });

  it("refuses Region without ProductCode (the model's remark): MissingProductCode, 400", async () => {
    const err = await bssError(TEST_KEY, "QueryAvailableInstances", {
      InstanceIDs: CONNECTED,
      Region: "cn-hangzhou",
    });
    expect([err.code, err.statusCode]).toStrictEqual(["MissingProductCode", 400]);
  });

  it("refuses an unknown parameter: InvalidParameter naming it, 400", async () => {
    const err = await bssError(TEST_KEY, "QueryAvailableInstances", {
      ...queryOf(CONNECTED),
      RegionId: "cn-hangzhou",
    });
    expect([err.code, err.statusCode]).toStrictEqual(["InvalidParameter", 400]);
    expect(err.message).toContain(
      "The specified parameter RegionId is not valid. It is not a parameter of QueryAvailableInstances.",
    );
  });

  it("accepts the old HMAC-SHA1 signature, whose common parameters are not unknown ones", async () => {
    const client = kmsClient(emu.endpoint, { ...TEST_KEY, signatureAlgorithm: "v2" });
    const res = await call(
      client,
      "QueryAvailableInstances",
      queryOf(CONNECTED),
      undefined,
      BSS_API_VERSION,
    );
    expect((res.body.Data as { TotalCount: number }).TotalCount).toBe(1);
  });

  it("refuses a bad signature: SignatureDoesNotMatch, 400, with the BssOpenApi troubleshooting link", async () => {
    const err = await bssError(
      { accessKeyId: TEST_ACCESS_KEY_ID, accessKeySecret: "not-the-secret" },
      "QueryAvailableInstances",
      queryOf(CONNECTED),
    );
    expect([err.code, err.statusCode]).toStrictEqual(["SignatureDoesNotMatch", 400]);
    expect(String(err.data?.Recommend)).toContain("product=BssOpenApi");
  });
});

describe("SetRenewal", () => {
  const set = (q: Record<string, string>, auth = TEST_KEY) =>
    bss(auth, "SetRenewal", {
      InstanceIDs: EXPIRING,
      ProductCode: "kms",
      ProductType: "kms_ddi_public_cn",
      SubscriptionType: "Subscription",
      ...q,
    });
  const setError = (q: Record<string, string>) =>
    bssError(TEST_KEY, "SetRenewal", {
      InstanceIDs: EXPIRING,
      ProductCode: "kms",
      ProductType: "kms_ddi_public_cn",
      ...q,
    });
  const renewalOf = async (id: string, region = "cn-shanghai") => {
    const [entry] = await listed(id, region);
    return {
      RenewStatus: entry.RenewStatus,
      RenewalDuration: entry.RenewalDuration,
      RenewalDurationUnit: entry.RenewalDurationUnit,
      keys: Object.keys(entry).filter((k) => k.startsWith("Renewal")),
    };
  };

  it("sets AutoRenewal 1 Y, and the query shows it", async () => {
    const res = await set({
      RenewalStatus: "AutoRenewal",
      RenewalPeriod: "1",
      RenewalPeriodUnit: "Y",
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toStrictEqual({
      RequestId: res.headers["x-acs-request-id"],
      Success: true,
      Code: "Success",
      Message: "Successful!",
    });
    expect(await renewalOf(EXPIRING)).toStrictEqual({
      RenewStatus: "AutoRenewal",
      RenewalDuration: 1,
      RenewalDurationUnit: "Y",
      keys: ["RenewalDuration", "RenewalDurationUnit"],
    });
    expect(emu.control.getInstance(EXPIRING)?.Renewal).toStrictEqual({
      RenewStatus: "AutoRenewal",
      RenewalDuration: 1,
      RenewalDurationUnit: "Y",
    });
  });

  it("ManualRenewal and NotRenewal clear the period", async () => {
    await set({ InstanceIDs: CONNECTED, RenewalStatus: "ManualRenewal" });
    expect(await renewalOf(CONNECTED, "cn-hangzhou")).toStrictEqual({
      RenewStatus: "ManualRenewal",
      RenewalDuration: undefined,
      RenewalDurationUnit: undefined,
      keys: [],
    });
    await set({ RenewalStatus: "AutoRenewal", RenewalPeriod: "6", RenewalPeriodUnit: "M" });
    await set({ RenewalStatus: "NotRenewal", RenewalPeriod: "6", RenewalPeriodUnit: "M" });
    expect(await renewalOf(EXPIRING)).toStrictEqual({
      RenewStatus: "NotRenewal",
      RenewalDuration: undefined,
      RenewalDurationUnit: undefined,
      keys: [],
    });
  });

  it("refuses AutoRenewal without a period or its unit: Missing<Name>, 400, nothing changed", async () => {
    const noPeriod = await setError({ RenewalStatus: "AutoRenewal", RenewalPeriodUnit: "M" });
    expect([noPeriod.code, noPeriod.statusCode]).toStrictEqual(["MissingRenewalPeriod", 400]);
    const noUnit = await setError({ RenewalStatus: "AutoRenewal", RenewalPeriod: "3" });
    expect([noUnit.code, noUnit.statusCode]).toStrictEqual(["MissingRenewalPeriodUnit", 400]);
    expect(emu.control.getInstance(EXPIRING)?.Renewal).toBeUndefined();
  });

  it("refuses a unit other than M or Y, and a period out of range: InvalidParameter, 400", async () => {
    const unit = await setError({
      RenewalStatus: "AutoRenewal",
      RenewalPeriod: "1",
      RenewalPeriodUnit: "D",
    });
    expect([unit.code, unit.statusCode]).toStrictEqual(["InvalidParameter", 400]);
    expect(unit.message).toContain(
      'The specified parameter RenewalPeriodUnit is not valid. It must be "M" or "Y".',
    );
    const period = await setError({
      RenewalStatus: "AutoRenewal",
      RenewalPeriod: "0",
      RenewalPeriodUnit: "M",
    });
    expect([period.code, period.statusCode]).toStrictEqual(["InvalidParameter", 400]);
    expect(period.message).toContain("The specified parameter RenewalPeriod is not valid.");
  });

  it("refuses an unknown parameter: InvalidParameter naming it, 400", async () => {
    const err = await setError({ RenewalStatus: "ManualRenewal", RenewStatus: "ManualRenewal" });
    expect([err.code, err.statusCode]).toStrictEqual(["InvalidParameter", 400]);
    expect(err.message).toContain(
      "The specified parameter RenewStatus is not valid. It is not a parameter of SetRenewal.",
    );
  });

  it("refuses an unknown id, another account's, or a pay-as-you-go one, changing none", async () => {
    const cases: [string, string][] = [
      [`${EXPIRING},kst-nope`, "kst-nope is not an instance of this account."],
      [THEIRS, `${THEIRS} is not an instance of this account.`],
      [PAYG, `${PAYG} is pay-as-you-go; only subscription instances renew.`],
    ];
    for (const [ids, why] of cases) {
      const err = await setError({
        InstanceIDs: ids,
        RenewalStatus: "AutoRenewal",
        RenewalPeriod: "1",
        RenewalPeriodUnit: "M",
      });
      expect([err.code, err.statusCode]).toStrictEqual(["InvalidParameter.InstanceIDs", 400]);
      expect(err.message).toContain(`The specified parameter InstanceIDs is not valid. ${why}`);
    }
    expect(emu.control.getInstance(EXPIRING)?.Renewal).toBeUndefined();
  });
});

describe("international accounts", () => {
  const INTL_AUTH: ClientAuth = {
    accessKeyId: INTL_KEY.accessKeyId,
    accessKeySecret: INTL_KEY.accessKeySecret,
  };

  it("an intl account is NotApplicable for _cn, and is answered for _intl", async () => {
    const err = await bssError(
      INTL_AUTH,
      "QueryAvailableInstances",
      queryOf(INTL, "ap-southeast-1", "kms_ddi_public_cn"),
    );
    expect([err.code, err.statusCode]).toStrictEqual(["NotApplicable", 400]);
    expect(err.data).toMatchObject({
      Code: "NotApplicable",
      Message: "This API is not applicable for caller.",
      RequestId: expect.any(String) as unknown as string,
    });
    expect(await listed(INTL, "ap-southeast-1", "kms_ddi_public_intl", INTL_AUTH)).toStrictEqual([
      {
        InstanceID: INTL,
        ProductCode: "kms",
        ProductType: "kms_ddi_public_intl",
        SubscriptionType: "Subscription",
        Region: "ap-southeast-1",
        Status: "Normal",
        CreateTime: "2024-02-02T02:02:02Z",
        EndTime: "2030-02-02T02:02:02Z",
        RenewStatus: "AutoRenewal",
        RenewalDuration: 6,
        RenewalDurationUnit: "M",
      },
    ]);
    const set = await bssError(INTL_AUTH, "SetRenewal", {
      InstanceIDs: INTL,
      ProductCode: "kms",
      ProductType: "kms_ddi_public_cn",
      RenewalStatus: "ManualRenewal",
    });
    expect([set.code, set.statusCode]).toStrictEqual(["NotApplicable", 400]);
  });

  it("a domestic account is NotApplicable for _intl", async () => {
    for (const action of ["QueryAvailableInstances", "SetRenewal"]) {
      const err = await bssError(TEST_KEY, action, {
        InstanceIDs: CONNECTED,
        ProductCode: "kms",
        ProductType: "kms_ddi_public_intl",
        ...(action === "SetRenewal" ? { RenewalStatus: "ManualRenewal" } : {}),
      });
      expect([action, err.code, err.statusCode]).toStrictEqual([action, "NotApplicable", 400]);
    }
    expect(emu.control.getInstance(CONNECTED)?.Renewal?.RenewStatus).toBe("AutoRenewal");
  });

  it("PUT /_emulator/accounts/<id> makes a running emulator's account intl; reset restores the seed", async () => {
    const put = await rawRequest(emu.url, {
      method: "PUT",
      path: `/_emulator/accounts/${EMULATOR_ACCOUNT_ID}`,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ Site: "intl" }),
    });
    expect([put.status, put.json()]).toStrictEqual([
      200,
      { AccountId: EMULATOR_ACCOUNT_ID, Site: "intl" },
    ]);
    const got = await rawRequest(emu.url, {
      method: "GET",
      path: `/_emulator/accounts/${EMULATOR_ACCOUNT_ID}`,
      headers: CONTROL_HEADERS,
    });
    expect([got.status, got.json()]).toStrictEqual([
      200,
      { AccountId: EMULATOR_ACCOUNT_ID, Site: "intl" },
    ]);
    const err = await bssError(TEST_KEY, "QueryAvailableInstances", queryOf(CONNECTED));
    expect([err.code, err.statusCode]).toStrictEqual(["NotApplicable", 400]);
    expect((await listed(CONNECTED, "cn-hangzhou", "kms_ddi_public_intl")).length).toBe(1);

    emu.control.reset();
    expect(emu.control.getAccount(EMULATOR_ACCOUNT_ID)).toStrictEqual({
      AccountId: EMULATOR_ACCOUNT_ID,
      Site: "domestic",
    });
    expect(emu.control.getAccount(INTL_ACCOUNT)).toStrictEqual({
      AccountId: INTL_ACCOUNT,
      Site: "intl",
    });
  });

  it("the account route is guarded like the others and validates its body", async () => {
    const path = `/_emulator/accounts/${EMULATOR_ACCOUNT_ID}`;
    const plain = await rawRequest(emu.url, {
      method: "PUT",
      path,
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ Site: "intl" }),
    });
    expect(plain.status).toBe(415);
    const bad = await rawRequest(emu.url, {
      method: "PUT",
      path,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ Site: "cn" }),
    });
    expect([bad.status, bad.json()]).toStrictEqual([
      400,
      { error: 'account.Site must be "domestic" or "intl", got "cn"' },
    ]);
    const badId = await rawRequest(emu.url, {
      method: "GET",
      path: "/_emulator/accounts/not-digits",
      headers: CONTROL_HEADERS,
    });
    expect(badId.status).toBe(400);
    expect(emu.control.getAccount(EMULATOR_ACCOUNT_ID).Site).toBe("domestic");
  });
});

describe("the request recorder", () => {
  it("counts BSS calls per action and status, and logs their instance and parameters", async () => {
    emu.control.resetStats();
    await listed(CONNECTED);
    await listed(EXPIRING, "cn-shanghai");
    await bss(TEST_KEY, "SetRenewal", {
      InstanceIDs: EXPIRING,
      ProductCode: "kms",
      RenewalStatus: "NotRenewal",
    });
    await bssError(TEST_KEY, "SetRenewal", {
      InstanceIDs: EXPIRING,
      ProductCode: "kms",
      RenewalStatus: "AutoRenewal",
    });
    expect(emu.control.stats()).toStrictEqual({
      total: 4,
      byAction: {
        QueryAvailableInstances: { "200": 2 },
        SetRenewal: { "200": 1, "400": 1 },
      },
    });
    const log = emu.control.requests();
    expect(log.map((r) => [r.action, r.instanceId, r.status, r.code])).toStrictEqual([
      ["QueryAvailableInstances", CONNECTED, 200, undefined],
      ["QueryAvailableInstances", EXPIRING, 200, undefined],
      ["SetRenewal", EXPIRING, 200, undefined],
      ["SetRenewal", EXPIRING, 400, "MissingRenewalPeriod"],
    ]);
    expect(log[0].params).toStrictEqual(queryOf(CONNECTED));
  });
});

describe("seed validation", () => {
  const withRenewal = (renewal: unknown): SeedFile => {
    const s = defaultSeed();
    (s.instances[1] as unknown as Record<string, unknown>).Renewal = renewal;
    return s;
  };

  it.each([
    [
      "a period with ManualRenewal",
      { RenewStatus: "ManualRenewal", RenewalDuration: 1, RenewalDurationUnit: "M" },
    ],
    ["AutoRenewal without a period", { RenewStatus: "AutoRenewal" }],
    [
      "a unit other than M or Y",
      { RenewStatus: "AutoRenewal", RenewalDuration: 1, RenewalDurationUnit: "D" },
    ],
    [
      "a period of 37",
      { RenewStatus: "AutoRenewal", RenewalDuration: 37, RenewalDurationUnit: "M" },
    ],
    ["an unknown status", { RenewStatus: "Auto" }],
    ["an unknown field", { RenewStatus: "NotRenewal", Period: 1 }],
  ])("refuses a Renewal with %s", async (_what, renewal) => {
    await expect(startEmulator({ seed: withRenewal(renewal) })).rejects.toBeInstanceOf(
      SeedFileError,
    );
  });

  it("refuses an account with an unknown Site or a duplicate AccountId", async () => {
    for (const accounts of [
      [{ AccountId: INTL_ACCOUNT, Site: "international" }],
      [{ AccountId: INTL_ACCOUNT }, { AccountId: INTL_ACCOUNT, Site: "intl" }],
    ]) {
      const s = { ...defaultSeed(), accounts } as unknown as SeedFile;
      await expect(startEmulator({ seed: s })).rejects.toThrow(SeedFileError);
    }
  });
});

describe("the state file", () => {
  it("keeps renewal states and account sites across a restart", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bss-state-"));
    const statePath = path.join(dir, "state.json");
    try {
      const first = await startEmulator({ statePath });
      first.control.putAccount({ AccountId: OTHER_ACCOUNT_ID, Site: "intl" });
      await call(
        kmsClient(first.endpoint, TEST_KEY),
        "SetRenewal",
        { InstanceIDs: EXPIRING, ProductCode: "kms", RenewalStatus: "NotRenewal" },
        undefined,
        BSS_API_VERSION,
      );
      await first.close();
      const second = await startEmulator({ statePath });
      try {
        expect(second.control.getAccount(OTHER_ACCOUNT_ID).Site).toBe("intl");
        expect(second.control.getInstance(EXPIRING)?.Renewal).toStrictEqual({
          RenewStatus: "NotRenewal",
        });
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
