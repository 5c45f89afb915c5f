/**
 * The in-process control surface: out-of-band instance and account changes, faults, counters
 * and reset.
 */
import type { FaultInjector } from "./faults";
import { validateAccount } from "./instance-schema";
import type { InstanceStore } from "./instance-store";
import type { RequestRecorder } from "./request-recorder";
import type { EmulatorControl } from "./types";

/** Builds the control object over the emulator's parts. */
export function createControl(
  store: InstanceStore,
  faults: FaultInjector,
  recorder: RequestRecorder,
): EmulatorControl {
  return {
    listInstances: () => store.all(Date.now()),
    getInstance: (id) => store.get(id, Date.now()),
    putInstance: (instance) => {
      store.put(instance);
    },
    patchInstance: (id, patch) => store.patch(id, patch, Date.now()),
    deleteInstance: (id) => store.delete(id),
    getAccount: (accountId) => {
      const { AccountId } = validateAccount({ AccountId: accountId }, "account");
      return { AccountId, Site: store.siteOf(AccountId) };
    },
    putAccount: (account) => store.putAccount(account),
    setFaults: (spec) => faults.set(spec),
    clearFaults: () => faults.clear(),
    faults: () => faults.current(),
    stats: () => recorder.stats(),
    requests: () => recorder.requests(),
    resetStats: () => recorder.reset(),
    reset: () => {
      store.reset();
      faults.clear();
      recorder.reset();
    },
  };
}
