import { describe, expect, it } from "vitest";
import { bolshevikScenario } from "../../test/fixtures.ts";
import { applySet } from "../scenario/patch.ts";
import { ParameterError, scenarioEstimates, selectParameters, valueAt } from "./parameters.ts";

describe("the scenario's estimates as a design space", () => {
  const all = scenarioEstimates(bolshevikScenario());

  it("finds estimates by --set paths that apply, each with its range around its value", () => {
    expect(all.length).toBeGreaterThan(20);
    for (const p of all.slice(0, 30)) {
      expect(p.range[1]).toBeGreaterThan(p.range[0]);
      expect(p.value).toBeGreaterThanOrEqual(p.range[0]);
      expect(p.value).toBeLessThanOrEqual(p.range[1]);
      // The path is one `--set` takes: setting it to the top of its range is accepted.
      expect(() => applySet(bolshevikScenario(), p.path, p.range[1])).not.toThrow();
    }
    expect(new Set(all.map((p) => p.path)).size).toBe(all.length);
  });

  it("selects by exact path, by prefix of whole segments and by * patterns, keeping the scenario's order", () => {
    const first = all[0]!.path;
    expect(selectParameters(all, [first]).map((p) => p.path)).toEqual([first]);
    const prefix = first.split(".").slice(0, 2).join(".");
    const byPrefix = selectParameters(all, [prefix]);
    expect(byPrefix.length).toBeGreaterThan(0);
    expect(byPrefix.every((p) => p.path === prefix || p.path.startsWith(`${prefix}.`))).toBe(true);
    const segments = first.split(".");
    const pattern = [segments[0], "*", ...segments.slice(2)].join(".");
    const byPattern = selectParameters(all, [pattern]);
    expect(byPattern.map((p) => p.path)).toContain(first);
    expect(selectParameters(all, ["all"])).toEqual(all);
    expect(selectParameters(all, [])).toEqual(all);
  });

  it("names a selector that matches nothing", () => {
    expect(() => selectParameters(all, ["people.nobody.attributes"])).toThrow(ParameterError);
    expect(() => selectParameters(all, ["people.nobody.attributes"])).toThrow(
      /"people.nobody.attributes" matches no estimate/,
    );
  });

  it("places values inside the range, rounded to a millionth of its scale", () => {
    const p = { path: "x", range: [0.4, 0.8] as [number, number], value: 0.6 };
    expect(valueAt(p, 0)).toBe(0.4);
    expect(valueAt(p, 1)).toBe(0.8);
    expect(valueAt(p, 1 / 3)).toBe(0.5333333);
    expect(valueAt({ path: "y", range: [40000, 70000], value: 1 }, 0.123456789)).toBe(43703.7);
  });
});
