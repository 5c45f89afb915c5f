/**
 * The plugin's version (GetPluginInfo, the schema, the tarball's name). Kept equal to package.json
 * by `scripts/package-plugin` and a test, so the bundle needs no package.json at run time.
 */
export const PLUGIN_VERSION = "0.1.0";
