/**
 * The assume-role settings are documented where users look: every environment variable the
 * parser reads has a row in `docs/installation-configuration.md`'s environment table, and the
 * guide `docs/guides/assume-role.md` names the config object's fields and the defaults the code
 * uses.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  ASSUME_ROLE_ENV_KEYS,
  DEFAULT_ROLE_SESSION_NAME,
  DEFAULT_SESSION_EXPIRATION_SECONDS,
  SESSION_EXPIRATION_RANGE,
} from "../../provider/kms/assume-role";

const ROOT = path.resolve(__dirname, "../..");
const DOC = fs.readFileSync(path.join(ROOT, "docs/installation-configuration.md"), "utf8");
const GUIDE = fs.readFileSync(path.join(ROOT, "docs/guides/assume-role.md"), "utf8");

/** The rows of the doc's environment table, as their first cells. */
function envRows(): string[] {
  const start = DOC.indexOf("\n### Environment variables");
  const rest = DOC.slice(start + 1);
  const next = rest.search(/\n#{2,3} /);
  return (next < 0 ? rest : rest.slice(0, next))
    .split("\n")
    .filter((l) => l.startsWith("|"))
    .slice(2)
    .map((l) => l.split("|")[1].trim());
}

test.each(Object.values(ASSUME_ROLE_ENV_KEYS).flat())(
  "%s has a row in the environment table",
  (v) => {
    expect(envRows().some((cell) => cell.split(", ").includes(`\`${v}\``))).toBe(true);
  },
);

test("the guide's section names the fields and the defaults the code uses", () => {
  const start = GUIDE.indexOf("## Assume a RAM role");
  expect(start).toBeGreaterThan(0);
  const end = GUIDE.indexOf("\n#", start + 5);
  const section = GUIDE.slice(start, end < 0 ? undefined : end);
  for (const field of ["roleArn", "sessionName", "sessionExpiration", "policy", "externalId"]) {
    expect(section).toContain(`\`${field}\``);
  }
  expect(section).toContain(`\`${DEFAULT_ROLE_SESSION_NAME}\``);
  expect(section).toContain(`default ${DEFAULT_SESSION_EXPIRATION_SECONDS}`);
  expect(section).toContain(`${SESSION_EXPIRATION_RANGE.min}–${SESSION_EXPIRATION_RANGE.max}`);
});
