/**
 * What the experiment commands do (declared in experiments.ts): plan, run with progress into the store,
 * summarise; list, export, report and explore (scenario discovery) stored experiments; serve runs from a queue.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { InvalidArgumentError } from "commander";
import { type DiscoveryResult, discover } from "../discovery/discover.ts";
import { aggregateChain, type CongressLink, chainOfRun } from "../essay/chain.ts";
import { planEssayWhatIfs, whatIfFigures } from "../essay/whatifs.ts";
import type { EssayFile } from "../experiments/essay.ts";
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
import { loadBibliography } from "../node/bibliography.ts";
import { groupingPath, loadEssay } from "../node/essay.ts";
import { loadFactors } from "../node/factors.ts";
import { loadScenario, readPatchFile } from "../node/scenarios.ts";
import { readTextFile } from "../node/textFile.ts";
import type { EssayParts } from "../report/build.ts";
import type { Executor } from "../runner/executor.ts";
import { type ExperimentOutcome, runExperiment } from "../runner/experiment.ts";
import { InProcessExecutor } from "../runner/inProcess.ts";
import { loadQueue, loadQueueWorker } from "../runner/optionalQueue.ts";
import { PoolExecutor } from "../runner/pool.ts";
import { progressView } from "../runner/progress.ts";
import { compileScenario } from "../scenario/compile.ts";
import { DataFileError } from "../scenario/fileError.ts";
import { parseValue } from "../scenario/patch.ts";
import type { Scenario } from "../scenario/schema.ts";
import { scenarioEstimates, selectParameters } from "../sensitivity/parameters.ts";
import { ResultsStore } from "../store/store.ts";
import type {
  CommonOptions,
  DiscoverOptions,
  ExportOptions,
  ReportOptions,
  SensitivityOptions,
  SweepOptions,
} from "./experiments.ts";
import { BAD_INPUT } from "./options.ts";
import { prepareScenario } from "./prepare.ts";
import { summaryText } from "./summaryText.ts";

/** Version of the experiment commands' `--json` output. */
export const EXPERIMENT_OUTPUT_VERSION = 1;

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
  if (o.queue) return loadQueue().then((m) => new m.QueueExecutor(o.queue!));
  return Promise.resolve(o.workers === 1 ? new InProcessExecutor() : new PoolExecutor(o.workers));
}

/** What every experiment command has: where and how it runs, and where it is stored. */
type RunnerOptions = Pick<CommonOptions, "workers" | "queue" | "store" | "resume" | "json">;

/** Runs a plan (or resumes a stored experiment) with progress; returns what ran and where. */
async function execute(
  kind: ExperimentKind,
  o: RunnerOptions,
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
  o: RunnerOptions,
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

/** `apparat mc`: a Monte Carlo of the scenario (changed by --patch/--set). */
export async function monteCarlo(o: CommonOptions): Promise<void> {
  await executeAndReport("mc", o, () => {
    const scenario = prepareScenario(o.scenario, o.patch, o.set);
    return planMonteCarlo(basePlan(o, scenario, loadFactors(scenario, o.groups)));
  });
}

/** `apparat whatif`: the changed scenario against the baseline, on the same seeds. */
export async function whatIf(o: CommonOptions): Promise<void> {
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
}

/** `apparat attribute`: Shapley values of the factor groups. */
export async function attribute(o: CommonOptions): Promise<void> {
  await executeAndReport("attribute", o, () => attributionPlan(o));
}

/** `apparat sweep`: a parameter design from a sweep file. */
export async function sweep(file: string | undefined, o: SweepOptions): Promise<void> {
  if (!file && o.resume === undefined) throw new InvalidArgumentError("give a sweep file, or --resume ID");
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
}

/** `apparat sensitivity`: Sobol' indices or Morris screening over the scenario's estimates (or, with --list, the estimates). */
export async function sensitivity(o: SensitivityOptions): Promise<void> {
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
}

/** `apparat report`: the factor report from a stored or a new attribution, or the report of any stored experiment. */
export async function reportCommand(o: ReportOptions): Promise<void> {
  let plan: ExperimentPlan;
  let rows: RunRow[];
  let id: number;
  let created: string;
  if (o.experiment !== undefined) {
    const store = openExisting(o.store);
    try {
      const rec = store.experiment(o.experiment);
      if (rec.plan.kind !== "attribute") {
        await writeExperimentReport(store, rec.id, o);
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
  // The renderers bring a DOM and a chart library: loaded by this command only.
  const [{ reportInput }, { renderHtml, renderMarkdown }] = await Promise.all([
    import("../report/build.ts"),
    import("../report/index.ts"),
  ]);
  const input = reportInput(plan, summary, { id, created }, loadBibliography(plan.scenario.id));
  const essay =
    o.essay === false ? null : loadEssay(plan.scenario, typeof o.essay === "string" ? o.essay : undefined);
  if (essay) {
    const { essayInput } = await import("../report/build.ts");
    input.essay = essayInput(plan.scenario, await essayParts(plan, rows, essay, o));
  }
  mkdirSync(o.out, { recursive: true });
  const html = resolve(o.out, "report.html");
  const md = resolve(o.out, "report.md");
  writeFileSync(html, renderHtml(input));
  writeFileSync(md, renderMarkdown(input));
  if (o.json)
    process.stdout.write(
      `${JSON.stringify({ format: EXPERIMENT_OUTPUT_VERSION, id, html, markdown: md, summary, essay: input.essay ?? null })}\n`,
    );
  else {
    const { essayAnswerText } = await import("../report/essay.ts");
    const answers = essayAnswerText(input);
    const lines = [
      `report on attribution experiment #${id} written to:`,
      `  ${html}`,
      `  ${md}`,
      "",
      ...summaryText(plan, summary, namesOf(plan.scenario)),
      ...(answers ? ["", answers.post, "", answers.jobs] : []),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  }
}

/**
 * The essay's experiments beside an attribution, on its seeds and runs per variant: the attribution under
 * each alternative grouping, the what-ifs (one design, every variant on the same seeds), and the causal chain
 * read from the baseline's seeds run again in this process with the model stepped from outside.
 */
async function essayParts(
  plan: ExperimentPlan,
  rows: readonly RunRow[],
  essay: EssayFile,
  o: ReportOptions,
): Promise<EssayParts> {
  const runner = {
    workers: o.workers,
    store: o.store,
    json: o.json === true,
    ...(o.queue ? { queue: o.queue } : {}),
  };
  const base: PlanBase = {
    scenario: plan.scenario,
    seed: plan.seed,
    replicates: plan.replicates,
    question: plan.question,
  };
  const groupings: EssayParts["groupings"] = [];
  for (const g of essay.groupings) {
    const factors = loadFactors(plan.scenario, groupingPath(g.file));
    if (!factors) throw new DataFileError("essay file", g.file, [], `no such factor-group file: ${g.file}`);
    const out = await execute("attribute", runner, () =>
      planAttribution({ ...base, name: `essay grouping: ${g.label}`, groups: factors.groups }),
    );
    const summary = summarize(out.plan, out.rows);
    if (summary.kind !== "attribute") throw new Error("unreachable: not an attribution");
    groupings.push({ label: g.label, experimentId: out.id, summary });
  }
  const w = await execute("sweep", runner, () =>
    planEssayWhatIfs({ ...base, name: "essay what-ifs" }, essay.whatifs),
  );
  // The chain: the baseline's seeds (the variant with every factor present), in replicate order.
  const all = plan.variants.length - 1;
  const seeds = rows
    .filter((r) => r.variant === all)
    .sort((a, b) => a.replicate - b.replicate)
    .map((r) => r.seed);
  const compiled = compileScenario(plan.scenario);
  const chains: CongressLink[][] = [];
  const started = Date.now();
  for (const [i, seed] of seeds.entries()) {
    chains.push(chainOfRun(compiled, seed, plan.question.leader));
    if (!o.json && process.stderr.isTTY) process.stderr.write(`\rchain: ${i + 1}/${seeds.length} runs`);
  }
  if (!o.json && process.stderr.isTTY) process.stderr.write("\n");
  if (!o.json)
    process.stderr.write(`chain: ${seeds.length} runs in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return {
    essay,
    groupings,
    whatIfs: { experimentId: w.id, figures: whatIfFigures(w.plan, w.rows, essay.whatifs) },
    chain: {
      runs: seeds.length,
      seeds:
        seeds.length === 0
          ? "none"
          : `derived from experiment seed ${plan.seed}, replicates 0 to ${seeds.length - 1}`,
      steps: aggregateChain(chains),
    },
  };
}

/** The report of a stored experiment other than an attribution: HTML, Markdown and the charts as SVG files. */
async function writeExperimentReport(
  store: ResultsStore,
  id: number,
  o: { out: string; json?: boolean },
): Promise<void> {
  const rec = store.experiment(id);
  const summary = summarize(rec.plan, store.runs(id));
  const fans = rec.plan.series ? fansOf(rec.plan, store.series(id)) : [];
  const names = namesOf(rec.plan.scenario);
  // The charts bring a DOM and a chart library: loaded by the commands that draw only.
  const { experimentReport } = await import("../report/experimentReport.ts");
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

/** `apparat discover`: PRIM or CART over a stored design's runs, with the PRIM charts as SVG files. */
export async function discoverCommand(id: number, o: DiscoverOptions): Promise<void> {
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
      const { renderPrimCharts } = await import("../report/nodeCharts.ts");
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

/** `apparat runs`: the stored experiments, or one's results. */
export function runsCommand(id: number | undefined, o: { store: string; json?: boolean }): void {
  if (!existsSync(o.store)) {
    process.stdout.write(o.json ? "[]\n" : `no results store at ${o.store} yet: run an experiment first\n`);
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
}

/** `apparat store check`: every stored experiment and run against its checksum; exit code 2 if any is damaged. */
export function storeCheckCommand(o: { store: string; json?: boolean }): void {
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
  if (o.json) process.stdout.write(`${JSON.stringify({ store: o.store, experiments, runs, problems })}\n`);
  else if (problems.length === 0)
    process.stdout.write(`${o.store}: ${experiments} experiments and ${runs} runs checked, no problems\n`);
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
}

/** `apparat export`: an experiment's runs, or with --series its kept series in long format, as CSV or Parquet. */
export async function exportCommand(id: number, o: ExportOptions): Promise<void> {
  const { exportRuns } = await import("../store/export.ts");
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
}

/** `apparat worker`: serves runs from a Redis queue until stopped. */
export async function worker(o: { queue: string; concurrency: number }): Promise<void> {
  const { startQueueWorker } = await loadQueueWorker();
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
}

function readSweepText(file: string): string {
  const read = readTextFile(file);
  if ("issue" in read) throw new DataFileError("sweep file", file, [read.issue]);
  return read.text;
}
