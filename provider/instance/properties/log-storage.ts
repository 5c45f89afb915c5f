import { describeValue } from "../describe-value";
import type { PropertyModule } from "./property-module";

/** Throwaway: proves a managed property is one module and one line. */
export interface SetLogStorageCall {
  action: "SetLogStorage";
  /** The storage. */
  logStorage: number;
}

/** The input this module owns. */
export interface LogStorageInput {
  /** Log storage in GB (managed when set). */
  logStorage: number;
}

/** Throwaway dummy module. */
export const logStorageProperty: PropertyModule<SetLogStorageCall, LogStorageInput> = {
  names: ["logStorage"],
  actions: ["SetLogStorage"],
  updateStep: 5,
  check(name, value, { isUnknown, fail }) {
    if (!isUnknown(value) && typeof value !== "number")
      fail(name, `must be a number; got ${describeValue(value)}.`);
  },
  diff: (name, olds, value, isUnknown) =>
    !isUnknown(value) && value === olds.logStorage
      ? []
      : [{ property: name, kind: "update", replace: false }],
  readBack: (_name, live) => live.logStorage,
  plan: (olds, news) =>
    news.logStorage === undefined || news.logStorage === olds.logStorage
      ? []
      : [{ action: "SetLogStorage", logStorage: news.logStorage }],
  apply: (api, id, call) => api.updateKmsInstance(id, { instanceName: String(call.logStorage) }),
};
