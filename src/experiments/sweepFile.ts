/**
 * Sweep files: which parameters to vary, over which values or ranges, with which design and how many runs
 * per point. Every value the design can produce is checked against the scenario's own schema before any run
 * (the ends of a range, every listed value), so an absurd value is named before hours are spent. Pure.
 */
import { z } from "zod";
import { DataFileError, schemaIssue } from "../scenario/fileError.ts";
import { assignmentProblem } from "../scenario/patch.ts";
import type { Scenario } from "../scenario/schema.ts";
import { isMapping, type LocatedIssue, readYaml } from "../scenario/yamlText.ts";
import {
  DESIGN_KINDS,
  type DesignPoint,
  factorial,
  latinHypercube,
  randomDesign,
  type SweptParameter,
} from "./design.ts";
import { questionIssues, questionSchema } from "./factors.ts";
import type { Question } from "./types.ts";

export const SWEEP_SCHEMA_VERSION = 1;
/** More points than this is almost surely a mistake in the file (a factorial of many fine grids). */
export const MAX_POINTS = 100_000;

const scalar = z.union([z.number(), z.boolean(), z.string()]);

const parameterSchema = z
  .strictObject({
    path: z.string().min(1).describe("scenario field, as in --set"),
    values: z.array(scalar).min(1).optional().describe("the values to take"),
    range: z
      .tuple([z.number(), z.number()])
      .optional()
      .refine((r) => r === undefined || r[0] <= r[1], "the low end must not exceed the high end")
      .describe("numeric range [low, high]"),
    steps: z
      .number()
      .int()
      .min(2)
      .max(1000)
      .optional()
      .describe("factorial over a range: levels including both ends"),
    integer: z.boolean().optional().describe("round values to whole numbers"),
  })
  .refine((p) => (p.values === undefined) !== (p.range === undefined), {
    message: "give either values or range, not both or neither",
  });

export const sweepFileSchema = z.strictObject({
  schemaVersion: z.literal(SWEEP_SCHEMA_VERSION),
  name: z.string().min(1).optional(),
  scenario: z.string().min(1).optional().describe("built-in scenario name or path (default: --scenario)"),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
  runsPerPoint: z.number().int().min(1).max(100_000),
  design: z.enum(DESIGN_KINDS as [string, ...string[]]),
  points: z.number().int().min(1).max(MAX_POINTS).optional().describe("latin-hypercube and random: how many"),
  question: questionSchema.optional(),
  parameters: z.array(parameterSchema).min(1, "name at least one parameter to sweep"),
});

export interface SweepFile {
  name?: string;
  scenario?: string;
  seed: number;
  runsPerPoint: number;
  design: (typeof DESIGN_KINDS)[number];
  points?: number;
  question?: Question;
  parameters: SweptParameter[];
}

/**
 * Parses a sweep file's text (YAML or JSON) and checks its structure. Scenario checks come later, in
 * `checkSweep`, once the scenario is known.
 *
 * @example
 * const sweep = parseSweep(readFileSync(f, "utf8"), f);
 */
export function parseSweep(text: string, file: string): SweepFile {
  const yaml = readYaml(text);
  const fail = (issues: LocatedIssue[]) => new DataFileError("sweep file", file, issues);
  if (yaml.syntax.length > 0) throw fail(yaml.syntax);
  if (!isMapping(yaml.data)) throw fail([{ path: "", message: "the file must hold one object (a mapping)" }]);
  const parsed = sweepFileSchema.safeParse(yaml.data);
  if (!parsed.success)
    throw fail(parsed.error.issues.map(schemaIssue).map(({ path, message }) => yaml.locate(path, message)));
  const s = parsed.data as SweepFile;
  const issues: { path: PropertyKey[]; message: string }[] = [];
  if (s.design === "factorial" && s.points !== undefined)
    issues.push({
      path: ["points"],
      message: "a factorial design has as many points as combinations; drop points",
    });
  if (s.design !== "factorial" && s.points === undefined)
    issues.push({ path: ["points"], message: `a ${s.design} design needs points: how many to draw` });
  s.parameters.forEach((p, i) => {
    if (s.design !== "factorial" && p.steps !== undefined)
      issues.push({ path: ["parameters", i, "steps"], message: "steps apply to factorial designs only" });
  });
  const seen = new Set<string>();
  s.parameters.forEach((p, i) => {
    if (seen.has(p.path))
      issues.push({ path: ["parameters", i, "path"], message: `"${p.path}" is swept twice` });
    seen.add(p.path);
  });
  if (s.design === "factorial") {
    const count = s.parameters.reduce((n, p) => n * (p.values?.length ?? p.steps ?? 2), 1);
    if (count > MAX_POINTS)
      issues.push({ path: ["parameters"], message: `the grid has ${count} points, more than ${MAX_POINTS}` });
  }
  if (issues.length > 0) throw fail(issues.map(({ path, message }) => yaml.locate(path, message)));
  return s;
}

/** Every value a parameter can take at the extremes: listed values, or both ends of the range. */
function extremes(p: SweptParameter): unknown[] {
  return p.values ?? [p.range![0], p.range![1]];
}

/**
 * Checks a sweep against the scenario it will change: each path exists and each extreme value passes the
 * scenario's schema (probabilities in [0, 1], estimates inside their stated range...). Throws DataFileError.
 */
export function checkSweep(s: SweepFile, file: string, scenario: Scenario, question: Question): void {
  const issues: LocatedIssue[] = [];
  for (const [i, p] of s.parameters.entries()) {
    for (const value of extremes(p)) {
      const problem = assignmentProblem(scenario, p.path, value);
      if (!problem) continue;
      issues.push({
        path: `parameters[${i}]`,
        message: `${p.path} = ${JSON.stringify(value)}: ${problem.message}`,
      });
      break;
    }
  }
  for (const q of questionIssues(question, scenario))
    issues.push({ path: `question.${String(q.path[0])}`, message: q.message });
  if (issues.length > 0) throw new DataFileError("sweep file", file, issues);
}

/** The design points of a sweep. */
export function designPoints(s: SweepFile): DesignPoint[] {
  switch (s.design) {
    case "factorial":
      return factorial(s.parameters);
    case "latin-hypercube":
      return latinHypercube(s.parameters, s.points!, s.seed);
    default:
      return randomDesign(s.parameters, s.points!, s.seed);
  }
}
