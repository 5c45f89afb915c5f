/**
 * The Pulumi package schema of `alicloud-kms`, generated from the property table: the CLI reads
 * it (GetSchema) to generate the code `pulumi import` prints, and to know the resource's inputs;
 * `pulumi package gen-sdk` generates the Python, Go and .NET SDKs from it. The checked-in
 * `schema.json` is this object (`npm run gen:schema`), so a contract change shows in a diff.
 */
import { languageSections } from "./languages";
import {
  BIND_VPC_PROPERTIES,
  BIND_VPC_TYPE,
  CONNECTION_PROPERTIES,
  CONNECTION_TYPE,
  KMS_INSTANCE_PROPERTIES,
  PACKAGE_NAME,
  PLUGIN_CONFIG,
  PLUGIN_INPUT_NAMES,
  PLUGIN_RESOURCE_TYPE,
  QUOTA_FIGURE_PROPERTIES,
  QUOTA_FIGURE_TYPE,
  QUOTA_USAGE_PROPERTIES,
  QUOTA_USAGE_TYPE,
  RENEWAL_PROPERTIES,
  RENEWAL_TYPE,
  type PropertyRow,
} from "./properties";

export { NODEJS_IMPORT_PATH } from "./languages";

type SchemaProperty = PropertyRow["type"] & { description: string; secret?: boolean };

function property(row: PropertyRow, secret?: boolean): SchemaProperty {
  return { ...row.type, description: row.description, ...(secret ? { secret: true } : {}) };
}

function properties(
  table: Record<string, PropertyRow>,
  names: readonly string[],
): Record<string, SchemaProperty> {
  return Object.fromEntries(names.map((n) => [n, property(table[n])]));
}

/** The package schema as a plain object (serialize with `JSON.stringify`). */
export function packageSchema(version: string): Record<string, unknown> {
  const allNames = Object.keys(KMS_INSTANCE_PROPERTIES);
  return {
    name: PACKAGE_NAME,
    displayName: "Alibaba Cloud KMS instances",
    version,
    description:
      "Adopt existing Alibaba Cloud KMS instances (kst-…) into Pulumi: outputs, drift detection " +
      "and correction. Never buys or releases an instance.",
    keywords: ["pulumi", "alicloud", "kms", "category/cloud"],
    license: "Apache-2.0",
    // The .NET project's <Authors> (else "Pulumi Corp.").
    publisher: "pulumi-alicloud-kms",
    config: {
      variables: Object.fromEntries(
        Object.entries(PLUGIN_CONFIG).map(([k, row]) => [k, property(row, row.secret)]),
      ),
    },
    types: {
      [BIND_VPC_TYPE]: {
        type: "object",
        description: "A VPC bound to the instance.",
        properties: properties(BIND_VPC_PROPERTIES, Object.keys(BIND_VPC_PROPERTIES)),
        required: Object.keys(BIND_VPC_PROPERTIES),
      },
      [CONNECTION_TYPE]: {
        type: "object",
        description:
          "The network a KMS instance is enabled in: its VPC, two zones and a vSwitch in each.",
        properties: properties(CONNECTION_PROPERTIES, Object.keys(CONNECTION_PROPERTIES)),
        required: Object.keys(CONNECTION_PROPERTIES),
      },
      [RENEWAL_TYPE]: {
        type: "object",
        description:
          "How a subscription instance renews: `status`, and with `AutoRenewal` the `period` and " +
          "`periodUnit` each renewal adds (BSS `QueryAvailableInstances` / `SetRenewal`).",
        properties: properties(RENEWAL_PROPERTIES, Object.keys(RENEWAL_PROPERTIES)),
        required: ["status"],
      },
      [QUOTA_USAGE_TYPE]: {
        type: "object",
        description: "Quota usage of the instance, per resource type (`GetKmsInstanceQuotaInfos`).",
        properties: properties(QUOTA_USAGE_PROPERTIES, Object.keys(QUOTA_USAGE_PROPERTIES)),
        required: Object.keys(QUOTA_USAGE_PROPERTIES),
      },
      [QUOTA_FIGURE_TYPE]: {
        type: "object",
        description: "The quota of one resource type and how much of it is used.",
        properties: properties(QUOTA_FIGURE_PROPERTIES, Object.keys(QUOTA_FIGURE_PROPERTIES)),
        required: Object.keys(QUOTA_FIGURE_PROPERTIES),
      },
    },
    resources: {
      [PLUGIN_RESOURCE_TYPE]: {
        description:
          "An existing Alibaba Cloud KMS instance (`kst-…`) brought under Pulumi. Creating the " +
          "resource adopts the instance (it never buys one); `pulumi refresh` reads it with the " +
          "KMS API `GetKmsInstance` and shows drift of the declared properties; `pulumi up` " +
          "corrects it; deleting the resource stops managing the instance and leaves it " +
          "running.\n\n" +
          "## Import\n\n```sh\n$ pulumi import alicloud-kms:index:KmsInstance prod kst-hzz65f176a0ogplgqxxxx\n```",
        properties: properties(KMS_INSTANCE_PROPERTIES, allNames),
        required: ["kmsInstanceId", "region", "managedProperties"],
        inputProperties: properties(KMS_INSTANCE_PROPERTIES, PLUGIN_INPUT_NAMES),
        requiredInputs: ["kmsInstanceId"],
      },
    },
    // supportPack: gen-sdk writes complete, buildable packages (Go: a go.mod; Python: a
    // pyproject.toml with the schema's version), the layout `pulumi package add` uses.
    meta: { supportPack: true },
    language: languageSections(),
  };
}
