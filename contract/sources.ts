/**
 * The constructors of the contract table's {@link Source}s, shared by the KMS/STS table
 * (`kms-actions.ts`) and the BSS table (`bss-actions.ts`): each writes the citation in one form,
 * so a kind always names the same package, repository or page; and the one form both tables
 * share, the region id.
 */
import type { Source } from "./contract-types";

/** A fact of the API reference (as collected in `reference/kms-instance-api.md`). */
export const REF = (detail: string): Source => ({ kind: "reference", detail });

/** A fact of the Go SDK models of KMS 2016-01-20 (`alibabacloud-go/kms-20160120`). */
export const SDK = (detail: string): Source => ({
  kind: "sdk-model",
  detail: `alibabacloud-go/kms-20160120 ${detail}`,
});

/** The BssOpenApi SDK package whose models {@link BSS_SDK} cites. */
export const BSS_SDK_PACKAGE = "@alicloud/bssopenapi20171214 4.1.1";

/**
 * A fact of the BssOpenApi 2017-12-14 TypeScript models: `model` is the file name under
 * `src/models/` without `.ts` (`SetRenewalRequest`), `detail` what it says there.
 */
export const BSS_SDK = (model: string, detail: string): Source => ({
  kind: "sdk-model",
  detail: `${BSS_SDK_PACKAGE} src/models/${model}.ts: ${detail}`,
});

/** What `aliyun/terraform-provider-alicloud` sends or handles in production. */
export const TF = (detail: string): Source => ({
  kind: "terraform",
  detail: `aliyun/terraform-provider-alicloud ${detail}`,
});

/** A common error code of the Alibaba Cloud API gateway. */
export const GATEWAY = (detail: string): Source => ({ kind: "gateway", detail });

/** The real behaviour is unknown; the emulator does this, strictly. */
export const CHOSEN = (detail: string): Source => ({ kind: "chosen", detail });

/** Believed, not confirmed by an outside source. */
export const UNCONFIRMED = (detail: string): Source => ({ kind: "unconfirmed", detail });

/** A region id (`cn-hangzhou`, `ap-southeast-1`), as every table writes the form. */
export const REGION_ID_FORM = {
  pattern: /^[a-z]{2,}(-[a-z0-9]+)+$/,
  patternText: "a region id such as cn-hangzhou",
} as const;
