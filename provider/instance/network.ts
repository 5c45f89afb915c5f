/**
 * The network of an instance as values: what `bindVpcs` and `connection` hold. No imports, so the
 * model, the output table (`fields.ts`) and the property modules use them without an import cycle.
 */

/** A VPC bound to the instance, as programs declare it and outputs show it. */
export interface BindVpc {
  /** The bound VPC (`vpc-…`). */
  vpcId: string;
  /** The vSwitch in that VPC (`vsw-…`). */
  vSwitchId: string;
  /** Region of the VPC, e.g. `cn-hangzhou`. */
  regionId: string;
  /** Owner account id of the VPC: up to 20 digits, always a string (16-digit ids overflow JS numbers). */
  vpcOwnerId: string;
}

/** The network an instance is enabled in, as programs declare it and outputs show it. */
export interface KmsConnection {
  /** The VPC (`vpc-…`). */
  vpcId: string;
  /** The two zones the instance runs in, e.g. `["cn-hangzhou-k", "cn-hangzhou-j"]` (a set). */
  zoneIds: string[];
  /** The vSwitches it connects through, one in each zone (`vsw-…`; a set). */
  vswitchIds: string[];
}
