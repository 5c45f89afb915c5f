/**
 * The status gate of an update: some managed properties cannot change while the instance is in
 * certain statuses (each module lists them in `refusedInStatus`; tags and bound VPCs while it is
 * `Uninitialized`). The gate runs on the live outputs, after the read and before any call, so a
 * refused property fails the operation with a sentence that says what to do, instead of the
 * service's error halfway through a plan, a silent no-op or a diff that never goes away; after a
 * planned connect it weighs the rest against `Connected` (`statusBlocks`). An instance found
 * `Connecting` is waited for first (`provider/core/lifecycle.ts`, within the connect budget), and
 * the gate weighs the plan against the status it settles in; `stillConnectingRefusal` is the
 * refusal when it does not settle in time.
 */
import { Refusal } from "../refusal";
import type { KmsInstanceInputs, KmsInstanceOutputs } from "./model";
import { PROPERTY_MODULES, type ManagedProperty } from "./properties";
import { needsConnect } from "./properties/connection";

/**
 * The declared properties that need a call the live status refuses, each with that status (e.g.
 * `Uninitialized`), in module order; empty when every needed call may be made (or none is needed:
 * a declared value already equal to the live one, such as `tags: {}` on an instance without tags,
 * passes).
 */
export function statusBlocks(
  live: KmsInstanceOutputs,
  news: KmsInstanceInputs,
): { property: ManagedProperty; status: string }[] {
  // The status the planned property calls meet: `Connected` when the plan connects the instance
  // first (a declared `connection` on an `Uninitialized` instance; the core waits for it), else
  // the live status.
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

/**
 * The declared properties that need a call (their module, of `modules`, plans one against `live`),
 * in module order: what an update would change.
 */
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
 * The `status` {@link Refusal} of an update that found the instance `Connecting` and waited the
 * whole connect budget (`waitedMs`) without the connect finishing: nothing was changed.
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

/**
 * Throws the `status` {@link Refusal} (with the refused properties as `blocks`), before any call,
 * when the live status refuses a declared change. E.g. "KMS instance kst-… in cn-hangzhou is not
 * enabled yet (status Uninitialized), and the service refuses changes to its `tags` until it is
 * enabled: …"; for another status, what to do about that status.
 */
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
