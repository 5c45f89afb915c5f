/**
 * The `language` sections of the package schema: where each Pulumi language's SDK of the plugin
 * resource lives and what it is called. `pulumi import` writes code against these names, and
 * `pulumi package gen-sdk` (`npm run gen:sdks`) generates the SDKs under them. Field names follow
 * the codegen packages' `PackageInfo` types at pkg/v3 v3.248.0: `codegen/nodejs/importer.go`,
 * `codegen/python/importer.go`, `codegen/go/importer.go`; C# from the .NET codegen's
 * `CSharpPackageInfo` (`namespaces`, `rootNamespace`, `packageReferences`).
 */
import { PACKAGE_NAME } from "../package/identity";

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

/** The lowest `@pulumi/pulumi` the hand-written plugin SDK supports (the package's peer range). */
const NODEJS_PULUMI_RANGE = "^3.216.0";

/** The schema's `language` object: one section per language the SDKs are generated for. */
export function languageSections(): Record<string, Record<string, unknown>> {
  const [root, ...rest] = CSHARP_NAMESPACE.split(".");
  return {
    nodejs: {
      packageName: NODEJS_IMPORT_PATH,
      packageDescription: "Adopt existing Alibaba Cloud KMS instances into Pulumi.",
      dependencies: { "@pulumi/pulumi": NODEJS_PULUMI_RANGE },
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
      rootNamespace: root,
      namespaces: { [PACKAGE_NAME]: rest.join(".") },
      packageReferences: { Pulumi: "3.*" },
      respectSchemaVersion: true,
    },
  };
}
