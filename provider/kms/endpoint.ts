/**
 * Where the KMS instance API of a region is: the public endpoint by default, or an override
 * (the emulator, a VPC endpoint, a proxy); and where STS is, for `GetCallerIdentity`.
 * `@alicloud/openapi-client` wants the host[:port] without a scheme as `Config.endpoint`, the
 * scheme as `protocol`, and the path in `Params`.
 */

import { isValidRegion } from "./region";

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

/**
 * The default STS endpoint: the unified public endpoint of the Chinese mainland, which the STS
 * endpoint list names ("sts.aliyuncs.com"; regional `sts.<region>.aliyuncs.com` and
 * `sts-vpc.<region>.aliyuncs.com` also exist — https://www.alibabacloud.com/help/doc-detail/66053.htm).
 */
export const DEFAULT_STS_ENDPOINT = "https://sts.aliyuncs.com";

/**
 * The BSS OpenAPI endpoints (`QueryAvailableInstances`, `SetRenewal`): domestic accounts call
 * `business.aliyuncs.com`, international ones `business.ap-southeast-1.aliyuncs.com`
 * (aliyun/terraform-provider-alicloud at 81c43b672, `connectivity/endpoint.go`,
 * `BssOpenAPIEndpointDomestic` / `BssOpenAPIEndpointInternational`).
 */
export const DEFAULT_BSS_ENDPOINT = "https://business.aliyuncs.com";
/** The BSS endpoint of international accounts (see {@link DEFAULT_BSS_ENDPOINT}). */
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
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let host: string;
  try {
    host = new URL(withScheme).hostname;
  } catch {
    return undefined;
  }
  const m = KMS_REGION_HOST.exec(host);
  const named = m?.[1].toLowerCase();
  return named !== undefined && isValidRegion(named) ? named : undefined;
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

/**
 * Parses an endpoint URL (after `{region}` substitution) into the pieces `callApi` takes. A URL
 * without a scheme is taken as HTTPS.
 * @param example what a good value looks like, for the error message.
 * @throws Error naming the setting when it is not a usable http(s) URL (never echoing a password).
 */
export function parseEndpointUrl(
  raw: string,
  substituted: string,
  settingName: string,
  example: string,
): KmsEndpoint {
  const bad = (why: string): Error =>
    new Error(`invalid endpoint in ${settingName}: ${why} (expected a URL such as ${example})`);
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(substituted)
    ? substituted
    : `https://${substituted}`;
  let url: URL;
  try {
    url = new URL(withScheme);
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

function checkRegion(region: string): void {
  if (!isValidRegion(region)) {
    throw new Error(`invalid Alibaba Cloud region "${region}" (expected e.g. cn-hangzhou)`);
  }
}

/**
 * Resolves the endpoint of `region`. Without `override`: `https://kms.<region>.aliyuncs.com/`.
 * With one (`http://127.0.0.1:PORT/{region}`): `{region}` is replaced anywhere in it; without
 * a placeholder the URL serves every region. A URL without a scheme is taken as HTTPS.
 * @param settingName names the setting the override came from, for the error message.
 * @throws Error naming the setting when the override is not a usable http(s) URL.
 */
export function resolveEndpoint(
  region: string,
  override?: string,
  settingName = "alicloud-kms:endpoint",
): KmsEndpoint {
  checkRegion(region);
  const raw = override?.trim();
  if (!raw) return { protocol: "HTTPS", endpoint: `kms.${region}.aliyuncs.com`, pathname: "/" };
  return parseEndpointUrl(
    raw,
    raw.split(REGION_PLACEHOLDER).join(region),
    settingName,
    "https://kms-vpc.{region}.aliyuncs.com or http://127.0.0.1:8080/{region}",
  );
}

/**
 * Resolves the STS endpoint: `DEFAULT_STS_ENDPOINT` without `override`, else the override under
 * the same URL rules as the KMS one (`{region}` replaced by `region`).
 * @throws Error naming the setting when the override is not a usable http(s) URL.
 */
export function resolveStsEndpoint(
  region: string,
  override?: string,
  settingName = "alicloud-kms:stsEndpoint",
): KmsEndpoint {
  return resolveGlobalEndpoint(
    region,
    override,
    settingName,
    DEFAULT_STS_ENDPOINT,
    "https://sts-vpc.{region}.aliyuncs.com or http://127.0.0.1:8080",
  );
}

/**
 * Resolves the BSS endpoint: `DEFAULT_BSS_ENDPOINT` without `override`, else the override under
 * the same URL rules as the KMS and STS ones.
 * @throws Error naming the setting when the override is not a usable http(s) URL.
 */
export function resolveBssEndpoint(
  region: string,
  override?: string,
  settingName = "alicloud-kms:bssEndpoint",
): KmsEndpoint {
  return resolveGlobalEndpoint(
    region,
    override,
    settingName,
    DEFAULT_BSS_ENDPOINT,
    "https://business.aliyuncs.com or http://127.0.0.1:8080",
  );
}

/** An endpoint of an API that is not regional (STS, BSS): the default, or the override. */
function resolveGlobalEndpoint(
  region: string,
  override: string | undefined,
  settingName: string,
  fallback: string,
  example: string,
): KmsEndpoint {
  checkRegion(region);
  const raw = override?.trim() || fallback;
  return parseEndpointUrl(raw, raw.split(REGION_PLACEHOLDER).join(region), settingName, example);
}
