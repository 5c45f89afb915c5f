/**
 * Registers one resource per tag key under `pulumi.runtime.setMocks`, in a Node process of its
 * own (the built `dist/`), and reports what became of each key: `intact` (the mock engine got it),
 * `vanished` (registered without it), or the error the program died of. A process of its own,
 * because the SDK reports these failures as uncaught errors and unhandled rejections, which a
 * program sees but a test runner takes for its own.
 */
import { spawnSync } from "node:child_process";
import { ensureBuilt, REPO_ROOT } from "../../support/installed-package";

/** Which class registers: Pulumi's bare CustomResource (no check), or one of ours. */
export type ProbeClass = "raw" | "dynamic" | "plugin";

const SCRIPT = `
const pulumi = require("@pulumi/pulumi");
const [cls, form, keysJson] = process.argv.slice(1);
const keys = JSON.parse(keysJson);
const registered = [];
let settle;
const failed = (e) => settle && settle(String((e && e.message) || e).split("\\n")[0]);
process.on("uncaughtException", failed);
process.on("unhandledRejection", failed);
pulumi.runtime.setMocks(
  { newResource: (a) => { registered.push(a.inputs); return { id: "kst-x", state: a.inputs }; }, call: () => ({}) },
  "proj", "stack", false,
);
const Cls =
  cls === "dynamic" ? require("./dist/sdk/kms-instance.js").KmsInstance :
  cls === "plugin" ? require("./dist/sdk/plugin/kms-instance.js").KmsInstance : undefined;
(async () => {
  const out = []; // pairs: a "__proto__" property would set the prototype of an object
  for (const [i, key] of keys.entries()) {
    const tags = JSON.parse("{" + JSON.stringify(key) + ':"v"}');
    const value = form === "output" ? pulumi.output(tags) : tags;
    const outcome = await new Promise((resolve) => {
      let done = false;
      settle = (v) => { if (!done) { done = true; resolve(v); } };
      const before = registered.length;
      const timer = setTimeout(() => settle("hung"), 15000);
      try {
        const r = Cls
          ? new Cls("r" + i, { kmsInstanceId: "kst-hzz65f176a0ogplgqxxxx", region: "cn-hangzhou", tags: value })
          : new pulumi.CustomResource("test:index:Raw", "r" + i, { tags: value });
        // Without a tags output the SDK failed while setting the resource up: its error follows.
        if (!r.tags) return;
        // The tags output resolves only once the engine's answer was read back.
        r.tags.apply(() => {
          clearTimeout(timer);
          if (registered.length === before) return settle("not registered");
          const got = Object.keys(registered[registered.length - 1].tags || {});
          settle(got.length === 1 && got[0] === key ? "intact" : "vanished");
        });
      } catch (e) {
        clearTimeout(timer);
        settle(String(e.message).split("\\n")[0]);
      }
    });
    out.push([key, outcome]);
  }
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
})();
`;

/** What became of each key, registered through `cls` with tags as a plain map or an Output. */
export function probeTagKeys(
  cls: ProbeClass,
  form: "plain" | "output",
  keys: readonly string[],
): Map<string, string> {
  ensureBuilt();
  // The exit status is the runtime's verdict on the errors it saw: the report is on stdout.
  const run = spawnSync(process.execPath, ["-e", SCRIPT, cls, form, JSON.stringify(keys)], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    timeout: 300_000,
  });
  if (!run.stdout) throw new Error(`probe printed nothing: ${run.stderr}`);
  return new Map(JSON.parse(run.stdout) as [string, string][]);
}
