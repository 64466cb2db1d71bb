/**
 * The experiment commands: `mc`, `whatif`, `attribute`, `sweep`, `sensitivity`, and `report`, `discover`,
 * `runs`, `export`, `worker` around them. Each experiment is stored as it runs (a database file in the working
 * directory by default), can be resumed with `--resume ID`, and runs on worker threads or, with `--queue URL`,
 * on `apparat worker`s. This module declares the commands and their options; what they do is in
 * experimentActions.ts, loaded when one runs.
 */
import { type Command, InvalidArgumentError, Option } from "commander";
import type { DiscoveryMethod } from "../discovery/discover.ts";
import { DEFAULT_SCENARIO } from "../node/builtins.ts";
import { defaultWorkers } from "../runner/workers.ts";
import { DEFAULT_MORRIS_LEVELS, DEFAULT_RESAMPLES } from "../sensitivity/defaults.ts";
import { DEFAULT_STORE_FILE } from "../store/defaults.ts";
import { collectSet, parseDate, parseSeed, wholeNumber } from "./options.ts";

/** The commands' work, loaded when one of them runs (`--help` does not pay for it). */
const actions = () => import("./experimentActions.ts");

const DEFAULT_RUNS = 200;
const MAX_RUNS_PER_VARIANT = 1_000_000;
const MAX_WORKERS = 256;

export interface CommonOptions {
  scenario: string;
  runs: number;
  seed: number;
  workers: number;
  queue?: string;
  store: string;
  json?: boolean;
  name?: string;
  leader?: string;
  by?: string;
  groups?: string;
  resume?: number;
  set: string[];
  patch?: string;
  series?: string[];
}

/** `apparat sweep`'s options: --runs has no default there (the sweep file's runsPerPoint is). */
export type SweepOptions = Omit<CommonOptions, "runs"> & { runs?: number };

/** `apparat sensitivity`'s options. */
export interface SensitivityOptions extends CommonOptions {
  method: "sobol" | "morris";
  params?: string[];
  samples?: number;
  levels?: number;
  outcome: string;
  resamples?: number;
  list?: boolean;
}

/** `apparat report`'s options. */
export interface ReportOptions extends CommonOptions {
  experiment?: number;
  out: string;
  /** An essay file (--essay FILE), or false with --no-essay: the attribution only. */
  essay?: string | boolean;
}

/** `apparat discover`'s options. */
export interface DiscoverOptions {
  outcome: string;
  method: DiscoveryMethod;
  leader?: string;
  by?: string;
  alpha?: number;
  minMass?: number;
  minCoverage?: number;
  box?: number;
  depth?: number;
  out: string;
  store: string;
  json?: boolean;
}

/** `apparat export`'s options. */
export interface ExportOptions {
  format: "csv" | "parquet";
  out?: string;
  store: string;
  series?: boolean;
}

function parseQueueUrl(value: string): string {
  if (!/^rediss?:\/\/[^\s]+$/.test(value))
    throw new InvalidArgumentError(`queue must be a redis:// or rediss:// URL, got "${value}"`);
  return value;
}

function parseShare(value: string): number {
  const x = Number(value);
  if (!/^\d*\.?\d+$/.test(value) || !(x > 0 && x < 1))
    throw new InvalidArgumentError(`expected a share between 0 and 1, got "${value}"`);
  return x;
}

/** Comma-separated lists, repeatable: "--series a,b --series c" gives [a, b, c]. */
function collectList(value: string, previous: string[] | undefined): string[] {
  const items = value
    .split(",")
    .map((x) => x.trim())
    .filter((x) => x !== "");
  if (items.length === 0) throw new InvalidArgumentError(`expected a comma-separated list, got "${value}"`);
  return [...(previous ?? []), ...items];
}

/** Where and how an experiment runs, and where it is stored: every experiment command has these. */
function runnerOptions(cmd: Command): Command {
  return cmd
    .option(
      "--workers <n>",
      `worker threads (default: one per core, here ${defaultWorkers()}); 1 runs on the main thread`,
      wholeNumber("workers", 1, MAX_WORKERS),
      defaultWorkers(),
    )
    .option(
      "--queue <url>",
      "run on `apparat worker`s through this Redis queue (redis://host:port)",
      parseQueueUrl,
    )
    .option("--store <file>", "results database file", DEFAULT_STORE_FILE)
    .option(
      "--resume <id>",
      "finish a stored experiment that was interrupted",
      wholeNumber("experiment id", 1, Number.MAX_SAFE_INTEGER),
    )
    .option("--json", "print one JSON object (no progress bar)");
}

/** The option that keeps per-tick series, for every experiment command. */
function seriesFlag(cmd: Command): Command {
  return cmd.option(
    "--series <measures>",
    "keep these per-tick series of every run (comma-separated measures, or all; see docs/experiments.md)",
    collectList,
  );
}

function commonOptions(cmd: Command, runsHelp: string, defaultRuns = DEFAULT_RUNS): Command {
  return seriesFlag(runnerOptions(cmd))
    .option(
      "-s, --scenario <name|file>",
      "built-in scenario name or path to a YAML/JSON file",
      DEFAULT_SCENARIO,
    )
    .option(`--runs <n>`, runsHelp, wholeNumber("runs", 1, MAX_RUNS_PER_VARIANT), defaultRuns)
    .option(
      "--seed <n>",
      "experiment seed: each run's seed derives from it and the run's index",
      parseSeed,
      1,
    )
    .option("--leader <id>", "the question: is this leader sole leader... (default: the factor file's)")
    .option("--by <date>", "...before this date (YYYY-MM-DD)", parseDate)
    .option("--name <text>", "a name to find the experiment by in `apparat runs`");
}

export function registerExperiments(program: Command): void {
  commonOptions(
    program
      .command("mc")
      .description("Monte Carlo: many seeds, the distribution of outcomes with 95% intervals"),
    "number of runs",
  )
    .option("--patch <file>", "run the scenario changed by this patch file")
    .option("--set <path=value>", "run the scenario with this field changed (repeatable)", collectSet, [])
    .action(async (o: CommonOptions) => (await actions()).monteCarlo(o));

  commonOptions(
    program
      .command("whatif")
      .description(
        "a counterfactual: the scenario changed by --set/--patch against the baseline, on the same seeds",
      ),
    "runs on each side",
  )
    .option("--patch <file>", "the change: a patch file (YAML/JSON) merged over the scenario")
    .option(
      "--set <path=value>",
      "the change: one field, e.g. mechanisms.patronage.enabled=false (repeatable)",
      collectSet,
      [],
    )
    .action(async (o: CommonOptions) => (await actions()).whatIf(o));

  commonOptions(
    program
      .command("attribute")
      .description("Shapley values of factor groups, exact over every combination of groups on and off"),
    "runs per combination",
  )
    .option("--groups <file>", "factor-group file (default: factors/<scenario-id>.yaml)")
    .action(async (o: CommonOptions) => (await actions()).attribute(o));

  seriesFlag(
    runnerOptions(
      program
        .command("sweep")
        .description(
          "a parameter design (factorial, Latin hypercube, random) run interleaved across its points",
        )
        .argument("[file]", "sweep file (YAML/JSON); not needed with --resume"),
    ),
  )
    .option("-s, --scenario <name|file>", "scenario, when the file names none", DEFAULT_SCENARIO)
    .option(
      "--runs <n>",
      "runs per design point (default: the file's runsPerPoint)",
      wholeNumber("runs", 1, MAX_RUNS_PER_VARIANT),
    )
    .option("--leader <id>", "the question: is this leader sole leader... (default: the file's question)")
    .option("--by <date>", "...before this date (YYYY-MM-DD)", parseDate)
    .action(async (file: string | undefined, o: SweepOptions) => (await actions()).sweep(file, o));

  commonOptions(
    program
      .command("sensitivity")
      .description(
        "global sensitivity: Sobol' indices (Saltelli design) or Morris screening over the scenario's estimates, each within its range",
      ),
    "runs per design point (their mean outcome is the point's output)",
    10,
  )
    .addOption(
      new Option("--method <method>", "sobol or morris").choices(["sobol", "morris"]).default("sobol"),
    )
    .option(
      "--params <paths>",
      "estimates to vary: --set paths, prefixes (mechanisms.patronage) or patterns (people.*.attributes.ruthlessness), comma-separated; default all",
      collectList,
    )
    .option(
      "--samples <n>",
      "Sobol: base samples N (N x (k + 2) points, a power of 2 is best; default 64). Morris: trajectories r (r x (k + 1) points; default 20)",
      wholeNumber("samples", 2, 1_000_000),
    )
    .option(
      "--levels <n>",
      `Morris: grid levels (even; default ${DEFAULT_MORRIS_LEVELS})`,
      wholeNumber("levels", 2, 100),
    )
    .option(
      "--outcome <text>",
      'what each run gives the analysis: yes (the question), sole, sole:ID, members, committee, exits, or a comparison ("members < 1000000")',
      "yes",
    )
    .option(
      "--resamples <n>",
      `bootstrap resamples for the 95% intervals (default ${DEFAULT_RESAMPLES})`,
      wholeNumber("resamples", 10, 100_000),
    )
    .option(
      "--list",
      "print the scenario's estimates with their ranges (the parameters to choose from) and stop",
    )
    .action(async (o: SensitivityOptions) => (await actions()).sensitivity(o));

  commonOptions(
    program
      .command("report")
      .description(
        "the factor-significance report (HTML with charts, and Markdown) from an attribution experiment; with --experiment, the report of any stored experiment",
      ),
    "runs per combination when a new attribution is run",
  )
    .option(
      "--experiment <id>",
      "a stored experiment of any kind (default: run a new attribution)",
      wholeNumber("experiment id", 1, Number.MAX_SAFE_INTEGER),
    )
    .option(
      "--groups <file>",
      "factor-group file for a new attribution (default: factors/<scenario-id>.yaml)",
    )
    .option("--out <dir>", "where to write report.html and report.md", "report")
    .option("--essay <file>", "essay file (default: factors/essay/<scenario-id>.yaml when it exists)")
    .option(
      "--no-essay",
      "leave out the essay answers (the per-post what-ifs, the other groupings and the causal chain, run on the same seeds when factors/essay/<scenario-id>.yaml exists)",
    )
    .action(async (o: ReportOptions) => (await actions()).reportCommand(o));

  program
    .command("discover")
    .description(
      "scenario discovery on a stored sweep or sensitivity design: PRIM (or CART) finds the inputs' region where a yes/no outcome happens",
    )
    .argument("<id>", "experiment id", wholeNumber("experiment id", 1, Number.MAX_SAFE_INTEGER))
    .option(
      "--outcome <text>",
      'the yes/no outcome: yes (the question), "not yes", sole, sole:ID, or a comparison ("members < 1000000")',
      "yes",
    )
    .addOption(new Option("--method <method>", "prim or cart").choices(["prim", "cart"]).default("prim"))
    .option("--leader <id>", "ask the question of this leader instead of the experiment's")
    .option("--by <date>", "...before this date instead of the experiment's (YYYY-MM-DD)", parseDate)
    .option("--alpha <share>", "PRIM: share of the box's points each peel removes (default 0.05)", parseShare)
    .option("--min-mass <share>", "PRIM: smallest box as a share of the runs (default 0.05)", parseShare)
    .option(
      "--min-coverage <share>",
      "PRIM: choose the densest box whose coverage is at least this (default 0.5)",
      parseShare,
    )
    .option("--box <n>", "PRIM: choose this box of the trajectory instead", wholeNumber("box", 0, 100_000))
    .option("--depth <n>", "CART: deepest split (default 4)", wholeNumber("depth", 1, 20))
    .option("--out <dir>", "where to write the charts (SVG)", "report")
    .option("--store <file>", "results database file", DEFAULT_STORE_FILE)
    .option("--json", "print one JSON object")
    .action(async (id: number, o: DiscoverOptions) => (await actions()).discoverCommand(id, o));

  program
    .command("runs")
    .description("list stored experiments, or show one's results")
    .argument("[id]", "experiment id", wholeNumber("experiment id", 1, Number.MAX_SAFE_INTEGER))
    .option("--store <file>", "results database file", DEFAULT_STORE_FILE)
    .option("--json", "machine-readable output")
    .action(async (id: number | undefined, o: { store: string; json?: boolean }) =>
      (await actions()).runsCommand(id, o),
    );

  program
    .command("store")
    .description("look after the results store")
    .command("check")
    .description(
      "check every stored experiment and run against its checksum; list what is damaged (exit code 2 if anything is)",
    )
    .option("--store <file>", "results database file", DEFAULT_STORE_FILE)
    .option("--json", "machine-readable list of problems")
    .action(async (o: { store: string; json?: boolean }) => (await actions()).storeCheckCommand(o));

  program
    .command("export")
    .description("write an experiment's runs to CSV or Parquet, one row per run, for R or pandas")
    .argument("<id>", "experiment id", wholeNumber("experiment id", 1, Number.MAX_SAFE_INTEGER))
    .addOption(new Option("--format <format>", "file format").choices(["csv", "parquet"]).default("csv"))
    .option(
      "--out <file>",
      "output file (default: experiment-<id>.<format>, or experiment-<id>-series.<format>)",
    )
    .option(
      "--series",
      "export the kept per-tick series instead, in long format: one row per run, tick, leader and measure",
    )
    .option("--store <file>", "results database file", DEFAULT_STORE_FILE)
    .action(async (id: number, o: ExportOptions) => (await actions()).exportCommand(id, o));

  program
    .command("worker")
    .description("serve runs from a Redis queue for experiments started with --queue on any machine")
    .requiredOption("--queue <url>", "Redis URL, e.g. redis://127.0.0.1:6379", parseQueueUrl)
    .option(
      "--concurrency <n>",
      "runs at once in this process (one per core is best: run more processes)",
      wholeNumber("concurrency", 1, 64),
      1,
    )
    .action(async (o: { queue: string; concurrency: number }) => (await actions()).worker(o));
}
