/**
 * Contract test, provider side: the provider's real clients (`KmsClient`, `getCallerIdentity`, signing
 * with `@alicloud/openapi-client`) call every action they use against the emulator, and every
 * request the emulator recorded is checked against the contract table parameter by parameter:
 * each parameter sent is one the table names, in the table's form, and none is missing.
 */
process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";

import { checkRequest } from "../../contract/check-request";
import type { ActionContract, ParamContract } from "../../contract/contract-types";
import { JsonNumberText, parseExactJson } from "../../contract/json-exact";
import { BSS_ACTIONS, BSS_VERSION } from "../../contract/bss-actions";
import { actionContract, KMS_ACTIONS, STS_ACTIONS, STS_VERSION } from "../../contract/kms-actions";
import {
  DEFAULT_SEED_IDS,
  EMULATOR_ACCOUNT_ID,
  OTHER_ACCOUNT_KEY,
  emulatorRoleArn,
  startEmulator,
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
  type RunningEmulator,
} from "../../emulator";
import type { RequestLogEntry } from "../../emulator/types";
import { BSS_ACTION_TRAITS, KMS_ACTION_TRAITS, KmsClient } from "../../provider/kms/client";
import { resolveKmsSettings } from "../../provider/kms/settings";
import { clearSessions, getCallerIdentity } from "../../provider/kms/session";

jest.setTimeout(60_000);

const CONNECTED = DEFAULT_SEED_IDS.connected;
const UNINIT = DEFAULT_SEED_IDS.uninitialized;
const OWNER_16 = "1234567890123456";
const OWNER_19 = "9223372036854775807";

let emu: RunningEmulator;
let requests: RequestLogEntry[];

function settings() {
  return resolveKmsSettings({
    region: "cn-hangzhou",
    config: (k) =>
      ({
        "alicloud:accessKey": TEST_ACCESS_KEY_ID,
        "alicloud:secretKey": TEST_ACCESS_KEY_SECRET,
        "alicloud-kms:endpoint": emu.endpointTemplate,
        "alicloud-kms:stsEndpoint": emu.url,
        "alicloud-kms:bssEndpoint": emu.url,
      })[k],
    env: {},
  });
}

beforeAll(async () => {
  emu = await startEmulator({ connectDelayMs: 100 });
  clearSessions();
  const kms = new KmsClient(settings(), { retry: { maxElapsedMs: 5000, baseDelayMs: 20 } });
  await kms.getKmsInstance(CONNECTED);
  await kms.listKmsInstances({ pageNumber: 1, pageSize: 100 });
  await kms.listKmsInstances({
    pageNumber: 1,
    pageSize: 100,
    filters: [{ Key: "InstanceName", Values: ["x", "y"] }],
  });
  await kms.updateKmsInstanceBindVpc(CONNECTED, [
    { VpcId: "vpc-a", VSwitchId: "vsw-a", RegionId: "cn-hangzhou", VpcOwnerId: OWNER_16 },
    { VpcId: "vpc-b", VSwitchId: "vsw-b", RegionId: "cn-shanghai", VpcOwnerId: OWNER_19 },
    { VpcId: "vpc-c", VSwitchId: "vsw-c", RegionId: "cn-hangzhou" },
  ]);
  await kms.updateKmsInstanceBindVpc(CONNECTED, []);
  await kms.updateKmsInstance(CONNECTED, { instanceName: "renamed" });
  await kms.setDeletionProtection(CONNECTED, { enabled: true, description: "why" });
  await kms.setDeletionProtection(CONNECTED, { enabled: false });
  // 20 tags, the most one call and one instance take; then 21 keys removed in two calls (20 + 1).
  const tags = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, `v ${i}`]));
  await kms.untagResources(CONNECTED, ["env", "team"]);
  await kms.tagResources(CONNECTED, { ...tags, k0: "" });
  await kms.listTagResources(CONNECTED, { pageSize: 5 });
  await kms.untagResources(CONNECTED, [...Object.keys(tags), "k20"]);
  await kms.listTagResources(CONNECTED);
  await kms.getKmsInstanceQuotaInfos(CONNECTED, "vpc");
  // Renewal through BSS: read, then set both ways (AutoRenewal carries its period).
  await kms.queryRenewal(CONNECTED);
  await kms.setRenewal(CONNECTED, { status: "AutoRenewal", period: 1, periodUnit: "Y" });
  await kms.setRenewal(CONNECTED, { status: "ManualRenewal" });
  await kms.connectKmsInstance(UNINIT, {
    vpcId: "vpc-n",
    zoneIds: ["cn-hangzhou-k", "cn-hangzhou-j"],
    vSwitchIds: ["vsw-1", "vsw-2"],
  });
  await getCallerIdentity(settings());
  // An assumed role: AssumeRole (with every optional field) before the call it signs.
  const role = resolveKmsSettings({
    region: "cn-hangzhou",
    config: (k) =>
      ({
        "alicloud:accessKey": OTHER_ACCOUNT_KEY.accessKeyId,
        "alicloud:secretKey": OTHER_ACCOUNT_KEY.accessKeySecret,
        "alicloud:assumeRole": JSON.stringify({
          roleArn: emulatorRoleArn(EMULATOR_ACCOUNT_ID),
          sessionName: "contract",
          sessionExpiration: 1800,
          policy: {
            Version: "1",
            Statement: [{ Effect: "Allow", Action: "kms:*", Resource: "*" }],
          },
          externalId: "ext-1",
        }),
        "alicloud-kms:endpoint": emu.endpointTemplate,
        "alicloud-kms:stsEndpoint": emu.url,
        "alicloud-kms:bssEndpoint": emu.url,
      })[k],
    env: {},
  });
  await new KmsClient(role).getKmsInstance(CONNECTED);
  requests = emu.control.requests();
});

afterAll(async () => {
  await emu?.close();
});

/** The table's parameter a recorded key belongs to (`Tag.3.Key` → `Tag`), if any. */
function paramOf(contract: ActionContract, key: string): ParamContract | undefined {
  return contract.params.find((p) => {
    if (p.form.type === "flat-list") return new RegExp(`^${p.name}\\.[1-9][0-9]*$`).test(key);
    if (p.form.type === "flat-pairs") {
      return new RegExp(`^${p.name}\\.[1-9][0-9]*\\.(Key|Value)$`).test(key);
    }
    return p.name === key;
  });
}

function contractOf(r: RequestLogEntry): ActionContract {
  const version = STS_ACTIONS.some((a) => a.action === r.action)
    ? STS_VERSION
    : BSS_ACTIONS.some((a) => a.action === r.action)
      ? BSS_VERSION
      : "2016-01-20";
  const c = actionContract(version, r.action);
  if (!c) throw new Error(`no contract row for ${r.action}`);
  return c;
}

function sent(action: string): Record<string, string>[] {
  return requests.filter((r) => r.action === action).map((r) => r.params ?? {});
}

test("the provider calls every action the table says it calls, and each succeeded", () => {
  const called = [...KMS_ACTIONS, ...STS_ACTIONS, ...BSS_ACTIONS].filter((a) => a.calledByProvider);
  expect([...new Set(requests.map((r) => r.action))].sort()).toEqual(
    called.map((a) => a.action).sort(),
  );
  expect(requests.filter((r) => r.status !== 200)).toEqual([]);
});

test("the client's retry traits name exactly the KMS actions the table says it calls", () => {
  // Idempotency is marked in one place (KMS_ACTION_TRAITS); an action the client sends must have
  // an entry there, so none is retried without a decision.
  const called = KMS_ACTIONS.filter((a) => a.calledByProvider).map((a) => a.action);
  expect(Object.keys(KMS_ACTION_TRAITS).sort()).toEqual(called.sort());
  const bss = BSS_ACTIONS.filter((a) => a.calledByProvider).map((a) => a.action);
  expect(Object.keys(BSS_ACTION_TRAITS).sort()).toEqual(bss.sort());
});

test("renewal: QueryAvailableInstances and SetRenewal carry what Terraform sends", () => {
  expect(sent("QueryAvailableInstances")).toEqual([
    {
      InstanceIDs: CONNECTED,
      Region: "cn-hangzhou",
      ProductCode: "kms",
      ProductType: "kms_ddi_public_cn",
    },
  ]);
  expect(sent("SetRenewal")).toEqual([
    {
      InstanceIDs: CONNECTED,
      ProductCode: "kms",
      ProductType: "kms_ddi_public_cn",
      SubscriptionType: "Subscription",
      RenewalStatus: "AutoRenewal",
      RenewalPeriod: "1",
      RenewalPeriodUnit: "Y",
    },
    {
      InstanceIDs: CONNECTED,
      ProductCode: "kms",
      ProductType: "kms_ddi_public_cn",
      SubscriptionType: "Subscription",
      RenewalStatus: "ManualRenewal",
    },
  ]);
});

test("every request holds only the table's parameters, each in the table's form", () => {
  for (const r of requests) {
    const contract = contractOf(r);
    const params = r.params ?? {};
    const undocumented = Object.keys(params).filter((k) => !paramOf(contract, k));
    expect([r.action, undocumented]).toEqual([r.action, []]);
    expect([r.action, checkRequest(contract, params)]).toEqual([r.action, undefined]);
  }
});

test("UpdateKmsInstanceBindVpc: VpcOwnerId is an unquoted number with the exact digits, absent when unset", () => {
  const [first, empty] = sent("UpdateKmsInstanceBindVpc");
  expect(first.KmsInstanceId).toBe(CONNECTED);
  expect(first.BindVpcs).toBe(
    "[" +
      `{"VpcId":"vpc-a","VSwitchId":"vsw-a","RegionId":"cn-hangzhou","VpcOwnerId":${OWNER_16}},` +
      `{"VpcId":"vpc-b","VSwitchId":"vsw-b","RegionId":"cn-shanghai","VpcOwnerId":${OWNER_19}},` +
      '{"VpcId":"vpc-c","VSwitchId":"vsw-c","RegionId":"cn-hangzhou"}' +
      "]",
  );
  const doc = parseExactJson(first.BindVpcs) as Record<string, unknown>[];
  expect(doc.map((e) => e.VpcOwnerId)).toEqual([
    new JsonNumberText(OWNER_16),
    new JsonNumberText(OWNER_19),
    undefined,
  ]);
  expect(empty.BindVpcs).toBe("[]");
});

test("ListKmsInstances: integers as decimal text, Filters as a JSON string", () => {
  const [page, all] = sent("ListKmsInstances");
  expect(page).toEqual({ PageNumber: "1", PageSize: "100" });
  expect(all).toEqual({
    PageNumber: "1",
    PageSize: "100",
    Filters: '[{"Key":"InstanceName","Values":["x","y"]}]',
  });
});

test("tag calls: RegionId, ResourceType=instance, flattened ResourceId.N, Tag.N.Key/Value and TagKey.N, at most 20 per call", () => {
  const tagCalls = sent("TagResources");
  expect(tagCalls).toHaveLength(1);
  for (const p of tagCalls) {
    expect(p).toMatchObject({ RegionId: "cn-hangzhou", ResourceType: "instance" });
    expect(p["ResourceId.1"]).toBe(CONNECTED);
    expect(p["ResourceId.2"]).toBeUndefined();
  }
  expect(Object.keys(tagCalls[0]).filter((k) => k.endsWith(".Key"))).toHaveLength(20);
  // An empty value is sent as an empty Tag.N.Value, not left out.
  expect(tagCalls[0]["Tag.1.Key"]).toBe("k0");
  expect(tagCalls[0]["Tag.1.Value"]).toBe("");
  const [untagFew, untagMany, untagRest] = sent("UntagResources");
  expect(untagFew).toEqual({
    RegionId: "cn-hangzhou",
    ResourceType: "instance",
    "ResourceId.1": CONNECTED,
    "TagKey.1": "env",
    "TagKey.2": "team",
  });
  expect(untagMany["TagKey.20"]).toBeDefined();
  expect(untagMany["TagKey.21"]).toBeUndefined();
  expect(untagRest["TagKey.1"]).toBeDefined();
  expect(untagRest["TagKey.2"]).toBeUndefined();
  const lists = sent("ListTagResources");
  expect(lists[0]).toMatchObject({ MaxResults: "5", "ResourceId.1": CONNECTED });
  expect(lists.some((p) => p.NextToken !== undefined)).toBe(true);
});

test("SetDeletionProtection: a boolean as true/false, the description only when given", () => {
  expect(sent("SetDeletionProtection")).toEqual([
    {
      KmsInstanceId: CONNECTED,
      EnableDeletionProtection: "true",
      DeletionProtectionDescription: "why",
    },
    { KmsInstanceId: CONNECTED, EnableDeletionProtection: "false" },
  ]);
});

test("AssumeRole: the role's fields as text, DurationSeconds decimal, Policy as JSON text", () => {
  expect(sent("AssumeRole")).toEqual([
    {
      RoleArn: emulatorRoleArn(EMULATOR_ACCOUNT_ID),
      RoleSessionName: "contract",
      DurationSeconds: "1800",
      Policy: '{"Version":"1","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}',
      ExternalId: "ext-1",
    },
  ]);
});

test("ConnectKmsInstance: comma lists and KMProvider=Aliyun", () => {
  expect(sent("ConnectKmsInstance")).toEqual([
    {
      KmsInstanceId: UNINIT,
      VpcId: "vpc-n",
      ZoneIds: "cn-hangzhou-k,cn-hangzhou-j",
      VSwitchIds: "vsw-1,vsw-2",
      KMProvider: "Aliyun",
    },
  ]);
});

test("the simple calls: one string parameter each, STS none", () => {
  // The second is the assumed role's.
  expect(sent("GetKmsInstance")).toEqual([
    { KmsInstanceId: CONNECTED },
    { KmsInstanceId: CONNECTED },
  ]);
  expect(sent("UpdateKmsInstance")).toEqual([
    { KmsInstanceId: CONNECTED, InstanceName: "renamed" },
  ]);
  expect(sent("GetKmsInstanceQuotaInfos")).toEqual([
    { KmsInstanceId: CONNECTED, ResourceType: "vpc" },
  ]);
  expect(sent("GetCallerIdentity")).toEqual([{}]);
});

test("the request log keeps no credential", () => {
  const text = JSON.stringify(requests);
  expect(text).not.toContain(TEST_ACCESS_KEY_SECRET);
  expect(text).not.toContain(TEST_ACCESS_KEY_ID);
  expect(text).not.toContain(OTHER_ACCOUNT_KEY.accessKeySecret);
  for (const s of emu.issuedSessions()) {
    expect(text).not.toContain(s.accessKeySecret);
    expect(text).not.toContain(s.securityToken);
  }
});
