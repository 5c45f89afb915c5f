/** The inputs of the `@alicloud/credentials` default chain that live in the environment. */

/**
 * The environment variables the `@alicloud/credentials` chain reads (from `process.env`): two
 * processes that differ in any of them may resolve different credentials.
 */
export const CHAIN_ENV_KEYS = [
  "ALIBABA_CLOUD_ACCESS_KEY_ID",
  "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  "ALIBABA_CLOUD_SECURITY_TOKEN",
  "ALIBABA_CLOUD_ROLE_ARN",
  "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
  "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
  "ALIBABA_CLOUD_PROFILE",
  "ALIBABA_CLOUD_CLI_PROFILE_DISABLED",
  "ALIBABA_CLOUD_CREDENTIALS_FILE",
  "ALIBABA_CLOUD_ECS_METADATA",
  "ALIBABA_CLOUD_ECS_METADATA_DISABLED",
  "ALIBABA_CLOUD_CREDENTIALS_URI",
  "HOME",
] as const;
