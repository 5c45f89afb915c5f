/**
 * Where the KMS instance API of a region is: the public endpoint by default, or an override
 * (the emulator, a VPC endpoint, a proxy). `@alicloud/openapi-client` wants the host[:port]
 * without a scheme as `Config.endpoint`, the scheme as `protocol`, and the path in `Params`.
 */

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

const REGION_PATTERN = /^[a-z]{2,}(-[a-z0-9]+)+$/;

/** Whether `region` looks like an Alibaba Cloud region id (`cn-hangzhou`, `ap-southeast-1`). */
export function isValidRegion(region: string): boolean {
  return REGION_PATTERN.test(region);
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
  if (!isValidRegion(region)) {
    throw new Error(`invalid Alibaba Cloud region "${region}" (expected e.g. cn-hangzhou)`);
  }
  const raw = override?.trim();
  if (!raw) return { protocol: "HTTPS", endpoint: `kms.${region}.aliyuncs.com`, pathname: "/" };

  const bad = (why: string): Error =>
    new Error(
      `invalid KMS endpoint in ${settingName}: ${why} ` +
        `(expected a URL such as https://kms-vpc.cn-hangzhou.aliyuncs.com or http://127.0.0.1:8080/{region})`,
    );
  const substituted = raw.split(REGION_PLACEHOLDER).join(region);
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
