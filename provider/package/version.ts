/**
 * The plugin's version (GetPluginInfo, the schema, the tarball's name); `scripts/package-plugin`
 * and a test keep it equal to package.json's, so the bundle needs no package.json at run time.
 */
export const PLUGIN_VERSION = "0.1.0";
