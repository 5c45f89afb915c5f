/**
 * The built-in seed: three instances in two regions that exercise the whole model — a Connected
 * instance with two bound VPCs (one owned by another account, with a 16-digit owner id beyond
 * JS number precision), tags, a real CA chain and auto-renewal for one year; an Uninitialized one
 * with no VPC fields; and one whose subscription ends five days after the emulator starts (both
 * renewed manually, the default). Every account is domestic.
 */
import type { SeedFile } from "./types";

/** The account that owns the emulator's instances (appears in ARNs). */
export const EMULATOR_ACCOUNT_ID = "1234567890123456";

/** Another account that owns one bound VPC; above 2^53, so a JS number would corrupt it. */
export const OTHER_ACCOUNT_ID = "9876543210987654";

/** Instance ids of the default seed. */
export const DEFAULT_SEED_IDS = Object.freeze({
  connected: "kst-hzz65f176a0ogplgqxxxx",
  uninitialized: "kst-hzz64e2b1c7d9f0a3kxxxx",
  expiring: "kst-shh63a9d4e5f6b7c8dxxxx",
});

/** The region of each default seed instance. */
export const DEFAULT_SEED_REGIONS = Object.freeze({
  connected: "cn-hangzhou",
  uninitialized: "cn-hangzhou",
  expiring: "cn-shanghai",
});

/**
 * A real two-certificate chain (instance CA signed by a root CA, EC P-256, made once with
 * openssl), joined with CRLF as the API returns it; `crypto.X509Certificate` parses it.
 */
export const DEFAULT_CA_CERTIFICATE_CHAIN_PEM = [
  "-----BEGIN CERTIFICATE-----",
  "MIIB8jCCAZigAwIBAgIUFl7kmH1nXbyJdFcu3k5QKpWRu70wCgYIKoZIzj0EAwIw",
  "QzELMAkGA1UEBhMCQ04xFTATBgNVBAoMDEtNUyBFbXVsYXRvcjEdMBsGA1UEAwwU",
  "S01TIEVtdWxhdG9yIFJvb3QgQ0EwHhcNMjYxMTI4MTcwNTM2WhcNMzYxMTI1MTcw",
  "NTM2WjBHMQswCQYDVQQGEwJDTjEVMBMGA1UECgwMS01TIEVtdWxhdG9yMSEwHwYD",
  "VQQDDBhLTVMgRW11bGF0b3IgSW5zdGFuY2UgQ0EwWTATBgcqhkjOPQIBBggqhkjO",
  "PQMBBwNCAAQL3Qsv7kkyXGCs97zGyJFMLVZb3QiDdTILPOO6Ew0l3fhk4BAy2JVH",
  "V+wApby09lRHmR43bFXVKKwWu1GEEzL4o2YwZDASBgNVHRMBAf8ECDAGAQH/AgEA",
  "MA4GA1UdDwEB/wQEAwIBBjAdBgNVHQ4EFgQUoLQjKRiJFb6DykpQQKYtSKRLzxow",
  "HwYDVR0jBBgwFoAUpk/5XfsRFCbgP9D6NcpnMEl4i6wwCgYIKoZIzj0EAwIDSAAw",
  "RQIgDSlprfK7Lr8z+jMPHOvZj4fNMwOxpLS98lAuVMDoctoCIQCmjT29h3UjJHEB",
  "kUGLha/LqqyBbk4WHOSZfa0EMB2PdA==",
  "-----END CERTIFICATE-----",
  "-----BEGIN CERTIFICATE-----",
  "MIIB6zCCAZGgAwIBAgIUZJJYDeS5OTID1C18H4GVBORbwnswCgYIKoZIzj0EAwIw",
  "QzELMAkGA1UEBhMCQ04xFTATBgNVBAoMDEtNUyBFbXVsYXRvcjEdMBsGA1UEAwwU",
  "S01TIEVtdWxhdG9yIFJvb3QgQ0EwHhcNMjYxMTI4MTcwNTM2WhcNMzYxMTI1MTcw",
  "NTM2WjBDMQswCQYDVQQGEwJDTjEVMBMGA1UECgwMS01TIEVtdWxhdG9yMR0wGwYD",
  "VQQDDBRLTVMgRW11bGF0b3IgUm9vdCBDQTBZMBMGByqGSM49AgEGCCqGSM49AwEH",
  "A0IABFoEUY92XSJeB2N/Zu1+TH8e0n46RVheb/pBd8XldF8QHXO6G+DSWZ+mXudw",
  "DXUQjbvAGe1GiPC6caCWiR13pVGjYzBhMB0GA1UdDgQWBBSmT/ld+xEUJuA/0Po1",
  "ymcwSXiLrDAfBgNVHSMEGDAWgBSmT/ld+xEUJuA/0Po1ymcwSXiLrDAPBgNVHRMB",
  "Af8EBTADAQH/MA4GA1UdDwEB/wQEAwIBBjAKBggqhkjOPQQDAgNIADBFAiEAvwN+",
  "lybJBoVOHvwcR8HKJcs6bL9qAlLzr2UUgMp/jPMCIEGN4FuOfhaK29TVpwhweJ0V",
  "LKVbVS/5S/UCJwLaio/o",
  "-----END CERTIFICATE-----",
].join("\r\n");

/** Days between the emulator's start and the expiring instance's end date. */
export const EXPIRING_IN_DAYS = 5;

/** An API date (to the second) `days` after `now`. */
export function apiDate(now: Date, days = 0): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 19) + "Z";
}

/** The default seed, with end dates relative to `now` (the emulator's start). */
export function defaultSeed(now: Date = new Date()): SeedFile {
  return {
    instances: [
      {
        RegionId: DEFAULT_SEED_REGIONS.connected,
        KmsInstance: {
          InstanceId: DEFAULT_SEED_IDS.connected,
          InstanceName: "prod-kms",
          Status: "Connected",
          CreateTime: "2023-09-05T12:44:20Z",
          StartDate: "2023-09-05T12:44:20Z",
          EndDate: apiDate(now, 400),
          Spec: 1000,
          KeyNum: 1000,
          SecretNum: "100",
          VpcNum: 7,
          VpcId: "vpc-bp1hzz65f176a0ogplgq",
          ZoneIds: ["cn-hangzhou-k", "cn-hangzhou-j"],
          VswitchIds: ["vsw-bp1hzz65f176a0kzonek"],
          CaCertificateChainPem: DEFAULT_CA_CERTIFICATE_CHAIN_PEM,
          BindVpcs: {
            BindVpc: [
              {
                RegionId: "cn-hangzhou",
                VpcId: "vpc-bp1hzz65f176a0ogplgq",
                VSwitchId: "vsw-bp1hzz65f176a0kzonek",
                VpcOwnerId: EMULATOR_ACCOUNT_ID,
              },
              {
                RegionId: "cn-hangzhou",
                VpcId: "vpc-bp1shared9x8y7z6w5v4",
                VSwitchId: "vsw-bp1shared9x8y7zonej",
                VpcOwnerId: OTHER_ACCOUNT_ID,
              },
            ],
          },
          ChargeType: "PREPAY",
          ProductVersion: "3",
          ProductType: "kms_ddi_public_cn",
          SaleStatus: "Normal",
          Log: 0,
          LogStorage: 0,
          DeletionProtection: true,
          DeletionProtectionDescription: "production keys",
        },
        Tags: { env: "prod", team: "platform" },
        Renewal: { RenewStatus: "AutoRenewal", RenewalDuration: 1, RenewalDurationUnit: "Y" },
      },
      {
        RegionId: DEFAULT_SEED_REGIONS.uninitialized,
        KmsInstance: {
          InstanceId: DEFAULT_SEED_IDS.uninitialized,
          InstanceName: DEFAULT_SEED_IDS.uninitialized,
          Status: "Uninitialized",
          CreateTime: "2024-03-11T02:10:05Z",
          StartDate: "2024-03-11T02:10:05Z",
          EndDate: apiDate(now, 200),
          Spec: 1000,
          KeyNum: 1000,
          SecretNum: "0",
          VpcNum: 1,
          ChargeType: "PREPAY",
          ProductVersion: "3",
          ProductType: "kms_ddi_public_cn",
          SaleStatus: "Normal",
          Log: 0,
          LogStorage: 0,
          DeletionProtection: false,
        },
      },
      {
        RegionId: DEFAULT_SEED_REGIONS.expiring,
        KmsInstance: {
          InstanceId: DEFAULT_SEED_IDS.expiring,
          InstanceName: "staging-kms",
          Status: "Connected",
          CreateTime: "2024-01-20T08:00:00Z",
          StartDate: "2024-01-20T08:00:00Z",
          EndDate: apiDate(now, EXPIRING_IN_DAYS),
          Spec: 2000,
          KeyNum: 2000,
          SecretNum: "200",
          VpcNum: 3,
          VpcId: "vpc-uf6shh63a9d4e5f6b7c8d",
          ZoneIds: ["cn-shanghai-e", "cn-shanghai-f"],
          VswitchIds: ["vsw-uf6shh63a9d4e5zonee"],
          CaCertificateChainPem: DEFAULT_CA_CERTIFICATE_CHAIN_PEM,
          BindVpcs: {
            BindVpc: [
              {
                RegionId: "cn-shanghai",
                VpcId: "vpc-uf6shh63a9d4e5f6b7c8d",
                VSwitchId: "vsw-uf6shh63a9d4e5zonee",
                VpcOwnerId: EMULATOR_ACCOUNT_ID,
              },
            ],
          },
          ChargeType: "PREPAY",
          ProductVersion: "3",
          ProductType: "kms_ddi_public_intl",
          SaleStatus: "Normal",
          Log: 1,
          LogStorage: 1000,
          DeletionProtection: false,
        },
        Tags: { env: "staging" },
      },
    ],
  };
}
