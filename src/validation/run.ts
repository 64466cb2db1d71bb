/**
 * Node side of validation: reads a targets file and scores many seeds of a compiled scenario against it.
 * Runs are sequential; each run's result is scored and dropped at once, so memory stays flat.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type RunResult, runScenario } from "../kernel/engine.ts";
import type { Outcome } from "../kernel/outcome.ts";
import { readTextFile } from "../node/textFile.ts";
import type { CompiledScenario } from "../scenario/compile.ts";
import {
  type Aggregate,
  aggregate,
  firstDivergence,
  type MissReason,
  scoreRun,
  type TargetResult,
} from "./score.ts";
import { parseTargets, type Target, TargetsError, type TargetsFile } from "./targets.ts";

/** Where the built-in targets files live: `validation/<scenario-id>.targets.yaml` in the repository. */
export const VALIDATION_DIR = fileURLToPath(new URL("../../validation/", import.meta.url));

/** The targets file that goes with a scenario id by default. */
export function defaultTargetsFile(scenarioId: string): string {
  return resolve(VALIDATION_DIR, `${scenarioId}.targets.yaml`);
}

/**
 * Reads and validates a targets file; every person and body it names must exist in the scenario.
 * Throws TargetsError naming the file when it is missing or invalid.
 */
export function loadTargets(file: string, sc: CompiledScenario): TargetsFile {
  if (!existsSync(file)) {
    const message = `no targets file ${file} for scenario "${sc.id}" (write one, or name one with --targets)`;
    throw new TargetsError(file, [{ path: "", message }], message);
  }
  const read = readTextFile(file);
  if ("issue" in read) throw new TargetsError(file, [read.issue]);
  return parseTargets(read.text, file, {
    people: sc.people.map((p) => p.id),
    bodies: sc.bodies.map((b) => b.id),
    ladder: sc.ladder.map((r) => r.id),
  });
}

export interface ValidateOptions {
  runs: number;
  firstSeed: number;
  /** Called after each run. */
  onProgress?: (done: number, total: number, seed: number) => void;
}

/** One run's score in brief. */
export interface RunScore {
  seed: number;
  outcome: Outcome;
  /** Targets met. */
  passed: number;
  missed: { id: string; reason: MissReason; detail: string }[];
  /** The earliest-dated target missed, or null. */
  firstDivergence: string | null;
}

export interface ValidationReport {
  scenario: { id: string; title: string };
  seeds: { first: number; last: number };
  aggregate: Aggregate;
  runs: RunScore[];
}

function brief(result: RunResult, targets: readonly Target[], results: TargetResult[]): RunScore {
  return {
    seed: result.seed,
    outcome: result.outcome,
    passed: results.filter((r) => r.passed).length,
    missed: results.flatMap((r) => (r.passed ? [] : [{ id: r.id, reason: r.reason!, detail: r.detail }])),
    firstDivergence: firstDivergence(targets, results)?.id ?? null,
  };
}

/**
 * Runs seeds firstSeed .. firstSeed + runs - 1 of a compiled scenario, one after another, and scores each
 * against the targets.
 *
 * @example
 * const report = validate(compileScenario(scenario), loadTargets(file, compiled).targets, { runs: 200, firstSeed: 1 });
 * report.aggregate.overall; // mean share of runs meeting each target
 */
export function validate(
  sc: CompiledScenario,
  targets: readonly Target[],
  options: ValidateOptions,
): ValidationReport {
  const { runs, firstSeed } = options;
  if (!Number.isSafeInteger(runs) || runs < 1)
    throw new RangeError(`runs must be a positive integer, got ${runs}`);
  if (!Number.isSafeInteger(firstSeed) || firstSeed < 0 || !Number.isSafeInteger(firstSeed + runs - 1))
    throw new RangeError(`firstSeed must be a non-negative integer, got ${firstSeed}`);
  const perRun: TargetResult[][] = [];
  const scores: RunScore[] = [];
  for (let k = 0; k < runs; k++) {
    const seed = firstSeed + k;
    const result = runScenario(sc, { seed });
    const results = scoreRun(result, targets);
    perRun.push(results);
    scores.push(brief(result, targets, results));
    options.onProgress?.(k + 1, runs, seed);
  }
  return {
    scenario: { id: sc.id, title: sc.title },
    seeds: { first: firstSeed, last: firstSeed + runs - 1 },
    aggregate: aggregate(targets, perRun),
    runs: scores,
  };
}
