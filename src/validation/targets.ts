/**
 * Calibration targets: facts of the historical record that a replay is scored against. They are data, kept
 * in `validation/<scenario-id>.targets.yaml`; the engine never reads them. Pure: no file system here, so it
 * runs in a browser; the Node side reads the file and passes its text in.
 */
import { z } from "zod";
import { DataFileError, schemaIssue } from "../scenario/fileError.ts";
import { isMapping, type LocatedIssue, readYaml } from "../scenario/yamlText.ts";

/** Version of the targets format. */
export const TARGETS_SCHEMA_VERSION = 1;

/** Party-wide series a `series-at` target may read (see src/kernel/series.ts). */
export const TARGET_SERIES = ["members", "committeeSize", "politburoSize"] as const;
export type TargetSeries = (typeof TARGET_SERIES)[number];

export const TARGET_KINDS = [
  "series-at",
  "vote-share",
  "removal-by",
  "order",
  "sole-leader",
  "side-at",
  "leader",
  "seat-at",
] as const;

/**
 * Which set a target belongs to. The model's parameters and mechanisms may be adjusted while watching the
 * `tune` set; the `check` set is reported beside it but never tuned on, so it shows how the model does on
 * facts it was not fitted to.
 */
export const TARGET_SETS = ["tune", "check"] as const;
export type TargetSet = (typeof TARGET_SETS)[number];
export type TargetKind = (typeof TARGET_KINDS)[number];

const id = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, "must be lower-case letters, digits and dashes, starting with a letter");

const isoDate = z.iso.date({ message: "must be a date written YYYY-MM-DD" });
const interval = (what: string) =>
  z
    .tuple([z.number(), z.number()], { message: `must be [low, high], two numbers (${what})` })
    .refine((r) => r[0] <= r[1], { message: "must be [low, high] with low <= high" });

/** Fields every target has. `date` orders targets and decides the first divergence of a run. */
const common = {
  id,
  label: z.string().min(1, "must be a readable sentence"),
  date: isoDate.describe(
    "the date at which (series-at, seat-at) or by which (removal-by, order, sole-leader, leader) the target is judged",
  ),
  source: z.string().min(1, "must name source keys (see `sources`), joined with '; '"),
  set: z
    .enum(TARGET_SETS)
    .default("tune")
    .describe("tune: may be watched while adjusting the model; check: never"),
  note: z.string().optional(),
};

const seriesAtSchema = z
  .strictObject({
    ...common,
    kind: z.literal("series-at"),
    series: z.enum(TARGET_SERIES, { message: `must be one of ${TARGET_SERIES.join(", ")}` }),
    value: z.number().positive().describe("the historical value"),
    tolerance: z
      .number()
      .gt(0, "must be a relative tolerance above 0")
      .lt(1, "must be a relative tolerance below 1")
      .optional()
      .describe("passes within value x (1 +- tolerance), bounds included"),
    range: interval("the accepted values").optional().describe("passes inside [low, high], bounds included"),
  })
  .refine((t) => (t.tolerance === undefined) !== (t.range === undefined), {
    message: "give exactly one of tolerance or range",
    path: ["tolerance"],
  });

const voteShareSchema = z
  .strictObject({
    ...common,
    kind: z.literal("vote-share"),
    body: id.describe("the body that votes (scenario id)"),
    motion: z.string().min(1),
    window: z
      .tuple([isoDate, isoDate], { message: "must be [from, to], two dates" })
      .refine((w) => w[0] <= w[1], { message: "must be [from, to] with from <= to" })
      .describe("the first such vote held in this window (bounds included) is judged"),
    value: z.number().min(0).max(1).describe("the historical share of votes against"),
    range: interval("shares")
      .refine((r) => r[0] >= 0 && r[1] <= 1, { message: "shares must lie in [0, 1]" })
      .describe("accepted share of votes against among votes cast, bounds included"),
  })
  .refine((t) => t.window[0] <= t.date && t.date <= t.window[1], {
    message: "date must lie inside window",
    path: ["date"],
  });

/** A step of the scenario's ladder, by id (checked against the scenario when it is known). */
const rung = id.describe("a step of the scenario's elimination ladder, by id");

const removalBySchema = z
  .strictObject({
    ...common,
    kind: z.literal("removal-by"),
    person: id,
    rung,
    notBefore: isoDate.describe("removal earlier than this is a miss (too early)"),
  })
  .refine((t) => t.notBefore <= t.date, { message: "notBefore must not be after date", path: ["notBefore"] });

const orderSchema = z
  .strictObject({
    ...common,
    kind: z.literal("order"),
    rung,
    before: z
      .array(id)
      .min(1, "must name at least one person")
      .describe("the group that loses the rung first"),
    after: z
      .array(id)
      .min(1, "must name at least one person")
      .describe("the group that loses it later, if at all"),
  })
  .refine((t) => !t.before.some((p) => t.after.includes(p)), {
    message: "a person cannot be in both before and after",
    path: ["after"],
  });

const soleLeaderSchema = z.strictObject({
  ...common,
  kind: z.literal("sole-leader"),
  leader: id,
});

const sideAtSchema = z
  .strictObject({
    ...common,
    kind: z.literal("side-at"),
    with: z.array(id).min(1, "must name at least one person").describe("people on the ruling side on `date`"),
    without: z.array(id).default([]).describe("people not on the ruling side on `date`"),
  })
  .refine((t) => !t.with.some((p) => t.without.includes(p)), {
    message: "a person cannot be in both with and without",
    path: ["without"],
  });

/** Outcome kinds a `leader` target may accept (see src/kernel/outcome.ts). */
export const LEADING_OUTCOMES = ["sole-leader", "dominant-leader"] as const;

const leaderSchema = z.strictObject({
  ...common,
  kind: z.literal("leader"),
  leader: id,
  outcomes: z
    .array(z.enum(LEADING_OUTCOMES, { message: `must be one of ${LEADING_OUTCOMES.join(", ")}` }))
    .min(1, "must name at least one outcome kind")
    .describe("the run's outcome must be one of these, naming the leader (sole leadership by the date)"),
});

const seatAtSchema = z.strictObject({
  ...common,
  kind: z.literal("seat-at"),
  person: id.describe("a leader (the series has a row for leaders only)"),
  seated: z.boolean().describe("true: he holds a full seat in the top body on the date; false: he does not"),
});

export const targetSchema = z.discriminatedUnion("kind", [
  leaderSchema,
  seatAtSchema,
  seriesAtSchema,
  voteShareSchema,
  removalBySchema,
  orderSchema,
  soleLeaderSchema,
  sideAtSchema,
]);
export type Target = z.infer<typeof targetSchema>;
export type SeriesAtTarget = z.infer<typeof seriesAtSchema>;
export type VoteShareTarget = z.infer<typeof voteShareSchema>;
export type RemovalByTarget = z.infer<typeof removalBySchema>;
export type OrderTarget = z.infer<typeof orderSchema>;
export type SoleLeaderTarget = z.infer<typeof soleLeaderSchema>;
export type SideAtTarget = z.infer<typeof sideAtSchema>;
export type LeaderTarget = z.infer<typeof leaderSchema>;
export type SeatAtTarget = z.infer<typeof seatAtSchema>;

export const targetsFileSchema = z.strictObject({
  schemaVersion: z.literal(TARGETS_SCHEMA_VERSION, {
    message: `must be ${TARGETS_SCHEMA_VERSION} (the targets format this Apparat reads)`,
  }),
  scenario: id.describe("id of the scenario these targets score"),
  description: z.string().optional(),
  sources: z
    .record(z.string(), z.string().min(1))
    .describe("every source key used by a target, with what it stands for"),
  targets: z.array(targetSchema).min(1, "must hold at least one target"),
});
export type TargetsFile = z.infer<typeof targetsFileSchema>;

/** One problem in a targets file, located as precisely as the text allows. */
export type TargetsIssue = LocatedIssue;

/** Thrown when a targets file cannot be used; its message lists every issue with file, line and field. */
export class TargetsError extends DataFileError {
  /** `headline` replaces the whole message (a file that cannot be read has no issues to list). */
  constructor(file: string, issues: TargetsIssue[], headline?: string) {
    super("targets file", file, issues, headline);
    this.name = "TargetsError";
  }
}

/** Ids a targets file may refer to: the scenario's people and bodies. */
export interface KnownIds {
  people: readonly string[];
  bodies: readonly string[];
  /** Ids of the scenario's ladder steps, in order. */
  ladder?: readonly string[];
}

function issueMessage(issue: z.core.$ZodIssue): { path: PropertyKey[]; message: string } {
  if (issue.code === "invalid_union" && issue.discriminator === "kind")
    return { path: [...issue.path], message: `must be one of ${TARGET_KINDS.join(", ")}` };
  return schemaIssue(issue);
}

/** Checks what the schema alone cannot: unique ids, defined source keys, and ids the scenario knows. */
function crossCheck(
  tf: TargetsFile,
  known: KnownIds | undefined,
): { path: PropertyKey[]; message: string }[] {
  const out: { path: PropertyKey[]; message: string }[] = [];
  const seen = new Set<string>();
  const people = known ? new Set(known.people) : null;
  const bodies = known ? new Set(known.bodies) : null;
  const ladder = known?.ladder ? new Set(known.ladder) : null;
  const person = (p: string, path: PropertyKey[]) => {
    if (people && !people.has(p)) out.push({ path, message: `unknown person "${p}" in the scenario` });
  };
  const step = (r: string, path: PropertyKey[]) => {
    if (ladder && !ladder.has(r))
      out.push({
        path,
        message: `unknown ladder step "${r}" (the scenario's ladder: ${[...ladder].join(", ")})`,
      });
  };
  tf.targets.forEach((t, i) => {
    if (seen.has(t.id)) out.push({ path: ["targets", i, "id"], message: `duplicate id "${t.id}"` });
    seen.add(t.id);
    for (const key of t.source
      .split(";")
      .map((s) => s.trim())
      .filter(Boolean)) {
      if (!Object.hasOwn(tf.sources, key))
        out.push({
          path: ["targets", i, "source"],
          message: `source key "${key}" is not defined in sources`,
        });
    }
    switch (t.kind) {
      case "vote-share":
        if (bodies && !bodies.has(t.body))
          out.push({ path: ["targets", i, "body"], message: `unknown body "${t.body}" in the scenario` });
        break;
      case "removal-by":
        person(t.person, ["targets", i, "person"]);
        step(t.rung, ["targets", i, "rung"]);
        break;
      case "order":
        step(t.rung, ["targets", i, "rung"]);
        t.before.forEach((p, j) => {
          person(p, ["targets", i, "before", j]);
        });
        t.after.forEach((p, j) => {
          person(p, ["targets", i, "after", j]);
        });
        break;
      case "sole-leader":
      case "leader":
        person(t.leader, ["targets", i, "leader"]);
        break;
      case "side-at":
        t.with.forEach((p, j) => {
          person(p, ["targets", i, "with", j]);
        });
        t.without.forEach((p, j) => {
          person(p, ["targets", i, "without", j]);
        });
        break;
      case "seat-at":
        person(t.person, ["targets", i, "person"]);
        break;
      case "series-at":
        break;
    }
  });
  return out;
}

/**
 * Parses and validates a targets file (YAML or JSON). `file` names the source in error messages; with
 * `known`, every person and body a target names must exist in the scenario.
 *
 * @example
 * const tf = parseTargets(readFileSync(path, "utf8"), path, { people: ["a"], bodies: ["congress"] });
 */
export function parseTargets(text: string, file = "<targets>", known?: KnownIds): TargetsFile {
  const yaml = readYaml(text);
  if (yaml.syntax.length > 0) throw new TargetsError(file, yaml.syntax);
  const data = yaml.data;
  if (!isMapping(data))
    throw new TargetsError(file, [{ path: "", message: "the file must hold one object (a mapping)" }]);
  const located = (issues: { path: PropertyKey[]; message: string }[]): TargetsIssue[] =>
    issues.map(({ path, message }) => yaml.locate(path, message));
  const result = targetsFileSchema.safeParse(data);
  if (!result.success) throw new TargetsError(file, located(result.error.issues.map(issueMessage)));
  const cross = crossCheck(result.data, known);
  if (cross.length > 0) throw new TargetsError(file, located(cross));
  return result.data;
}
