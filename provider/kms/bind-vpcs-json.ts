/**
 * The `BindVpcs` parameter of `UpdateKmsInstanceBindVpc`: a JSON string
 * `[{"VpcId":"…","VSwitchId":"…","RegionId":"…","VpcOwnerId":120708975881…},…]`. The API
 * reference and the SDK model (alibabacloud-go/kms-20160120, UpdateKmsInstanceBindVpcRequest)
 * give `VpcOwnerId` as an unquoted JSON number, and Terraform's provider sends it as an int64
 * (resource_alicloud_kms_instance.go, `strconv.ParseInt`), leaving the key out when there is no
 * owner. A 16- or 19-digit account id does not survive `Number()`, so its digits are written
 * into the JSON text as they are.
 */
import type { ApiBindVpcRequest } from "./types";

/** A JSON integer as the grammar allows it: no sign, no leading zero, no fraction. */
const JSON_INTEGER = /^(0|[1-9][0-9]*)$/;

/**
 * The `BindVpcs` JSON text for `vpcs`. `VpcOwnerId` is written unquoted with its exact digits,
 * and left out when absent or `""`.
 * @throws TypeError when a `VpcOwnerId` is not a plain decimal integer (it would not be JSON).
 */
export function encodeBindVpcs(vpcs: readonly ApiBindVpcRequest[]): string {
  const entries = vpcs.map((v) => {
    const head = `"VpcId":${JSON.stringify(v.VpcId)},"VSwitchId":${JSON.stringify(v.VSwitchId)},"RegionId":${JSON.stringify(v.RegionId)}`;
    const owner = v.VpcOwnerId;
    if (owner === undefined || owner === "") return `{${head}}`;
    if (!JSON_INTEGER.test(owner)) {
      throw new TypeError(
        `VpcOwnerId must be an account id of digits without a leading zero; got ${JSON.stringify(owner)}.`,
      );
    }
    return `{${head},"VpcOwnerId":${owner}}`;
  });
  return `[${entries.join(",")}]`;
}
