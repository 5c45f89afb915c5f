/**
 * Errors of the signed API, shaped like the Alibaba Cloud gateway's:
 * `{ RequestId, HostId, Code, Message, Recommend }` with the reference's codes and HTTP statuses.
 */

/** An error answered to a signed API request. */
export class ApiError extends Error {
  /** The `Code` field, e.g. `SignatureDoesNotMatch`. */
  readonly code: string;
  /** The HTTP status it is answered with. */
  readonly status: number;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
  }
}

/**
 * The JSON body of an error response; `product` is the API product the troubleshooting link
 * names (`Kms`, `Sts`, `BssOpenApi`).
 */
export function errorBody(
  err: ApiError,
  requestId: string,
  hostId: string,
  product = "Kms",
): string {
  return JSON.stringify({
    RequestId: requestId,
    HostId: hostId,
    Code: err.code,
    Message: err.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code)}&product=${product}&requestId=${requestId}`,
  });
}

/** Constructors for every error the emulator answers, so codes and statuses live in one place. */
export const errors = {
  invalidRegionId: (): ApiError =>
    new ApiError(400, "InvalidRegionId", "The specified region does not exist."),
  bodyTooLarge: (limit: number): ApiError =>
    new ApiError(413, "RequestEntityTooLarge", `The request body exceeds ${limit} bytes.`),
  unsupportedMethod: (method: string): ApiError =>
    new ApiError(400, "UnsupportedHTTPMethod", `The HTTP method ${method} is not supported.`),
  incompleteSignature: (detail: string): ApiError =>
    new ApiError(
      400,
      "IncompleteSignature",
      `The request signature does not conform to Aliyun standards. ${detail}`,
    ),
  signatureMismatch: (detail = ""): ApiError =>
    new ApiError(
      400,
      "SignatureDoesNotMatch",
      `Specified signature is not matched with our calculation.${detail ? " " + detail : ""}`,
    ),
  missingParameter: (name: string): ApiError =>
    new ApiError(400, `Missing${name}`, `${name} is mandatory for this action.`),
  illegalTimestamp: (): ApiError =>
    new ApiError(
      400,
      "IllegalTimestamp",
      "The input parameter Timestamp that is mandatory for processing this request is not supplied.",
    ),
  timestampFormat: (value: string): ApiError =>
    new ApiError(
      400,
      "InvalidTimeStamp.Format",
      `Specified time stamp or date value is not well formatted: ${JSON.stringify(value)}.`,
    ),
  timestampExpired: (): ApiError =>
    new ApiError(
      400,
      "InvalidTimeStamp.Expired",
      "Specified time stamp or date value is expired (more than 15 minutes from server time).",
    ),
  nonceUsed: (): ApiError =>
    new ApiError(400, "SignatureNonceUsed", "Specified signature nonce was used already."),
  unknownAccessKey: (): ApiError =>
    new ApiError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found."),
  stsMalformed: (): ApiError =>
    new ApiError(400, "InvalidSecurityToken.Malformed", "Specified SecurityToken is malformed."),
  stsMismatch: (): ApiError =>
    new ApiError(
      400,
      "InvalidSecurityToken.MismatchWithAccessKey",
      "Specified SecurityToken mismatch with the AccessKey.",
    ),
  stsMissing: (): ApiError =>
    new ApiError(400, "MissingSecurityToken", "SecurityToken is mandatory for this AccessKey."),
  unsupportedSignatureMethod: (method: string): ApiError =>
    new ApiError(
      400,
      "InvalidSignatureMethod",
      `Specified signature method ${JSON.stringify(method)} is not supported.`,
    ),
  unknownAction: (): ApiError =>
    new ApiError(
      404,
      "InvalidAction.NotFound",
      "Specified api is not found, please check your url and method.",
    ),
  invalidVersion: (): ApiError =>
    new ApiError(400, "InvalidVersion", "Specified parameter Version is not valid."),
  invalidParameter: (name: string, why = ""): ApiError =>
    new ApiError(
      400,
      "InvalidParameter",
      `The specified parameter ${name} is not valid.${why ? " " + why : ""}`,
    ),
  instanceNotFound: (): ApiError =>
    new ApiError(
      404,
      "Forbidden.DKMSInstanceNotFound",
      "The specified DKMS Instance is not found.",
    ),
  instanceStateInvalid: (status: string): ApiError =>
    new ApiError(
      403,
      "Forbidden.DKMSInstanceStateInvalid",
      `The DKMS Instance state ${JSON.stringify(status)} does not allow this operation.`,
    ),
  notApplicable: (): ApiError =>
    new ApiError(400, "NotApplicable", "This API is not applicable for caller."),
  notRenewable: (id: string, why: string): ApiError =>
    new ApiError(
      400,
      "InvalidParameter.InstanceIDs",
      `The specified parameter InstanceIDs is not valid. ${id} ${why}.`,
    ),
  throttled: (): ApiError =>
    new ApiError(400, "Throttling.User", "Request was denied due to user flow control."),
  internal: (): ApiError =>
    new ApiError(
      500,
      "InternalFailure",
      "The request processing has failed due to some unknown error.",
    ),
};
