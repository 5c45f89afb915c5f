/**
 * The provider-plugin adapter for `pulumi import`: the package schema, the provider operations
 * over `provider/core`, and the gRPC server the plugin executable runs.
 */
export { packageSchema, NODEJS_IMPORT_PATH } from "./schema";
export {
  KMS_INSTANCE_PROPERTIES,
  PLUGIN_CONFIG,
  PLUGIN_RESOURCE_TYPE,
  PACKAGE_NAME,
  PLUGIN_INPUT_NAMES,
} from "./properties";
export type { PropertyRow, ConfigRow, SchemaType } from "./properties";
export { KmsPluginProvider, detailedKind } from "./plugin-provider";
export type { PluginLog, PluginDiff, PluginRead, DetailedDiffKind, Props } from "./plugin-provider";
export { pluginConfigFrom, pluginHost } from "./config";
export { parseImportId } from "./import-id";
export type { ImportId } from "./import-id";
export { servePlugin, providerService, engineAddressFrom } from "./server";
export { PLUGIN_VERSION } from "../package/version";
