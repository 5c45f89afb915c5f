/**
 * The BSS renewal calls of `KmsClient` against a scripted server: what it sends (RPC, version 2017-12-14, the
 * product code and type Terraform sends), the `NotApplicable` move to the international product
 * types, and the answers it refuses to read a renewal from.
 */
import { decodeRenewal, KmsClient } from "../../../provider/kms/client";
import { APIS, INTERNATIONAL_BSS_ENDPOINT } from "../../../provider/kms/endpoint";
import { resolveKmsSettings } from "../../../provider/kms/settings";
import { startRawServer, type RawReply, type RawServer } from "./raw-server";
import { failure } from "../../support/rejection";

const ID = "kst-hzz65f176a0ogplgqxxxx";
let server: RawServer;
let answers: RawReply[] = [];

beforeAll(async () => {
  server = await startRawServer((_req, i) => answers[Math.min(i, answers.length - 1)]);
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

function settings(bssEndpoint?: string) {
  return resolveKmsSettings({
    region: "cn-hangzhou",
    config: (k) =>
      ({
        "alicloud:accessKey": "LTAI5tBssUnitKey",
        "alicloud:secretKey": "BssUnitSecret",
        "alicloud-kms:bssEndpoint": bssEndpoint,
        "alicloud-kms:readTimeoutMs": "2000",
      })[k],
    env: {},
  });
}

function client(): KmsClient {
  return new KmsClient(settings(`http://${server.endpoint}/bss`), { retry: { maxElapsedMs: 0 } });
}

const listing = (rows: unknown[]): RawReply => ({
  status: 200,
  json: {
    RequestId: "R1",
    Success: true,
    Code: "Success",
    Message: "Successful!",
    Data: { PageNum: 1, PageSize: 20, TotalCount: rows.length, InstanceList: rows },
  },
});
const notApplicable: RawReply = {
  status: 400,
  json: {
    RequestId: "R0",
    Code: "NotApplicable",
    Message: "This API is not applicable for caller.",
  },
};

test("reads a renewal with the fields Terraform sends, at version 2017-12-14", async () => {
  answers = [
    listing([
      { InstanceID: ID, RenewStatus: "AutoRenewal", RenewalDuration: 1, RenewalDurationUnit: "Y" },
    ]),
  ];
  await expect(client().queryRenewal(ID)).resolves.toEqual({
    status: "AutoRenewal",
    period: 1,
    periodUnit: "Y",
  });
  expect(server.requests).toHaveLength(1);
  const { action, version, query, path } = server.requests[0];
  expect(action).toBe("QueryAvailableInstances");
  expect(version).toBe(APIS.bssEndpoint.version);
  expect(path).toBe("/bss");
  expect(query).toMatchObject({
    InstanceIDs: ID,
    Region: "cn-hangzhou",
    ProductCode: "kms",
    ProductType: "kms_ddi_public_cn",
  });
});

test("an instance BSS does not list reads as undefined; another instance's row does not count", async () => {
  answers = [listing([{ InstanceID: "kst-other0001", RenewStatus: "AutoRenewal" }])];
  await expect(client().queryRenewal(ID)).resolves.toBeUndefined();
  answers = [listing([])];
  await expect(client().queryRenewal(ID)).resolves.toBeUndefined();
});

test("sets AutoRenewal with its period, and ManualRenewal without one", async () => {
  answers = [{ status: 200, json: { RequestId: "R2", Success: true, Code: "Success" } }];
  const c = client();
  await c.setRenewal(ID, { status: "AutoRenewal", period: 6, periodUnit: "M" });
  await c.setRenewal(ID, { status: "ManualRenewal", period: 6, periodUnit: "M" });
  const [auto, manual] = server.requests.map((r) => r.query);
  expect(server.requests.map((r) => r.action)).toEqual(["SetRenewal", "SetRenewal"]);
  expect(auto).toMatchObject({
    InstanceIDs: ID,
    ProductCode: "kms",
    ProductType: "kms_ddi_public_cn",
    SubscriptionType: "Subscription",
    RenewalStatus: "AutoRenewal",
    RenewalPeriod: "6",
    RenewalPeriodUnit: "M",
  });
  expect(manual.RenewalStatus).toBe("ManualRenewal");
  expect("RenewalPeriod" in manual || "RenewalPeriodUnit" in manual).toBe(false);
});

test("NotApplicable moves to the international product types once, and they stay", async () => {
  answers = [notApplicable, listing([{ InstanceID: ID, RenewStatus: "ManualRenewal" }])];
  const c = client();
  await expect(c.queryRenewal(ID)).resolves.toEqual({ status: "ManualRenewal" });
  await expect(c.queryRenewal(ID)).resolves.toEqual({ status: "ManualRenewal" });
  expect(server.requests.map((r) => r.query.ProductType)).toEqual([
    "kms_ddi_public_cn",
    "kms_ddi_public_intl",
    "kms_ddi_public_intl",
  ]);
});

test("NotApplicable on the international site too fails with that code (no loop)", async () => {
  answers = [notApplicable];
  const err = await failure(client().queryRenewal(ID));
  expect(err.code).toBe("NotApplicable");
  expect(server.requests).toHaveLength(2);
});

test("the default endpoints are Terraform's: domestic first, then international", () => {
  expect(new KmsClient(settings()).bssEndpoints).toEqual({
    domestic: APIS.bssEndpoint.fallback,
    international: INTERNATIONAL_BSS_ENDPOINT,
  });
  expect(APIS.bssEndpoint.fallback).toBe("https://business.aliyuncs.com");
  expect(INTERNATIONAL_BSS_ENDPOINT).toBe("https://business.ap-southeast-1.aliyuncs.com");
});

test("Success: false is the service's refusal, with its code and request id", async () => {
  answers = [
    { status: 200, json: { RequestId: "R3", Success: false, Code: "InvalidOwner", Message: "no" } },
  ];
  const err = await failure(client().setRenewal(ID, { status: "ManualRenewal" }));
  expect(err.message).toBe(
    `SetRenewal failed for KMS instance ${ID} in cn-hangzhou: InvalidOwner (HTTP 200): no [request id R3]`,
  );
});

test("a Success: false message that echoes the access key id is masked, as KMS and STS errors are", async () => {
  answers = [
    {
      status: 200,
      json: {
        RequestId: "R5",
        Success: false,
        Code: "InvalidOwner",
        Message: "LTAI5tBssUnitKey: no",
      },
    },
  ];
  const err = await failure(client().setRenewal(ID, { status: "ManualRenewal" }));
  expect(err.message).toBe(
    `SetRenewal failed for KMS instance ${ID} in cn-hangzhou: InvalidOwner (HTTP 200): ***: no [request id R5]`,
  );
});

test.each([
  [{ RequestId: "R4" }, "HTTP 200 without Success"],
  [{ RequestId: "R4", Success: true }, "HTTP 200 without Data.InstanceList"],
  [
    {
      RequestId: "R4",
      Success: true,
      Data: { InstanceList: [{ InstanceID: ID, RenewStatus: "Sometimes" }] },
    },
    'HTTP 200 RenewStatus "Sometimes" is not one of AutoRenewal, ManualRenewal, NotRenewal',
  ],
])("refuses an answer BSS does not give: %j", async (json, what) => {
  answers = [{ status: 200, json }];
  const err = await failure(client().queryRenewal(ID));
  expect(err.kind).toBe("unexpected");
  expect(err.message).toContain(`answered ${what}: it may not be the BSS OpenAPI`);
  expect(err.requestId).toBe("R4");
});

test("decodeRenewal keeps a period only for AutoRenewal, with a whole number and a unit", () => {
  expect(
    decodeRenewal({ RenewStatus: "NotRenewal", RenewalDuration: 1, RenewalDurationUnit: "M" }),
  ).toEqual({
    status: "NotRenewal",
  });
  expect(decodeRenewal({ RenewStatus: "AutoRenewal" })).toEqual({ status: "AutoRenewal" });
  expect(
    decodeRenewal({ RenewStatus: "AutoRenewal", RenewalDuration: 1.5, RenewalDurationUnit: "M" }),
  ).toEqual({
    problem: "RenewalDuration 1.5 is not a whole number",
  });
  expect(
    decodeRenewal({ RenewStatus: "AutoRenewal", RenewalDuration: 2, RenewalDurationUnit: "W" }),
  ).toEqual({
    problem: 'RenewalDurationUnit "W" is not M or Y',
  });
});
