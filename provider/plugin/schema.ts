/**
 * The package schema, built from the property tables: the CLI reads it (GetSchema) for the
 * resource's inputs and the code `pulumi import` prints, and `pulumi package gen-sdk` builds the
 * Python, Go and .NET SDKs from it. `schema.json` is this object (`npm run gen:schema`), so a
 * contract change shows in a diff.
 *
 * `language` names the SDKs `pulumi import` writes code against and `npm run gen:sdks` generates.
 * Field names follow the codegen `PackageInfo` types at pkg/v3 v3.248.0
 * (`codegen/nodejs/importer.go`, `codegen/python/importer.go`, `codegen/go/importer.go`) and the
 * .NET codegen's `CSharpPackageInfo` (`namespaces`, `rootNamespace`, `packageReferences`).
 */
import {
  BIND_VPC_FIELDS,
  CONNECTION_FIELDS,
  INPUT_PROPERTIES,
  OUTPUT_FIELDS,
  QUOTA_FIGURE_FIELDS,
  QUOTA_USAGE_FIELDS,
  RENEWAL_FIELDS,
  type PropertyRow,
} from "../instance";
import {
  BIND_VPC_TYPE,
  CONNECTION_TYPE,
  PACKAGE_NAME,
  PLUGIN_RESOURCE_TYPE,
  QUOTA_FIGURE_TYPE,
  QUOTA_USAGE_TYPE,
  RENEWAL_TYPE,
} from "../package/identity";
import { PLUGIN_CONFIG, type ConfigRow } from "./properties";

/**
 * The npm module generated code imports the plugin resource from: the package's `./plugin`
 * subpath, so the root export `KmsInstance` stays the dynamic resource.
 */
export const NODEJS_IMPORT_PATH = "pulumi-alicloud-kms/plugin";

/** The Python package (`import pulumi_alicloud_kms as alicloud_kms`). */
export const PYTHON_PACKAGE = "pulumi_alicloud_kms";

/**
 * The Go module of the generated SDK (`sdk-gen/go/go.mod`). Not published: a program uses it
 * through a `replace` directive pointing at the generated folder (sdk-gen/go/README.md).
 */
export const GO_MODULE_PATH = "github.com/pulumi-alicloud-kms/sdk-gen/go";

/** The Go package name, also the last element of its import path. */
export const GO_PACKAGE_NAME = "alicloudkms";

/** The Go import path of the package (`import "…/alicloudkms"`). */
export const GO_IMPORT_PATH = `${GO_MODULE_PATH}/${GO_PACKAGE_NAME}`;

/** The C# namespace of the generated SDK (`using Pulumi.AlicloudKms;`). */
export const CSHARP_NAMESPACE = "Pulumi.AlicloudKms";

/** The schema properties of `table`'s rows named in `names` (all by default). */
function properties(
  table: Readonly<Record<string, ConfigRow>>,
  names: readonly string[] = Object.keys(table),
): Record<string, object> {
  return Object.fromEntries(
    names.map((n) => {
      const { type, description, secret } = table[n];
      return [n, { ...type, description, ...(secret ? { secret: true } : {}) }];
    }),
  );
}

/** An object type of the schema: the rows of `table`, all required unless `required` says. */
function objectType(
  description: string,
  table: Readonly<Record<string, PropertyRow>>,
  required: readonly string[] = Object.keys(table),
): Record<string, unknown> {
  return { type: "object", description, properties: properties(table), required };
}

/** The package schema as a plain object (serialize with `JSON.stringify`). */
export function packageSchema(version: string): Record<string, unknown> {
  const [csharpRoot, ...csharpRest] = CSHARP_NAMESPACE.split(".");
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
      variables: properties(PLUGIN_CONFIG),
    },
    types: {
      [BIND_VPC_TYPE]: objectType("A VPC bound to the instance.", BIND_VPC_FIELDS),
      [CONNECTION_TYPE]: objectType(
        "The network a KMS instance is enabled in: its VPC, two zones and a vSwitch in each.",
        CONNECTION_FIELDS,
      ),
      [RENEWAL_TYPE]: objectType(
        "How a subscription instance renews: `status`, and with `AutoRenewal` the `period` and " +
          "`periodUnit` each renewal adds (BSS `QueryAvailableInstances` / `SetRenewal`).",
        RENEWAL_FIELDS,
        ["status"],
      ),
      [QUOTA_USAGE_TYPE]: objectType(
        "Quota usage of the instance, per resource type (`GetKmsInstanceQuotaInfos`).",
        QUOTA_USAGE_FIELDS,
      ),
      [QUOTA_FIGURE_TYPE]: objectType(
        "The quota of one resource type and how much of it is used.",
        QUOTA_FIGURE_FIELDS,
      ),
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
        properties: properties(OUTPUT_FIELDS),
        required: ["kmsInstanceId", "region", "managedProperties"],
        inputProperties: properties(OUTPUT_FIELDS, INPUT_PROPERTIES),
        requiredInputs: ["kmsInstanceId"],
      },
    },
    // supportPack: gen-sdk writes complete, buildable packages (Go: a go.mod; Python: a
    // pyproject.toml with the schema's version), the layout `pulumi package add` uses.
    meta: { supportPack: true },
    language: {
      nodejs: {
        packageName: NODEJS_IMPORT_PATH,
        packageDescription: "Adopt existing Alibaba Cloud KMS instances into Pulumi.",
        // The lowest `@pulumi/pulumi` the hand-written plugin SDK supports (the peer range).
        dependencies: { "@pulumi/pulumi": "^3.216.0" },
      },
      python: {
        packageName: PYTHON_PACKAGE,
        requires: { pulumi: ">=3.0.0,<4.0.0" },
        pyproject: { enabled: true },
        respectSchemaVersion: true,
      },
      go: {
        importBasePath: GO_IMPORT_PATH,
        modulePath: GO_MODULE_PATH,
        rootPackageName: GO_PACKAGE_NAME,
        generateResourceContainerTypes: true,
        respectSchemaVersion: true,
      },
      csharp: {
        rootNamespace: csharpRoot,
        namespaces: { [PACKAGE_NAME]: csharpRest.join(".") },
        packageReferences: { Pulumi: "3.*" },
        respectSchemaVersion: true,
      },
    },
  };
}
