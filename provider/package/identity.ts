/**
 * The package's names on the wire: its Pulumi package name and the type tokens built from it.
 * Both adapters and the SDK use them, so they live beside neither adapter.
 */

/** The package name: resource tokens, config keys and the plugin name all start with it. */
export const PACKAGE_NAME = "alicloud-kms";

/** The plugin resource's type token. */
export const PLUGIN_RESOURCE_TYPE = `${PACKAGE_NAME}:index:KmsInstance`;

/**
 * The object type token of a bound VPC in the package schema. In the `index` module, as the
 * resource: the schema binder rejects modules nested under `index` (`index/BindVpc`), and so do
 * `pulumi package get-schema` and `gen-sdk` (pkg/codegen/schema/bind.go at v3.248.0).
 */
export const BIND_VPC_TYPE = `${PACKAGE_NAME}:index:BindVpc`;

/** The object type token of an instance's network (`connection`) in the package schema. */
export const CONNECTION_TYPE = `${PACKAGE_NAME}:index:Connection`;

/** The object type token of an instance's quota usage in the package schema (`index` module). */
export const QUOTA_USAGE_TYPE = `${PACKAGE_NAME}:index:QuotaUsage`;

/** The object type token of one resource type's quota and usage in the package schema. */
export const QUOTA_FIGURE_TYPE = `${PACKAGE_NAME}:index:QuotaFigure`;

/** The object type token of an instance's renewal (`renewal`) in the package schema. */
export const RENEWAL_TYPE = `${PACKAGE_NAME}:index:Renewal`;
