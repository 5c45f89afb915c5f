/** The plugin's config mapping onto the keys the core reads, and the import id format. */
import { parseImportId, pluginConfigFrom, pluginHost } from "../../../provider/plugin/server";

const log = { warn: () => undefined, info: () => undefined };
const wrapped = (value: string) => ({
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  value,
});

test("plugin keys answer the core's alicloud:/alicloud-kms: keys; secrets unwrapped; args win over variables", () => {
  const config = pluginConfigFrom(
    {
      region: "cn-shanghai",
      secretKey: wrapped("s3cret"),
      retryTimeoutSeconds: 5,
      version: "0.1.0",
    },
    new Map([
      ["alicloud-kms:config:region", "cn-hangzhou"],
      ["alicloud-kms:config:endpoint", "http://127.0.0.1:1/{region}"],
    ]),
  );
  const source = pluginHost(config, {}, log);
  expect(source.config("alicloud:region")).toBe("cn-shanghai");
  expect(source.config("alicloud:secretKey")).toBe("s3cret");
  expect(source.config("alicloud-kms:endpoint")).toBe("http://127.0.0.1:1/{region}");
  expect(source.config("alicloud-kms:retryTimeoutSeconds")).toBe("5");
  expect(source.config("alicloud:accessKey")).toBeUndefined();
  expect(config.version).toBeUndefined();
});

test("a key the engine sends under the alicloud: namespace is accepted too", () => {
  const config = pluginConfigFrom({}, [["alicloud:region", "ap-southeast-1"]]);
  expect(pluginHost(config, {}, log).config("alicloud:region")).toBe("ap-southeast-1");
});

test("import ids: bare kst-… or <region>/kst-…", () => {
  expect(parseImportId("kst-abc12345")).toEqual({ kmsInstanceId: "kst-abc12345" });
  expect(parseImportId("cn-shanghai/kst-abc12345")).toEqual({
    region: "cn-shanghai",
    kmsInstanceId: "kst-abc12345",
  });
});
