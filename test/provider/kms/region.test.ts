/**
 * The region-id form and the "no region" sentence: one home (`provider/kms/region.ts`), used by
 * the settings, the input check, the endpoint, the SDK functions and the emulator alike.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { REGION_ID as EMULATOR_REGION_ID } from "../../../emulator/instance-schema";
import { REGION_ID as INPUT_REGION_ID } from "../../../provider/instance/formats";
import { NO_REGION_MESSAGE } from "../../../provider/kms/settings";
import { REGION_ID, noRegionMessage } from "../../../provider/kms/region";

const ROOT = path.join(__dirname, "..", "..", "..");

/** Every `.ts` file under the source directories, with its text. */
function sources(): [string, string][] {
  const out: [string, string][] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts"))
        out.push([path.relative(ROOT, full), fs.readFileSync(full, "utf8")]);
    }
  };
  for (const dir of ["provider", "sdk", "emulator", "drift", "plugin"]) {
    if (fs.existsSync(path.join(ROOT, dir))) walk(path.join(ROOT, dir));
  }
  return out;
}

describe("region ids", () => {
  it("accepts the ids Alibaba Cloud lists and rejects other spellings", () => {
    for (const ok of ["cn-hangzhou", "ap-southeast-1", "cn-qingdao-et2-bo1", "us-west-1"]) {
      expect(REGION_ID.test(ok)).toBe(true);
    }
    for (const bad of [
      "",
      "hangzhou",
      "CN-HANGZHOU",
      "cn_hangzhou",
      "cn-",
      "-cn-hangzhou",
      "c-x",
    ]) {
      expect(REGION_ID.test(bad)).toBe(false);
    }
  });

  it("any lowercase id joined by dashes is accepted; any upper-case letter is not", () => {
    const part = fc.stringMatching(/^[a-z0-9]{1,8}$/);
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z]{2,6}$/),
        fc.array(part, { minLength: 1, maxLength: 4 }),
        (head, rest) => {
          const id = [head, ...rest].join("-");
          expect(REGION_ID.test(id)).toBe(true);
          expect(REGION_ID.test(id.toUpperCase())).toBe(false);
        },
      ),
    );
  });

  it("the input check and the emulator use the same pattern object", () => {
    expect(INPUT_REGION_ID).toBe(REGION_ID);
    expect(EMULATOR_REGION_ID).toBe(REGION_ID);
  });

  it("no other source file spells a region pattern or a 'no region' sentence", () => {
    const spelled = sources()
      .filter(([file]) => file !== path.join("provider", "kms", "region.ts"))
      .filter(([, text]) =>
        /\[a-z\]\{2,\}\(-\[a-z0-9\]\+\)\+|no Alibaba Cloud region|region is not set|region: not set/.test(
          text,
        ),
      )
      .map(([file]) => file);
    expect(spelled).toEqual([]);
  });
});

describe("the 'no region' sentence", () => {
  it("names every place a region can come from, for a resource by default", () => {
    expect(noRegionMessage()).toBe(
      "no Alibaba Cloud region: set the resource's `region`, or set the `alicloud:region` " +
        "config (pulumi config set alicloud:region cn-hangzhou) or the ALIBABA_CLOUD_REGION " +
        "or ALICLOUD_REGION environment variable",
    );
    expect(NO_REGION_MESSAGE).toBe(noRegionMessage());
  });

  it("keeps one wording when the subject, the first remedy or the config key differ", () => {
    expect(noRegionMessage({ subject: "getKmsInstance", declare: "pass `region`" })).toBe(
      "getKmsInstance: no Alibaba Cloud region: pass `region`, or set the `alicloud:region` " +
        "config (pulumi config set alicloud:region cn-hangzhou) or the ALIBABA_CLOUD_REGION " +
        "or ALICLOUD_REGION environment variable",
    );
    expect(noRegionMessage({ configKey: "alicloud-kms:region" })).toContain(
      "the `alicloud-kms:region` config (pulumi config set alicloud-kms:region cn-hangzhou)",
    );
  });
});
