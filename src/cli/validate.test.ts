/**
 * End-to-end tests of `apparat validate`, run as a user would: bin/apparat.js in a child process.
 * Few runs per call, so the whole file stays within seconds.
 */
import { describe, expect, it } from "vitest";
import { apparat, apparatStatus } from "../../test/cli.ts";

interface ValidateJson {
  format: { validation: number };
  scenario: { id: string };
  seeds: { first: number; last: number };
  runs: number;
  overall: number;
  overallCi95: [number, number];
  targets: {
    id: string;
    label: string;
    date: string;
    source: string;
    share: number;
    ci95: [number, number];
  }[];
  firstDivergence: Record<string, number>;
  noDivergence: number;
  perRun: { seed: number; passed: number; firstDivergence: string | null }[];
}

describe("apparat validate", () => {
  it("prints one JSON object with a share in [0, 1] for every target, the same on a rerun", () => {
    const a = apparat("validate", "--runs", "3", "--json");
    expect(a.endsWith("\n")).toBe(true);
    const r = JSON.parse(a) as ValidateJson;
    expect(r.scenario.id).toBe("bolshevik-1922");
    expect(r.runs).toBe(3);
    expect(r.seeds).toEqual({ first: 1, last: 3 });
    expect(r.targets.length).toBeGreaterThan(0);
    for (const t of r.targets) {
      expect(t.share).toBeGreaterThanOrEqual(0);
      expect(t.share).toBeLessThanOrEqual(1);
      expect(t.ci95[0]).toBeLessThanOrEqual(t.share);
      expect(t.ci95[1]).toBeGreaterThanOrEqual(t.share);
      expect(t.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(t.source.length).toBeGreaterThan(0);
    }
    const mean = r.targets.reduce((s, t) => s + t.share, 0) / r.targets.length;
    expect(r.overall).toBeCloseTo(mean, 12);
    expect(r.perRun.map((p) => p.seed)).toEqual([1, 2, 3]);
    const counted = Object.values(r.firstDivergence).reduce((s, n) => s + n, 0) + r.noDivergence;
    expect(counted).toBe(3);
    expect(apparat("validate", "--runs", "3", "--json")).toBe(a);
  });

  it("prints a table, the overall score and the first divergences", () => {
    const out = apparat("validate", "--runs", "1", "--first-seed", "2");
    expect(out).toContain("seeds 2 to 2");
    expect(out).toMatch(/^ {2}date +share +95% CI/m);
    expect(out).toMatch(/^[✓ ] \d{4}-\d{2}-\d{2} +\d+\.\d%/m);
    expect(out).toMatch(/^Overall score: \d\.\d{3} /m);
    expect(out).toContain("First divergence from the record");
  });

  it("refuses a bad run count with a clear message and a non-zero exit", () => {
    for (const bad of ["0", "-3", "1.5", "ten", "100001"]) {
      const r = apparatStatus("validate", "--runs", bad);
      expect(r.status, bad).not.toBe(0);
      expect(r.stderr).toContain(`runs must be a whole number from 1 to 100000, got "${bad}"`);
      expect(r.stdout).toBe("");
    }
  });

  it("names a missing targets file and exits with 2", () => {
    const r = apparatStatus("validate", "--runs", "1", "--targets", "no-such.targets.yaml");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("no targets file no-such.targets.yaml");
    expect(r.stdout).toBe("");
  });
});
