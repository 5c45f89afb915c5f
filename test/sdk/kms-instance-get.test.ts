/**
 * `KmsInstance.get(name, id, state?, opts?)`, as Pulumi's generated SDKs shape it: the region
 * travels in `state`, resource options in `opts`. Both classes (dynamic and plugin), registered
 * under `pulumi.runtime.setMocks`.
 */
import * as pulumi from "@pulumi/pulumi";
import { KmsInstance } from "../../sdk/kms-instance";
import { KmsInstance as PluginKmsInstance } from "../../sdk/plugin/kms-instance";

const ID = "kst-shh65f176a0ogplgqyyyy";
const reads: pulumi.runtime.MockResourceArgs[] = [];

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        reads.push(args);
        return { id: args.id ?? `${args.name}-id`, state: args.inputs };
      },
      call: () => ({}),
    },
    "proj",
    "stack",
    false,
  );
});

function resolved<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => o.apply(resolve));
}

class Group extends pulumi.ComponentResource {
  constructor(name: string) {
    super("test:index:Group", name);
  }
}

test.each([
  ["dynamic", KmsInstance.get.bind(KmsInstance)],
  ["plugin", PluginKmsInstance.get.bind(PluginKmsInstance)],
] as const)(
  "%s: the region in state, the options in opts, the id as the read id",
  async (kind, get) => {
    const parent = new Group(`group-${kind}`);
    const ref = get(`shared-${kind}`, ID, { region: "cn-shanghai" }, { parent });
    expect(await resolved(ref.id)).toBe(ID);
    expect(await resolved(ref.urn)).toContain(`test:index:Group$`);
    const read = reads.find((r) => r.name === `shared-${kind}`);
    expect(read?.id).toBe(ID);
    expect(read?.inputs).toMatchObject({ kmsInstanceId: ID, region: "cn-shanghai" });
  },
);

test("state and options may both be left out", async () => {
  const ref = KmsInstance.get("bare", ID);
  expect(await resolved(ref.id)).toBe(ID);
  const read = reads.find((r) => r.name === "bare");
  expect(read?.inputs).toMatchObject({ kmsInstanceId: ID });
  expect(read?.inputs.region).toBeUndefined();
});
