/** Wire names of the package. Both adapters and the SDK use them, so they live beside neither. */

/** The package name: resource tokens, config keys and the plugin name all start with it. */
export const PACKAGE_NAME = "alicloud-kms";

/** The plugin resource's type token. */
export const PLUGIN_RESOURCE_TYPE = `${PACKAGE_NAME}:index:KmsInstance`;

/**
 * The package schema's object type tokens (this one and the four below), in the `index` module as
 * the resource: the schema binder rejects modules nested under `index` (`index/BindVpc`), and so
 * do `pulumi package get-schema` and `gen-sdk` (pkg/codegen/schema/bind.go at v3.248.0).
 */
export const BIND_VPC_TYPE = `${PACKAGE_NAME}:index:BindVpc`;

export const CONNECTION_TYPE = `${PACKAGE_NAME}:index:Connection`;

export const QUOTA_USAGE_TYPE = `${PACKAGE_NAME}:index:QuotaUsage`;

export const QUOTA_FIGURE_TYPE = `${PACKAGE_NAME}:index:QuotaFigure`;

export const RENEWAL_TYPE = `${PACKAGE_NAME}:index:Renewal`;
