/**
 * The scenario format: everything historical lives in a scenario file, checked by this schema.
 * The engine reads only the compiled form (see compile.ts); no person, office holder or date is named in code.
 */
import { z } from "zod";

/** Version of the scenario format. Bump it on breaking changes and add a migration in load.ts. */
export const SCENARIO_SCHEMA_VERSION = 1;

const id = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, "must be lower-case letters, digits and dashes, starting with a letter");

const isoDate = z.iso.date({ message: "must be a date written YYYY-MM-DD" });

/** A number known only approximately: its value, the plausible range around it, and where it comes from. */
export const estimateSchema = z
  .object({
    value: z.number(),
    range: z.tuple([z.number(), z.number()]),
    source: z.string().min(1, "must name a source key (see `sources`)"),
    note: z.string().optional(),
  })
  .strict()
  .refine((e) => e.range[0] <= e.range[1], {
    message: "range must be [low, high] with low <= high",
    path: ["range"],
  })
  .refine((e) => e.value >= e.range[0] && e.value <= e.range[1], {
    message: "value must lie inside its range",
    path: ["value"],
  });
export type Estimate = z.infer<typeof estimateSchema>;

const unit = (s: z.ZodType<Estimate>) =>
  s.refine((e) => e.range[0] >= 0 && e.range[1] <= 1, { message: "must lie in [0, 1]", path: ["range"] });
const unitEstimate = unit(estimateSchema);

/** Capabilities an office grants its holder, each a strength in [0, 1]. */
export const CAPABILITIES = ["appoint", "agenda", "files", "force", "press"] as const;
export type Capability = (typeof CAPABILITIES)[number];
const capabilitiesSchema = z
  .object(Object.fromEntries(CAPABILITIES.map((c) => [c, z.number().min(0).max(1).optional()])))
  .strict();

const scheduleSchema = z
  .object({
    everyWeeks: z.number().int().positive().optional().describe("meets every N weeks from the start"),
    dates: z.array(isoDate).optional().describe("meets on these dates (an institutional calendar)"),
    jitterWeeks: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe("each meeting may move by up to this many weeks"),
  })
  .strict()
  .refine((s) => (s.everyWeeks === undefined) !== (s.dates === undefined), {
    message: "give exactly one of everyWeeks or dates",
  });

export const BODY_KINDS = ["executive", "committee", "congress"] as const;

const bodySchema = z
  .object({
    id,
    name: z.string(),
    kind: z
      .enum(BODY_KINDS)
      .describe("executive: Politburo-like; committee: Central Committee; congress: the congress"),
    electedBy: id.optional().describe("id of the body that elects this one"),
    meets: scheduleSchema,
    seats: z.number().int().positive().optional().describe("voting seats at the start (executive bodies)"),
    maxSeats: z
      .number()
      .int()
      .positive()
      .optional()
      .describe("the most voting seats the body may be enlarged to"),
    delegates: estimateSchema.optional().describe("voting delegates per congress (congress bodies)"),
    firstNumber: z
      .number()
      .int()
      .positive()
      .optional()
      .describe("ordinal of the body's first meeting in the run, for the narrative"),
    source: z.string().optional(),
  })
  .strict();

const officeSchema = z
  .object({
    id,
    name: z.string(),
    body: id.optional().describe("the body this office belongs to, if any"),
    capabilities: capabilitiesSchema,
    holder: id.nullable().describe("person holding the office at the start, or null if vacant"),
    source: z.string().optional(),
  })
  .strict();

const attributesSchema = z
  .object({
    prestige: estimateSchema
      .refine((e) => e.range[0] >= 0 && e.range[1] <= 6, { message: "must lie in [0, 6]", path: ["range"] })
      .describe(
        "public standing (oratory, record, fame): about 1 for the best known; a founder may stand far above",
      ),
    organisation: unitEstimate.describe("skill at running an apparatus and placing people"),
    ruthlessness: unitEstimate.describe("readiness to destroy colleagues and break alliances"),
    ambition: unitEstimate.describe("drive to be sole leader; 0 means content with a collective"),
    ideology: estimateSchema
      .refine((e) => e.range[0] >= -1 && e.range[1] <= 1, { message: "must lie in [-1, 1]", path: ["range"] })
      .describe("economic line: -1 rapid industrialisation (left) .. +1 market gradualism (right)"),
    visibility: unitEstimate.describe("how plainly rivals see the person's machine (low = a 'grey blur')"),
    selfConfidence: unitEstimate.describe("how much the person overrates himself against rivals"),
    frailty: unitEstimate.describe("yearly hazard of death from natural causes"),
    flexibility: unitEstimate
      .optional()
      .describe("ability to change line without losing standing (default 0.5)"),
    liabilities: unitEstimate
      .optional()
      .describe(
        "past disagreements with the founder that count against a leader once he is revered (default 0)",
      ),
  })
  .strict();

const personSchema = z
  .object({
    id,
    name: z.string(),
    role: z
      .enum(["leader", "official"])
      .describe("leaders play the coalition game; officials follow their patron and fill posts"),
    born: isoDate.optional(),
    patron: id.nullable().default(null).describe("person this one owes his career to at the start"),
    seats: z.array(id).default([]).describe("bodies the person sits in at the start (voting seats)"),
    candidateOf: z
      .array(id)
      .default([])
      .describe("bodies where the person is a non-voting candidate at the start"),
    attributes: attributesSchema.optional().describe("required for leaders"),
    source: z.string().optional(),
  })
  .strict()
  .refine((p) => p.role !== "leader" || p.attributes !== undefined, {
    message: "a leader needs attributes",
    path: ["attributes"],
  });

const regionSchema = z
  .object({
    id,
    name: z.string(),
    members: estimateSchema.describe("party members (with candidates) at the start"),
    cohorts: z
      .object({ old: z.number().min(0), civilWar: z.number().min(0), recruits: z.number().min(0) })
      .strict()
      .describe(
        "shares of members by cohort: veterans of the underground, civil-war entrants, later recruits (normalised)",
      ),
    ideology: z.number().min(-1).max(1).describe("members' mean economic line"),
    secretary: z
      .object({
        name: z.string().optional(),
        person: id.optional().describe("a named official serving as secretary"),
        patron: id.nullable().describe("the leader the secretary owes his post to"),
        grip: z.number().min(0).max(1).describe("how firmly the secretary runs the regional conference"),
      })
      .strict(),
    entrenchment: z
      .number()
      .min(0)
      .max(1)
      .default(0.3)
      .describe("resistance to having the secretary replaced"),
    inCentralCommittee: z
      .boolean()
      .default(false)
      .describe("the secretary holds a Central Committee seat at the start"),
    source: z.string().optional(),
  })
  .strict();

export const SHOCK_KINDS = ["incapacitation", "recovery", "death", "economic"] as const;

const shockSchema = z
  .object({
    id,
    kind: z.enum(SHOCK_KINDS),
    target: id.optional().describe("the person struck (health shocks)"),
    date: isoDate.describe("scheduled date, or the centre of the window it is drawn from"),
    jitterDays: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe("the date is drawn uniformly within ± this many days"),
    probability: z.number().min(0).max(1).default(1).describe("chance the shock happens at all"),
    capacity: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe("capacity left after an incapacitation or recovery"),
    severity: z
      .number()
      .min(-1)
      .max(1)
      .optional()
      .describe("economic shocks: push on opinion, - left, + right"),
    label: z.string().optional().describe("readable name for the narrative"),
    source: z.string().optional(),
  })
  .strict()
  .refine((s) => s.kind === "economic" || s.target !== undefined, {
    message: "a health shock needs a target",
    path: ["target"],
  });

/** Why a mechanism is in the model: a source key and, in the modeller's words, what it shows. */
const evidenceSchema = z
  .array(z.object({ source: z.string().min(1), note: z.string().min(1) }).strict())
  .default([])
  .describe("the passages behind the mechanism: source key and what it supports");

const mechanismSwitch = <T extends z.ZodRawShape>(params: T) =>
  z
    .object({
      enabled: z.boolean().default(true),
      params: z.object(params).strict(),
      evidence: evidenceSchema,
    })
    .strict();

const rate = (what: string) => unitEstimate.describe(what);
const perYear = (what: string) =>
  estimateSchema
    .refine((e) => e.range[0] >= 0, { message: "must not be negative", path: ["range"] })
    .describe(what);

/** Parameters of each mechanism; every one an Estimate with range and source key. */
export const mechanismsSchema = z
  .object({
    offices: z
      .object({
        enabled: z.boolean().default(true),
        params: z.object({}).strict().default({}),
        evidence: evidenceSchema,
      })
      .strict(),
    patronage: mechanismSwitch({
      appointmentsPerYear: estimateSchema.describe(
        "regional secretaryships the appointer can fill per year at full skill",
      ),
      gripGrowthPerYear: rate("how fast a new secretary's hold on his conference grows"),
      maxGrip: unitEstimate,
      clientsPerAppointment: estimateSchema.describe(
        "lesser officials placed with each secretaryship (also: officials per one of committee rank)",
      ),
      officialsPerYear: estimateSchema.describe(
        "lesser officials the appointer places per year at full skill",
      ),
      allyProtection: rate("how far the appointer spares regions held by his coalition partners"),
    }),
    circularFlow: mechanismSwitch({
      cohortDocility: z
        .object({ old: unitEstimate, civilWar: unitEstimate, recruits: unitEstimate })
        .strict()
        .describe("how readily members of each cohort follow the regional apparatus"),
      partyLineBias: estimateSchema.describe("pull of the official line on uncommitted votes"),
      enlargementCap: rate("largest Central Committee enlargement per congress, as a share of its size"),
      conferenceLeadWeeks: z.number().int().min(0).default(4),
    }),
    coalitions: mechanismSwitch({
      rule: z
        .object({ num: z.number().int().positive(), den: z.number().int().positive() })
        .strict()
        // The ruling-coalition function is defined for 1/2 <= alpha < 1 only (it throws outside).
        .refine((r) => r.den <= 2 * r.num && r.num < r.den, {
          message: "num/den must be at least 1/2 and less than 1 (e.g. 1/2 for a simple majority, 2/3)",
        })
        .describe("alpha: a subcoalition wins when its power exceeds alpha times the coalition's"),
      politicsEveryWeeks: z.number().int().positive().default(4),
      contenderAmbition: rate("least ambition that makes an executive member a contender for power"),
      machineWeight: rate("weight of votes controlled in a leader's power"),
      prestigeWeight: unitEstimate,
      forceWeight: unitEstimate,
      revelation: rate("how far a plenum vote moves rivals' estimates toward a leader's real machine"),
      perceptionNoise: unitEstimate,
      motionRate: rate("chance per politics round that a ruthless, ambitious coalition moves on a rival"),
      rungIntervalWeeks: estimateSchema.describe("least time between two steps down the elimination ladder"),
      defectionRate: rate("chance per round that a leader who sees a better coalition breaks his"),
      realignmentGain: rate("least relative gain in his share of power for a member to break his alliance"),
    }),
    health: mechanismSwitch({
      hazardScale: estimateSchema.describe("multiplies each person's yearly frailty hazard"),
    }),
    membership: mechanismSwitch({
      recruitmentPerYear: rate("ordinary intake per year, as a share of membership"),
      attritionPerYear: rate("members lost per year (deaths, lapses, small purges), as a share"),
      ideologySpread: rate("spread (sd) of members' economic line around their region's mean"),
      candidateShare: rate("share of members who are candidates at the start"),
      promotionPerYear: rate("share of candidates made full members per year"),
    }),
    files: mechanismSwitch({
      compromisedShare: rate("mean share of officials whose file holds something compromising"),
      compilePerYear: rate(
        "share of members' files the card index adds a compromising fact to per year, at full capability",
      ),
      coercion: rate("how far a file reader among the proposers can turn an uncommitted vote"),
      leverageOnSecretaries: rate("how much easier a compromised secretary is to replace"),
    }),
    enrolment: mechanismSwitch({
      campaignShare: rate("recruits a campaign brings in, as a share of membership"),
      campaignWeeks: z.number().int().positive().describe("length of a campaign"),
      launchShare: rate("least share of members under the appointer's secretaries for him to launch one"),
      launchPerYear: perYear("chance per year of launching when the conditions hold"),
      minYearsBetween: estimateSchema.describe("least time between two campaigns"),
      mourningBoost: estimateSchema.describe(
        "factor on the launch chance in the year after a founder's death",
      ),
      recruitLoyalty: rate("recruits' readiness to follow the apparatus that admitted them"),
    }),
    factionBan: mechanismSwitch({
      chargeBonus: estimateSchema.describe(
        "pull on uncommitted votes against a leader charged with factionalism",
      ),
      intervalFactor: rate("share of the usual wait between ladder steps for a charged leader"),
      purgeShare: rate("share of a platform's rank-and-file sympathisers expelled after a charge"),
      recantShare: rate("share of the remaining sympathisers who abandon the platform after a charge"),
    }),
    legacy: mechanismSwitch({
      founderPrestige: estimateSchema.describe(
        "standing from which a leader's death creates a legacy to claim",
      ),
      absencePenalty: rate("standing lost by a leader absent from the founder's funeral"),
      liabilityWeight: rate(
        "standing lost per unit of past disagreement with the founder once the cult is set",
      ),
      claimPerYear: rate(
        "standing a leader gains per year by claiming the mantle, at full press and agenda reach",
      ),
      cultYears: estimateSchema.describe("years for the cult to set after the founder's death"),
      restraintWhileAlive: rate(
        "how far the living founder's authority holds leaders back from moving against a colleague",
      ),
    }),
    testament: mechanismSwitch({
      writePerYear: perYear(
        "chance per year that an ailing founder who is still able to dictate writes his testament",
      ),
      concernThreshold: rate("least machine (share of votes) that alarms the founder"),
      protectShare: rate(
        "chance the leaders who hold the testament only read it to delegations rather than suppress it",
      ),
      publishWeight: estimateSchema.describe(
        "pull of the founder's word on uncommitted votes when it is published",
      ),
      readPenalty: rate("standing the target loses when it is read to delegations"),
      gambitGain: rate("standing gained by a refused offer to resign"),
      actOnAtFirstCongress: z
        .boolean()
        .default(false)
        .describe("counterfactual: put it to the first congress after it is written"),
    }),
    information: mechanismSwitch({
      withholding: rate("how far the controller of papers slows rivals' learning of his machine"),
      curation: rate("how far he softens what an ailing leader learns of him"),
      earlyWarning: rate("pull against motions aimed at him, from knowing rivals' plans"),
    }),
    policy: mechanismSwitch({
      opinionShock: rate("shift of members' line per unit of economic shock severity"),
      followPerYear: perYear("how fast a flexible leader moves toward the party's mood per year"),
      shiftCost: rate("standing lost per unit of line moved, for a fully inflexible leader"),
      oppositionDistance: perYear(
        "distance from the ruling line at which an executive member turns to opposition",
      ),
      platformPerYear: perYear("chance per year that an opposition bloc issues a platform"),
      platformReach: rate("how close to a platform's line members must stand to be drawn to it"),
      platformPull: rate("share of those members who become sympathisers"),
    }),
    coercion: mechanismSwitch({
      recantPerYear: perYear("chance per year that a defeated leader recants, times his flexibility"),
      resistChance: rate(
        "chance that a leader holding force resists a motion against him, times his ruthlessness and force",
      ),
    }),
  })
  .strict();
export type MechanismsConfig = z.infer<typeof mechanismsSchema>;
export type MechanismId = keyof MechanismsConfig;

export const scenarioSchema = z
  .object({
    schemaVersion: z.literal(SCENARIO_SCHEMA_VERSION),
    id,
    title: z.string(),
    description: z.string().default(""),
    sources: z.record(z.string(), z.string()).describe("source keys used in this file, each with a citation"),
    calendar: z
      .object({ start: isoDate, end: isoDate, tickDays: z.number().int().positive().default(7) })
      .strict()
      .refine((c) => c.start < c.end, { message: "start must come before end", path: ["end"] }),
    bodies: z.array(bodySchema).min(1),
    offices: z.array(officeSchema),
    people: z.array(personSchema).min(2),
    centralCommittee: z
      .object({
        body: id.describe("id of the committee body"),
        independents: z
          .array(z.object({ count: z.number().int().min(0), ideology: z.number().min(-1).max(1) }).strict())
          .describe("seats held by members with no patron among the people listed"),
        source: z.string().optional(),
      })
      .strict(),
    regions: z.array(regionSchema).min(1),
    members: z
      .object({
        fidelity: z
          .enum(["aggregate", "individual"])
          .default("aggregate")
          .describe(
            "aggregate: members counted by region, cohort and line; individual: every member an agent",
          ),
      })
      .strict()
      .default({ fidelity: "aggregate" }),
    shocks: z.array(shockSchema).default([]),
    mechanisms: mechanismsSchema,
  })
  .strict();

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type Person = Scenario["people"][number];
export type Region = Scenario["regions"][number];
export type Shock = Scenario["shocks"][number];
export type Body = Scenario["bodies"][number];
export type Office = Scenario["offices"][number];

/** The scenario format as JSON Schema (draft 2020-12), for editors and other tools. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    $id: `https://apparat.example/schema/scenario-v${SCENARIO_SCHEMA_VERSION}.json`,
    title: "Apparat scenario",
  };
}
