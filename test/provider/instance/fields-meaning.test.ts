/**
 * The output table's types and descriptions against the API reference's meaning (issue 10):
 * the counts the API sends as JSON integers are `integer`, `startDate` is when the instance was
 * enabled, `endDate` is the expiry of every charge type.
 */
import { OUTPUT_FIELDS, SCHEMA } from "../../../provider/instance";

test.each(["spec", "keyNum", "vpcNum", "log", "logStorage"] as const)(
  "%s is an integer in the schema",
  (name) => {
    expect(OUTPUT_FIELDS[name].type).toEqual(SCHEMA.integer);
    expect(SCHEMA.integer).toEqual({ type: "integer" });
  },
);

test("startDate is when the instance was enabled, not a subscription start", () => {
  expect(OUTPUT_FIELDS.startDate.description).toMatch(/^When the instance was enabled/);
  expect(OUTPUT_FIELDS.startDate.description).not.toMatch(/subscription/i);
});

test("endDate is the expiry, for pay-as-you-go too", () => {
  expect(OUTPUT_FIELDS.endDate.description).toMatch(/^When the instance expires/);
  expect(OUTPUT_FIELDS.endDate.description).toMatch(/pay-as-you-go/);
  expect(OUTPUT_FIELDS.endDate.description).not.toMatch(/end of the subscription/i);
});
