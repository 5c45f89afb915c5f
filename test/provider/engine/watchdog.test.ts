/**
 * The dynamic-provider process ends when its engine goes away. Pulumi's real dynamic-provider
 * server runs under a short-lived parent standing in for the engine; once the provider module is
 * loaded (the first call that carries `__provider`), taking the parent away — killing it, or
 * closing the stdin pipe it holds, which is what a dying engine does through the shell wrapper —
 * must end the provider within a few seconds, whatever it was doing.
 */
import * as grpc from "@grpc/grpc-js";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import { DYNAMIC_PROVIDER_ENTRY } from "../../support/dynamic-provider-server";
import { installPackage, removeScratch } from "../../support/installed-package";
import { serializeInstalledProvider } from "../../support/serialize-provider";
import { isAlive, startUnderParent, type ProviderUnderParent } from "../../support/under-parent";

const URN = "urn:pulumi:test::proj::pulumi-nodejs:dynamic/alicloud-kms:KmsInstance::k";
let dir: string;
let providerText: string;
const started: ProviderUnderParent[] = [];

beforeAll(() => {
  dir = installPackage("watchdog");
  providerText = serializeInstalledProvider(dir);
}, 60_000);
afterAll(() => {
  for (const p of started) p.cleanup();
  if (dir) removeScratch(dir);
});

/** Configure, then a Check carrying `__provider`: the provider module is now loaded. */
async function loadProvider(port: number): Promise<void> {
  const client = new provrpc.ResourceProviderClient(
    `127.0.0.1:${port}`,
    grpc.credentials.createInsecure(),
  );
  const call = <Req, Res>(method: "configure" | "check", req: Req) =>
    new Promise<Res>((resolve, reject) =>
      (
        client[method] as unknown as (
          r: Req,
          cb: (e: grpc.ServiceError | null, res: Res) => void,
        ) => void
      ).call(client, req, (e, res) => (e ? reject(e) : resolve(res))),
    );
  const configure = new provproto.ConfigureRequest();
  configure.setArgs(structproto.Struct.fromJavaScript({ "alicloud:region": "cn-hangzhou" }));
  await call("configure", configure);
  const check = new provproto.CheckRequest();
  check.setUrn(URN);
  check.setOlds(structproto.Struct.fromJavaScript({}));
  check.setNews(
    structproto.Struct.fromJavaScript({
      __provider: providerText,
      kmsInstanceId: "kst-hzz65f176a0ogplgqxxxx",
    }),
  );
  await call("check", check);
  client.close();
}

async function start(stdin: "pipe" | "ignore"): Promise<ProviderUnderParent> {
  const p = await startUnderParent(process.execPath, [DYNAMIC_PROVIDER_ENTRY, "127.0.0.1:1"], {
    env: { ...process.env, ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" },
    cwd: dir,
    stdin,
  });
  started.push(p);
  await loadProvider(p.port);
  return p;
}

test("killing its parent ends the provider process within a few seconds", async () => {
  const p = await start("ignore"); // no stdin pipe: the parent check alone must notice
  expect(isAlive(p.pid)).toBe(true);
  p.killParent();
  expect(await p.waitForExit(10_000)).toBe(true);
}, 30_000);

test("the engine's stdin pipe closing ends it too, though its parent (the shell) lives on", async () => {
  const p = await start("pipe");
  // Still serving while the pipe is open.
  await new Promise((r) => setTimeout(r, 1500));
  expect(isAlive(p.pid)).toBe(true);
  p.closeProviderStdin();
  expect(await p.waitForExit(10_000)).toBe(true);
}, 30_000);
