/**
 * A tag keyed `__proto__` (a legal tag key) through adopt, refresh and diff: the core operations
 * with the real KMS client signing real HTTP requests to the emulator. This is as far end to end
 * as the stack carries the key: no Node gRPC server can (google-protobuf's `Struct` map loses it,
 * pinned below), so neither the dynamic provider nor the plugin receives or returns it, and the
 * Node SDK cannot send it from a program (`sdk/tag-keys.ts`).
 */
process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";

import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { DEFAULT_SEED_IDS } from "../../../emulator";
import type { KmsCore } from "../../../provider/core/kms-core";
import { clearSessions } from "../../../provider/kms/session";
import { isUnknown } from "../../../provider/core/unknown";
import { checkInputs, diffInstance, type KmsInstanceInputs } from "../../../provider/instance";
import { current, mutatingCalls } from "../../support/emulator-state";
import { coreFor, emulatorConfig, emulatorPerSuite, readStored } from "../../support/emulator-deps";

const ID = DEFAULT_SEED_IDS.connected; // cn-hangzhou
/** `JSON.parse` defines `__proto__` as an own key, as a parsed state file or request would. */
const LIVE_TAGS = JSON.parse('{"__proto__":"p","team":"platform"}') as Record<string, string>;
const suite = emulatorPerSuite();

const deps = (): KmsCore => coreFor(emulatorConfig(suite.emu));

/** A tag map's own entries, sorted: a key on the prototype chain would not show here. */
function ownTags(bag: { tags?: unknown }): [string, unknown][] {
  return Object.entries(bag.tags as object).sort();
}

function checked(tags: Record<string, string>): KmsInstanceInputs {
  const r = checkInputs({ kmsInstanceId: ID, region: "cn-hangzhou", tags }, { isUnknown });
  expect(r.failures).toEqual([]);
  return r.inputs as unknown as KmsInstanceInputs;
}

beforeEach(() => {
  clearSessions();
  suite.emu.control.patchInstance(ID, { Tags: LIVE_TAGS });
  suite.emu.control.resetStats();
});

test("declared as live: adopt makes no call, refresh keeps the key, and there is no diff", async () => {
  const d = deps();
  const inputs = checked(LIVE_TAGS);
  expect(ownTags(inputs)).toEqual([
    ["__proto__", "p"],
    ["team", "platform"],
  ]);

  const adopted = await d.create(inputs);
  expect(ownTags(adopted)).toEqual([
    ["__proto__", "p"],
    ["team", "platform"],
  ]);
  expect(mutatingCalls(suite.emu)).toBe(0);

  const refreshed = await readStored(d, ID, { ...adopted });
  expect(refreshed.found).toBe(true);
  if (!refreshed.found) return;
  expect(ownTags(refreshed.outputs)).toEqual([
    ["__proto__", "p"],
    ["team", "platform"],
  ]);
  expect(ownTags(refreshed.inputs)).toEqual([
    ["__proto__", "p"],
    ["team", "platform"],
  ]);
  const diff = diffInstance({ ...refreshed.outputs }, inputs, { isUnknown });
  expect(diff).toMatchObject({ changes: false, diffs: [] });
  expect(mutatingCalls(suite.emu)).toBe(0);
});

test("declared without it: the diff names `tags`, and update removes exactly that tag", async () => {
  const d = deps();
  const inputs = checked({ team: "platform" });
  const refreshed = await readStored(d, ID, {
    region: "cn-hangzhou",
    managedProperties: ["tags"],
  });
  if (!refreshed.found) throw new Error("expected the seeded instance");
  const diff = diffInstance({ ...refreshed.outputs }, inputs, { isUnknown });
  expect(diff.changes).toBe(true);
  expect(diff.diffs.map((p) => p.path ?? p.property)).toEqual(["tags.__proto__"]);

  const updated = await d.update(ID, inputs);
  expect(ownTags(updated)).toEqual([["team", "platform"]]);
  expect(current(suite.emu, ID).Tags).toEqual({ team: "platform" });
  expect(suite.emu.control.stats().byAction.UntagResources).toEqual({ "200": 1 });
  expect(suite.emu.control.stats().byAction.TagResources).toBeUndefined();
});

test("why no gRPC adapter carries it: google-protobuf's Struct map drops a `__proto__` field", () => {
  const keys: string[] = [];
  structproto.Struct.fromJavaScript(LIVE_TAGS as never)
    .getFieldsMap()
    .forEach((_v, k) => keys.push(k));
  // If this ever fails, the key crosses the wire: test the adapters end to end over gRPC.
  expect(keys).toEqual(["team"]);
});
