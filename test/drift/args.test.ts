/** The kms-drift command line: every flag, its defaults, and the mistakes it rejects. */
import { USAGE, UsageError, parseArgs } from "../../drift/args";

describe("parseArgs", () => {
  it("defaults: every stack of the current folder, a table, read-only, 600s", () => {
    expect(parseArgs([], "/proj")).toEqual({
      stacks: [],
      cwd: "/proj",
      format: "table",
      fix: false,
      timeoutSeconds: 600,
      help: false,
    });
  });

  it("reads every flag, in both the spaced and the = form", () => {
    const args = parseArgs(
      ["--stack", "dev", "--stack=prod", "--cwd", "/p", "--json", "--fix", "--timeout=90.5"],
      "/x",
    );
    expect(args).toEqual({
      stacks: ["dev", "prod"],
      cwd: "/p",
      format: "json",
      fix: true,
      timeoutSeconds: 90.5,
      help: false,
    });
    expect(parseArgs(["--markdown", "-s", "a", "-C", "q"], "/x")).toMatchObject({
      stacks: ["a"],
      cwd: "q",
      format: "markdown",
    });
    expect(parseArgs(["--markdown", "--json-file", "r.json"], "/x")).toMatchObject({
      format: "markdown",
      jsonFile: "r.json",
    });
    expect(parseArgs(["-h"], "/x").help).toBe(true);
    expect(parseArgs(["--json", "--json"], "/x").format).toBe("json");
  });

  it.each([
    [["--json", "--markdown"], /--json and --markdown exclude each other/],
    [["--stack"], /--stack needs a value/],
    [["--stack="], /--stack needs a value/],
    [["--timeout", "0"], /positive number of seconds/],
    [["--timeout", "-5"], /positive number of seconds/],
    [["--timeout", "soon"], /positive number of seconds/],
    [["--fix=yes"], /--fix takes no value/],
    [["--preview"], /unknown argument "--preview"/],
    [["dev"], /unknown argument "dev"/],
  ])("rejects %j", (argv, message) => {
    expect(() => parseArgs(argv, "/x")).toThrow(UsageError);
    expect(() => parseArgs(argv, "/x")).toThrow(message);
  });

  it("documents every flag it accepts and the exit codes", () => {
    for (const flag of [
      "--stack",
      "--cwd",
      "--json",
      "--markdown",
      "--json-file",
      "--fix",
      "--timeout",
      "--help",
    ]) {
      expect(USAGE).toContain(flag);
    }
    expect(USAGE).toMatch(/0 clean, 2 drift.*1 error/);
  });
});
