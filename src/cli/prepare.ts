/** A scenario as the command line names it: a built-in name or a file, then a patch file and `--set`s. */
import { loadScenario, readPatchFile } from "../node/scenarios.ts";
import { applyPatch, applySet, parseValue } from "../scenario/patch.ts";
import type { Scenario } from "../scenario/schema.ts";

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
