/**
 * The status gate of an update: the service refuses some properties' calls in some statuses
 * (each module's `refusedInStatus`). The gate runs on the live outputs before any call, so a
 * refused property fails with a sentence that says what to do, instead of the service's error
 * halfway through a plan, a silent no-op or a diff that never goes away. An instance found
 * `Connecting` is waited for first (`provider/core/lifecycle.ts`, within the connect budget) and
 * the plan weighed against the status it settles in.
 */
import { Refusal } from "../refusal";
import type { KmsInstanceInputs, KmsInstanceOutputs } from "./model";
import { PROPERTY_MODULES, type ManagedProperty } from "./properties";
import { needsConnect } from "./properties/connection";

/**
 * The declared properties that need a call the live status refuses, with that status, in module
 * order. A value equal to the live one (`tags: {}` on an instance without tags) needs no call.
 */
export function statusBlocks(
  live: KmsInstanceOutputs,
  news: KmsInstanceInputs,
): { property: ManagedProperty; status: string }[] {
  // A plan that connects the instance first makes the other calls once it is `Connected` (the
  // core waits for it).
  const connects = news.connection !== undefined && needsConnect({ status: live.status });
  const status = connects ? "Connected" : live.status;
  if (status === undefined) return [];
  const gated = PROPERTY_MODULES.filter((m) => m.refusedInStatus?.includes(status));
  return changedProperties(live, news, gated).map((property) => ({ property, status }));
}

function list(names: readonly string[]): string {
  const quoted = names.map((n) => `\`${n}\``);
  return quoted.length <= 1
    ? quoted.join("")
    : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}

/** The declared properties whose module (of `modules`) plans a call, in module order. */
function changedProperties(
  live: KmsInstanceOutputs,
  news: KmsInstanceInputs,
  modules: readonly (typeof PROPERTY_MODULES)[number][] = PROPERTY_MODULES,
): ManagedProperty[] {
  const stored = live as unknown as Readonly<Record<string, unknown>>;
  return modules
    .filter((m) => m.plan(stored, news).length > 0)
    .flatMap((m) => m.names.filter((property) => news[property] !== undefined));
}

/**
 * The `status` {@link Refusal} of an update that waited the whole connect budget (`waitedMs`) for
 * a `Connecting` instance: nothing was changed.
 */
export function stillConnectingRefusal(
  live: KmsInstanceOutputs,
  news: KmsInstanceInputs,
  waitedMs: number,
): Refusal {
  const { kmsInstanceId, region } = live;
  const names = changedProperties(live, news);
  const blocks = names.map((property) => ({ property, status: "Connecting" }));
  return new Refusal(
    "status",
    `KMS instance ${kmsInstanceId} in ${region} was still connecting (status Connecting) after ` +
      `${Math.round(waitedMs / 1000)} s of waiting, and a change to its ${list(names)} waits ` +
      `until the connect has finished. It may still finish: run \`pulumi up\` again later, or ` +
      `raise the resource's customTimeouts. No change was made.`,
    { kmsInstanceId, region, blocks },
  );
}

/** Throws the `status` {@link Refusal} when the live status refuses a declared change. */
export function assertStatusAllows(live: KmsInstanceOutputs, news: KmsInstanceInputs): void {
  const blocks = statusBlocks(live, news);
  if (blocks.length === 0) return;
  const { kmsInstanceId, region } = live;
  const names = list(blocks.map((b) => b.property));
  const status = blocks[0].status;
  const they = blocks.length === 1 ? "The declared value applies" : "The declared values apply";
  const why =
    status === "Uninitialized"
      ? `is not enabled yet (status Uninitialized)`
      : status === "Connecting"
        ? `is still connecting (status Connecting)`
        : `is in status ${status}`;
  const head = `KMS instance ${kmsInstanceId} in ${region} ${why}`;
  const message =
    status !== "Uninitialized"
      ? `${head}, and the service refuses changes to its ${names} until it is Connected. ` +
        `${they} once it is: check the instance in the KMS console, then run \`pulumi up\` ` +
        `again; to apply the rest now, leave ${names} out of the program until then. ` +
        `No change was made.`
      : `${head}, and the service refuses changes to its ${names} until it is enabled. ` +
        `${they} once the instance is enabled: connect it to a VPC by declaring ` +
        `\`connection: { vpcId, zoneIds, vswitchIds }\` (it is then enabled first, in the same ` +
        `\`pulumi up\`), or in the KMS console and run \`pulumi up\` again. To adopt it now, leave ` +
        `${names} out of the program until then. No change was made.`;
  throw new Refusal("status", message, { kmsInstanceId, region, blocks });
}
