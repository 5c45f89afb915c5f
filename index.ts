/**
 * pulumi-alicloud-kms: adopt existing Alibaba Cloud KMS instances into Pulumi.
 * The SDK (what programs import) is re-exported here.
 *
 * @packageDocumentation
 */
export * from "./sdk";
