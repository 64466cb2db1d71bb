/** The `apparat` command line. */

import { Command, Option } from "commander";
import { mechanismCatalogue } from "../catalog/catalog.ts";
import { DiscoveryError } from "../discovery/discover.ts";
import { OutcomeError } from "../experiments/outcomes.ts";
import { PlanError } from "../experiments/plan.ts";
import { runScenario } from "../kernel/engine.ts";
import { EVENT_TYPES } from "../kernel/events.ts";
import { describeOutcome, namesOf, narrate } from "../kernel/narrative.ts";
import { builtinScenarios, DEFAULT_SCENARIO, loadScenario, readPatchFile } from "../node/scenarios.ts";
import { compileScenario } from "../scenario/compile.ts";
import { DataFileError } from "../scenario/fileError.ts";
import { ScenarioError } from "../scenario/load.ts";
import { applyPatch, applySet, parseValue } from "../scenario/patch.ts";
import type { Scenario } from "../scenario/schema.ts";
import { scenarioJsonSchema } from "../scenario/schema.ts";
import { ParameterError } from "../sensitivity/parameters.ts";
import { StoreError } from "../store/store.ts";
import { registerExperiments } from "./experiments.ts";
import { registerNew } from "./newScenario.ts";
import { BAD_INPUT, collectSet, parseDate, parseSeed } from "./options.ts";
import { registerServe } from "./serve.ts";
import { registerValidate } from "./validate.ts";

/** Loads a scenario and applies a patch file and `--set` assignments, in that order. */
export function prepareScenario(name: string, patch: string | undefined, sets: string[]): Scenario {
  let { scenario } = loadScenario(name);
  if (patch) scenario = applyPatch(scenario, readPatchFile(patch), patch);
  for (const assignment of sets) {
    const eq = assignment.indexOf("=");
    scenario = applySet(
      scenario,
      assignment.slice(0, eq),
      parseValue(assignment.slice(eq + 1)),
      `--set ${assignment}`,
    );
  }
  return scenario;
}

function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

interface RunOptions {
  scenario: string;
  seed?: number;
  until?: string;
  json?: boolean;
  verbose?: boolean;
  patch?: string;
  set: string[];
}

export function buildProgram(): Command {
  const program = new Command()
    .name("apparat")
    .description("Simulates how administrative power becomes absolute power in a party-state.")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ outputError: (str, write) => write(`apparat: ${str.replace(/^error: /, "")}`) });

  program
    .command("run")
    .description("replay a scenario from a seed: a dated narrative and the outcome")
    .option(
      "-s, --scenario <name|file>",
      "built-in scenario name or path to a YAML/JSON file",
      DEFAULT_SCENARIO,
    )
    .option("--seed <n>", "random seed (default: a fresh one, printed with the result)", parseSeed)
    .option("--until <date>", "stop before this date (YYYY-MM-DD)", parseDate)
    .option("--json", "print one JSON object: scenario, seed, outcome, events, series")
    .option("-v, --verbose", "include every event in the narrative")
    .option("--patch <file>", "scenario patch file (YAML/JSON): fields to change, merged over the scenario")
    .option(
      "--set <path=value>",
      "change one field, e.g. mechanisms.patronage.enabled=false (repeatable)",
      collectSet,
      [],
    )
    .action((opts: RunOptions) => {
      const scenario = prepareScenario(opts.scenario, opts.patch, opts.set);
      const seed = opts.seed ?? randomSeed();
      const result = runScenario(compileScenario(scenario), { seed, until: opts.until });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(result)}\n`);
        return;
      }
      const names = namesOf(scenario);
      const lines = [
        `${scenario.title} (scenario ${scenario.id}, seed ${seed})`,
        "",
        ...narrate(result.events, names, opts.verbose),
        "",
        `Outcome: ${describeOutcome(result.outcome, names)}`,
        `Rerun this history with: node bin/apparat.js run --scenario ${opts.scenario} --seed ${seed}${opts.patch ? ` --patch ${opts.patch}` : ""}${opts.set.map((x) => ` --set ${x}`).join("")}`,
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
    });

  program
    .command("scenarios")
    .description("list the built-in scenarios")
    .option("--json", "machine-readable list")
    .action((opts: { json?: boolean }) => {
      const rows = builtinScenarios().map((name) => {
        const { scenario } = loadScenario(name);
        return { name, title: scenario.title, start: scenario.calendar.start, end: scenario.calendar.end };
      });
      if (opts.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
      else for (const r of rows) process.stdout.write(`${r.name}\t${r.title} (${r.start} to ${r.end})\n`);
    });

  program
    .command("check")
    .description("validate a scenario file against the schema and its cross-references")
    .argument("<file>", "scenario file (YAML or JSON) or built-in name")
    .action((file: string) => {
      const { scenario, file: path } = loadScenario(file);
      compileScenario(scenario);
      process.stdout.write(
        `${path}: valid scenario "${scenario.id}" (schema version ${scenario.schemaVersion})\n`,
      );
    });

  program
    .command("mechanisms")
    .description("list the model's mechanisms: switch, what it does, parameters and the sources behind it")
    .option(
      "-s, --scenario <name|file>",
      "built-in scenario name or path to a YAML/JSON file",
      DEFAULT_SCENARIO,
    )
    .option("--set <path=value>", "change one field first (repeatable)", collectSet, [])
    .option("--json", "machine-readable list")
    .action((opts: { scenario: string; set: string[]; json?: boolean }) => {
      const catalogue = mechanismCatalogue(prepareScenario(opts.scenario, undefined, opts.set));
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
        out.push(`  sources: ${m.sources.map((s) => s.key).join(", ")}`, "");
      }
      process.stdout.write(`${out.join("\n")}\n`);
    });

  program
    .command("schema")
    .description("print the scenario format as JSON Schema")
    .action(() => {
      process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    });

  program
    .command("events")
    .description("list the event vocabulary of run output")
    .addOption(new Option("--json", "machine-readable list"))
    .action((opts: { json?: boolean }) => {
      if (opts.json) process.stdout.write(`${JSON.stringify(EVENT_TYPES)}\n`);
      else
        for (const [type, meaning] of Object.entries(EVENT_TYPES))
          process.stdout.write(`${type.padEnd(16)}${meaning}\n`);
    });

  registerNew(program);
  registerValidate(program);
  registerExperiments(program);
  registerServe(program);
  return program;
}

/** Runs the CLI; bad input ends with a message naming the problem and exit code 2. */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    if (
      err instanceof ScenarioError ||
      err instanceof DataFileError ||
      err instanceof StoreError ||
      err instanceof PlanError ||
      err instanceof OutcomeError ||
      err instanceof ParameterError ||
      err instanceof DiscoveryError
    ) {
      process.stderr.write(`apparat: ${err.message}\n`);
      process.exitCode = BAD_INPUT;
      return;
    }
    throw err;
  }
}

// A reader that stops early (`| head`) is not an error.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

await main(process.argv);
