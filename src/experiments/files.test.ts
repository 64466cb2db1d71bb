/** Factor-group and sweep files: the shipped ones load, and every kind of mistake is named with its line. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bolshevikScenario, chinaScenario } from "../../test/fixtures.ts";
import { compileScenario } from "../scenario/compile.ts";
import { DataFileError } from "../scenario/fileError.ts";
import { applySet } from "../scenario/patch.ts";
import { parseFactors } from "./factors.ts";
import { checkSweep, designPoints, parseSweep } from "./sweepFile.ts";

const scenario = bolshevikScenario();
const SHIPPED = new URL("../../factors/bolshevik-1922.yaml", import.meta.url);
const q = { text: "q", leader: "stalin", by: "1930-01-01" };

function factorsError(text: string): DataFileError {
  try {
    parseFactors(text, "f.yaml", scenario);
  } catch (err) {
    if (err instanceof DataFileError) return err;
    throw err;
  }
  throw new Error("no error");
}

const header = `schemaVersion: 1
scenario: bolshevik-1922
question: { text: q, leader: stalin, by: "1930-01-01" }
groups:
`;

describe("the China factor groups", () => {
  it("ask whether Deng leads at the end, in five groups that all apply to the scenario", () => {
    const china = chinaScenario();
    const f = parseFactors(
      readFileSync(new URL("../../factors/china-1976.yaml", import.meta.url), "utf8"),
      "china",
      china,
    );
    expect(f.question).toMatchObject({
      leader: "deng-xiaoping",
      outcomes: ["sole-leader", "dominant-leader"],
    });
    expect(f.groups.map((g) => g.id)).toEqual(["network", "prestige", "titles", "legacy", "lines"]);
    for (const g of f.groups) {
      let s = china;
      for (const a of g.off) s = applySet(s, a.path, a.value);
      expect(compileScenario(s).id).toBe("china-1976");
    }
  });
});

describe("factor-group files", () => {
  it("the shipped file has the five essay factors and applies cleanly", () => {
    const f = parseFactors(readFileSync(SHIPPED, "utf8"), "shipped", scenario);
    expect(f.groups.map((g) => g.id)).toEqual([
      "general-secretary",
      "opponents",
      "legacy",
      "skill",
      "chance",
    ]);
    expect(f.question.leader).toBe("stalin");
    const variant = new URL(
      "../../factors/variants/bolshevik-1922-flow-as-secretary-power.yaml",
      import.meta.url,
    );
    const v = parseFactors(readFileSync(variant, "utf8"), "variant", scenario);
    expect(v.groups.find((g) => g.id === "general-secretary")!.mechanisms).toContain("circularFlow");
  });

  it("names unknown mechanisms, source keys, paths, bad values, overlaps and duplicate ids with their lines", () => {
    const err = factorsError(`${header}  - id: a
    label: A
    description: d
    mechanisms: [nosuch]
    sources: [nokey]
    off:
      - { path: mechanisms.nosuch.enabled, value: false }
      - { path: shocks.first-stroke.probability, value: 3 }
  - id: a
    label: B
    description: d
    off:
      - { path: mechanisms.files.enabled, value: false }
  - id: c
    label: C
    description: d
    off:
      - { path: shocks.first-stroke.probability, value: 0 }
`);
    const text = err.message;
    expect(text).toMatch(/f\.yaml:8:\d+ +groups\[0\]\.mechanisms\[0\]: unknown mechanism "nosuch"/);
    expect(text).toMatch(/groups\[0\]\.sources\[0\]: source key "nokey"/);
    expect(text).toMatch(/groups\[0\]\.off\[0\]\.path: no such field/);
    expect(text).toMatch(/groups\[0\]\.off\[1\]\.value: .*probability/);
    expect(text).toMatch(/groups\[1\]\.id: duplicate group id "a"/);
    expect(text).toMatch(/groups\[2\]\.off\[0\]\.path: .*also set by group "a"/);
  });

  it("refuses an unknown leader and a non-leader", () => {
    const one = `${header}  - { id: g, label: G, description: d, off: [{ path: mechanisms.files.enabled, value: false }] }\n`;
    expect(factorsError(one.replace("leader: stalin", "leader: nobody")).message).toMatch(
      /question\.leader: unknown person "nobody"/,
    );
    expect(factorsError(one.replace("leader: stalin", "leader: molotov")).message).toMatch(/not a leader/);
  });

  it("refuses more groups than exact attribution can run", () => {
    const many = Array.from(
      { length: 11 },
      (_, i) =>
        `  - { id: g${i}, label: G, description: d, off: [{ path: mechanisms.files.enabled, value: false }] }`,
    ).join("\n");
    expect(factorsError(`${header}${many}\n`).message).toMatch(/at most 10 groups/);
  });
});

describe("sweep files", () => {
  it("the examples shipped in examples/ are valid against the scenario", () => {
    for (const name of ["sweep-grip.yaml", "sweep-lhs.yaml"]) {
      const file = new URL(`../../examples/${name}`, import.meta.url);
      const s = parseSweep(readFileSync(file, "utf8"), name);
      checkSweep(s, name, scenario, q);
      expect(designPoints(s).length).toBeGreaterThan(1);
    }
  });

  const good = `schemaVersion: 1
runsPerPoint: 2
design: latin-hypercube
points: 5
parameters:
  - { path: mechanisms.patronage.params.maxGrip, range: [0.7, 0.95] }
  - { path: mechanisms.files.enabled, values: [true, false] }
`;

  it("a good file gives its design points", () => {
    const s = parseSweep(good, "s.yaml");
    checkSweep(s, "s.yaml", scenario, q);
    const pts = designPoints(s);
    expect(pts).toHaveLength(5);
    expect(pts.every((p) => (p["mechanisms.patronage.params.maxGrip"] as number) >= 0.7)).toBe(true);
  });

  it("names structural mistakes with file, line and field", () => {
    const bad = (text: string) => () => parseSweep(text, "s.yaml");
    expect(bad(good.replace("points: 5\n", ""))).toThrow(
      /s\.yaml.*points: a latin-hypercube design needs points/,
    );
    expect(bad(good.replace("design: latin-hypercube", "design: grid"))).toThrow(/design: Invalid option/);
    expect(bad(`${good}extra: 1\n`)).toThrow(/extra: unknown field/);
    expect(bad(good.replace("range: [0.7, 0.95]", "range: [0.7, 0.95], values: [1]"))).toThrow(
      /parameters\[0\]: give either values or range/,
    );
    expect(bad(good.replace("runsPerPoint: 2", "runsPerPoint: 0"))).toThrow(/runsPerPoint/);
    expect(bad("design: [")).toThrow(/syntax error/);
  });

  it("names an unknown path and an absurd value before anything runs", () => {
    const unknown = parseSweep(good.replace("patronage.params.maxGrip", "patronage.params.nosuch"), "s.yaml");
    expect(() => checkSweep(unknown, "s.yaml", scenario, q)).toThrow(/parameters\[0\].*no such field/);
    const absurd = parseSweep(good.replace("[0.7, 0.95]", "[0.7, 1.5]"), "s.yaml");
    expect(() => checkSweep(absurd, "s.yaml", scenario, q)).toThrow(/maxGrip = 1\.5/);
  });
});
