/**
 * A TCP port where connecting hangs, deterministically: a child process listens with a backlog
 * of 1 and then blocks its event loop, so it never accepts; once a few connections fill the
 * accept queue, Linux drops further SYNs and `connect()` waits (retransmitting) with no answer.
 */
import { spawn } from "node:child_process";
import { connect, type Socket } from "node:net";

/** A listening port whose new connections never complete. */
export interface HangingListener {
  /** `127.0.0.1:PORT`. */
  endpoint: string;
  close(): Promise<void>;
}

const CHILD = `
const server = require("net").createServer();
server.listen({ port: 0, host: "127.0.0.1", backlog: 1 }, () => {
  process.stdout.write(server.address().port + "\\n", () => {
    // Block forever: nothing is ever accepted.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  });
});`;

/** Starts the listener and fills its accept queue. */
export async function startHangingListener(): Promise<HangingListener> {
  const child = spawn(process.execPath, ["-e", CHILD], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once("data", (d: Buffer) => resolve(Number(String(d).trim())));
    child.once("exit", (code) => reject(new Error(`listener exited ${code}`)));
  });
  // The queue holds backlog + 1 connections; a few more make sure it is full.
  const fillers: Socket[] = [];
  for (let i = 0; i < 4; i++) fillers.push(connect(port, "127.0.0.1").on("error", () => {}));
  await new Promise((r) => setTimeout(r, 200));
  return {
    endpoint: `127.0.0.1:${port}`,
    close: async () => {
      for (const s of fillers) s.destroy();
      child.kill("SIGKILL");
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise((r) => child.once("exit", r));
      }
    },
  };
}
