/**
 * Kill-and-resume trials (nightly): a sweep is killed with SIGKILL at a different moment in each trial, then
 * resumed; every trial must end with each of the 32 runs stored exactly once and the same summary as an
 * uninterrupted sweep. `npm test` runs one such trial in experiments-cli.test.ts; this runs ten.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { apparat, ROOT } from "./cli.ts";
import { GRIP_SWEEP } from "./fixtures.ts";
import { Dice } from "./fuzz.ts";
import { batterySize, NIGHTLY, report } from "./nightly.ts";

const TRIALS = batterySize("APPARAT_KILL_TRIALS", 0, 10);
const dir = mkdtempSync(join(tmpdir(), "apparat-kill-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SWEEP = GRIP_SWEEP;

function storedIndices(db: string): number[] {
  try {
    const d = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (d.prepare("SELECT idx FROM runs ORDER BY idx").all() as { idx: number }[]).map((r) => r.idx);
    } finally {
      d.close();
    }
  } catch {
    return [];
  }
}

describe.runIf(NIGHTLY || TRIALS > 0)(`kill-and-resume: ${TRIALS} trials`, () => {
  it(
    "loses and repeats nothing, whenever the kill comes",
    async () => {
      const file = join(dir, "sweep.yaml");
      writeFileSync(file, SWEEP);
      const reference = JSON.parse(
        apparat("sweep", file, "--store", join(dir, "reference.db"), "--json"),
      ) as {
        summary: unknown;
      };
      const d = new Dice(7);
      const killedAt: number[] = [];
      for (let trial = 0; trial < TRIALS; trial++) {
        const db = join(dir, `trial-${trial}.db`);
        // Runs are stored four at a time: aim at 1 to 27 so the kill comes before the last batch.
        const target = 1 + d.int(27);
        const child = spawn(
          process.execPath,
          ["bin/apparat.js", "sweep", file, "--store", db, "--workers", "1", "--json"],
          {
            cwd: ROOT,
            stdio: "ignore",
          },
        );
        const deadline = Date.now() + 120_000;
        while (storedIndices(db).length < target && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 20));
        child.kill("SIGKILL");
        await new Promise((r) => child.once("exit", r));
        const before = storedIndices(db).length;
        killedAt.push(before);
        expect(before).toBeLessThan(32);
        const resumed = JSON.parse(
          apparat("sweep", "--resume", "1", "--store", db, "--workers", "2", "--json"),
        ) as {
          runs: number;
          ranNow: number;
          summary: unknown;
        };
        expect(resumed.runs).toBe(32);
        expect(resumed.ranNow).toBe(32 - before);
        expect(storedIndices(db)).toEqual(Array.from({ length: 32 }, (_, i) => i));
        expect(JSON.stringify(resumed.summary)).toBe(JSON.stringify(reference.summary));
        expect(apparat("store", "check", "--store", db)).toMatch(/no problems/);
      }
      report("kill-and-resume", { trials: TRIALS, storedWhenKilled: killedAt, lostOrRepeated: 0 });
    },
    120_000 + TRIALS * 120_000,
  );
});
