/**
 * Where the KMS, STS and BSS APIs are: the public endpoint, or an override (the emulator, a VPC
 * endpoint, a proxy).
 */

import { REGION_ID } from "./region";

/**
 * A resolved endpoint as `@alicloud/openapi-client` takes it: `Config.endpoint`, `protocol`, and
 * the path in `Params`.
 */
export interface KmsEndpoint {
  /** openapi-client's spelling. */
  protocol: "HTTP" | "HTTPS";
  /** `host[:port]`, no scheme. */
  endpoint: string;
  /** `/` for the real service; `/<region>` for the emulator. */
  pathname: string;
}

/** Replaced by the region in an override URL. */
export const REGION_PLACEHOLDER = "{region}";

/** The BSS endpoint of international accounts (source at `APIS.bssEndpoint`). */
export const INTERNATIONAL_BSS_ENDPOINT = "https://business.ap-southeast-1.aliyuncs.com";

/** Hosts that name a KMS region, public and VPC (the reference's "Endpoints and regions"). */
const KMS_REGION_HOST = /^kms(?:-vpc)?\.([a-z0-9-]+)\.aliyuncs\.com$/i;

/**
 * The region an override URL's host names (`kms.<r>.aliyuncs.com`, `kms-vpc.<r>.aliyuncs.com`);
 * a host with `{region}` or of another form names none.
 */
export function regionNamedByEndpoint(override: string | undefined): string | undefined {
  // `{region}` becomes "0", which is no region id.
  const raw = override?.trim().split(REGION_PLACEHOLDER).join("0");
  if (!raw) return undefined;
  let host: string;
  try {
    host = new URL(withScheme(raw)).hostname;
  } catch {
    return undefined;
  }
  const m = KMS_REGION_HOST.exec(host);
  const named = m?.[1].toLowerCase();
  return named !== undefined && REGION_ID.test(named) ? named : undefined;
}

/**
 * Whether the endpoint `override` (none: the public one) can only answer for `region`: the public
 * endpoint, an override with `{region}`, or one whose host names `region`; not one like
 * `http://10.0.0.1:8080`.
 */
export function endpointPinsRegion(region: string, override: string | undefined): boolean {
  const raw = override?.trim();
  if (!raw) return true;
  const named = regionNamedByEndpoint(raw);
  if (named !== undefined) return named === region;
  return raw.includes(REGION_PLACEHOLDER);
}

/**
 * The check-time objection to an endpoint override whose host names a region other than the
 * resource's (`kms.cn-shanghai.aliyuncs.com` for a cn-hangzhou instance).
 * @param setting the config key or environment variable the override came from.
 */
export function endpointRegionConflict(
  region: string,
  override: string | undefined,
  setting: string,
): string | undefined {
  const named = regionNamedByEndpoint(override);
  if (named === undefined || named === region) return undefined;
  return (
    `${setting} (${override?.trim() ?? ""}) names region ${named}, but this instance's region is ` +
    `${region}: every call would go to ${named}. Put {region} in it (e.g. ` +
    `https://kms-vpc.{region}.aliyuncs.com) or use the endpoint of ${region}.`
  );
}

/** For messages: `https://kms.cn-hangzhou.aliyuncs.com`, `http://127.0.0.1:8080/cn-shanghai`. */
export function endpointUrl(e: KmsEndpoint): string {
  const path = e.pathname === "/" ? "" : e.pathname;
  return `${e.protocol.toLowerCase()}://${e.endpoint}${path}`;
}

function withScheme(raw: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
}

/**
 * The API behind each endpoint key: its default, an override example and name for messages, and
 * the version of its calls.
 */
export const APIS = {
  endpoint: {
    fallback: `https://kms.${REGION_PLACEHOLDER}.aliyuncs.com`,
    example: "https://kms-vpc.{region}.aliyuncs.com or http://127.0.0.1:8080/{region}",
    version: "2016-01-20",
    name: "KMS API",
  },
  // `GetCallerIdentity`, `AssumeRole`. By default the Chinese mainland's unified public endpoint
  // (regional `sts.<region>.aliyuncs.com` and `sts-vpc.<region>.aliyuncs.com` also exist:
  // https://www.alibabacloud.com/help/doc-detail/66053.htm).
  stsEndpoint: {
    fallback: "https://sts.aliyuncs.com",
    example: "https://sts-vpc.{region}.aliyuncs.com or http://127.0.0.1:8080",
    version: "2015-04-01",
    name: "STS API",
  },
  // `QueryAvailableInstances`, `SetRenewal` (client.ts): domestic accounts call
  // `business.aliyuncs.com`, international ones `business.ap-southeast-1.aliyuncs.com`
  // (aliyun/terraform-provider-alicloud at 81c43b672, `connectivity/endpoint.go`,
  // `BssOpenAPIEndpointDomestic` / `BssOpenAPIEndpointInternational`).
  bssEndpoint: {
    fallback: "https://business.aliyuncs.com",
    example: "https://business.aliyuncs.com or http://127.0.0.1:8080",
    version: "2017-12-14",
    name: "BSS OpenAPI",
  },
} as const;

/** The settings key of an API's endpoint: KMS (`endpoint`), STS or BSS. */
export type EndpointKey = keyof typeof APIS;

/**
 * The endpoint of API `key` for `region`: `override`, else its `APIS` default. `{region}` is
 * replaced anywhere in the URL (`http://127.0.0.1:PORT/{region}`); without it the URL serves
 * every region. A URL without a scheme is taken as HTTPS.
 * @param settingName the setting the override came from, for the error message.
 * @throws Error naming the setting when the override is not a usable http(s) URL (never echoing a
 * password).
 */
export function resolveEndpoint(
  key: EndpointKey,
  region: string,
  override: string | undefined,
  settingName: string,
): KmsEndpoint {
  if (!REGION_ID.test(region)) {
    throw new Error(`invalid Alibaba Cloud region "${region}" (expected e.g. cn-hangzhou)`);
  }
  const raw = override?.trim() || APIS[key].fallback;
  const bad = (why: string): Error =>
    new Error(
      `invalid endpoint in ${settingName}: ${why} (expected a URL such as ${APIS[key].example})`,
    );
  let url: URL;
  try {
    url = new URL(withScheme(raw.split(REGION_PLACEHOLDER).join(region)));
  } catch {
    throw bad(`"${raw}" is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw bad(`scheme "${url.protocol}" is not http or https`);
  }
  // Credentials in a URL would end up in logs and state: refuse them (without echoing them).
  if (url.username || url.password) throw bad("it must not contain a user or password");
  if (url.search || url.hash) throw bad(`"${raw}" must not have a query or fragment`);
  if (!url.hostname) throw bad(`"${raw}" has no host`);
  const pathname = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : "/";
  return {
    protocol: url.protocol === "http:" ? "HTTP" : "HTTPS",
    endpoint: url.host,
    pathname,
  };
}
