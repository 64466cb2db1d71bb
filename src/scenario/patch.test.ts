import { describe, expect, it } from "vitest";
import { bolshevikScenario } from "../../test/fixtures.ts";
import { ScenarioError } from "./load.ts";
import { applyPatch, applySet, applySets, parseValue, splitPath } from "./patch.ts";

describe("scenario patches", () => {
  const base = bolshevikScenario();

  it("splits paths with names and indices", () => {
    expect(splitPath("people[3].attributes.prestige")).toEqual(["people", 3, "attributes", "prestige"]);
    expect(() => splitPath("a..b")).toThrow(/bad path/);
  });

  it("parses values as YAML scalars, or keeps a bare string", () => {
    expect(parseValue("false")).toBe(false);
    expect(parseValue("0.5")).toBe(0.5);
    expect(parseValue("[1, 2]")).toEqual([1, 2]);
    expect(parseValue("individual")).toBe("individual");
  });

  it("switches every mechanism off by path, leaving the base scenario untouched", () => {
    for (const id of Object.keys(base.mechanisms)) {
      const s = applySet(base, `mechanisms.${id}.enabled`, false);
      expect(s.mechanisms[id as keyof typeof s.mechanisms].enabled).toBe(false);
    }
    // Untouched: every mechanism the file configures is still on (the return of the fallen and pre-emptive
    // force, absent, are off).
    const { rehabilitation, preemption, ...configured } = base.mechanisms;
    expect(Object.values(configured).every((m) => m.enabled)).toBe(true);
    expect(rehabilitation.enabled).toBe(false);
    expect(preemption.enabled).toBe(false);
  });

  it("addresses list items by id and sets an estimate's value", () => {
    const s = applySet(base, "people.trotsky.attributes.ruthlessness", 0.55);
    const t = s.people.find((p) => p.id === "trotsky")!;
    expect(t.attributes!.ruthlessness!.value).toBe(0.55);
    expect(t.attributes!.ruthlessness!.range).toEqual([0.2, 0.6]);
  });

  it("rejects unknown paths and values outside their range, naming the field", () => {
    expect(() => applySet(base, "mechanisms.nonesuch.enabled", false)).toThrow(
      /no such field.*mechanisms\.nonesuch/,
    );
    try {
      applySet(base, "people.trotsky.attributes.ruthlessness", 0.99);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ScenarioError);
      expect((err as ScenarioError).issues[0]!.path).toMatch(
        /people\[\d+\]\.attributes\.ruthlessness\.value/,
      );
    }
    expect(() => applySet(base, "members.fidelity", "molecular")).toThrow(/members\.fidelity/);
  });

  it("merges a patch file's mapping: nested fields, and list items by id", () => {
    const s = applyPatch(base, {
      mechanisms: { factionBan: { enabled: false }, testament: { params: { actOnAtFirstCongress: true } } },
      shocks: [{ id: "lenin-dies", probability: 0 }],
    });
    expect(s.mechanisms.factionBan.enabled).toBe(false);
    expect(s.mechanisms.testament.params.actOnAtFirstCongress).toBe(true);
    expect(s.mechanisms.testament.params.writePerYear).toEqual(base.mechanisms.testament.params.writePerYear);
    expect(s.shocks.find((x) => x.id === "lenin-dies")!.probability).toBe(0);
    expect(s.shocks.length).toBe(base.shocks.length);
    expect(() => applyPatch(base, [1, 2])).toThrow(/mapping/);
    expect(() =>
      applyPatch(base, { shocks: [{ id: "new-one", kind: "death", target: "nobody", date: "1925-01-01" }] }),
    ).toThrow(/unknown person "nobody"/);
  });

  it("applies several assignments with one validation, the same as applying them one by one", () => {
    const sets = [
      { path: "mechanisms.files.enabled", value: false },
      { path: "people.stalin.attributes.ruthlessness", value: 0.8 },
      { path: "shocks.lenin-dies.probability", value: 0 },
    ];
    const one = sets.reduce((s, a) => applySet(s, a.path, a.value), base);
    expect(applySets(base, sets)).toEqual(one);
    expect(applySets(base, [])).toBe(base);
    expect(() => applySets(base, [...sets, { path: "mechanisms.nosuch", value: 1 }], "variant")).toThrow(
      /variant: mechanisms\.nosuch.*no such field/s,
    );
    expect(() => applySets(base, [{ path: "shocks.lenin-dies.probability", value: 3 }])).toThrow(
      ScenarioError,
    );
  });
});
