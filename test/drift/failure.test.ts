/** One clear message for a failed check: engine errors, CLI stderr, timeouts. */
import { describeFailure } from "../../drift/failure";

/** The shape of the Automation API's CommandError at run time. */
function commandError(stderr: string): Error {
  return Object.assign(new Error(`code: 255\n stdout: \n stderr: ${stderr}`), {
    commandResult: { stderr, code: 255 },
  });
}

describe("describeFailure", () => {
  it("takes the CLI's error lines, without their label", () => {
    expect(describeFailure(commandError("\nerror: no stack named 'nope' found\n"))).toBe(
      "no stack named 'nope' found",
    );
    expect(
      describeFailure(commandError("warning: a\nerror: first\nmore text\nerror: second\n")),
    ).toBe("first\nsecond");
  });

  it("falls back to the last stderr lines, then to the first line of the message", () => {
    expect(describeFailure(commandError("something odd\nhappened\n"))).toBe(
      "something odd\nhappened",
    );
    const many = Array.from({ length: 30 }, (_, i) => `line ${i}`).join("\n");
    expect(describeFailure(commandError(many)).split("\n")).toHaveLength(12);
    expect(describeFailure(new Error("boom\nstack…"))).toBe("boom");
    expect(describeFailure("plain")).toBe("plain");
  });

  it("says a timeout is a timeout, whatever the error", () => {
    expect(describeFailure(commandError("error: canceled"), 30)).toBe(
      "timed out after 30s (--timeout); the check was aborted",
    );
    expect(describeFailure(undefined, 5)).toMatch(/timed out after 5s/);
  });
});
