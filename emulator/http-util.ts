/**
 * Small HTTP helpers shared by the signed API and the control API.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/** The largest request body accepted (1 MiB); larger ones get HTTP 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads the whole body; `"too-large"` once it exceeds `limit` (the rest is drained, not kept). */
export function readBody(
  req: IncomingMessage,
  limit = MAX_BODY_BYTES,
): Promise<Buffer | "too-large"> {
  return new Promise((resolve) => {
    const declared = Number(req.headers["content-length"]);
    let tooLarge = Number.isFinite(declared) && declared > limit;
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (tooLarge) resolve("too-large");
      else resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    });
    req.on("error", () => resolve(Buffer.alloc(0)));
  });
}

/** Writes a JSON response. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: string,
  extraHeaders?: Record<string, string>,
): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, {
    "content-type": "application/json;charset=utf-8",
    "content-length": Buffer.byteLength(body),
    ...extraHeaders,
  });
  res.end(body);
}

/** Lower-cased header name → every value, from the raw header list (keeps duplicates apart). */
export function headerMap(req: IncomingMessage): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    const list = map.get(name);
    if (list) list.push(raw[i + 1]);
    else map.set(name, [raw[i + 1]]);
  }
  return map;
}

/** Whether the peer is on the loopback interface. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}
