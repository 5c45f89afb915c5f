import { resolveEndpoint as resolve } from "../../../provider/kms/endpoint";
import { flattenQuery } from "../../../provider/kms/signed-caller";

const resolveEndpoint = (region: string, override?: string, setting = "alicloud-kms:endpoint") =>
  resolve("endpoint", region, override, setting);

describe("resolveEndpoint", () => {
  it("defaults to the public HTTPS endpoint of the region", () => {
    expect(resolveEndpoint("cn-shanghai")).toEqual({
      protocol: "HTTPS",
      endpoint: "kms.cn-shanghai.aliyuncs.com",
      pathname: "/",
    });
    expect(resolveEndpoint("ap-southeast-1", "  ")).toEqual({
      protocol: "HTTPS",
      endpoint: "kms.ap-southeast-1.aliyuncs.com",
      pathname: "/",
    });
  });

  it("splits an emulator override with a {region} path placeholder", () => {
    expect(resolveEndpoint("cn-shanghai", "http://127.0.0.1:4567/{region}")).toEqual({
      protocol: "HTTP",
      endpoint: "127.0.0.1:4567",
      pathname: "/cn-shanghai",
    });
  });

  it("replaces {region} in the host too", () => {
    expect(resolveEndpoint("cn-beijing", "https://kms-vpc.{region}.aliyuncs.com")).toEqual({
      protocol: "HTTPS",
      endpoint: "kms-vpc.cn-beijing.aliyuncs.com",
      pathname: "/",
    });
  });

  it("uses a URL without placeholder as-is for every region", () => {
    for (const region of ["cn-hangzhou", "eu-central-1"]) {
      expect(resolveEndpoint(region, "http://localhost:8080")).toEqual({
        protocol: "HTTP",
        endpoint: "localhost:8080",
        pathname: "/",
      });
    }
    expect(resolveEndpoint("cn-hangzhou", "http://127.0.0.1:9/prefix/")).toEqual({
      protocol: "HTTP",
      endpoint: "127.0.0.1:9",
      pathname: "/prefix",
    });
  });

  it("takes a bare host as HTTPS", () => {
    expect(resolveEndpoint("cn-hangzhou", "kms-vpc.cn-hangzhou.aliyuncs.com")).toEqual({
      protocol: "HTTPS",
      endpoint: "kms-vpc.cn-hangzhou.aliyuncs.com",
      pathname: "/",
    });
  });

  it("rejects bad overrides with an error naming the setting", () => {
    expect(() => resolveEndpoint("cn-hangzhou", "ftp://x/")).toThrow(
      /alicloud-kms:endpoint: scheme "ftp:"/,
    );
    expect(() => resolveEndpoint("cn-hangzhou", "http://", "ALIBABA_CLOUD_KMS_ENDPOINT")).toThrow(
      /ALIBABA_CLOUD_KMS_ENDPOINT/,
    );
    expect(() => resolveEndpoint("cn-hangzhou", "http://h:1/?a=b")).toThrow(/query or fragment/);
    expect(() => resolveEndpoint("cn-hangzhou", "http://h:99999/")).toThrow(/not a URL/);
  });

  it("refuses credentials in the URL without echoing them", () => {
    let message = "";
    try {
      resolveEndpoint("cn-hangzhou", "http://user:S3cretPass@127.0.0.1:1/");
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/must not contain a user or password/);
    expect(message).not.toContain("S3cretPass");
  });

  it("rejects a malformed region", () => {
    expect(() => resolveEndpoint("CN_HANGZHOU")).toThrow(/invalid Alibaba Cloud region/);
    expect(() => resolveEndpoint("cn-hangzhou/../x")).toThrow(/invalid Alibaba Cloud region/);
  });
});

describe("flattenQuery", () => {
  it("flattens arrays, objects in arrays, numbers and booleans; drops absent values", () => {
    expect(
      flattenQuery({
        KmsInstanceId: "kst-x",
        ResourceId: ["kst-a", "kst-b"],
        Tag: [
          { Key: "k 1", Value: "v*1" },
          { Key: "k2", Value: "" },
        ],
        PageSize: 50,
        Enabled: false,
        Missing: undefined,
        Null: null,
      }),
    ).toEqual({
      KmsInstanceId: "kst-x",
      "ResourceId.1": "kst-a",
      "ResourceId.2": "kst-b",
      "Tag.1.Key": "k 1",
      "Tag.1.Value": "v*1",
      "Tag.2.Key": "k2",
      "Tag.2.Value": "",
      PageSize: "50",
      Enabled: "false",
    });
  });
});
