/** Results and exit codes: an error always wins, nothing checked is an error, never clean. */
import fc from "fast-check";
import { EXIT_CODES, exitCodeOf, resultOfInstances, worstResult } from "../../drift/exit-code";
import type { CheckResult, InstanceReport, InstanceStatus } from "../../drift/report";

const results = fc.constantFrom<CheckResult>("clean", "drift", "error");

function instance(status: InstanceStatus): InstanceReport {
  return {
    urn: `urn:pulumi:s::p::t::${status}`,
    name: status,
    type: "t",
    kmsInstanceId: "kst-x",
    status,
    op: "same",
    drift: [],
    warnings: [],
  };
}

describe("exit codes", () => {
  it("are 0 clean, 2 drift, 1 error", () => {
    expect(EXIT_CODES).toEqual({ clean: 0, drift: 2, error: 1 });
  });

  it("the worst result decides: any error gives 1, else any drift gives 2, else 0", () => {
    fc.assert(
      fc.property(fc.array(results, { minLength: 1 }), (rs) => {
        const code = exitCodeOf(rs.map((result) => ({ result })));
        if (rs.includes("error")) expect(code).toBe(1);
        else if (rs.includes("drift")) expect(code).toBe(2);
        else expect(code).toBe(0);
        expect(worstResult(rs)).toBe(
          rs.includes("error") ? "error" : rs.includes("drift") ? "drift" : "clean",
        );
      }),
    );
  });

  it("no stack checked is an error, not clean", () => {
    expect(exitCodeOf([])).toBe(1);
    expect(worstResult([])).toBe("clean");
  });

  it("a stack is clean only when every instance is clean", () => {
    expect(resultOfInstances([])).toBe("clean");
    expect(resultOfInstances([instance("clean"), instance("clean")])).toBe("clean");
    for (const s of ["drift", "gone", "pending", "unknown"] as const) {
      expect(resultOfInstances([instance("clean"), instance(s)])).toBe("drift");
    }
  });
});
