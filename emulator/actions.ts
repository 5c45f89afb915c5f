/**
 * The signed API's actions by name, and the one version they answer to.
 */
import type { ActionHandler } from "./action-context";
import {
  connectKmsInstance,
  getKmsInstance,
  getKmsInstanceQuotaInfos,
  listKmsInstances,
  setDeletionProtection,
  updateKmsInstance,
  updateKmsInstanceBindVpc,
} from "./instance-actions";
import { listTagResources, tagResources, untagResources } from "./tag-actions";

/** The KMS API version every action belongs to. */
export const API_VERSION = "2016-01-20";

/** Every action the emulator serves. */
export const ACTIONS: ReadonlyMap<string, ActionHandler> = new Map<string, ActionHandler>([
  ["GetKmsInstance", getKmsInstance],
  ["ListKmsInstances", listKmsInstances],
  ["UpdateKmsInstanceBindVpc", updateKmsInstanceBindVpc],
  ["UpdateKmsInstance", updateKmsInstance],
  ["SetDeletionProtection", setDeletionProtection],
  ["ConnectKmsInstance", connectKmsInstance],
  ["GetKmsInstanceQuotaInfos", getKmsInstanceQuotaInfos],
  ["TagResources", tagResources],
  ["UntagResources", untagResources],
  ["ListTagResources", listTagResources],
]);
