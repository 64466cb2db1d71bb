/**
 * The experiment commands: `mc`, `whatif`, `attribute`, `sweep`, and `runs`, `export`, `worker` around them.
 * Each experiment is stored as it runs (a database file in the working directory by default), can be
 * resumed with `--resume ID`, and runs on worker threads or, with `--queue URL`, on `apparat worker`s.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import { type DiscoveryMethod, type DiscoveryResult, discover } from "../discovery/discover.ts";
import type { FactorsFile } from "../experiments/factors.ts";
import { fansOf } from "../experiments/fan.ts";
import {
  type PlanBase,
  PlanError,
  planAttribution,
  planMonteCarlo,
  planSensitivity,
  planSweep,
  planWhatIf,
} from "../experiments/plan.ts";
import { scenarioSeriesMeasures, seriesProblem } from "../experiments/series.ts";
import { summarize } from "../experiments/summarize.ts";
import { checkSweep, designPoints, parseSweep } from "../experiments/sweepFile.ts";
import type { Assignment, ExperimentKind, ExperimentPlan, Question, RunRow } from "../experiments/types.ts";
import { namesOf } from "../kernel/narrative.ts";
import { loadFactors } from "../node/factors.ts";
import { DEFAULT_SCENARIO, loadScenario, readPatchFile } from "../node/scenarios.ts";
import { reportInput } from "../report/build.ts";
import { experimentReport } from "../report/experimentReport.ts";
import { renderHtml, renderMarkdown } from "../report/index.ts";
import { renderPrimCharts } from "../report/nodeCharts.ts";
import type { Executor } from "../runner/executor.ts";
import { type ExperimentOutcome, runExperiment } from "../runner/experiment.ts";
import { InProcessExecutor } from "../runner/inProcess.ts";
import { defaultWorkers, PoolExecutor } from "../runner/pool.ts";
import { progressView } from "../runner/progress.ts";
import { DataFileError } from "../scenario/fileError.ts";
import { parseValue } from "../scenario/patch.ts";
import type { Scenario } from "../scenario/schema.ts";
import { DEFAULT_RESAMPLES } from "../sensitivity/bootstrap.ts";
import { DEFAULT_MORRIS_LEVELS } from "../sensitivity/morris.ts";
import { scenarioEstimates, selectParameters } from "../sensitivity/parameters.ts";
import { exportRuns } from "../store/export.ts";
import { DEFAULT_STORE_FILE, ResultsStore } from "../store/store.ts";
import { prepareScenario } from "./main.ts";
import { collectSet, parseDate, parseSeed, wholeNumber } from "./options.ts";
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
  series?: string[];
}

function parseQueueUrl(value: string): string {
  if (!/^rediss?:\/\/[^\s]+$/.test(value))
    throw new InvalidArgumentError(`queue must be a redis:// or rediss:// URL, got "${value}"`);
  return value;
}

/** The question: --leader/--by, else the factor file's, else an error saying what to add. */
function questionFor(
  scenario: Scenario,
  factors: FactorsFile | null,
  o: { leader?: string; by?: string },
): Question {
  const leader = o.leader ?? factors?.question.leader;
  if (!leader)
    throw new DataFileError(
      "question",
      "--leader",
      [],
      `no question for scenario "${scenario.id}": it has no factor-group file (factors/${scenario.id}.yaml); name the leader with --leader ID (and a date with --by)`,
    );
  const q: Question = {
    text: factors?.question.text ?? `Is ${leader} sole leader before the date?`,
    leader,
    by: o.by ?? factors?.question.by ?? scenario.calendar.end,
    ...(factors?.question.outcomes ? { outcomes: factors.question.outcomes } : {}),
  };
  // Another leader is another question: sole leadership before the date, unless asked otherwise.
  if (o.leader && o.leader !== factors?.question.leader) {
    q.text = `Is ${leader} sole leader before ${q.by}?`;
    delete q.outcomes;
  }
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
    ...seriesOption(o.series, scenario),
  };
}

/** `--series a,b` checked against the measures the scenario's runs record; `all` keeps every one. */
function seriesOption(asked: string[] | undefined, scenario: Scenario): { series?: string[] } {
  if (asked === undefined) return {};
  const known = scenarioSeriesMeasures(scenario);
  const measures = asked.includes("all") ? [...known.party, ...known.leader] : asked;
  const problem = seriesProblem(measures, known);
  if (problem) throw new PlanError(`--series: ${problem}`);
  return { series: measures };
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

/** The option that keeps per-tick series, for every experiment command. */
function seriesFlag(cmd: Command): Command {
  return cmd.option(
    "--series <measures>",
    "keep these per-tick series of every run (comma-separated measures, or all; see docs/experiments.md)",
    collectList,
  );
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
    .action(async (file: string | undefined, o: Partial<CommonOptions> & CommonOptions) => {
      if (!file && o.resume === undefined)
        throw new InvalidArgumentError("give a sweep file, or --resume ID");
      if (o.resume !== undefined && (o.runs !== undefined || o.series !== undefined))
        throw new InvalidArgumentError(
          "--runs and --series cannot change a stored experiment: --resume finishes it as planned",
        );
      await executeAndReport("sweep", o, () => {
        const sweep = parseSweep(readSweepText(file!), file!);
        const { scenario } = loadScenario(sweep.scenario ?? o.scenario);
        const factors = loadFactors(scenario, undefined);
        const question =
          o.leader || o.by
            ? questionFor(scenario, factors, o)
            : (sweep.question ?? questionFor(scenario, factors, o));
        checkSweep(sweep, file!, scenario, question);
        return planSweep({
          name: sweep.name ?? file!,
          scenario,
          seed: sweep.seed,
          replicates: o.runs ?? sweep.runsPerPoint,
          question,
          ...seriesOption(o.series, scenario),
          points: designPoints(sweep),
          design: { kind: sweep.design, points: sweep.points ?? null, parameters: sweep.parameters },
        });
      });
    });

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
    .action(
      async (
        o: CommonOptions & {
          method: "sobol" | "morris";
          params?: string[];
          samples?: number;
          levels?: number;
          outcome: string;
          resamples?: number;
          list?: boolean;
          runs: number;
        },
      ) => {
        if (o.list) {
          const { scenario } = loadScenario(o.scenario);
          const all = scenarioEstimates(scenario);
          if (o.json) process.stdout.write(`${JSON.stringify(all)}\n`);
          else
            for (const p of all)
              process.stdout.write(`${p.path}\t[${p.range[0]}, ${p.range[1]}]\tvalue ${p.value}\n`);
          return;
        }
        await executeAndReport("sensitivity", o, () => {
          const { scenario } = loadScenario(o.scenario);
          const parameters = selectParameters(scenarioEstimates(scenario), o.params ?? []);
          return planSensitivity({
            ...basePlan(o, scenario, loadFactors(scenario, o.groups)),
            name: o.name ?? `${o.method} over ${parameters.length} parameters, outcome ${o.outcome}`,
            method: o.method,
            parameters,
            samples: o.samples ?? (o.method === "sobol" ? 64 : 20),
            ...(o.levels !== undefined ? { levels: o.levels } : {}),
            outcome: o.outcome,
            ...(o.resamples !== undefined ? { resamples: o.resamples } : {}),
          });
        });
      },
    );

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
          if (rec.plan.kind !== "attribute") {
            writeExperimentReport(store, rec.id, o);
            return;
          }
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
    .action(
      (
        id: number,
        o: {
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
        },
      ) => {
        const store = openExisting(o.store);
        try {
          const rec = store.experiment(id);
          const q = rec.plan.question;
          // Another question of the same stored runs: the stored one with its leader or date replaced.
          const question =
            o.leader || o.by
              ? questionFor(rec.plan.scenario, null, { leader: o.leader ?? q.leader, by: o.by ?? q.by })
              : q;
          const result = discover(rec.plan, store.runs(id), {
            method: o.method,
            outcome: o.outcome,
            question,
            prim: {
              ...(o.alpha !== undefined ? { alpha: o.alpha } : {}),
              ...(o.minMass !== undefined ? { minMass: o.minMass } : {}),
              ...(o.minCoverage !== undefined ? { minCoverage: o.minCoverage } : {}),
              ...(o.box !== undefined ? { box: o.box } : {}),
            },
            cart: o.depth !== undefined ? { maxDepth: o.depth } : {},
          });
          const charts: string[] = [];
          if (result.prim) {
            mkdirSync(o.out, { recursive: true });
            const svg = renderPrimCharts(result.prim, result.outcome);
            for (const [what, text] of Object.entries(svg)) {
              const file = resolve(o.out, `discover-${id}-${what}.svg`);
              writeFileSync(file, text);
              charts.push(file);
            }
          }
          if (o.json) {
            process.stdout.write(
              `${JSON.stringify({ format: EXPERIMENT_OUTPUT_VERSION, id, charts, ...result })}\n`,
            );
            return;
          }
          process.stdout.write(
            `${[...discoveryText(id, result), ...charts.map((f) => `chart: ${f}`)].join("\n")}\n`,
          );
        } finally {
          store.close();
        }
      },
    );

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
            `\n(unfinished: ${rec.done} of ${rec.total} runs; finish it with apparat ${rec.plan.kind} --resume ${id} --store ${o.store})\n`,
          );
      } finally {
        store.close();
      }
    });

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
    .action((id: number, o: { format: "csv" | "parquet"; out?: string; store: string; series?: boolean }) => {
      const store = openExisting(o.store);
      try {
        const table = o.series ? "series" : "runs";
        if (o.series && !store.experiment(id).plan.series)
          throw new DataFileError(
            "experiment",
            o.store,
            [],
            `experiment ${id} keeps no series: run it with --series measure,... (e.g. --series members,committeeVotes)`,
          );
        const out = resolve(o.out ?? `experiment-${id}${o.series ? "-series" : ""}.${o.format}`);
        const { rows, columns } = exportRuns(store, id, o.format, out, table);
        process.stdout.write(
          `wrote ${rows} ${o.series ? "series rows" : "runs"} x ${columns.length} columns to ${out}\n`,
        );
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

/** The report of a stored experiment other than an attribution: HTML, Markdown and the charts as SVG files. */
function writeExperimentReport(store: ResultsStore, id: number, o: { out: string; json?: boolean }): void {
  const rec = store.experiment(id);
  const summary = summarize(rec.plan, store.runs(id));
  const fans = rec.plan.series ? fansOf(rec.plan, store.series(id)) : [];
  const names = namesOf(rec.plan.scenario);
  const r = experimentReport({ id, created: rec.created, plan: rec.plan, summary, fans }, (p) =>
    names.person(p),
  );
  mkdirSync(o.out, { recursive: true });
  const html = resolve(o.out, `experiment-${id}.html`);
  const md = resolve(o.out, `experiment-${id}.md`);
  writeFileSync(html, r.html);
  writeFileSync(md, r.markdown);
  const svgs = r.charts.map((c) => {
    const file = resolve(o.out, c.file);
    writeFileSync(file, c.svg);
    return file;
  });
  if (o.json)
    process.stdout.write(
      `${JSON.stringify({ format: EXPERIMENT_OUTPUT_VERSION, id, html, markdown: md, charts: svgs, summary })}\n`,
    );
  else
    process.stdout.write(
      `report on ${rec.plan.kind} experiment #${id} written to:\n${[html, md, ...svgs].map((f) => `  ${f}`).join("\n")}\n`,
    );
}

function parseShare(value: string): number {
  const x = Number(value);
  if (!/^\d*\.?\d+$/.test(value) || !(x > 0 && x < 1))
    throw new InvalidArgumentError(`expected a share between 0 and 1, got "${value}"`);
  return x;
}

/** Discovery's result as text: the trajectory (PRIM) or the leaves (CART), and the chosen box. */
function discoveryText(id: number, r: DiscoveryResult): string[] {
  const f = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(4)).toString() : "-");
  const lines = [
    `${r.method.toUpperCase()} on experiment #${id}: outcome "${r.outcome}" in ${r.yes} of ${r.runs} runs (${((r.yes / r.runs) * 100).toFixed(1)}%) over ${r.inputs.length} inputs${r.skipped.length > 0 ? ` (left out, not numeric: ${r.skipped.join(", ")})` : ""}`,
  ];
  if (r.prim) {
    const p = r.prim;
    lines.push("  peeling trajectory (box: coverage / density / mass, inputs restricted):");
    p.trajectory.forEach((b, i) => {
      if (i % 5 === 0 || i === p.chosen || i === p.trajectory.length - 1)
        lines.push(
          `  ${i === p.chosen ? ">" : " "} ${String(i).padStart(3)}: ${f(b.coverage).padEnd(6)} / ${f(b.density).padEnd(6)} / ${f(b.mass).padEnd(6)} ${b.restricted}`,
        );
    });
    lines.push(
      `  chosen box ${p.chosen}, after pasting: coverage ${f(p.box.coverage)}, density ${f(p.box.density)} (all runs: ${f(p.baseDensity)}), ${p.box.n} runs inside`,
    );
    if (p.restricted.length === 0) lines.push("  it restricts no input");
    for (const d of p.restricted)
      lines.push(
        `    ${d.name}: ${f(d.lo)} to ${f(d.hi)} (of ${f(d.min)} to ${f(d.max)}), quasi-p ${d.qp < 0.001 ? d.qp.toExponential(1) : f(d.qp)}`,
      );
  }
  if (r.cart) {
    lines.push("  leaves, densest first (density, coverage, runs: conditions):");
    for (const l of r.cart.leaves)
      lines.push(
        `    ${f(l.density).padEnd(6)} ${f(l.coverage).padEnd(6)} ${String(l.n).padEnd(6)} ${l.conditions.join(" and ") || "(all runs)"}`,
      );
  }
  return lines;
}

function readSweepText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    throw new DataFileError(
      "sweep file",
      file,
      [],
      `cannot read sweep file ${file}: ${(err as Error).message.split("\n")[0]}`,
    );
  }
}
