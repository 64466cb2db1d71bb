/**
 * The experiment commands end to end, in child processes: a sweep killed with SIGKILL part-way resumes
 * without losing or repeating a run, damaged stores get a clear error and stay untouched, bad experiment
 * input is named, and stored results export to CSV.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { apparat, apparatStatus, ROOT } from "./cli.ts";
import { GRIP_SWEEP } from "./fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "apparat-exp-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SWEEP = GRIP_SWEEP;

function storedCount(db: string): number {
  try {
    const d = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (d.prepare("SELECT count(*) AS n FROM runs").get() as { n: number }).n;
    } finally {
      d.close();
    }
  } catch {
    return 0;
  }
}

interface Out {
  id: number;
  runs: number;
  ranNow: number;
  summary: unknown;
}

describe("experiment commands", () => {
  it("a sweep killed with SIGKILL resumes without losing or repeating a run, and matches an uninterrupted one", async () => {
    const file = join(dir, "sweep.yaml");
    writeFileSync(file, SWEEP);
    const db = join(dir, "killed.db");
    const child = spawn(
      process.execPath,
      ["bin/apparat.js", "sweep", file, "--store", db, "--workers", "1", "--json"],
      {
        cwd: ROOT,
        stdio: "ignore",
      },
    );
    // Kill it once some runs (but not all 32) are stored.
    const deadline = Date.now() + 60_000;
    while (storedCount(db) < 8 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const before = storedCount(db);
    expect(before).toBeGreaterThanOrEqual(8);
    expect(before).toBeLessThan(32);

    const resumed = JSON.parse(
      apparat("sweep", "--resume", "1", "--store", db, "--workers", "2", "--json"),
    ) as Out;
    expect(resumed.runs).toBe(32);
    expect(resumed.ranNow).toBe(32 - before);

    const d = new Database(db, { readonly: true });
    const idx = (
      d.prepare("SELECT idx FROM runs WHERE experiment_id = 1 ORDER BY idx").all() as { idx: number }[]
    ).map((r) => r.idx);
    d.close();
    expect(idx).toEqual(Array.from({ length: 32 }, (_, i) => i));

    const fresh = JSON.parse(apparat("sweep", file, "--store", join(dir, "fresh.db"), "--json")) as Out;
    expect(JSON.stringify(resumed.summary)).toBe(JSON.stringify(fresh.summary));

    // Resuming a finished experiment runs nothing.
    const again = JSON.parse(apparat("sweep", "--resume", "1", "--store", db, "--json")) as Out;
    expect(again.ranNow).toBe(0);

    // Export: one CSV row per run.
    const csv = join(dir, "out.csv");
    apparat("export", "1", "--store", db, "--format", "csv", "--out", csv);
    const lines = readFileSync(csv, "utf8").trim().split("\n");
    expect(lines).toHaveLength(33);
    expect(lines[0]).toContain("mechanisms.patronage.params.maxGrip");
  });

  it("a damaged or foreign store gets a clear error, exit 2, and is left byte for byte as it was", () => {
    const garbage = join(dir, "garbage.db");
    writeFileSync(garbage, "this is not a database, but someone's notes\n".repeat(100));
    const before = readFileSync(garbage);
    const r = apparatStatus("runs", "--store", garbage);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(garbage);
    expect(r.stderr).toMatch(/not an Apparat results store|not a database/);
    expect(readFileSync(garbage).equals(before)).toBe(true);

    // A real store cut in half.
    const real = join(dir, "fresh.db");
    const cut = join(dir, "cut.db");
    writeFileSync(cut, readFileSync(real));
    truncateSync(cut, Math.floor(readFileSync(cut).length / 2));
    const cutBytes = readFileSync(cut);
    const m = apparatStatus("mc", "--runs", "2", "--store", cut);
    expect(m.status).toBe(2);
    expect(m.stderr).toContain(cut);
    expect(readFileSync(cut).equals(cutBytes)).toBe(true);
  });

  it("names bad input: unknown path, absurd value, bad sweep file, unknown leader, wrong resume", () => {
    const db = join(dir, "bad.db");
    const whatif = (set: string) => apparatStatus("whatif", "--runs", "2", "--store", db, "--set", set);
    const unknown = whatif("mechanisms.nosuch.enabled=false");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/mechanisms\.nosuch/);

    const absurd = whatif("shocks.first-stroke.probability=7");
    expect(absurd.status).toBe(2);
    expect(absurd.stderr).toMatch(/probability/);

    const bad = join(dir, "bad-sweep.yaml");
    writeFileSync(bad, SWEEP.replace("runsPerPoint: 8", "runsPerPoint: -1"));
    const sweep = apparatStatus("sweep", bad, "--store", db);
    expect(sweep.status).toBe(2);
    expect(sweep.stderr).toMatch(/bad-sweep\.yaml:4:\d+ +runsPerPoint/);

    const leader = apparatStatus("mc", "--runs", "2", "--store", db, "--leader", "nobody");
    expect(leader.status).toBe(2);
    expect(leader.stderr).toMatch(/unknown leader "nobody"/);

    const runs = apparatStatus("mc", "--runs", "0", "--store", db);
    expect(runs.status).toBe(1);
    expect(runs.stderr).toMatch(/runs must be a whole number/);

    const missing = apparatStatus("mc", "--resume", "99", "--store", join(dir, "fresh.db"));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/99/);

    const kind = apparatStatus("mc", "--resume", "1", "--store", join(dir, "fresh.db"));
    expect(kind.status).toBe(2);
    expect(kind.stderr).toMatch(/is a sweep experiment/);
  });
});
