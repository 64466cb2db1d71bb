/**
 * Builds the factor-significance report with the essay answers into the dashboard's public folder
 * (web/public/reports/<scenario>/report.html and report.md), so a class opens it from the Experiments tab
 * without waiting, and records how it was made in web/public/reports/index.json (runs per combination, seed,
 * date, the model's commit, how long it took). The runs go to a throwaway store.
 *
 *   npm run report:prebuilt                      # 200 runs per combination, seed 1, 2 workers
 *   npm run report:prebuilt -- --runs 10         # a small trial build (the report and the dashboard say so)
 *   npm run report:prebuilt -- --workers 4 --scenario bolshevik-1922
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { PrebuiltEntry } from "../src/report/types.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const REPORTS = join(ROOT, "web", "public", "reports");

function main(): void {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "200" },
      seed: { type: "string", default: "1" },
      workers: { type: "string", default: "2" },
      scenario: { type: "string", default: "bolshevik-1922" },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs must be a whole number, got ${values.runs}`);
  const dir = mkdtempSync(join(tmpdir(), "apparat-prebuilt-"));
  const out = join(REPORTS, values.scenario);
  mkdirSync(out, { recursive: true });
  const started = Date.now();
  const args = [
    join(ROOT, "bin", "apparat.js"),
    "report",
    "--scenario",
    values.scenario,
    "--runs",
    String(runs),
    "--seed",
    values.seed,
    "--workers",
    values.workers,
    "--store",
    join(dir, "results.db"),
    "--out",
    out,
  ];
  const r = spawnSync(process.execPath, args, { stdio: "inherit" });
  rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) process.exit(r.status ?? 1);
  const seconds = Math.round((Date.now() - started) / 1000);
  let commit: string | null = null;
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
  } catch {
    commit = null;
  }
  const index = join(REPORTS, "index.json");
  let entries: PrebuiltEntry[] = [];
  try {
    entries = (JSON.parse(readFileSync(index, "utf8")) as { reports: PrebuiltEntry[] }).reports;
  } catch {
    entries = [];
  }
  const entry: PrebuiltEntry = {
    scenario: values.scenario,
    html: `reports/${values.scenario}/report.html`,
    markdown: `reports/${values.scenario}/report.md`,
    runsPerCombination: runs,
    seed: Number(values.seed),
    generated: new Date().toISOString().slice(0, 10),
    commit,
    seconds,
  };
  entries = [...entries.filter((e) => e.scenario !== values.scenario), entry];
  writeFileSync(
    index,
    `${JSON.stringify(
      {
        note: "Written by npm run report:prebuilt (studies/prebuiltReport.ts). A report with fewer than 200 runs per combination is a trial build: rebuild with the default before quoting it.",
        reports: entries,
      },
      null,
      2,
    )}\n`,
  );
  process.stdout.write(
    `prebuilt report of ${values.scenario}, ${runs} runs per combination, in ${seconds} s: ${out}\n`,
  );
}

main();
