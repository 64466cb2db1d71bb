/** The Node side of validation: loading targets and running seeds of the real scenario (two runs, to stay quick). */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bolshevik } from "../../test/fixtures.ts";
import { runScenario } from "../kernel/engine.ts";
import { defaultTargetsFile, loadTargets, validate } from "./run.ts";
import { scoreRun } from "./score.ts";
import { TargetsError } from "./targets.ts";

const tmp = mkdtempSync(join(tmpdir(), "apparat-validation-test-"));
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe("loadTargets", () => {
  const sc = bolshevik();

  it("finds the default targets file of the built-in scenario", () => {
    expect(defaultTargetsFile(sc.id)).toMatch(/validation[/\\]bolshevik-1922\.targets\.yaml$/);
    expect(loadTargets(defaultTargetsFile(sc.id), sc).targets.length).toBeGreaterThan(0);
  });

  it("names a missing file", () => {
    const missing = join(tmp, "none.targets.yaml");
    expect(() => loadTargets(missing, sc)).toThrow(TargetsError);
    expect(() => loadTargets(missing, sc)).toThrow(`no targets file ${missing}`);
  });

  it("checks persons against the scenario", () => {
    const f = join(tmp, "bad.yaml");
    writeFileSync(
      f,
      [
        "schemaVersion: 1",
        "scenario: bolshevik-1922",
        "sources: { K: a source }",
        "targets:",
        "  - { id: t, label: x, kind: sole-leader, leader: nobody, date: '1929-12-31', source: K }",
      ].join("\n"),
    );
    expect(() => loadTargets(f, sc)).toThrow(
      /bad\.yaml:5:\d+ {2}targets\[0\]\.leader: unknown person "nobody"/,
    );
  });
});

describe("validate", () => {
  const sc = bolshevik();
  const { targets } = loadTargets(defaultTargetsFile(sc.id), sc);

  it("runs consecutive seeds and scores each run as scoreRun does", () => {
    const progress: number[] = [];
    const report = validate(sc, targets, {
      runs: 2,
      firstSeed: 5,
      onProgress: (done) => progress.push(done),
    });
    expect(progress).toEqual([1, 2]);
    expect(report.seeds).toEqual({ first: 5, last: 6 });
    expect(report.runs.map((r) => r.seed)).toEqual([5, 6]);
    expect(report.aggregate.runs).toBe(2);
    expect(report.aggregate.targets.map((t) => t.id)).toEqual(targets.map((t) => t.id));

    const direct = scoreRun(runScenario(sc, { seed: 6 }), targets);
    expect(report.runs[1]!.passed).toBe(direct.filter((r) => r.passed).length);
    expect(report.runs[1]!.missed.map((m) => m.id)).toEqual(direct.filter((r) => !r.passed).map((r) => r.id));

    for (const t of report.aggregate.targets) {
      expect([0, 0.5, 1]).toContain(t.share);
      expect(t.ci95[0]).toBeLessThanOrEqual(t.share);
      expect(t.ci95[1]).toBeGreaterThanOrEqual(t.share);
    }
    const mean = report.aggregate.targets.reduce((a, t) => a + t.share, 0) / targets.length;
    expect(report.aggregate.overall).toBeCloseTo(mean, 12);
    const diverged = Object.values(report.aggregate.firstDivergence).reduce((a, b) => a + b, 0);
    expect(diverged + report.aggregate.noDivergence).toBe(2);
  });

  it("refuses a run count below one", () => {
    expect(() => validate(sc, targets, { runs: 0, firstSeed: 1 })).toThrow(RangeError);
  });
});
