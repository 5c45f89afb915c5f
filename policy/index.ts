/**
 * The CrossGuard policy pack of pulumi-alicloud-kms: `pulumi preview --policy-pack
 * node_modules/pulumi-alicloud-kms/policy`. The CLI starts this module (through
 * `policy/package.json`'s `main`) from the pack's folder; `PolicyPack` serves the rules of
 * `policies.ts` to it over gRPC.
 */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("alicloud-kms", { policies });
