/**
 * A valid request of every KMS and BSS action of the contract table, for the emulator-side contract
 * tests: each succeeds on a freshly reset emulator with the default seed.
 */
import { DEFAULT_SEED_IDS, EMULATOR_ACCOUNT_ID } from "../../../emulator";

/** The region of the default seed's instances. */
export const HZ = "cn-hangzhou";
/** A `Connected` instance of the default seed. */
export const CONNECTED = DEFAULT_SEED_IDS.connected;
/** An `Uninitialized` instance of the default seed. */
export const UNINIT = DEFAULT_SEED_IDS.uninitialized;
/** A `BindVpcs` entry without its closing `VpcOwnerId` member and brace. */
export const BIND_ENTRY = '{"VpcId":"vpc-a","VSwitchId":"vsw-a","RegionId":"cn-hangzhou"';
/** The tag calls' common parameters, naming the connected instance. */
export const TAGGED = { RegionId: HZ, ResourceType: "instance", "ResourceId.1": CONNECTED };

/** A valid request of every action (each succeeds on a freshly reset emulator). */
export const VALID: Record<string, Record<string, string>> = {
  GetKmsInstance: { KmsInstanceId: CONNECTED },
  ListKmsInstances: {
    PageNumber: "1",
    PageSize: "20",
    Filters: '[{"Key":"InstanceName","Values":["x"]}]',
  },
  UpdateKmsInstanceBindVpc: {
    KmsInstanceId: CONNECTED,
    BindVpcs: `[${BIND_ENTRY},"VpcOwnerId":1234567890123456789}]`,
  },
  UpdateKmsInstance: { KmsInstanceId: CONNECTED, InstanceName: "renamed" },
  SetDeletionProtection: {
    KmsInstanceId: CONNECTED,
    EnableDeletionProtection: "true",
    DeletionProtectionDescription: "kept",
  },
  ConnectKmsInstance: {
    KmsInstanceId: UNINIT,
    VpcId: "vpc-n",
    ZoneIds: "cn-hangzhou-k,cn-hangzhou-j",
    VSwitchIds: "vsw-1",
    KMProvider: "Aliyun",
  },
  GetKmsInstanceQuotaInfos: { KmsInstanceId: CONNECTED, ResourceType: "key" },
  TagResources: { ...TAGGED, "Tag.1.Key": "team", "Tag.1.Value": "core" },
  UntagResources: { ...TAGGED, "TagKey.1": "team", All: "false" },
  ListTagResources: { ...TAGGED, "Tag.1.Key": "team", MaxResults: "5", NextToken: "" },
  QueryAvailableInstances: {
    InstanceIDs: CONNECTED,
    Region: HZ,
    ProductCode: "kms",
    ProductType: "kms_ddi_public_cn",
    SubscriptionType: "Subscription",
    RenewStatus: "AutoRenewal",
    CreateTimeStart: "2016-05-23T12:00:00Z",
    CreateTimeEnd: "2099-05-23T12:00:00Z",
    EndTimeStart: "2016-05-23T12:00:00Z",
    EndTimeEnd: "2099-05-23T12:00:00Z",
    PageNum: "1",
    PageSize: "20",
    OwnerId: EMULATOR_ACCOUNT_ID,
  },
  SetRenewal: {
    InstanceIDs: CONNECTED,
    ProductCode: "kms",
    ProductType: "kms_ddi_public_cn",
    SubscriptionType: "Subscription",
    RenewalStatus: "AutoRenewal",
    RenewalPeriod: "1",
    RenewalPeriodUnit: "Y",
    OwnerId: EMULATOR_ACCOUNT_ID,
  },
};
