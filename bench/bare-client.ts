/**
 * The floor the provider's read path is measured against: a signed `GetKmsInstance` made with
 * the bare `@alicloud/openapi-client`, no settings, pool, retry or mapping. Shared by
 * `bench/refresh.ts` and `bench/provider-profile.ts`, so both compare with the same call.
 */
import OpenApi, { Config, OpenApiRequest, Params } from "@alicloud/openapi-client";
import { RuntimeOptions } from "@alicloud/tea-util";

/** Where and as whom the bare client calls. */
export interface BareClientOptions {
  /** The emulator's `host:port` (openapi-client's `endpoint`: no scheme). */
  readonly endpoint: string;
  /** The region in the request path, as the provider sends it. */
  readonly region: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

/** One bare read: resolves when the answer names `id`, rejects otherwise. */
export type BareRead = (id: string) => Promise<void>;

/**
 * A bare `GetKmsInstance` reader with the wire form the provider uses (RPC style, version
 * 2016-01-20, POST with a form body, JSON answer, over HTTP to the emulator). The answer is
 * checked to name the instance, so a failing emulator cannot make the floor look fast.
 */
export function bareGetKmsInstance(options: BareClientOptions): BareRead {
  const client = new OpenApi(
    new Config({
      accessKeyId: options.accessKeyId,
      accessKeySecret: options.accessKeySecret,
      endpoint: options.endpoint,
      protocol: "HTTP",
    }),
  );
  const params = new Params({
    action: "GetKmsInstance",
    version: "2016-01-20",
    protocol: "HTTP",
    pathname: `/${options.region}`,
    method: "POST",
    authType: "AK",
    style: "RPC",
    reqBodyType: "formData",
    bodyType: "json",
  });
  return async (id) => {
    const r = (await client.callApi(
      params,
      new OpenApiRequest({ query: { KmsInstanceId: id } }),
      new RuntimeOptions({}),
    )) as { body?: { KmsInstance?: { InstanceId?: string } } };
    if (r.body?.KmsInstance?.InstanceId !== id) throw new Error(`bare read of ${id} failed`);
  };
}
