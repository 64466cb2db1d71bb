/** `apparat validate`: many seeds of a scenario scored against the calibration targets of its history. */
import { isAbsolute, relative } from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import { DEFAULT_SCENARIO } from "../node/builtins.ts";
import type { ValidationReport } from "../validation/run.ts";
import { BAD_INPUT, collectSet, wholeNumber } from "./options.ts";

/** Version of the `validate --json` output. */
export const VALIDATION_OUTPUT_VERSION = 1;

const MAX_RUNS = 100_000;
const DEFAULT_RUNS = 200;

function parseFirstSeed(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n))
    throw new InvalidArgumentError(
      `first seed must be a non-negative integer of at most ${Number.MAX_SAFE_INTEGER}, got "${value}"`,
    );
  return n;
}

interface ValidateCliOptions {
  runs: number;
  firstSeed: number;
  scenario: string;
  targets?: string;
  patch?: string;
  set: string[];
  json?: boolean;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const pad = (s: string, n: number): string => s + " ".repeat(Math.max(0, n - s.length));
const padLeft = (s: string, n: number): string => " ".repeat(Math.max(0, n - s.length)) + s;

/** The human-readable report: one row per target, the overall score, the first-divergence histogram. */
export function formatReport(report: ValidationReport, targetsFile: string): string {
  const a = report.aggregate;
  const n = a.runs;
  const misses = a.targets.map((t) => {
    const top = Object.entries(t.misses).sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0];
    return top ? `${top[0]} ${top[1]}/${n}` : "-";
  });
  const missWidth = Math.max(16, ...misses.map((m) => m.length));
  const header = `  ${pad("date", 10)}  ${padLeft("share", 6)}  ${pad("95% CI", 13)}  ${pad("most common miss", missWidth)}  set    target`;
  const rows = a.targets.map((t, i) => {
    const mark = t.share >= 0.5 ? "✓" : " ";
    const ci = `${pct(t.ci95[0])}-${pct(t.ci95[1])}`;
    return `${mark} ${t.date}  ${padLeft(pct(t.share), 6)}  ${pad(ci, 13)}  ${pad(misses[i]!, missWidth)}  ${pad(t.set, 5)}  ${t.label}`;
  });
  const setLines = Object.entries(a.sets).map(
    ([set, x]) =>
      `  ${set === "tune" ? "tuning set" : "check set "} (${x.targets} targets): ${x.overall.toFixed(3)} (95% CI ${x.overallCi95[0].toFixed(3)} to ${x.overallCi95[1].toFixed(3)})${set === "check" ? ", never tuned on" : ""}`,
  );
  const byId = new Map(a.targets.map((t) => [t.id, t]));
  const all = Object.entries(a.firstDivergence).sort(
    (x, y) => y[1] - x[1] || byId.get(x[0])!.date.localeCompare(byId.get(y[0])!.date),
  );
  const top = all.slice(0, 5);
  const countWidth = String(n).length;
  const runs = (k: number) => `${padLeft(String(k), countWidth)} run${k === 1 ? " " : "s"}`;
  const met = a.targets.filter((t) => t.share >= 0.5).length;
  return [
    `Validation of ${report.scenario.title} (scenario ${report.scenario.id}): ${n} run${n === 1 ? "" : "s"}, seeds ${report.seeds.first} to ${report.seeds.last}`,
    `Targets: ${targetsFile}`,
    "",
    header,
    ...rows,
    "",
    `Overall score: ${a.overall.toFixed(3)} (95% CI ${a.overallCi95[0].toFixed(3)} to ${a.overallCi95[1].toFixed(3)}), the mean over targets of the share of runs meeting it.`,
    ...setLines,
    `${met} of ${a.targets.length} targets hold in at least half the runs (✓).`,
    "",
    `First divergence from the record (the earliest-dated target a run misses), ${top.length === all.length ? "all" : `the ${top.length} most common of`} ${all.length}:`,
    ...top.map(([id, count]) => `  ${runs(count)}  ${byId.get(id)!.date}  ${byId.get(id)!.label}`),
    `  ${runs(a.noDivergence)}  meet every target`,
  ].join("\n");
}

/** Adds `apparat validate` to the program. */
export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description("run many seeds and score the replay against calibration targets drawn from the history")
    .option(
      "--runs <n>",
      `number of seeds to run, 1 to ${MAX_RUNS}`,
      wholeNumber("runs", 1, MAX_RUNS),
      DEFAULT_RUNS,
    )
    .option("--first-seed <n>", "first seed; runs use seeds n, n+1, ...", parseFirstSeed, 1)
    .option(
      "-s, --scenario <name|file>",
      "built-in scenario name or path to a YAML/JSON file",
      DEFAULT_SCENARIO,
    )
    .option(
      "--targets <file>",
      "targets file (default: validation/<scenario-id>.targets.yaml in the repository)",
    )
    .option("--patch <file>", "scenario patch file (YAML/JSON): fields to change, merged over the scenario")
    .option(
      "--set <path=value>",
      "change one scenario field, e.g. mechanisms.patronage.enabled=false (repeatable)",
      collectSet,
      [],
    )
    .option(
      "--json",
      "print one JSON object: per-target shares with intervals, overall score, per-run misses",
    )
    .action(async (opts: ValidateCliOptions, command: Command) => {
      if (!Number.isSafeInteger(opts.firstSeed + opts.runs - 1))
        command.error(`the last seed (first seed + runs - 1) must be at most ${Number.MAX_SAFE_INTEGER}`);
      // Loaded here, not at the top: `--help` should not pay for the engine and the scenario parser.
      const [
        { compileScenario },
        { defaultTargetsFile, loadTargets, validate },
        { TargetsError },
        { prepareScenario },
      ] = await Promise.all([
        import("../scenario/compile.ts"),
        import("../validation/run.ts"),
        import("../validation/targets.ts"),
        import("./prepare.ts"),
      ]);
      const scenario = prepareScenario(opts.scenario, opts.patch, opts.set);
      const compiled = compileScenario(scenario);
      const file = opts.targets ?? defaultTargetsFile(scenario.id);
      // Shown relative to the working directory when it lies inside it.
      const rel = relative(process.cwd(), file);
      const shown = rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
      let targets: ReturnType<typeof loadTargets>;
      try {
        targets = loadTargets(file, compiled);
      } catch (err) {
        if (!(err instanceof TargetsError)) throw err;
        const message = err.message.replaceAll(file, shown);
        process.stderr.write(`apparat: ${message}\n`);
        process.exitCode = BAD_INPUT;
        return;
      }
      if (targets.scenario !== scenario.id)
        process.stderr.write(
          `apparat: warning: ${shown} holds targets for scenario "${targets.scenario}", not "${scenario.id}"\n`,
        );
      const tty = process.stderr.isTTY === true;
      const report = validate(compiled, targets.targets, {
        runs: opts.runs,
        firstSeed: opts.firstSeed,
        onProgress: tty
          ? (done, total, seed) => {
              process.stderr.write(`\rvalidate: run ${done} of ${total} (seed ${seed})`);
              if (done === total) process.stderr.write("\r\x1b[K");
            }
          : undefined,
      });
      if (opts.json) {
        const a = report.aggregate;
        const out = {
          format: { validation: VALIDATION_OUTPUT_VERSION },
          scenario: report.scenario,
          targetsFile: shown,
          seeds: report.seeds,
          runs: a.runs,
          overall: a.overall,
          overallCi95: a.overallCi95,
          sets: a.sets,
          targets: a.targets,
          firstDivergence: a.firstDivergence,
          noDivergence: a.noDivergence,
          perRun: report.runs,
        };
        process.stdout.write(`${JSON.stringify(out)}\n`);
        return;
      }
      process.stdout.write(`${formatReport(report, shown)}\n`);
    });
}
