/**
 * The engine's special values the provider spells out itself (so the plugin bundle need not load
 * `@pulumi/pulumi`'s runtime): each is pinned to the value `@pulumi/pulumi` itself uses
 * (`runtime/rpc`: `unknownValue`, `specialSigKey`, `specialSecretSig`), so an SDK upgrade that
 * changed one fails here rather than in a preview.
 */
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import { UNKNOWN_VALUE, isUnknown } from "../../../provider/core/unknown";
import { SECRET_SIGNATURE, SIGNATURE_KEY, markSecrets } from "../../../provider/plugin/secrets";
import { UNSENDABLE_TAG_KEYS } from "../../../sdk/tag-keys";

test("the unknown marker is @pulumi/pulumi's unknownValue", () => {
  expect(UNKNOWN_VALUE).toBe(rpc.unknownValue);
  expect(isUnknown(rpc.unknownValue)).toBe(true);
});

test("the secret wrapper uses @pulumi/pulumi's signature key and secret signature", () => {
  expect(SIGNATURE_KEY).toBe(rpc.specialSigKey);
  expect(SECRET_SIGNATURE).toBe(rpc.specialSecretSig);
  expect(markSecrets({ v: "v" }, ["v"]).v).toEqual({
    [rpc.specialSigKey]: rpc.specialSecretSig,
    value: "v",
  });
});

test("the SDK's list of unsendable tag keys names @pulumi/pulumi's signature key", () => {
  expect(UNSENDABLE_TAG_KEYS.has(rpc.specialSigKey)).toBe(true);
});
