/**
 * Contract test, emulator side: for every action of the table, a valid request succeeds and
 * each undocumented form — a required parameter left out, a wrong type, a value beyond a limit,
 * a quoted `VpcOwnerId` — is refused with the table's code (`Missing<Name>` or
 * `InvalidParameter` naming the parameter). Requests go through the real
 * `@alicloud/openapi-client`, signed; the bad forms are derived from the table itself, plus the
 * JSON forms written out by hand. The BSS rows also refuse a parameter they do not name.
 */
process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";

import { stringify } from "node:querystring";
import type { ParamContract, StringForm } from "../../contract/contract-types";
import { BSS_ACTIONS } from "../../contract/bss-actions";
import { GATEWAY_ERRORS, KMS_ACTIONS, STS_ACTIONS } from "../../contract/kms-actions";
import { TEST_ACCESS_KEY_ID, TEST_ACCESS_KEY_SECRET } from "../../emulator";
import { ACTIONS } from "../../emulator/actions";
import { ApiError, errors } from "../../emulator/api-error";
import { BSS_ACTIONS as EMULATOR_BSS_ACTIONS } from "../../emulator/bss-actions";
import { rpcSignature } from "../../emulator/canonical";
import { STS_ACTIONS as EMULATOR_STS_ACTIONS } from "../../emulator/sts-actions";
import { call, callError, rawRequest, emulatorWithTestClient } from "../emulator/kms-client";
import { BIND_ENTRY, CONNECTED, HZ, VALID } from "./support/valid-requests";

jest.setTimeout(120_000);

/** A bad request: what to send instead, and the code and parameter the answer must name. */
interface BadForm {
  what: string;
  edit: (p: Record<string, string>) => void;
  code: string;
  param: string;
}

const many = (n: number, item: (i: number) => string): string[] =>
  Array.from({ length: n }, (_, i) => item(i));

/** Bad values of a string form. */
function badStrings(form: StringForm): [string, string][] {
  const out: [string, string][] = [];
  if (form.oneOf) out.push(["a value not listed", "bogus"]);
  if (form.maxLength !== undefined) out.push(["too long", "x".repeat(form.maxLength + 1)]);
  if (form.pattern) out.push(["against the pattern", "aliyun:Not A Region"]);
  return out;
}

/** The bad forms of one parameter, from its row of the table. */
function badForms(p: ParamContract): BadForm[] {
  const invalid = (what: string, edit: BadForm["edit"], param = p.name): BadForm => ({
    what: `${p.name} ${what}`,
    edit,
    code: "InvalidParameter",
    param,
  });
  const set = (v: string) => (q: Record<string, string>) => {
    q[p.name] = v;
  };
  const dropAll = (q: Record<string, string>) => {
    for (const k of Object.keys(q)) if (k === p.name || k.startsWith(`${p.name}.`)) delete q[k];
  };
  const out: BadForm[] = [];
  if (p.required) {
    out.push({
      what: `${p.name} left out`,
      edit: dropAll,
      code: `Missing${p.name}`,
      param: p.name,
    });
  }
  const f = p.form;
  switch (f.type) {
    case "string":
      for (const [what, v] of badStrings(f)) out.push(invalid(what, set(v)));
      break;
    case "integer":
      for (const v of ["abc", "1.5", "-1", String(f.min - 1), String(f.max + 1)]) {
        out.push(invalid(`= ${v}`, set(v)));
      }
      break;
    case "boolean":
      for (const v of ["yes", "1", "TRUE"]) out.push(invalid(`= ${v}`, set(v)));
      break;
    case "comma-list":
      if (f.minItems > 1) out.push(invalid("with too few items", set("z1")));
      out.push(invalid("with too many items", set(many(f.maxItems + 1, (i) => `z${i}`).join(","))));
      out.push(
        invalid("with an empty item", set(many(f.minItems, (i) => `z${i}`).join(",") + ",")),
      );
      if (f.distinct)
        out.push(invalid("with a repeated item", set(many(f.minItems, () => "z").join(","))));
      break;
    case "flat-list":
      out.push(
        invalid("numbered with a gap", (q) => {
          dropAll(q);
          q[`${p.name}.2`] = "x";
        }),
        invalid("beyond its count", (q) => {
          dropAll(q);
          for (let i = 1; i <= f.maxItems + 1; i++) q[`${p.name}.${i}`] = `v${i}`;
        }),
      );
      for (const [what, v] of [["empty", ""] as [string, string], ...badStrings(f.item)]) {
        out.push(invalid(`item ${what}`, (q) => void (q[`${p.name}.1`] = v), `${p.name}.1`));
      }
      break;
    case "flat-pairs":
      out.push(
        invalid(
          "with a Value but no Key",
          (q) => {
            dropAll(q);
            q[`${p.name}.1.Value`] = "v";
          },
          `${p.name}.1.Key`,
        ),
        invalid("beyond its count", (q) => {
          dropAll(q);
          for (let i = 1; i <= f.maxItems + 1; i++) q[`${p.name}.${i}.Key`] = `k${i}`;
        }),
      );
      for (const [what, v] of [["empty", ""] as [string, string], ...badStrings(f.key)]) {
        out.push(invalid(`key ${what}`, (q) => void (q[`${p.name}.1.Key`] = v), `${p.name}.1.Key`));
      }
      for (const [what, v] of badStrings(f.value)) {
        out.push(
          invalid(`value ${what}`, (q) => void (q[`${p.name}.1.Value`] = v), `${p.name}.1.Value`),
        );
      }
      break;
    case "json":
      for (const v of ["not json", "{}", '"[]"', "[1,]"]) out.push(invalid(`= ${v}`, set(v)));
      break;
  }
  return out;
}

/** Hand-written JSON forms that only the table's documented form excludes. */
const JSON_FORMS: Record<string, [string, string][]> = {
  BindVpcs: [
    ["a quoted VpcOwnerId", `[${BIND_ENTRY},"VpcOwnerId":"1234567890123456"}]`],
    ["a negative VpcOwnerId", `[${BIND_ENTRY},"VpcOwnerId":-1}]`],
    ["a fractional VpcOwnerId", `[${BIND_ENTRY},"VpcOwnerId":12.5}]`],
    ["an exponent VpcOwnerId", `[${BIND_ENTRY},"VpcOwnerId":1e15}]`],
    ["a leading-zero VpcOwnerId", `[${BIND_ENTRY},"VpcOwnerId":0123}]`],
    ["a 21-digit VpcOwnerId", `[${BIND_ENTRY},"VpcOwnerId":${"1".repeat(21)}}]`],
    ["a null VpcOwnerId", `[${BIND_ENTRY},"VpcOwnerId":null}]`],
    ["an entry without VSwitchId", '[{"VpcId":"vpc-a","RegionId":"cn-hangzhou"}]'],
    ["a numeric VpcId", '[{"VpcId":1,"VSwitchId":"vsw-a","RegionId":"cn-hangzhou"}]'],
    ["an invalid RegionId", '[{"VpcId":"vpc-a","VSwitchId":"vsw-a","RegionId":"X"}]'],
    ["an unknown member", `[${BIND_ENTRY},"Owner":1}]`],
    ["an entry that is not an object", '["vpc-a"]'],
    ["101 entries", `[${many(101, () => `${BIND_ENTRY}}`).join(",")}]`],
  ],
  Filters: [
    ["a Key that is not a string", '[{"Key":1,"Values":["x"]}]'],
    ["Values that are not a list", '[{"Key":"a","Values":"x"}]'],
    ["a value that is not a string", '[{"Key":"a","Values":[1]}]'],
    ["a filter without Values", '[{"Key":"a"}]'],
    ["an object, not a list", '{"Key":"a","Values":["x"]}'],
  ],
};

const suite = emulatorWithTestClient({ connectDelayMs: 100 }, { resetEach: false });

const SERVED = [...KMS_ACTIONS, ...BSS_ACTIONS];

describe.each(SERVED.map((a) => [a.action, a] as const))("%s", (action, contract) => {
  it("accepts the documented form", async () => {
    suite.emu.control.reset();
    const res = await call(suite.client, action, VALID[action], HZ, contract.version);
    expect(res.statusCode).toBe(200);
  });

  if (contract.unknownParams?.refused) {
    it("refuses a parameter the table does not name", async () => {
      const err = await callError(
        suite.client,
        action,
        { ...VALID[action], Foo: "bar" },
        HZ,
        contract.version,
      );
      expect([err.code, err.statusCode]).toEqual(["InvalidParameter", 400]);
      expect(err.message).toContain(
        `The specified parameter Foo is not valid. It is not a parameter of ${action}.`,
      );
    });
  }

  const cases: BadForm[] = contract.params.flatMap(badForms);
  for (const p of contract.params) {
    for (const [what, v] of JSON_FORMS[p.name] ?? []) {
      cases.push({
        what: `${p.name} with ${what}`,
        edit: (q) => void (q[p.name] = v),
        code: "InvalidParameter",
        param: p.name,
      });
    }
  }
  it.each(cases.map((c) => [c.what, c] as const))("refuses %s", async (_what, bad) => {
    const query = { ...VALID[action] };
    bad.edit(query);
    const err = await callError(suite.client, action, query, HZ, contract.version);
    expect([err.code, err.statusCode]).toEqual([bad.code, 400]);
    if (bad.code === "InvalidParameter") {
      expect(err.message).toContain(`The specified parameter ${bad.param} is not valid.`);
    }
  });
});

test("a quoted VpcOwnerId names the form the table documents", async () => {
  const err = await callError(
    suite.client,
    "UpdateKmsInstanceBindVpc",
    { KmsInstanceId: CONNECTED, BindVpcs: `[${BIND_ENTRY},"VpcOwnerId":"42"}]` },
    HZ,
  );
  expect(err.message).toContain(
    "The specified parameter BindVpcs is not valid. [0].VpcOwnerId: it must be an unquoted JSON integer",
  );
});

test("a 19-digit VpcOwnerId is stored and answered with its exact digits", async () => {
  suite.emu.control.reset();
  await call(suite.client, "UpdateKmsInstanceBindVpc", VALID.UpdateKmsInstanceBindVpc, HZ);
  const res = await call(suite.client, "GetKmsInstance", { KmsInstanceId: CONNECTED }, HZ);
  const inst = res.body.KmsInstance as { BindVpcs: { BindVpc: Record<string, unknown>[] } };
  expect(inst.BindVpcs.BindVpc.map((b) => b.VpcOwnerId)).toEqual(["1234567890123456789"]);
});

test("the old signature without Timestamp is 400 IllegalTimestamp, with the reference's message", async () => {
  const p: Record<string, string> = {
    Action: "GetKmsInstance",
    Format: "json",
    Version: "2016-01-20",
    SignatureNonce: Math.random().toString(16).slice(2),
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    AccessKeyId: TEST_ACCESS_KEY_ID,
    KmsInstanceId: CONNECTED,
  };
  p.Signature = rpcSignature(Object.assign(Object.create(null), p), "POST", TEST_ACCESS_KEY_SECRET);
  const res = await rawRequest(suite.emu.url, { path: "/?" + stringify(p) });
  expect(res.status).toBe(400);
  expect(res.json()).toMatchObject({
    Code: "IllegalTimestamp",
    Message:
      "The input parameter Timestamp that is mandatory for processing this request is not supplied.",
  });
});

describe("the table covers the emulator", () => {
  it("names exactly the actions the emulator serves", () => {
    expect(KMS_ACTIONS.map((a) => a.action).sort()).toEqual([...ACTIONS.keys()].sort());
    expect(STS_ACTIONS.map((a) => a.action).sort()).toEqual(
      [...EMULATOR_STS_ACTIONS.keys()].sort(),
    );
    expect(BSS_ACTIONS.map((a) => a.action).sort()).toEqual(
      [...EMULATOR_BSS_ACTIONS.keys()].sort(),
    );
  });

  it("lists every error code the emulator answers, with the same HTTP status", () => {
    const table = new Map<string, number>();
    for (const e of [...GATEWAY_ERRORS, ...SERVED.flatMap((a) => a.errors)]) {
      table.set(e.code, e.status);
    }
    const made = Object.values(
      errors as unknown as Record<string, (...a: string[]) => ApiError>,
    ).map((make) => make("x", "y"));
    for (const e of made) {
      const code =
        e.code.startsWith("Missing") && e.code !== "MissingSecurityToken"
          ? "Missing<Name>"
          : e.code;
      expect([e.code, table.get(code)]).toEqual([e.code, e.status]);
    }
  });

  it("gives every fact a source", () => {
    const rows = [...KMS_ACTIONS, ...STS_ACTIONS, ...BSS_ACTIONS];
    for (const a of rows) {
      expect(a.source.length).toBeGreaterThan(0);
      for (const p of a.params)
        expect([a.action, p.name, p.source.length > 0]).toEqual([a.action, p.name, true]);
      for (const e of a.errors)
        expect([a.action, e.code, e.source.length > 0]).toEqual([a.action, e.code, true]);
    }
    for (const e of GATEWAY_ERRORS) expect([e.code, e.source.length > 0]).toEqual([e.code, true]);
  });
});
