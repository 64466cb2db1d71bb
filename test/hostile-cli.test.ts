/**
 * Hostile input at the command line, in child processes as a user would meet it: prototype paths and
 * malformed paths in --set, files with unknown aliases or in UTF-16, a damaged results store found by
 * `apparat store check`, and the resume of an experiment whose plan was emptied. Every one ends with a
 * message naming what is wrong and exit code 2, never a stack trace.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { planChecksum } from "../src/store/store.ts";
import { apparatStatus as cli } from "./cli.ts";

const dir = mkdtempSync(join(tmpdir(), "apparat-hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Exit code 2 and a one-line reason naming `what`, with no stack trace. */
function refused(r: ReturnType<typeof cli>, what: RegExp): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr).toMatch(what);
  expect(r.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
}

describe("hostile input at the command line", () => {
  it("refuses prototype and malformed paths, and a patch with an unknown alias, naming them", () => {
    refused(cli("run", "--seed", "1", "--set", "__proto__.toString=1"), /__proto__.*prototype/);
    refused(cli("run", "--seed", "1", "--set", "people[-1].name=x"), /people\[-1\]/);
    const patch = join(dir, "alias.yaml");
    writeFileSync(patch, "mechanisms:\n  patronage:\n    enabled: *off\n");
    refused(cli("run", "--seed", "1", "--patch", patch), /alias\.yaml:3:\d+.*unknown alias \*off/);
  });

  it("checks a store, and names the damaged run, the emptied plan and how to go on", () => {
    const db = join(dir, "results.db");
    const mc = cli("mc", "--runs", "3", "--workers", "1", "--store", db, "--json");
    expect(mc.status, mc.stderr).toBe(0);
    const clean = cli("store", "check", "--store", db);
    expect(clean.status).toBe(0);
    expect(clean.stdout).toMatch(/1 experiments and 3 runs checked, no problems/);

    const raw = new Database(db);
    raw.prepare("UPDATE runs SET seed = seed + 1 WHERE idx = 2").run();
    const row = raw.prepare("SELECT kind, name, scenario_id, total FROM experiments WHERE id = 1").get() as {
      kind: string;
      name: string;
      scenario_id: string;
      total: number;
    };
    raw
      .prepare("UPDATE experiments SET plan = '{}', plan_checksum = ? WHERE id = 1")
      .run(planChecksum(1, row.kind, row.name, row.scenario_id, row.total, "{}"));
    raw.close();

    const check = cli("store", "check", "--store", db, "--json");
    expect(check.status).toBe(2);
    expect(JSON.parse(check.stdout).problems).toEqual([
      { experiment: 1, run: null, message: expect.stringMatching(/plan's kind is missing/) },
      { experiment: 1, run: 2, message: expect.stringMatching(/checksum/) },
    ]);
    refused(cli("mc", "--resume", "1", "--store", db), /Experiment 1 .* damaged: the plan's kind is missing/);
  });
});
