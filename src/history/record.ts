/**
 * The historical record of a scenario, event by event: what happened, when, on whose authority, and which
 * event of a run stands for it. Kept as data in `validation/<scenario-id>.history.yaml`; the engine never
 * reads it. Pure: the Node side reads the file and passes its text in, and the dashboard gets it parsed.
 */
import { z } from "zod";
import { EVENT_TYPES, type EventType } from "../kernel/events.ts";
import { DEFAULT_LADDER } from "../scenario/compile.ts";
import { DataFileError, schemaIssue } from "../scenario/fileError.ts";
import type { Scenario } from "../scenario/schema.ts";
import { isMapping, type LocatedIssue, readYaml } from "../scenario/yamlText.ts";

/** Version of the history file format. */
export const HISTORY_SCHEMA_VERSION = 1;

/** Months early or late that still count as keeping to the record, when the file does not say. */
export const DEFAULT_TOLERANCE_MONTHS = 6;

const id = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, "must be lower-case letters, digits and dashes, starting with a letter");
const isoDate = z.iso.date({ message: "must be a date written YYYY-MM-DD" });
const eventType = z.enum(Object.keys(EVENT_TYPES) as [EventType, ...EventType[]], {
  message: "must be an event type of the run (see `apparat events`)",
});

/** What a run event must be and carry to stand for a historical event. Every field given must hold. */
export const matchSchema = z.strictObject({
  type: eventType,
  person: id.optional().describe("the person the event is about (removed, dies, appointed, named in it)"),
  by: id.optional().describe("one of those who act: proposers of a removal, accusers, the appointer"),
  patron: id.optional().describe("appointment: the appointee is this leader's protégé"),
  rung: id.optional().describe("removal: the step down the scenario's ladder (its id)"),
  office: id.optional().describe("appointment to, or removal from, this office"),
  region: id.optional().describe("appointment to this regional party organisation"),
  body: id.optional().describe("the body that votes, elects or is joined"),
  members: z.array(id).min(1).optional().describe("alliance or platform: all of these among its members"),
  kind: z.enum(["ruling", "opposition"]).optional().describe("alliance: ruling coalition or opposition bloc"),
  fate: z.enum(["written", "published", "read", "suppressed"]).optional().describe("testament"),
  absent: z.array(id).min(1).optional().describe("legacy: all of these missed the founder's funeral"),
  motion: z.string().min(1).optional().describe("vote: the motion"),
  accepted: z.boolean().optional().describe("resignation offer: accepted or refused"),
  number: z.number().int().positive().optional().describe("congress: its ordinal, as the scenario counts"),
  congress: z
    .number()
    .int()
    .positive()
    .optional()
    .describe("held at this congress (by ordinal): after it opens, before the next"),
  shock: id.optional().describe("shock: the scenario's shock id"),
});
export type MatchSpec = z.infer<typeof matchSchema>;
type MatchField = Exclude<keyof MatchSpec, "type">;

/** The match fields each event type can be checked against (all types: `congress`). */
export const MATCH_FIELDS: Record<EventType, readonly MatchField[]> = {
  appointment: ["person", "by", "patron", "office", "region", "body"],
  removal: ["person", "by", "rung", "office"],
  "alliance-formed": ["person", "members", "kind"],
  "alliance-broken": ["person", "by", "members", "kind"],
  vote: ["person", "by", "body", "motion"],
  election: ["body"],
  congress: ["number"],
  membership: [],
  incapacitation: ["person"],
  recovery: ["person"],
  death: ["person"],
  shock: ["shock"],
  enrolment: ["by"],
  platform: ["person", "members"],
  "factionalism-charge": ["person", "by"],
  testament: ["person", "fate"],
  "resignation-offer": ["person", "accepted"],
  recantation: ["person"],
  "truce-broken": ["person"],
  resistance: ["person"],
  "line-shift": ["person"],
  legacy: ["person", "absent"],
  "sole-leader": ["person"],
  "sole-leadership-lapsed": ["person"],
  session: ["by", "body"],
  reversal: ["person", "body"],
  "office-created": ["person", "office"],
  "office-abolished": ["person", "office"],
  transfer: ["person", "office"],
  courting: ["person", "by"],
  backing: ["person"],
  restraint: ["person", "by"],
  "patron-change": ["person", "by"],
  force: ["by", "body"],
  coup: ["person", "by"],
  repudiation: ["person", "by"],
  rehabilitation: ["person", "by", "body"],
};

export const historicalEventSchema = z.strictObject({
  id,
  date: isoDate.describe("the day the record gives, or the day differences are counted from"),
  when: z
    .string()
    .min(1)
    .optional()
    .describe("the date in words where the record gives a range or only a month or a year"),
  text: z.string().min(1, "must say what happened, in a sentence"),
  note: z.string().optional(),
  source: z.string().min(1, "must name source keys, joined with '; '"),
  role: z.enum(["input", "outcome"], {
    message: "must be input (the scenario schedules it) or outcome (the model must produce it)",
  }),
  match: matchSchema,
  tolerance: z.number().min(0).max(120).optional().describe("months early or late that still keep to it"),
  pick: z
    .enum(["first", "nearest"], { message: "must be first or nearest" })
    .default("first")
    .describe(
      "first: the earliest run event not yet taken (the n-th stroke pairs with the n-th); nearest: the one closest in time, for events a run may repeat (alliances forming and breaking)",
    ),
});
export type HistoricalEvent = z.infer<typeof historicalEventSchema>;

export const historyFileSchema = z.strictObject({
  schemaVersion: z.literal(HISTORY_SCHEMA_VERSION, {
    message: `must be ${HISTORY_SCHEMA_VERSION} (the history format this Apparat reads)`,
  }),
  scenario: id.describe("id of the scenario this record belongs to"),
  tolerance: z.number().min(0).max(120).default(DEFAULT_TOLERANCE_MONTHS),
  events: z.array(historicalEventSchema).min(1, "must hold at least one event"),
});
export type HistoryRecord = z.infer<typeof historyFileSchema>;

/** Thrown when a history file cannot be used; its message lists every issue with file, line and field. */
export class HistoryError extends DataFileError {
  constructor(file: string, issues: LocatedIssue[], headline?: string) {
    super("history file", file, issues, headline);
    this.name = "HistoryError";
  }
}

/** Ids a history file may refer to, from its scenario. */
export interface HistoryIds {
  people: readonly string[];
  offices: readonly string[];
  regions: readonly string[];
  bodies: readonly string[];
  shocks: readonly string[];
  /** The ladder's step ids. */
  rungs: readonly string[];
}

type Issue = { path: PropertyKey[]; message: string };

function crossCheck(h: HistoryRecord, known: HistoryIds | undefined): Issue[] {
  const out: Issue[] = [];
  const seen = new Set<string>();
  const sets = known && {
    person: new Set(known.people),
    office: new Set(known.offices),
    region: new Set(known.regions),
    body: new Set(known.bodies),
    shock: new Set(known.shocks),
    rung: new Set(known.rungs),
  };
  h.events.forEach((e, i) => {
    const at = (...path: PropertyKey[]) => ["events", i, ...path];
    if (seen.has(e.id)) out.push({ path: at("id"), message: `duplicate id "${e.id}"` });
    seen.add(e.id);
    if (i > 0 && e.date < h.events[i - 1]!.date)
      out.push({
        path: at("date"),
        message: `${e.date} comes before the previous event's date: keep dates in order`,
      });
    const allowed = new Set<string>([...MATCH_FIELDS[e.match.type], "congress"]);
    for (const field of Object.keys(e.match)) {
      if (field === "type" || allowed.has(field)) continue;
      out.push({
        path: at("match", field),
        message: `does not apply to a ${e.match.type} event (it can match ${[...allowed].join(", ")})`,
      });
    }
    if (!sets) return;
    const check = (kind: keyof typeof sets, value: string | undefined, path: PropertyKey[]) => {
      if (value !== undefined && !sets[kind].has(value))
        out.push({ path, message: `unknown ${kind} "${value}" in the scenario` });
    };
    check("person", e.match.person, at("match", "person"));
    check("person", e.match.by, at("match", "by"));
    check("person", e.match.patron, at("match", "patron"));
    check("office", e.match.office, at("match", "office"));
    check("region", e.match.region, at("match", "region"));
    check("body", e.match.body, at("match", "body"));
    check("shock", e.match.shock, at("match", "shock"));
    check("rung", e.match.rung, at("match", "rung"));
    for (const field of ["members", "absent"] as const)
      for (const [j, p] of (e.match[field] ?? []).entries()) check("person", p, at("match", field, j));
  });
  return out;
}

/** Source keys an event cites, in order. */
export function sourceKeys(source: string): string[] {
  return source
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Parses and checks a history file (YAML or JSON). `file` names it in error messages; with `known`, every
 * person, office, region, body, shock and ladder step a match names must exist in the scenario.
 *
 * @example
 * const record = parseHistory(readFileSync(path, "utf8"), path, historyIdsOf(scenario));
 */
export function parseHistory(text: string, file = "<history>", known?: HistoryIds): HistoryRecord {
  const yaml = readYaml(text);
  if (yaml.syntax.length > 0) throw new HistoryError(file, yaml.syntax);
  const data = yaml.data;
  if (!isMapping(data))
    throw new HistoryError(file, [{ path: "", message: "the file must hold one object (a mapping)" }]);
  const located = (issues: Issue[]) => issues.map(({ path, message }) => yaml.locate(path, message));
  const result = historyFileSchema.safeParse(data);
  if (!result.success) throw new HistoryError(file, located(result.error.issues.map(schemaIssue)));
  const cross = crossCheck(result.data, known);
  if (cross.length > 0) throw new HistoryError(file, located(cross));
  return result.data;
}

/** The ids a scenario defines, for checking the record's matches against it. */
export function historyIdsOf(s: Scenario): HistoryIds {
  return {
    people: s.people.map((p) => p.id),
    offices: s.offices.map((o) => o.id),
    regions: s.regions.map((r) => r.id),
    bodies: s.bodies.map((b) => b.id),
    shocks: s.shocks.map((x) => x.id),
    rungs: (s.ladder ?? DEFAULT_LADDER).map((r) => r.id),
  };
}
