/**
 * A tiny scripted HTTP server for tests that need exact failure shapes (status, body, resets)
 * from a real socket, independent of the emulator. Counts connections for keep-alive checks.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from "http";
import { AddressInfo } from "net";

/** What the server does with one request. */
export type RawReply =
  | { status: number; json: unknown }
  | { status: number; text: string; contentType?: string }
  | { reset: true }
  | { delayMs: number; then: RawReply };

/** A running scripted server. */
export interface RawServer {
  readonly endpoint: string;
  /** Requests seen, with their action header and decoded query. */
  readonly requests: {
    action: string;
    /** The `x-acs-version` header: the API version the request was signed for. */
    version: string;
    query: Record<string, string>;
    path: string;
  }[];
  connections: number;
  close(): Promise<void>;
}

/** Starts a server answering each request with `reply(request, index)`. */
export async function startRawServer(
  reply: (req: IncomingMessage, index: number) => RawReply,
): Promise<RawServer> {
  const requests: RawServer["requests"] = [];
  const state = { connections: 0 };
  const send = (res: ServerResponse, r: RawReply): void => {
    if ("delayMs" in r) {
      // Unref'd: a reply still pending when the test is over must not keep the process alive.
      setTimeout(() => {
        if (!res.destroyed) send(res, r.then);
      }, r.delayMs).unref();
    } else if ("reset" in r) {
      res.socket?.destroy();
    } else if ("json" in r) {
      res.writeHead(r.status, { "content-type": "application/json;charset=utf-8" });
      res.end(JSON.stringify(r.json));
    } else {
      res.writeHead(r.status, { "content-type": r.contentType ?? "text/html" });
      res.end(r.text);
    }
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      requests.push({
        action: String(req.headers["x-acs-action"] ?? ""),
        version: String(req.headers["x-acs-version"] ?? ""),
        query: Object.fromEntries(url.searchParams.entries()),
        path: url.pathname,
      });
      send(res, reply(req, requests.length - 1));
    });
  });
  server.on("connection", () => {
    state.connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `127.0.0.1:${port}`,
    requests,
    get connections() {
      return state.connections;
    },
    set connections(n: number) {
      state.connections = n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
