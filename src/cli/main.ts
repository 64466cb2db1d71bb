/** The `apparat` command line. */

import { Command, Option } from "commander";
import { DEFAULT_SCENARIO } from "../node/builtins.ts";
import { registerExperiments } from "./experiments.ts";
import { BAD_INPUT, collectSet, parseDate, parseSeed, wholeNumber } from "./options.ts";
import type { RunOptions } from "./runCommands.ts";
import { registerServe } from "./serve.ts";
import { registerValidate } from "./validate.ts";
import { VERSION } from "./version.ts";

/** The commands' work, loaded when one runs: `--help` and `--version` stay fast. */
const commands = () => import("./runCommands.ts");

export function buildProgram(): Command {
  const program = new Command()
    .name("apparat")
    .description("Simulates how administrative power becomes absolute power in a party-state.")
    .version(VERSION, "-V, --version", "print the version")
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
    .option(
      "--history [file]",
      "set the run beside the historical record: each dated event with the run's counterpart and the difference in months (default file: validation/<scenario-id>.history.yaml)",
    )
    .option("--patch <file>", "scenario patch file (YAML/JSON): fields to change, merged over the scenario")
    .option(
      "--set <path=value>",
      "change one field, e.g. mechanisms.patronage.enabled=false (repeatable)",
      collectSet,
      [],
    )
    .action(async (opts: RunOptions) => (await commands()).run(opts));

  program
    .command("scenarios")
    .description("list the built-in scenarios")
    .option("--json", "machine-readable list")
    .action(async (opts: { json?: boolean }) => (await commands()).scenarios(opts));

  program
    .command("check")
    .description("validate a scenario file against the schema and its cross-references")
    .argument("<file>", "scenario file (YAML or JSON) or built-in name")
    .action(async (file: string) => (await commands()).check(file));

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
    .action(async (opts: { scenario: string; set: string[]; json?: boolean }) =>
      (await commands()).mechanisms(opts),
    );

  program
    .command("schema")
    .description("print the scenario format as JSON Schema")
    .action(async () => (await commands()).schema());

  program
    .command("events")
    .description("list the event vocabulary of run output")
    .addOption(new Option("--json", "machine-readable list"))
    .action(async (opts: { json?: boolean }) => (await commands()).events(opts));

  program
    .command("new")
    .description("write a commented starting file for a new scenario (NAME.yaml)")
    .argument("<name>", "scenario id: lower-case letters, digits and dashes, starting with a letter")
    .option("-o, --out <file>", "where to write it (default: NAME.yaml in this directory)")
    .option("--force", "overwrite the file if it exists")
    .action(async (name: string, opts: { out?: string; force?: boolean }) =>
      (await import("./newScenario.ts")).writeNew(name, opts),
    );
  program
    .command("play")
    .description("take a leader's seat, turn by turn, against rivals who play by the model's rules")
    .requiredOption("--as <leader>", "the leader you play (his id in the scenario)")
    .option(
      "-s, --scenario <name|file>",
      "built-in scenario name or path to a YAML/JSON file",
      DEFAULT_SCENARIO,
    )
    .option("--seed <n>", "random seed (default: a fresh one, printed at the start)", parseSeed)
    .option("--moves <file>", "play a scripted game: a saved game (JSON) or commands one a line")
    .option("--until <date>", "end the game before this date (YYYY-MM-DD)", parseDate)
    .action(async (opts: import("./play.ts").PlayOptions) => (await import("./play.ts")).play(opts));

  program
    .command("bestplay")
    .description(
      "how often a leader wins under the model's own play, doing nothing, and search, with 95% intervals",
    )
    .requiredOption("--as <leader>", "the leader whose seat the policies take")
    .option("--runs <n>", "seeds per policy", wholeNumber("--runs", 1, 100000), 20)
    .option(
      "--budget <n>",
      "search: rollouts per candidate action at each turn",
      wholeNumber("--budget", 1, 1000),
      2,
    )
    .option(
      "--horizon <weeks>",
      "search: how far each rollout looks ahead",
      wholeNumber("--horizon", 1, 2000),
      12,
    )
    .option(
      "--candidates <n>",
      "search: most actions tried at each turn",
      wholeNumber("--candidates", 1, 100),
      8,
    )
    .option(
      "-s, --scenario <name|file>",
      "built-in scenario name or path to a YAML/JSON file",
      DEFAULT_SCENARIO,
    )
    .option("--seed <n>", "first seed (runs use seed, seed+1, ...)", parseSeed, 1)
    .option("--until <date>", "end each game before this date (YYYY-MM-DD)", parseDate)
    .option("--json", "print one JSON object")
    .action(async (opts: import("./play.ts").BestplayOptions) => (await import("./play.ts")).bestplay(opts));

  registerValidate(program);
  registerExperiments(program);
  registerServe(program);
  return program;
}

/**
 * Errors about the user's input (a scenario, data file, store, plan, outcome, sensitivity parameter or
 * discovery request), told apart by name so that catching them does not load the modules that throw them.
 * Their message is printed alone, with exit code 2.
 */
const BAD_INPUT_ERRORS = new Set([
  "ScenarioError",
  "DataFileError",
  "TargetsError",
  "StoreError",
  "PlanError",
  "OutcomeError",
  "ParameterError",
  "DiscoveryError",
  "HistoryError",
  "BibliographyError",
  "LessonError",
]);

/** Runs the CLI; bad input ends with a message naming the problem and exit code 2. */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    if (err instanceof Error && BAD_INPUT_ERRORS.has(err.name)) {
      process.stderr.write(`apparat: ${err.message}\n`);
      process.exitCode = BAD_INPUT;
      return;
    }
    // A usage error a command finds once it runs (commander prints those it finds reading the options).
    if (err instanceof Error && err.name === "InvalidArgumentError") {
      process.stderr.write(`apparat: ${err.message}\n`);
      process.exitCode = 1;
      return;
    }
    if (err instanceof Error && err.name === "MissingPackageError") {
      process.stderr.write(`apparat: ${err.message}\n`);
      process.exitCode = 1;
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
