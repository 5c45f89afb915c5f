/**
 * The control API over HTTP, under `/_emulator/`: unsigned, loopback peers only, JSON in and out,
 * and only requests a web page cannot send cross-site (see control-guard.ts). It mirrors
 * {@link EmulatorControl}; the routes are listed in emulator/README.md.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { refuseControlRequest } from "./control-guard";
import { InvalidFaultSpecError } from "./faults";
import { headerMap, isLoopback, readBody, sendJson } from "./http-util";
import { InvalidInstanceError } from "./instance-schema";
import { InstanceNotFoundError } from "./instance-store";
import type { EmulatorControl, FaultSpec, InstancePatch, SeedAccount, SeedInstance } from "./types";
import { connectNow, type ConnectNowOptions } from "./uninitialized";

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Answers one control request. */
export async function handleControl(
  control: EmulatorControl,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  try {
    if (!isLoopback(req.socket.remoteAddress)) {
      throw new HttpError(403, "the control API only answers loopback peers");
    }
    const refusal = refuseControlRequest(headerMap(req));
    if (refusal) throw new HttpError(refusal.status, refusal.error);
    const body = await readBody(req);
    if (body === "too-large") throw new HttpError(413, "request body too large");
    const result = route(control, req.method ?? "GET", path.replace(/\/+$/, ""), body);
    if (result === undefined) {
      res.writeHead(204).end();
    } else {
      sendJson(res, 200, JSON.stringify(result));
    }
  } catch (err) {
    const status =
      err instanceof HttpError
        ? err.status
        : err instanceof InvalidInstanceError || err instanceof InvalidFaultSpecError
          ? 400
          : err instanceof InstanceNotFoundError
            ? 404
            : 500;
    sendJson(res, status, JSON.stringify({ error: (err as Error).message }));
  }
}

function jsonBody(body: Buffer): unknown {
  if (body.length === 0) throw new HttpError(400, "a JSON body is required");
  try {
    return JSON.parse(body.toString("utf8")) as unknown;
  } catch {
    throw new HttpError(400, "the body is not valid JSON");
  }
}

function pathId(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, "malformed id in the path");
  }
}

/** The optional body of a connect: `{ VpcId?, ZoneIds?, VswitchIds? }`. */
function connectOptions(body: Buffer): ConnectNowOptions {
  if (body.length === 0) return {};
  const doc = jsonBody(body);
  const bad = (): never => {
    throw new HttpError(
      400,
      "expected { VpcId?: string, ZoneIds?: string[], VswitchIds?: string[] }",
    );
  };
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return bad();
  const { VpcId, ZoneIds, VswitchIds } = doc as Record<string, unknown>;
  const strings = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === "string");
  if (VpcId !== undefined && typeof VpcId !== "string") bad();
  if (ZoneIds !== undefined && !strings(ZoneIds)) bad();
  if (VswitchIds !== undefined && !strings(VswitchIds)) bad();
  return { VpcId, ZoneIds, VswitchIds } as ConnectNowOptions;
}

function methodNotAllowed(method: string, path: string): never {
  throw new HttpError(405, `${method} is not supported on ${path}`);
}

function route(control: EmulatorControl, method: string, path: string, body: Buffer): unknown {
  const account = /^\/_emulator\/accounts\/([^/]+)$/.exec(path);
  if (account) {
    const accountId = pathId(account[1]);
    switch (method) {
      case "GET":
        return control.getAccount(accountId);
      case "PUT": {
        const doc = jsonBody(body);
        if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
          throw new HttpError(400, 'expected { "Site"?: "domestic" | "intl" }');
        }
        const fields = doc as Record<string, unknown>;
        if (fields.AccountId !== undefined && fields.AccountId !== accountId) {
          throw new HttpError(400, "AccountId must equal the id in the path");
        }
        control.putAccount({ ...fields, AccountId: accountId } as SeedAccount);
        return control.getAccount(accountId);
      }
      default:
        return methodNotAllowed(method, path);
    }
  }
  const connect = /^\/_emulator\/instances\/([^/]+)\/connect$/.exec(path);
  if (connect) {
    if (method !== "POST") return methodNotAllowed(method, path);
    return connectNow(control, pathId(connect[1]), connectOptions(body));
  }
  const instance = /^\/_emulator\/instances\/([^/]+)$/.exec(path);
  if (instance) {
    const id = pathId(instance[1]);
    switch (method) {
      case "GET": {
        const found = control.getInstance(id);
        if (!found) throw new InstanceNotFoundError(id);
        return found;
      }
      case "PUT": {
        const doc = jsonBody(body) as { KmsInstance?: { InstanceId?: unknown } };
        if (doc?.KmsInstance?.InstanceId !== id) {
          throw new HttpError(400, "KmsInstance.InstanceId must equal the id in the path");
        }
        control.putInstance(doc as SeedInstance);
        return control.getInstance(id);
      }
      case "PATCH":
        return control.patchInstance(id, jsonBody(body) as InstancePatch);
      case "DELETE":
        if (!control.deleteInstance(id)) throw new InstanceNotFoundError(id);
        return undefined;
      default:
        return methodNotAllowed(method, path);
    }
  }
  switch (path) {
    case "/_emulator/health":
      return { ok: true };
    case "/_emulator/instances":
      if (method === "GET") return control.listInstances();
      if (method === "POST") {
        const doc = jsonBody(body) as { KmsInstance?: { InstanceId?: unknown } };
        control.putInstance(doc as SeedInstance);
        return control.getInstance(String(doc?.KmsInstance?.InstanceId));
      }
      return methodNotAllowed(method, path);
    case "/_emulator/faults":
      if (method === "GET") return control.faults();
      if (method === "PUT") {
        control.setFaults(jsonBody(body) as FaultSpec);
        return control.faults();
      }
      if (method === "DELETE") {
        control.clearFaults();
        return undefined;
      }
      return methodNotAllowed(method, path);
    case "/_emulator/stats":
      if (method === "GET") return control.stats();
      return methodNotAllowed(method, path);
    case "/_emulator/stats/reset":
      if (method === "POST") {
        control.resetStats();
        return undefined;
      }
      return methodNotAllowed(method, path);
    case "/_emulator/requests":
      if (method === "GET") return control.requests();
      return methodNotAllowed(method, path);
    case "/_emulator/reset":
      if (method === "POST") {
        control.reset();
        return undefined;
      }
      return methodNotAllowed(method, path);
    default:
      throw new HttpError(404, `no control route ${path}`);
  }
}
