/** Conversions between protobuf `Struct`s and the plain JSON property bags the provider uses. */
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import type { Props } from "./plugin-provider";
import { unwrapSecrets } from "./secrets";

/** A Struct as plain JSON, secrets unwrapped (the values only ever reach the KMS client). */
export function fromStruct(s: structproto.Struct | undefined): Props {
  return unwrapSecrets(s?.toJavaScript() ?? {}) as Props;
}

/** Plain JSON as a Struct; `undefined` members are dropped (a Struct cannot hold them). */
export function toStruct(p: object): structproto.Struct {
  return structproto.Struct.fromJavaScript(JSON.parse(JSON.stringify(p)) as never);
}
