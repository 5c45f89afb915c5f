import { describeValue, storedString, type PropertyModule } from "./property-module";

/** Longest instance name accepted (a guard against mistakes, not a documented API limit). */
const MAX_INSTANCE_NAME_LENGTH = 128;

/** Rename the instance (`UpdateKmsInstance`). */
export interface UpdateKmsInstanceCall {
  action: "UpdateKmsInstance";
  instanceName: string;
}

export interface InstanceNameInput {
  /** The instance name (managed when set). */
  instanceName: string;
}

/** `instanceName`: a non-empty string, compared exactly, set with `UpdateKmsInstance`. */
export const instanceNameProperty: PropertyModule<UpdateKmsInstanceCall, InstanceNameInput> = {
  names: ["instanceName"],
  actions: ["UpdateKmsInstance"],
  updateStep: 1,

  check(name, value, { fail }) {
    if (!(
      typeof value === "string" &&
      value.length > 0 &&
      value.length <= MAX_INSTANCE_NAME_LENGTH
    )) {
      fail(
        name,
        `must be a non-empty string of at most ${MAX_INSTANCE_NAME_LENGTH} characters; got ${describeValue(value)}.`,
      );
    }
  },

  readBack: (_name, live) => storedString(live.instanceName),

  plan(olds, news) {
    if (news.instanceName === undefined || news.instanceName === storedString(olds.instanceName))
      return [];
    return [{ action: "UpdateKmsInstance", instanceName: news.instanceName }];
  },

  apply: (api, id, call) => api.updateKmsInstance(id, { instanceName: call.instanceName }),
};
