/**
 * The reference's captured request from the real client (see shared/reference/kms-instance-api.md)
 * must verify with our canonical-request code, byte for byte.
 */
import { createHash } from "node:crypto";
import {
  acs3CanonicalQuery,
  acs3CanonicalRequest,
  acs3Signature,
  parseParams,
  percentEncode,
  rpcSignature,
} from "../../emulator/canonical";

const SECRET = "TestSecret/+=*~!()";
const WIRE_QUERY =
  "KmsInstanceId=kst-x&BindVpcs=%5B%7B%22VpcId%22%3A%22vpc-1%22%2C%22VSwitchId%22%3A%22vsw-1%22%2C%22RegionId%22%3A%22cn-hangzhou%22%2C%22VpcOwnerId%22%3A1234567890%7D%5D" +
  "&Weird=a%20b*c~d!e%27f(g)h%2Bi%2Fj&Empty=&Tag.1.Key=k%201&Tag.1.Value=v*1";
const BODY = "FormKey=x%20y*z&List.1=a&List.2=b";
const EXPECTED_CANONICAL_QUERY =
  "BindVpcs=%5B%7B%22VpcId%22%3A%22vpc-1%22%2C%22VSwitchId%22%3A%22vsw-1%22%2C%22RegionId%22%3A%22cn-hangzhou%22%2C%22VpcOwnerId%22%3A1234567890%7D%5D&Empty=&KmsInstanceId=kst-x&Tag.1.Key=k%201&Tag.1.Value=v%2A1&Weird=a%20b%2Ac~d%21e%27f%28g%29h%2Bi%2Fj";

const headers = new Map<string, string[]>(
  Object.entries({
    "content-type": "application/x-www-form-urlencoded",
    host: "127.0.0.1:33833",
    "x-acs-accesskey-id": "LTAI5tTestAccessKey",
    "x-acs-action": "UpdateKmsInstanceBindVpc",
    "x-acs-content-sha256": "ffcb32c221976f7437b39cd326e961a0b795cb3ce1edb763fb9ebba989db46d2",
    "x-acs-credentials-provider": "static_sts",
    "x-acs-date": "2026-11-28T16:42:30Z",
    "x-acs-security-token": "STS.tok+/=",
    "x-acs-signature-nonce": "52a1e8ca9634d271efd794f95e65a3cc",
    "x-acs-version": "2016-01-20",
  }).map(([k, v]) => [k, [v]]),
);

describe("ACS3 canonical request (reference test vector)", () => {
  it("re-encodes the wire query into the canonical query", () => {
    expect(acs3CanonicalQuery(parseParams(WIRE_QUERY))).toBe(EXPECTED_CANONICAL_QUERY);
  });

  it("hashes the form body to the signed x-acs-content-sha256", () => {
    expect(createHash("sha256").update(BODY).digest("hex")).toBe(
      headers.get("x-acs-content-sha256")?.[0],
    );
  });

  it("reproduces the captured signature a46fd408… exactly", () => {
    const canonical = acs3CanonicalRequest({
      method: "POST",
      path: "/",
      query: parseParams(WIRE_QUERY),
      headers,
      signedHeaders: [...headers.keys()].sort(),
      payloadHash: "ffcb32c221976f7437b39cd326e961a0b795cb3ce1edb763fb9ebba989db46d2",
    });
    expect(canonical.split("\n").slice(0, 3)).toEqual(["POST", "/", EXPECTED_CANONICAL_QUERY]);
    expect(acs3Signature(SECRET, canonical)).toBe(
      "a46fd408db58c09056b0054dc333b5c5b0e71cf3022396bfb9b019d64031bfc6",
    );
  });

  it("changes the signature when one byte of the query changes", () => {
    const canonical = acs3CanonicalRequest({
      method: "POST",
      path: "/",
      query: parseParams(WIRE_QUERY.replace("kst-x", "kst-y")),
      headers,
      signedHeaders: [...headers.keys()].sort(),
      payloadHash: "ffcb32c221976f7437b39cd326e961a0b795cb3ce1edb763fb9ebba989db46d2",
    });
    expect(acs3Signature(SECRET, canonical)).not.toBe(
      "a46fd408db58c09056b0054dc333b5c5b0e71cf3022396bfb9b019d64031bfc6",
    );
  });
});

describe("encoding helpers", () => {
  it("percent-encodes the characters encodeURIComponent leaves raw, except ~", () => {
    expect(percentEncode("a b!'()*~")).toBe("a%20b%21%27%28%29%2A~");
  });

  it("keeps malformed escapes literally instead of throwing", () => {
    const p = parseParams("a=%E0%A4%A&b=%zz&c=1+2&__proto__=x");
    expect(p.b).toBe("%zz");
    expect(p.c).toBe("1 2");
    expect(Object.getPrototypeOf(p)).toBeNull();
    expect(p["__proto__"]).toBe("x");
  });

  it("computes the v2 RPC signature like @alicloud/openapi-util getRPCSignature", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const util = require("@alicloud/openapi-util").default as {
      getRPCSignature(p: Record<string, string>, m: string, s: string): string;
    };
    const params = { Action: "GetKmsInstance", "Tag.1.Key": "k 1*", Weird: "a!b(c)'~", Empty: "" };
    const ours = rpcSignature(Object.assign(Object.create(null), params), "POST", SECRET);
    expect(ours).toBe(util.getRPCSignature(params, "POST", SECRET));
  });
});
