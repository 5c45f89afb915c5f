/**
 * The plugin's version: what GetPluginInfo and the schema report, and the version in the
 * tarball's name. Kept equal to package.json's by `scripts/package-plugin` and a test, so the
 * bundle needs no package.json at run time.
 */
export const PLUGIN_VERSION = "0.1.0";
