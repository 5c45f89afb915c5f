/**
 * Tags on instances (`ResourceType=instance`): TagResources, UntagResources and ListTagResources
 * with `NextToken` paging. Tag maps are edited as `Map`s and rebuilt with `Object.fromEntries`,
 * so keys such as `__proto__` or `constructor` are plain data: an assignment `tags[key] = value`
 * would call the prototype's `__proto__` setter and silently drop the tag.
 */
import { errors } from "./api-error";
import type { ActionContext, ActionHandler } from "./action-context";
import { boolParam, intValue, listParam } from "./params";
import type { SeedInstance } from "./types";
import { isUninitialized, refuseTagsWhenUninitialized } from "./uninitialized";

/** Tags one instance may carry. */
export const MAX_TAGS_PER_INSTANCE = 20;

/**
 * The instances named by `ResourceId.N`, all of which must exist in the region and be enabled
 * (an `Uninitialized` one is `Rejected.Uninitialized`, see uninitialized.ts). Without ids
 * (ListTagResources; the contract table requires ids elsewhere), the region's instances, those
 * not enabled yet left out (they carry no tags).
 */
function resources(ctx: ActionContext): SeedInstance[] {
  const ids = listParam(ctx.params, "ResourceId");
  if (ids.length === 0) {
    return ctx.store.listRegion(ctx.region, ctx.nowMs).filter((i) => !isUninitialized(i));
  }
  const found = ids.map((id) => {
    const inst = ctx.store.getInRegion(id, ctx.region, ctx.nowMs);
    if (!inst) throw errors.instanceNotFound();
    return inst;
  });
  // Every id is looked up first: a missing instance is not-found even beside an Uninitialized one.
  found.forEach(refuseTagsWhenUninitialized);
  return found;
}

/** `Tag.N.Key` / `Tag.N.Value` pairs (form and limits checked by the contract table). */
function tagPairs(ctx: ActionContext): [string, string | undefined][] {
  const out: [string, string | undefined][] = [];
  for (let i = 1; ; i++) {
    const key = ctx.params[`Tag.${i}.Key`];
    if (key === undefined) return out;
    out.push([key, ctx.params[`Tag.${i}.Value`]]);
  }
}

/** The instance's tags with `tags` added or overwritten (a missing value is `""`). */
function withTags(
  current: Record<string, string> | undefined,
  tags: [string, string | undefined][],
): Map<string, string> {
  const next = new Map(Object.entries(current ?? {}));
  for (const [k, v] of tags) next.set(k, v ?? "");
  return next;
}

/** `TagResources`: adds or overwrites tags. */
export const tagResources: ActionHandler = (ctx) => {
  const targets = resources(ctx);
  const tags = tagPairs(ctx);
  for (const inst of targets) {
    if (withTags(inst.Tags, tags).size > MAX_TAGS_PER_INSTANCE) {
      throw errors.invalidParameter(
        "Tag",
        `An instance can carry at most ${MAX_TAGS_PER_INSTANCE} tags.`,
      );
    }
  }
  for (const inst of targets) {
    ctx.store.commit(inst, (i) => {
      i.Tags = Object.fromEntries(withTags(i.Tags, tags));
    });
  }
  return { RequestId: ctx.requestId };
};

/** `UntagResources`: removes the named keys, or every tag with `All=true`. */
export const untagResources: ActionHandler = (ctx) => {
  const targets = resources(ctx);
  const keys = listParam(ctx.params, "TagKey");
  const all = boolParam(ctx.params, "All") === true;
  if (keys.length === 0 && !all) throw errors.missingParameter("TagKey");
  for (const inst of targets) {
    ctx.store.commit(inst, (i) => {
      if (all) {
        delete i.Tags;
        return;
      }
      const next = new Map(Object.entries(i.Tags ?? {}));
      for (const k of keys) next.delete(k);
      i.Tags = Object.fromEntries(next);
    });
  }
  return { RequestId: ctx.requestId };
};

/** `ListTagResources`: one row per (instance, tag), paged by an opaque `NextToken`. */
export const listTagResources: ActionHandler = (ctx) => {
  const targets = resources(ctx);
  const filters = tagPairs(ctx);
  const pageSize = intValue(ctx.params, "MaxResults", 20);
  const start = decodeToken(ctx.params.NextToken);
  const rows: Record<string, string>[] = [];
  for (const inst of targets) {
    for (const [k, v] of Object.entries(inst.Tags ?? {})) {
      if (
        filters.length > 0 &&
        !filters.some(([fk, fv]) => fk === k && (fv === undefined || fv === v))
      ) {
        continue;
      }
      rows.push({
        ResourceId: String(inst.KmsInstance.InstanceId),
        ResourceType: "instance",
        TagKey: k,
        TagValue: v,
      });
    }
  }
  if (start > rows.length) throw errors.invalidParameter("NextToken");
  const end = start + pageSize;
  return {
    RequestId: ctx.requestId,
    NextToken: end < rows.length ? encodeToken(end) : "",
    TagResources: { TagResource: rows.slice(start, end) },
  };
};

function encodeToken(offset: number): string {
  return Buffer.from(`kms-emulator:${offset}`).toString("base64url");
}

function decodeToken(token: string | undefined): number {
  if (token === undefined || token === "") return 0;
  const m = /^kms-emulator:(\d{1,9})$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  if (!m) throw errors.invalidParameter("NextToken");
  return Number(m[1]);
}
