/**
 * The experiment commands: `mc`, `whatif`, `attribute`, `sweep`, and `runs`, `export`, `worker` around them.
 * Each experiment is stored as it runs (a database file in the working directory by default), can be
 * resumed with `--resume ID`, and runs on worker threads or, with `--queue URL`, on `apparat worker`s.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import type { FactorsFile } from "../experiments/factors.ts";
import {
  type PlanBase,
  planAttribution,
  planMonteCarlo,
  planSweep,
  planWhatIf,
} from "../experiments/plan.ts";
import { summarize } from "../experiments/summarize.ts";
import { checkSweep, designPoints, parseSweep } from "../experiments/sweepFile.ts";
import type { Assignment, ExperimentKind, ExperimentPlan, Question, RunRow } from "../experiments/types.ts";
import { namesOf } from "../kernel/narrative.ts";
import { loadFactors } from "../node/factors.ts";
import { DEFAULT_SCENARIO, loadScenario, readPatchFile } from "../node/scenarios.ts";
import { readTextFile } from "../node/textFile.ts";
import { reportInput } from "../report/build.ts";
import { renderHtml, renderMarkdown } from "../report/index.ts";
import type { Executor } from "../runner/executor.ts";
import { type ExperimentOutcome, runExperiment } from "../runner/experiment.ts";
import { InProcessExecutor } from "../runner/inProcess.ts";
import { defaultWorkers, PoolExecutor } from "../runner/pool.ts";
import { progressView } from "../runner/progress.ts";
import { DataFileError } from "../scenario/fileError.ts";
import { parseValue } from "../scenario/patch.ts";
import type { Scenario } from "../scenario/schema.ts";
import { exportRuns } from "../store/export.ts";
import { DEFAULT_STORE_FILE, ResultsStore } from "../store/store.ts";
import { prepareScenario } from "./main.ts";
import { BAD_INPUT, collectSet, parseDate, parseSeed, wholeNumber } from "./options.ts";
import { summaryText } from "./summaryText.ts";

/** Version of the experiment commands' `--json` output. */
export const EXPERIMENT_OUTPUT_VERSION = 1;

const DEFAULT_RUNS = 200;
const MAX_RUNS_PER_VARIANT = 1_000_000;
const MAX_WORKERS = 256;

interface CommonOptions {
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

/** The question: --leader/--by, else the factor file's, else an error saying what to add. */
function questionFor(scenario: Scenario, factors: FactorsFile | null, o: CommonOptions): Question {
  const leader = o.leader ?? factors?.question.leader;
  if (!leader)
    throw new DataFileError(
      "question",
      "--leader",
      [],
      `no question for scenario "${scenario.id}": name the leader with --leader ID (and a date with --by)`,
    );
  const q: Question = {
    text: factors?.question.text ?? `Is ${leader} sole leader before the date?`,
    leader,
    by: o.by ?? factors?.question.by ?? scenario.calendar.end,
  };
  if (o.leader && o.leader !== factors?.question.leader) q.text = `Is ${leader} sole leader before ${q.by}?`;
  const person = scenario.people.find((p) => p.id === q.leader);
  if (person?.role !== "leader") {
    const leaders = scenario.people.filter((p) => p.role === "leader").map((p) => p.id);
    throw new DataFileError(
      "question",
      "--leader",
      [],
      `unknown leader "${q.leader}" (leaders: ${leaders.join(", ")})`,
    );
  }
  return q;
}

function assignments(sets: string[]): Assignment[] {
  return sets.map((s) => {
    const eq = s.indexOf("=");
    return { path: s.slice(0, eq), value: parseValue(s.slice(eq + 1)) };
  });
}

function executorFor(o: { workers: number; queue?: string }): Promise<Executor> {
  if (o.queue) return import("../runner/queue.ts").then((m) => new m.QueueExecutor(o.queue!));
  return Promise.resolve(o.workers === 1 ? new InProcessExecutor() : new PoolExecutor(o.workers));
}

/** Runs a plan (or resumes a stored experiment) with progress; returns what ran and where. */
async function execute(
  kind: ExperimentKind,
  o: CommonOptions,
  makePlan: () => ExperimentPlan,
): Promise<ExperimentOutcome & { where: string; created: string }> {
  const store = ResultsStore.open(o.store);
  try {
    if (o.resume !== undefined) {
      const stored = store.experiment(o.resume);
      if (stored.plan.kind !== kind)
        throw new DataFileError(
          "experiment",
          o.store,
          [],
          `experiment ${o.resume} in ${o.store} is a ${stored.plan.kind} experiment, not ${kind}: resume it with apparat ${stored.plan.kind} --resume ${o.resume}`,
        );
    }
    const plan = o.resume === undefined ? makePlan() : undefined;
    const executor = await executorFor(o);
    const view = progressView(o.json === true);
    let id = -1;
    const interrupted = () => {
      view.stop();
      process.stderr.write(
        `\napparat: interrupted; the runs finished so far are stored. Resume with: apparat ${kind} --resume ${id} --store ${o.store}\n`,
      );
      process.exit(130);
    };
    process.once("SIGINT", interrupted);
    let out: ExperimentOutcome;
    try {
      out = await runExperiment({
        store,
        executor,
        plan,
        resume: o.resume,
        onStart: (started, p) => {
          id = started;
          view.start(`#${started} ${kind}`, p);
        },
        onProgress: (p) => view.update(p),
      });
    } finally {
      view.stop();
      process.off("SIGINT", interrupted);
      await executor.close();
    }
    return { ...out, where: executor.description, created: store.experiment(out.id).created };
  } finally {
    store.close();
  }
}

/** Runs or resumes an experiment, then prints its summary. */
async function executeAndReport(
  kind: ExperimentKind,
  o: CommonOptions,
  makePlan: () => ExperimentPlan,
): Promise<void> {
  const out = await execute(kind, o, makePlan);
  report(out, o, out.where);
}

function report(out: ExperimentOutcome, o: { json?: boolean; store: string }, where: string): void {
  const summary = summarize(out.plan, out.rows);
  const rate = out.seconds > 0 ? out.ran / out.seconds : 0;
  if (o.json) {
    process.stdout.write(
      `${JSON.stringify({
        format: EXPERIMENT_OUTPUT_VERSION,
        id: out.id,
        store: o.store,
        kind: out.plan.kind,
        name: out.plan.name,
        scenario: out.plan.scenario.id,
        seed: out.plan.seed,
        runsPerVariant: out.plan.replicates,
        variants: out.plan.variants.map((v) => v.label),
        runs: out.rows.length,
        ranNow: out.ran,
        seconds: out.seconds,
        runsPerSecond: rate,
        summary,
      })}\n`,
    );
    return;
  }
  const p = out.plan;
  const head = [
    `${p.kind} experiment #${out.id} "${p.name}" on ${p.scenario.id} (seed ${p.seed}): ${p.variants.length} variant${p.variants.length === 1 ? "" : "s"} x ${p.replicates} runs = ${out.rows.length} runs, stored in ${o.store}`,
    out.ran > 0
      ? `ran ${out.ran} runs in ${out.seconds.toFixed(1)} s (${rate.toFixed(1)} runs/s on ${where})`
      : "every run was already stored",
    "",
  ];
  const lines = [...head, ...summaryText(p, summary, namesOf(p.scenario))];
  process.stdout.write(`${lines.join("\n")}\n`);
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

/** The attribution plan: the scenario and its factor groups (the default file unless --groups names one). */
function attributionPlan(o: CommonOptions): ExperimentPlan {
  const { scenario } = loadScenario(o.scenario);
  const factors = loadFactors(scenario, o.groups);
  if (!factors)
    throw new DataFileError(
      "factor-group file",
      o.scenario,
      [],
      `scenario "${scenario.id}" has no factor-group file (factors/${scenario.id}.yaml): name one with --groups FILE`,
    );
  return planAttribution({ ...basePlan(o, scenario, factors), groups: factors.groups });
}

/** Opens a store that must exist already (reading commands never create one). */
function openExisting(file: string): ResultsStore {
  if (!existsSync(file)) throw new DataFileError("results store", file, [], `no results store at ${file}`);
  return ResultsStore.open(file);
}

function basePlan(o: CommonOptions, scenario: Scenario, factors: FactorsFile | null): PlanBase {
  return {
    name: o.name,
    scenario,
    seed: o.seed,
    replicates: o.runs,
    question: questionFor(scenario, factors, o),
  };
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
    .action(async (o: CommonOptions) => {
      await executeAndReport("mc", o, () => {
        const scenario = prepareScenario(o.scenario, o.patch, o.set);
        return planMonteCarlo(basePlan(o, scenario, loadFactors(scenario, o.groups)));
      });
    });

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
    .action(async (o: CommonOptions) => {
      await executeAndReport("whatif", o, () => {
        const { scenario } = loadScenario(o.scenario);
        const patch = o.patch ? readPatchFile(o.patch) : undefined;
        return planWhatIf({
          ...basePlan(o, scenario, loadFactors(scenario, o.groups)),
          sets: assignments(o.set),
          label: [...(o.patch ? [`patch ${o.patch}`] : []), ...o.set].join(", "),
          ...(patch !== undefined ? { patch } : {}),
        });
      });
    });

  commonOptions(
    program
      .command("attribute")
      .description("Shapley values of factor groups, exact over every combination of groups on and off"),
    "runs per combination",
  )
    .option("--groups <file>", "factor-group file (default: factors/<scenario-id>.yaml)")
    .action(async (o: CommonOptions) => {
      await executeAndReport("attribute", o, () => attributionPlan(o));
    });

  runnerOptions(
    program
      .command("sweep")
      .description(
        "a parameter design (factorial, Latin hypercube, random) run interleaved across its points",
      )
      .argument("[file]", "sweep file (YAML/JSON); not needed with --resume"),
  )
    .option("-s, --scenario <name|file>", "scenario, when the file names none", DEFAULT_SCENARIO)
    .action(async (file: string | undefined, o: CommonOptions) => {
      if (!file && o.resume === undefined)
        throw new InvalidArgumentError("give a sweep file, or --resume ID");
      await executeAndReport("sweep", o, () => {
        const sweep = parseSweep(readSweepText(file!), file!);
        const { scenario } = loadScenario(sweep.scenario ?? o.scenario);
        const factors = loadFactors(scenario, undefined);
        const question = sweep.question ?? questionFor(scenario, factors, o);
        checkSweep(sweep, file!, scenario, question);
        return planSweep({
          name: sweep.name ?? file!,
          scenario,
          seed: sweep.seed,
          replicates: sweep.runsPerPoint,
          question,
          points: designPoints(sweep),
          design: { kind: sweep.design, points: sweep.points ?? null, parameters: sweep.parameters },
        });
      });
    });

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
    .action(async (o: CommonOptions & { experiment?: number; out: string }) => {
      let plan: ExperimentPlan;
      let rows: RunRow[];
      let id: number;
      let created: string;
      if (o.experiment !== undefined) {
        const store = openExisting(o.store);
        try {
          const rec = store.experiment(o.experiment);
          if (rec.plan.kind !== "attribute")
            throw new DataFileError(
              "experiment",
              o.store,
              [],
              `experiment ${o.experiment} is a ${rec.plan.kind} experiment; the report needs an attribution (apparat attribute)`,
            );
          ({ plan, created, id } = { plan: rec.plan, created: rec.created, id: rec.id });
          rows = store.runs(id);
        } finally {
          store.close();
        }
      } else {
        const out = await execute("attribute", o, () => attributionPlan(o));
        ({ plan, rows, id, created } = out);
      }
      const summary = summarize(plan, rows);
      if (summary.kind !== "attribute") throw new Error("unreachable: not an attribution");
      const input = reportInput(plan, summary, { id, created });
      mkdirSync(o.out, { recursive: true });
      const html = resolve(o.out, "report.html");
      const md = resolve(o.out, "report.md");
      writeFileSync(html, renderHtml(input));
      writeFileSync(md, renderMarkdown(input));
      if (o.json)
        process.stdout.write(
          `${JSON.stringify({ format: EXPERIMENT_OUTPUT_VERSION, id, html, markdown: md, summary })}\n`,
        );
      else {
        const lines = [
          `report on attribution experiment #${id} written to:`,
          `  ${html}`,
          `  ${md}`,
          "",
          ...summaryText(plan, summary, namesOf(plan.scenario)),
        ];
        process.stdout.write(`${lines.join("\n")}\n`);
      }
    });

  program
    .command("runs")
    .description("list stored experiments, or show one's results")
    .argument("[id]", "experiment id", wholeNumber("experiment id", 1, Number.MAX_SAFE_INTEGER))
    .option("--store <file>", "results database file", DEFAULT_STORE_FILE)
    .option("--json", "machine-readable output")
    .action((id: number | undefined, o: { store: string; json?: boolean }) => {
      if (!existsSync(o.store)) {
        process.stdout.write(
          o.json ? "[]\n" : `no results store at ${o.store} yet: run an experiment first\n`,
        );
        return;
      }
      const store = ResultsStore.open(o.store);
      try {
        if (id === undefined) {
          const list = store.list();
          if (o.json) process.stdout.write(`${JSON.stringify(list)}\n`);
          else if (list.length === 0) process.stdout.write(`no experiments in ${o.store}\n`);
          else
            for (const e of list)
              process.stdout.write(
                `#${e.id}\t${e.kind}\t${e.status}\t${e.done}/${e.total}\t${e.scenario}\t${e.created}\t${e.name}\n`,
              );
          return;
        }
        const rec = store.experiment(id);
        report({ id, plan: rec.plan, rows: store.runs(id), ran: 0, seconds: 0 }, o, "");
        if (!o.json && rec.status !== "finished")
          process.stdout.write(
            `\n(${rec.status === "failed" ? `failed: ${rec.error ?? "no reason stored"};` : "unfinished:"} ${rec.done} of ${rec.total} runs; finish it with apparat ${rec.plan.kind} --resume ${id} --store ${o.store})\n`,
          );
      } finally {
        store.close();
      }
    });

  program
    .command("store")
    .description("look after the results store")
    .command("check")
    .description(
      "check every stored experiment and run against its checksum; list what is damaged (exit code 2 if anything is)",
    )
    .option("--store <file>", "results database file", DEFAULT_STORE_FILE)
    .option("--json", "machine-readable list of problems")
    .action((o: { store: string; json?: boolean }) => {
      const store = openExisting(o.store);
      let problems: ReturnType<ResultsStore["check"]>;
      let experiments: number;
      let runs: number;
      try {
        problems = store.check();
        const list = store.list();
        experiments = list.length;
        runs = list.reduce((n, e) => n + e.done, 0);
      } finally {
        store.close();
      }
      if (o.json)
        process.stdout.write(`${JSON.stringify({ store: o.store, experiments, runs, problems })}\n`);
      else if (problems.length === 0)
        process.stdout.write(
          `${o.store}: ${experiments} experiments and ${runs} runs checked, no problems\n`,
        );
      else {
        const where = (p: (typeof problems)[number]) =>
          p.experiment === null
            ? "the file"
            : `experiment ${p.experiment}${p.run !== null ? `, run ${p.run}` : ""}`;
        process.stdout.write(
          `${o.store}: ${problems.length} problem${problems.length === 1 ? "" : "s"} in ${experiments} experiments and ${runs} runs:\n${problems.map((p) => `  ${where(p)}: ${p.message}`).join("\n")}\n`,
        );
      }
      if (problems.length > 0) process.exitCode = BAD_INPUT;
    });

  program
    .command("export")
    .description("write an experiment's runs to CSV or Parquet, one row per run, for R or pandas")
    .argument("<id>", "experiment id", wholeNumber("experiment id", 1, Number.MAX_SAFE_INTEGER))
    .addOption(new Option("--format <format>", "file format").choices(["csv", "parquet"]).default("csv"))
    .option("--out <file>", "output file (default: experiment-<id>.<format>)")
    .option("--store <file>", "results database file", DEFAULT_STORE_FILE)
    .action((id: number, o: { format: "csv" | "parquet"; out?: string; store: string }) => {
      const store = openExisting(o.store);
      try {
        const out = resolve(o.out ?? `experiment-${id}.${o.format}`);
        const { rows, columns } = exportRuns(store, id, o.format, out);
        process.stdout.write(`wrote ${rows} runs x ${columns.length} columns to ${out}\n`);
      } finally {
        store.close();
      }
    });

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
    .action(async (o: { queue: string; concurrency: number }) => {
      const { startQueueWorker } = await import("../runner/queueWorker.ts");
      let batches = 0;
      const worker = await startQueueWorker(o.queue, {
        concurrency: o.concurrency,
        onBatch: (n) => {
          batches++;
          if (process.stderr.isTTY) process.stderr.write(`\rbatches done: ${batches} (last: ${n} runs)`);
        },
      });
      process.stderr.write(`apparat worker: serving runs from ${o.queue} (Ctrl-C to stop)\n`);
      await new Promise<void>((done) => {
        const stop = () => {
          void worker.close().then(done);
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
    });
}

function readSweepText(file: string): string {
  const read = readTextFile(file);
  if ("issue" in read) throw new DataFileError("sweep file", file, [read.issue]);
  return read.text;
}
