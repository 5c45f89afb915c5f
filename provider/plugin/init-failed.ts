/**
 * A create that adopted the instance but could not finish (connecting it failed) answers the
 * engine's `ErrorResourceInitFailed`: the error's gRPC status carries the id and the outputs read
 * after the failure, so the engine keeps the adopted instance in state (never drop an instance)
 * while the `up` fails. It is the form `@pulumi/pulumi`'s own dynamic-provider host sends
 * (cmd/dynamic-provider/index.js at 3.248.0, `grpcResponseFromError`): a `google.rpc.Status`
 * with the packed detail, in the `grpc-status-details-bin` metadata.
 */
import * as grpc from "@grpc/grpc-js";
import * as anyproto from "google-protobuf/google/protobuf/any_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import { toStruct } from "./wire";

/** What a partial create leaves: the instance id, its outputs (secrets marked) and why. */
export interface InitFailure {
  /** The adopted instance id. */
  id: string;
  /** The outputs to record, already marked secret where the inputs were. */
  properties: Record<string, unknown>;
  /** Why it failed to initialize. */
  reasons: string[];
}

/** The partial create an error carries (`id`, `properties`, `reasons`), or undefined. */
export function initFailureOf(err: unknown): InitFailure | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const e = err as { id?: unknown; properties?: unknown; reasons?: unknown };
  if (typeof e.id !== "string" || e.id === "") return undefined;
  if (typeof e.properties !== "object" || e.properties === null) return undefined;
  const reasons = Array.isArray(e.reasons)
    ? e.reasons.filter((r): r is string => typeof r === "string")
    : [];
  return { id: e.id, properties: e.properties as Record<string, unknown>, reasons };
}

/** The gRPC metadata that tells the engine about a partial create. */
export function initFailedMetadata(message: string, failure: InitFailure): grpc.Metadata {
  const detail = new provproto.ErrorResourceInitFailed()
    .setId(failure.id)
    .setProperties(toStruct(failure.properties))
    .setReasonsList(failure.reasons);
  const any = new anyproto.Any();
  any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
  const status = new statusproto.Status().setCode(grpc.status.UNKNOWN).setMessage(message);
  status.addDetails(any);
  const metadata = new grpc.Metadata();
  metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  return metadata;
}
