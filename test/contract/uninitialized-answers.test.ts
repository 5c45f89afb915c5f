/**
 * Contract test: an `Uninitialized` instance answers every action as the contract table's
 * `uninitialized` rule says — refused with the rule's code and HTTP status, or served. Each
 * action's valid request is re-aimed at the seed's Uninitialized instance and sent through the
 * real `@alicloud/openapi-client`, signed.
 */
process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";

import { KMS_ACTIONS } from "../../contract/kms-actions";
import { call, callError, emulatorWithTestClient } from "../emulator/kms-client";
import { CONNECTED, HZ, UNINIT, VALID } from "./support/valid-requests";

jest.setTimeout(120_000);

const suite = emulatorWithTestClient({ connectDelayMs: 100 }, { resetEach: false });

/** The action's valid request, naming the Uninitialized instance wherever it named another. */
function aimedAtUninitialized(action: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(VALID[action])) query[k] = v === CONNECTED ? UNINIT : v;
  return query;
}

const RULED = KMS_ACTIONS.filter((a) => a.uninitialized !== undefined);

it("the table gives a rule for every action about one instance, and refuses some", () => {
  expect(RULED.length).toBeGreaterThanOrEqual(8);
  expect(RULED.some((a) => a.uninitialized?.refused)).toBe(true);
  for (const a of RULED) expect(Object.values(aimedAtUninitialized(a.action))).toContain(UNINIT);
});

describe.each(RULED.map((a) => [a.action, a.uninitialized!] as const))("%s", (action, rule) => {
  it(rule.refused ? `refuses it with ${rule.code}` : "serves it", async () => {
    suite.emu.control.reset();
    const before = suite.emu.control.getInstance(UNINIT);
    expect(before?.KmsInstance.Status).toBe("Uninitialized");
    if (rule.refused) {
      const err = await callError(suite.client, action, aimedAtUninitialized(action), HZ);
      expect({ code: err.code, status: err.statusCode }).toEqual({
        code: rule.code,
        status: rule.status,
      });
      // A refusal changes nothing.
      expect(suite.emu.control.getInstance(UNINIT)).toEqual(before);
    } else {
      const res = await call(suite.client, action, aimedAtUninitialized(action), HZ);
      expect(res.statusCode).toBe(200);
    }
  });
});
