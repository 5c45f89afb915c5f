import { describeValue, storedString, type PropertyModule } from "./property-module";

/** Turn deletion protection on or off (`SetDeletionProtection`). */
export interface SetDeletionProtectionCall {
  action: "SetDeletionProtection";
  /** The desired state: as declared, else the live state (when only the description changes). */
  enabled: boolean;
  /** The description, only when declared. */
  description?: string;
}

export interface DeletionProtectionInputs {
  /** Deletion protection (managed when set). */
  deletionProtection: boolean;
  /** Why deletion protection is on (managed when set; only meaningful with protection). */
  deletionProtectionDescription: string;
}

/** Live protection; the API omits the field when it is off, so absent is `false`. */
const liveProtection = (olds: { readonly deletionProtection?: unknown }): boolean =>
  olds.deletionProtection === true;

/**
 * `deletionProtection` and `deletionProtectionDescription`, owned together because one
 * `SetDeletionProtection` call sets both. An absent live description compares as `""`.
 */
export const deletionProtectionProperty: PropertyModule<
  SetDeletionProtectionCall,
  DeletionProtectionInputs
> = {
  names: ["deletionProtection", "deletionProtectionDescription"],
  actions: ["SetDeletionProtection"],
  updateStep: 3,

  check(name, value, { fail }) {
    if (name === "deletionProtection" && typeof value !== "boolean") {
      fail(name, `must be true or false; got ${describeValue(value)}.`);
    } else if (name === "deletionProtectionDescription" && typeof value !== "string") {
      fail(name, `must be a string; got ${describeValue(value)}.`);
    }
  },

  readBack: (name, live) =>
    name === "deletionProtection"
      ? liveProtection(live)
      : storedString(live.deletionProtectionDescription),

  plan(olds, news) {
    const enabled = liveProtection(olds);
    const protectionChanged =
      news.deletionProtection !== undefined && news.deletionProtection !== enabled;
    const descriptionChanged =
      news.deletionProtectionDescription !== undefined &&
      news.deletionProtectionDescription !==
        (storedString(olds.deletionProtectionDescription) ?? "");
    if (!protectionChanged && !descriptionChanged) return [];
    const call: SetDeletionProtectionCall = {
      action: "SetDeletionProtection",
      enabled: news.deletionProtection ?? enabled,
    };
    if (news.deletionProtectionDescription !== undefined) {
      call.description = news.deletionProtectionDescription;
    }
    return [call];
  },

  apply: (api, id, call) =>
    api.setDeletionProtection(id, {
      enabled: call.enabled,
      ...(call.description !== undefined ? { description: call.description } : {}),
    }),
};
