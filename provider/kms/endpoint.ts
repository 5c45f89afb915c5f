/**
 * Where the KMS instance API of a region is: the public endpoint by default, or an override
 * (the emulator, a VPC endpoint, a proxy); and where STS is, for `GetCallerIdentity`.
 * `@alicloud/openapi-client` wants the host[:port] without a scheme as `Config.endpoint`, the
 * scheme as `protocol`, and the path in `Params`.
 */

import { REGION_ID } from "./region";

/** A resolved endpoint, in the three pieces `callApi` takes. */
export interface KmsEndpoint {
  /** `HTTP` or `HTTPS` (openapi-client's spelling). */
  protocol: "HTTP" | "HTTPS";
  /** `host[:port]`, no scheme. */
  endpoint: string;
  /** Request path, `/` for the real service; `/<region>` for the emulator. */
  pathname: string;
}

/** The placeholder an override URL may carry, replaced by the region. */
export const REGION_PLACEHOLDER = "{region}";

/** The BSS endpoint of international accounts (see `APIS.bssEndpoint`). */
export const INTERNATIONAL_BSS_ENDPOINT = "https://business.ap-southeast-1.aliyuncs.com";

/**
 * The host forms that name a KMS region: the public `kms.<region>.aliyuncs.com` and the VPC
 * `kms-vpc.<region>.aliyuncs.com` (the reference's "Endpoints and regions").
 */
const KMS_REGION_HOST = /^kms(?:-vpc)?\.([a-z0-9-]+)\.aliyuncs\.com$/i;

/**
 * The region an override URL's host names (`kms.<r>.aliyuncs.com`, `kms-vpc.<r>.aliyuncs.com`),
 * if it names one; a host with `{region}`, or of any other form, names none.
 */
export function regionNamedByEndpoint(override: string | undefined): string | undefined {
  // `{region}` becomes "0", which is no region id: a placeholder in the host names none.
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
 * Whether the endpoint `override` (none: the public endpoint) can only answer for `region`: the
 * public endpoint, an override with `{region}`, or one whose host names `region`. An override
 * that pins nothing (`http://10.0.0.1:8080`) may serve any region.
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
 * resource's (`kms.cn-shanghai.aliyuncs.com` for a cn-hangzhou instance): every call would go to
 * the wrong region. Undefined when there is nothing to object to.
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

/** The endpoint as a URL for messages: `https://kms.cn-hangzhou.aliyuncs.com`, `http://127.0.0.1:8080/cn-shanghai`. */
export function endpointUrl(e: KmsEndpoint): string {
  const path = e.pathname === "/" ? "" : e.pathname;
  return `${e.protocol.toLowerCase()}://${e.endpoint}${path}`;
}

/** `raw`, taken as HTTPS when it has no scheme. */
function withScheme(raw: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
}

/**
 * The API behind each endpoint of the settings: where it is without an override, a good override
 * for messages, the version of every call and its name in messages.
 */
export const APIS = {
  endpoint: {
    fallback: `https://kms.${REGION_PLACEHOLDER}.aliyuncs.com`,
    example: "https://kms-vpc.{region}.aliyuncs.com or http://127.0.0.1:8080/{region}",
    version: "2016-01-20",
    name: "KMS API",
  },
  // `GetCallerIdentity`, `AssumeRole`. By default the unified public endpoint of the Chinese
  // mainland, which the STS endpoint list names ("sts.aliyuncs.com"; regional
  // `sts.<region>.aliyuncs.com` and `sts-vpc.<region>.aliyuncs.com` also exist —
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
 * Resolves the endpoint of API `key` for `region`: without `override`, the public KMS endpoint of
 * the region (`https://kms.<region>.aliyuncs.com/`) or the STS or BSS one (`APIS`). An override (`http://127.0.0.1:PORT/{region}`) has `{region}` replaced
 * anywhere in it; without a placeholder the URL serves every region. A URL without a scheme is
 * taken as HTTPS.
 * @param settingName names the setting the override came from, for the error message.
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
