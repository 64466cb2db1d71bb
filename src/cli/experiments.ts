/**
 * The experiment commands: `mc`, `whatif`, `attribute`, `sweep`, and `runs`, `export`, `worker` around them.
 * Each experiment is stored as it runs (a database file in the working directory by default), can be
 * resumed with `--resume ID`, and runs on worker threads or, with `--queue URL`, on `apparat worker`s.
 * This module declares the commands and their options; what they do is in experimentActions.ts, loaded
 * when one runs.
 */
import { type Command, InvalidArgumentError, Option } from "commander";
import { DEFAULT_SCENARIO } from "../node/builtins.ts";
import { defaultWorkers } from "../runner/workers.ts";
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
}

function parseQueueUrl(value: string): string {
  if (!/^rediss?:\/\/[^\s]+$/.test(value))
    throw new InvalidArgumentError(`queue must be a redis:// or rediss:// URL, got "${value}"`);
  return value;
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

function commonOptions(cmd: Command, runsHelp: string): Command {
  return runnerOptions(cmd)
    .option(
      "-s, --scenario <name|file>",
      "built-in scenario name or path to a YAML/JSON file",
      DEFAULT_SCENARIO,
    )
    .option(`--runs <n>`, runsHelp, wholeNumber("runs", 1, MAX_RUNS_PER_VARIANT), DEFAULT_RUNS)
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

  runnerOptions(
    program
      .command("sweep")
      .description(
        "a parameter design (factorial, Latin hypercube, random) run interleaved across its points",
      )
      .argument("[file]", "sweep file (YAML/JSON); not needed with --resume"),
  )
    .option("-s, --scenario <name|file>", "scenario, when the file names none", DEFAULT_SCENARIO)
    .action(async (file: string | undefined, o: CommonOptions) => (await actions()).sweep(file, o));

  commonOptions(
    program
      .command("report")
      .description(
        "the factor-significance report (HTML with charts, and Markdown) from an attribution experiment",
      ),
    "runs per combination when a new attribution is run",
  )
    .option(
      "--experiment <id>",
      "a stored attribution experiment (default: run a new one)",
      wholeNumber("experiment id", 1, Number.MAX_SAFE_INTEGER),
    )
    .option(
      "--groups <file>",
      "factor-group file for a new attribution (default: factors/<scenario-id>.yaml)",
    )
    .option("--out <dir>", "where to write report.html and report.md", "report")
    .action(async (o: CommonOptions & { experiment?: number; out: string }) =>
      (await actions()).reportCommand(o),
    );

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
    .command("export")
    .description("write an experiment's runs to CSV or Parquet, one row per run, for R or pandas")
    .argument("<id>", "experiment id", wholeNumber("experiment id", 1, Number.MAX_SAFE_INTEGER))
    .addOption(new Option("--format <format>", "file format").choices(["csv", "parquet"]).default("csv"))
    .option("--out <file>", "output file (default: experiment-<id>.<format>)")
    .option("--store <file>", "results database file", DEFAULT_STORE_FILE)
    .action(async (id: number, o: { format: "csv" | "parquet"; out?: string; store: string }) =>
      (await actions()).exportCommand(id, o),
    );

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
