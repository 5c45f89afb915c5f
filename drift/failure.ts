/**
 * One clear sentence for a check that failed. The engine's own error diagnostics say best what
 * went wrong (the provider's message names the API call and error code); when the CLI failed
 * before emitting any (no such stack, a broken project), its stderr is the only account.
 */

/** What the Automation API's `CommandError` carries at run time (its `commandResult` is private in the types). */
interface CommandErrorLike {
  commandResult?: { stderr?: unknown; code?: unknown };
}

/** At most this many stderr lines go into a message. */
const MAX_LINES = 12;

/** The failure message of a rejected Automation API call. */
export function describeFailure(err: unknown, timedOutAfterSeconds?: number): string {
  if (timedOutAfterSeconds !== undefined) {
    return `timed out after ${timedOutAfterSeconds}s (--timeout); the check was aborted`;
  }
  const stderr = (err as CommandErrorLike | undefined)?.commandResult?.stderr;
  if (typeof stderr === "string") {
    const lines = stderr
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== "");
    const errors = lines.filter((l) => /^error:/i.test(l)).map((l) => l.replace(/^error:\s*/i, ""));
    const chosen = (errors.length > 0 ? errors : lines).slice(-MAX_LINES);
    if (chosen.length > 0) return chosen.join("\n");
  }
  if (err instanceof Error) return err.message.split("\n")[0] ?? err.name;
  return String(err);
}
