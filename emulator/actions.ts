/**
 * The signed API's actions by name, and the one version they answer to; and every API the port
 * serves, by version (KMS, STS, BssOpenApi).
 */
import type { ActionHandler } from "./action-context";
import { BSS_ACTIONS, BSS_API_VERSION } from "./bss-actions";
import {
  connectKmsInstance,
  getKmsInstance,
  getKmsInstanceQuotaInfos,
  listKmsInstances,
  setDeletionProtection,
  updateKmsInstance,
  updateKmsInstanceBindVpc,
} from "./instance-actions";
import { STS_ACTIONS, STS_API_VERSION } from "./sts-actions";
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

/**
 * The actions of each API version the port serves: the request's version picks the API, then
 * its action. An unknown version has none (answered `InvalidVersion`, or
 * `InvalidAction.NotFound` when no KMS action has the name either).
 */
export const ACTIONS_BY_VERSION: ReadonlyMap<string, ReadonlyMap<string, ActionHandler>> = new Map([
  [API_VERSION, ACTIONS],
  [STS_API_VERSION, STS_ACTIONS],
  [BSS_API_VERSION, BSS_ACTIONS],
]);
