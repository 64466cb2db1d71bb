/**
 * What `run`, `scenarios`, `check`, `mechanisms`, `schema` and `events` do. Loaded when one of them runs, not
 * for `--help`: the scenario parser and the engine are most of the command line's start-up time.
 */
import { mechanismCatalogue } from "../catalog/catalog.ts";
import { compareWithRecord } from "../history/compare.ts";
import { runScenario } from "../kernel/engine.ts";
import { EVENT_TYPES } from "../kernel/events.ts";
import { describeOutcome, namesOf, narrate, tell } from "../kernel/narrative.ts";
import { loadBibliography } from "../node/bibliography.ts";
import { defaultHistoryFile, loadHistory } from "../node/history.ts";
import { builtinScenarios, loadScenario } from "../node/scenarios.ts";
import { compileScenario } from "../scenario/compile.ts";
import { DataFileError } from "../scenario/fileError.ts";
import { scenarioJsonSchema } from "../scenario/schema.ts";
import { historyText } from "./historyText.ts";
import { prepareScenario } from "./prepare.ts";

/** `apparat run`'s options. */
export interface RunOptions {
  scenario: string;
  seed?: number;
  until?: string;
  json?: boolean;
  verbose?: boolean;
  patch?: string;
  set: string[];
  /** Set the run beside the historical record: true for the repository's file, or a file name. */
  history?: boolean | string;
}

/** How to call this command line again: the installed command, or the launcher in a source checkout. */
const COMMAND = import.meta.url.endsWith(".ts") ? "node bin/apparat.js" : "apparat";

function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

export function run(opts: RunOptions): void {
  const scenario = prepareScenario(opts.scenario, opts.patch, opts.set);
  const seed = opts.seed ?? randomSeed();
  const result = runScenario(compileScenario(scenario), { seed, until: opts.until });
  const historyFile = typeof opts.history === "string" ? opts.history : undefined;
  const record = opts.history ? loadHistory(scenario, historyFile) : null;
  if (opts.history && !record)
    throw new DataFileError(
      "history file",
      defaultHistoryFile(scenario.id),
      [],
      `scenario "${scenario.id}" has no historical record in the repository: name one with --history FILE`,
    );
  const comparison = record
    ? compareWithRecord(record, result.events, {
        firstCongressNumber: scenario.bodies.find((b) => b.kind === "congress")?.firstNumber ?? 1,
        runEnd: opts.until ?? scenario.calendar.end,
      })
    : null;
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(comparison ? { ...result, history: comparison } : result)}\n`);
    return;
  }
  const names = namesOf(scenario);
  const historyLines = (cmp: NonNullable<typeof comparison>) => {
    const told = tell(result.events, names, true);
    const shown = historyFile ?? `validation/${scenario.id}.history.yaml`;
    return historyText(cmp, shown, (i) => told[i]?.text ?? null);
  };
  const history = opts.history ? ` --history${historyFile ? ` ${historyFile}` : ""}` : "";
  const lines = [
    `${scenario.title} (scenario ${scenario.id}, seed ${seed})`,
    "",
    ...narrate(result.events, names, opts.verbose),
    "",
    ...(comparison ? [...historyLines(comparison), ""] : []),
    `Outcome: ${describeOutcome(result.outcome, names)}`,
    `Rerun this history with: ${COMMAND} run --scenario ${opts.scenario} --seed ${seed}${history}${opts.patch ? ` --patch ${opts.patch}` : ""}${opts.set.map((x) => ` --set ${x}`).join("")}`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

export function scenarios(opts: { json?: boolean }): void {
  const rows = builtinScenarios().map((name) => {
    const { scenario } = loadScenario(name);
    return { name, title: scenario.title, start: scenario.calendar.start, end: scenario.calendar.end };
  });
  if (opts.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
  else for (const r of rows) process.stdout.write(`${r.name}\t${r.title} (${r.start} to ${r.end})\n`);
}

export function check(file: string): void {
  const { scenario, file: path } = loadScenario(file);
  compileScenario(scenario);
  process.stdout.write(
    `${path}: valid scenario "${scenario.id}" (schema version ${scenario.schemaVersion})\n`,
  );
}

export function mechanisms(opts: { scenario: string; set: string[]; json?: boolean }): void {
  const scenario = prepareScenario(opts.scenario, undefined, opts.set);
  const catalogue = mechanismCatalogue(scenario, loadBibliography(scenario.id));
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(catalogue)}\n`);
    return;
  }
  const out: string[] = [];
  for (const m of catalogue) {
    out.push(`${m.title}  [${m.switch}=${m.enabled}]`, `  ${m.description}`);
    for (const p of m.parameters) {
      const range = p.range ? ` in [${p.range[0]}, ${p.range[1]}]` : "";
      const src = p.source ? ` (${p.source})` : "";
      out.push(
        `  - ${p.name} = ${JSON.stringify(p.value)}${range}${src}${p.description ? `: ${p.description}` : ""}`,
      );
    }
    for (const e of m.evidence) out.push(`  * ${e.source}: ${e.note}`);
    out.push("  sources:", ...m.sources.map((s) => `    [${s.key}] ${s.citation}`), "");
  }
  process.stdout.write(`${out.join("\n")}\n`);
}

export function schema(): void {
  process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
}

export function events(opts: { json?: boolean }): void {
  if (opts.json) process.stdout.write(`${JSON.stringify(EVENT_TYPES)}\n`);
  else
    for (const [type, meaning] of Object.entries(EVENT_TYPES))
      process.stdout.write(`${type.padEnd(24)}${meaning}\n`);
}
