/**
 * Ends a provider process when its engine goes away: a killed engine (SIGKILL, a crashed CI runner)
 * cannot stop its providers, and one that keeps serving would finish its API calls, changing cloud
 * resources nobody is watching, and never exit. Either sign is enough:
 * - stdin closes: the engine starts every provider with a stdin pipe it holds and never writes to
 *   (`cmd.StdinPipe()` in pulumi/pulumi `sdk/go/common/resource/plugin/plugin.go`), which reads
 *   end-of-file when the engine dies. The dynamic provider gets it too: the shell that
 *   `pulumi-resource-pulumi-nodejs` runs it from, and that stays its parent, passes stdin on.
 * - the parent changes (re-parented to init or a subreaper when it dies): polled once a second.
 *
 * In-flight calls are abandoned: the process exits at once. Timers and the stdin handle are
 * unref'd, so the watchdog alone never keeps a process alive.
 */
import { fstatSync } from "node:fs";

/** What the watchdog reads and does; defaults are the real process. */
export interface WatchdogOptions {
  /** How often the parent is checked, in ms. @default 1000 */
  pollMs?: number;
  /** The current parent pid. @default () => process.ppid */
  parentPid?: () => number;
  /** Whether stdin is a pipe or socket the engine holds (a file or /dev/null is not). */
  stdinIsPipe?: () => boolean;
  /** What to do when the engine is gone. @default exit the process */
  onGone?: (why: string) => void;
}

function stdinIsPipe(): boolean {
  try {
    const st = fstatSync(0);
    return st.isFIFO() || st.isSocket();
  } catch {
    return false;
  }
}

/** Starts the watch; `stop()` ends it. */
export function startWatchdog(options: WatchdogOptions = {}): { stop(): void } {
  const parentPid = options.parentPid ?? (() => process.ppid);
  const onGone = options.onGone ?? (() => process.exit(0));
  let done = false;
  const end = (why: string): void => {
    if (done) return;
    done = true;
    onGone(why);
  };

  const parent = parentPid();
  const timer = setInterval(() => {
    if (parentPid() !== parent) end(`parent process ${parent} exited`);
  }, options.pollMs ?? 1000);
  timer.unref();

  if ((options.stdinIsPipe ?? stdinIsPipe)()) {
    const stdin = process.stdin;
    stdin.on("end", () => end("the engine closed stdin"));
    stdin.on("error", () => end("stdin failed"));
    stdin.on("data", () => undefined); // the engine never writes; discard anything
    stdin.resume();
    (stdin as unknown as { unref?: () => void }).unref?.();
  }
  return {
    // The stdin listeners stay, inert.
    stop: () => {
      done = true;
      clearInterval(timer);
    },
  };
}
