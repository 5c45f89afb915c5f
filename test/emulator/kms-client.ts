/**
 * Test helper: calls the emulator through the real `@alicloud/openapi-client`, as the provider
 * does (RPC style, query parameters, `pathname: "/<region>"`), and raw HTTP for what the client
 * cannot produce.
 */
import OpenApi, { Config, OpenApiRequest, Params } from "@alicloud/openapi-client";
import { RuntimeOptions } from "@alicloud/tea-util";
import * as http from "node:http";
import type Credential from "@alicloud/credentials";
import {
  OTHER_ACCOUNT_KEY,
  startEmulator,
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
  type EmulatorOptions,
  type RunningEmulator,
} from "../../emulator";

/** How a test client authenticates. */
export interface ClientAuth {
  accessKeyId?: string;
  accessKeySecret?: string;
  securityToken?: string;
  credential?: Credential;
  signatureAlgorithm?: "v2";
}

/** The documented test key (the emulator's default account). */
export const TEST_KEY: ClientAuth = {
  accessKeyId: TEST_ACCESS_KEY_ID,
  accessKeySecret: TEST_ACCESS_KEY_SECRET,
};

/** The key of the other account, which owns no seed instance. */
export const OTHER_KEY: ClientAuth = {
  accessKeyId: OTHER_ACCOUNT_KEY.accessKeyId,
  accessKeySecret: OTHER_ACCOUNT_KEY.accessKeySecret,
};

/** A successful call's result. */
export interface CallResult {
  statusCode: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

/** The fields of an error thrown by the client. */
export interface ClientError {
  code?: string;
  statusCode?: number;
  message: string;
  data?: Record<string, unknown>;
}

/** Builds a client for the emulator at `endpoint` (`host:port`). */
export function kmsClient(endpoint: string, auth: ClientAuth): OpenApi {
  return new OpenApi(
    new Config({
      ...auth,
      endpoint,
      protocol: "HTTP",
      readTimeout: 5000,
      connectTimeout: 5000,
    }),
  );
}

/** Calls one action with query parameters in a region (path `/<region>`, or `/` when undefined). */
export async function call(
  client: OpenApi,
  action: string,
  query: Record<string, string | number | boolean> = {},
  region?: string,
  version = "2016-01-20",
): Promise<CallResult> {
  const params = new Params({
    action,
    version,
    protocol: "HTTP",
    pathname: region ? `/${region}` : "/",
    method: "POST",
    authType: "AK",
    style: "RPC",
    reqBodyType: "formData",
    bodyType: "json",
  });
  const res = (await client.callApi(
    params,
    new OpenApiRequest({ query }),
    new RuntimeOptions({}),
  )) as CallResult;
  return res;
}

/** Calls and returns the thrown error (fails the test if the call succeeds). */
export async function callError(
  client: OpenApi,
  action: string,
  query: Record<string, string | number | boolean> = {},
  region?: string,
  version?: string,
): Promise<ClientError> {
  try {
    await call(client, action, query, region, version);
  } catch (err) {
    return err as ClientError;
  }
  throw new Error(`${action} unexpectedly succeeded`);
}

/** A raw HTTP response. */
export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json(): Record<string, unknown>;
}

/** Sends a raw HTTP request. */
export function rawRequest(
  url: string,
  opts: {
    method?: string;
    path: string;
    headers?: Record<string, string | string[]>;
    body?: string | Buffer;
  },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        method: opts.method ?? "POST",
        path: opts.path,
        headers: opts.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: () => JSON.parse(text) as Record<string, unknown>,
          });
        });
      },
    );
    req.on("error", reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** The emulator and the test-key client of one test file, as `emulatorWithTestClient` hands them out. */
export interface SuiteClient {
  /** The running emulator (from the suite's `beforeAll` on). */
  readonly emu: RunningEmulator;
  /** A client signing with the documented test key. */
  readonly client: OpenApi;
}

/**
 * Registers the hooks the emulator suites repeat: start one emulator before the suite with a
 * client signing with the documented test key, close it after, and (unless `resetEach` is false)
 * reset its instances before each test.
 */
export function emulatorWithTestClient(
  options: EmulatorOptions = {},
  { resetEach = true }: { resetEach?: boolean } = {},
): SuiteClient {
  let running: RunningEmulator | undefined;
  let testClient: OpenApi | undefined;
  beforeAll(async () => {
    running = await startEmulator(options);
    testClient = kmsClient(running.endpoint, {
      accessKeyId: TEST_ACCESS_KEY_ID,
      accessKeySecret: TEST_ACCESS_KEY_SECRET,
    });
  });
  afterAll(async () => {
    await running?.close();
  });
  if (resetEach) beforeEach(() => running?.control.reset());
  const started = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error("the suite's emulator has not started yet");
    return v;
  };
  return {
    get emu() {
      return started(running);
    },
    get client() {
      return started(testClient);
    },
  };
}
