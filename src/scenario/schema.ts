/**
 * The scenario format: everything historical lives in a scenario file, checked by this schema.
 * The engine reads only the compiled form (see compile.ts); no person, office holder or date is named in code.
 */
import { z } from "zod";
import { CAPABILITIES, type MechanismId } from "../kernel/compiled.ts";

export { CAPABILITIES, type Capability, type MechanismId } from "../kernel/compiled.ts";

/**
 * Version of the scenario format. Bump it on breaking changes and add a migration in load.ts.
 * 2 added bodies' rules, offices as data (eligibility, dates, scopes, capability estimates), the ladder and
 * repression periods, committee blocs, named cohorts, policy axes, scheduled transfers and `note` fields;
 * every version-1 file is a valid version-2 file.
 */
export const SCENARIO_SCHEMA_VERSION = 2;

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
  .superRefine((e, ctx) => {
    if (e.value < e.range[0] || e.value > e.range[1])
      ctx.addIssue({
        code: "custom",
        message: `value ${e.value} must lie inside its range [${e.range[0]}, ${e.range[1]}]`,
        path: ["value"],
      });
  });
export type Estimate = z.infer<typeof estimateSchema>;

const unit = (s: z.ZodType<Estimate>) =>
  s.refine((e) => e.range[0] >= 0 && e.range[1] <= 1, { message: "must lie in [0, 1]", path: ["range"] });
const unitEstimate = unit(estimateSchema);
/** An estimate whose range may not reach below zero (rates per year, distances, durations). */
const nonNegativeEstimate = estimateSchema.refine((e) => e.range[0] >= 0, {
  message: "must not be negative",
  path: ["range"],
});

const note = z.string().optional().describe("free text: what the item stands for, caveats");

/** A strength in [0, 1]: a plain number, or an estimate with its range and source. */
const strength = z.union([z.number().min(0).max(1), unitEstimate]);

const capabilitiesSchema = z
  .object(Object.fromEntries(CAPABILITIES.map((c) => [c, strength.optional()])))
  .strict()
  .describe(
    "appoint: place clients in party posts; agenda: set and delay the bodies' agenda; files: read personnel files; " +
      "inspect: inspect and discipline officials; papers: control the flow of papers; press: reach the press; " +
      "force: command armed force",
  );

/** The share of a body that must vote for a motion, as num/den of the votes cast. */
const ruleSchema = z
  .object({ num: z.number().int().positive(), den: z.number().int().positive() })
  .strict()
  .refine((r) => 2 * r.num >= r.den && r.num < r.den, { message: "must satisfy 1/2 <= num/den < 1" });

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

export const BODY_KINDS = ["executive", "committee", "congress", "commission", "government"] as const;

const bodySchema = z
  .object({
    id,
    name: z.string(),
    kind: z
      .enum(BODY_KINDS)
      .describe(
        "executive: Politburo-like; committee: Central Committee; congress: the congress; commission: a control " +
          "commission; government: a council of ministers",
      ),
    electedBy: id
      .optional()
      .describe("id of the body that elects this one; its decisions can be appealed there"),
    top: z
      .boolean()
      .optional()
      .describe(
        "the body whose full members play the coalition game (default: the first executive elected by the committee)",
      ),
    meets: scheduleSchema,
    seats: z.number().int().positive().optional().describe("voting seats at the start (executive bodies)"),
    maxSeats: z
      .number()
      .int()
      .positive()
      .optional()
      .describe("the most voting seats the body may be enlarged to"),
    candidates: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe(
        "non-voting candidate members kept on the bench (executive bodies; default: as at the start)",
      ),
    sizes: z
      .array(
        z
          .object({
            date: isoDate.describe("from this date (a congress or plenum that set the body's size)"),
            seats: z.number().int().positive().describe("voting seats its electing body fills"),
            source: z.string().min(1, "must name a source key (see `sources`)"),
            note: z.string().optional(),
          })
          .strict(),
      )
      .default([])
      .describe(
        "the body's size as its electing body set it: from each date, its sessions refill vacant seats and " +
          "co-opt new members up to this many (nobody is unseated to meet a smaller size)",
      ),
    rule: z
      .object({
        quorum: z.number().min(0).max(1).default(0.5).describe("share of the seats that must attend"),
        majority: ruleSchema
          .default({ num: 1, den: 2 })
          .describe("a motion passes with more than num/den of the votes cast"),
      })
      .strict()
      .default({ quorum: 0.5, majority: { num: 1, den: 2 } }),
    tabling: z
      .enum(["members", "agenda"])
      .default("members")
      .describe("who may table a motion: any member, or only a member holding the agenda capability"),
    extraordinary: z
      .object({
        byAgenda: z
          .boolean()
          .default(true)
          .describe("the member holding the strongest agenda capability may convene it between sessions"),
        petitionShare: z
          .number()
          .min(0)
          .max(1)
          .default(0.5)
          .describe("share of its seats whose demand convenes it between sessions (1: never)"),
      })
      .strict()
      .optional()
      .describe("extraordinary sessions; absent: the body meets only on its calendar"),
    joint: z
      .array(id)
      .default([])
      .describe("bodies whose members sit and vote with this one on removals (joint plenums)"),
    delegates: estimateSchema.optional().describe("voting delegates per congress (congress bodies)"),
    firstNumber: z
      .number()
      .int()
      .positive()
      .optional()
      .describe("ordinal of the body's first meeting in the run, for the narrative"),
    note,
    source: z.string().optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    // An executive body grows only up to its maximum (maxSeats, else its seats): the limits of docs/reliability.md.
    const most = b.maxSeats ?? b.seats;
    b.sizes.forEach((z, k) => {
      if (most !== undefined && z.seats > most)
        ctx.addIssue({
          code: "custom",
          message: `a size of ${z.seats} seats is more than the body's maxSeats (${most})`,
          path: ["sizes", k, "seats"],
        });
    });
  });

const officeSchema = z
  .object({
    id,
    name: z.string(),
    body: id.optional().describe("the body this office belongs to, if any"),
    capabilities: capabilitiesSchema,
    scope: z
      .array(id)
      .optional()
      .describe("region tags the office's appoint and inspect capabilities reach (absent: every region)"),
    holder: id.nullable().describe("person holding the office at the start, or null if vacant"),
    appointedBy: id.optional().describe("body that fills a vacancy by a vote (default: the top body)"),
    eligible: z
      .object({
        bodies: z.array(id).optional().describe("holder must sit in one of these bodies (full or candidate)"),
        roles: z.array(z.enum(["leader", "official"])).optional(),
        pools: z.array(id).optional().describe("holder must belong to one of these role pools (see people)"),
      })
      .strict()
      .optional()
      .describe("who may hold the office; absent: anyone in the party"),
    incompatible: z.array(id).default([]).describe("offices that cannot be held together with this one"),
    from: isoDate.optional().describe("the office is created on this date"),
    until: isoDate.optional().describe("the office is abolished on this date"),
    inherits: z
      .array(id)
      .default([])
      .describe("offices it succeeds (split or merge): their last holder takes it if eligible"),
    note,
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
    legacyTie: unitEstimate
      .optional()
      .describe("how far the person's standing rests on the founder's legacy (default 0)"),
    positions: z
      .record(id, estimateSchema)
      .optional()
      .describe("line on each further policy axis (see `axes`), -1 .. +1; the first axis is `ideology`"),
  })
  .strict();

/** What officials may state about themselves; everything has a default. */
const officialAttributesSchema = attributesSchema.partial();

/** Attributes every leader must state. */
const LEADER_ATTRIBUTES = [
  "prestige",
  "organisation",
  "ruthlessness",
  "ambition",
  "ideology",
  "visibility",
  "selfConfidence",
  "frailty",
] as const;

/**
 * A person who lost seats before the start: the seats he had held, and, if he was pushed down the ladder, the
 * step he reached. Without a step he was only dropped (not re-elected): he is not in opposition.
 */
const purgedSchema = z
  .object({
    step: id
      .optional()
      .describe(
        "id of the ladder step he had been pushed down to (it took what it names); absent: dropped from his seats without a fall",
      ),
    seats: z.array(id).default([]).describe("bodies he sat in before: given back if he is rehabilitated"),
    date: isoDate.optional().describe("when he fell or was dropped (default: the start of the run)"),
    note,
    source: z.string().optional(),
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
    pools: z
      .array(id)
      .default([])
      .describe("role pools the person belongs to, for offices' eligibility (e.g. state-economy, military)"),
    attributes: officialAttributesSchema
      .optional()
      .describe("required for leaders (all but flexibility, liabilities, legacyTie and positions)"),
    shortName: z
      .string()
      .min(1)
      .optional()
      .describe("how the narrative calls the person (default: the last word of the name)"),
    purged: purgedSchema
      .optional()
      .describe(
        "fallen or dropped before the start: the seats he held before, and the ladder step he had been pushed down to",
      ),
    note,
    source: z.string().optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.role !== "leader") return;
    if (!p.attributes) {
      ctx.addIssue({ code: "custom", message: "a leader needs attributes", path: ["attributes"] });
      return;
    }
    for (const key of LEADER_ATTRIBUTES) {
      if (p.attributes[key] === undefined)
        ctx.addIssue({ code: "custom", message: `a leader needs ${key}`, path: ["attributes", key] });
    }
  });

/** Cohort ids may be camelCase (version-1 files use `civilWar`). */
const cohortId = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9-]*$/, "must start with a lower-case letter; letters, digits and dashes");

const cohortSchema = z
  .object({
    id: cohortId,
    name: z.string(),
    docility: unitEstimate.describe("readiness of its members to follow the regional apparatus"),
    role: z
      .enum(["recruits", "campaign"])
      .optional()
      .describe("recruits: where ordinary intake joins; campaign: where enrolment campaigns' recruits join"),
    note,
    source: z.string().optional(),
  })
  .strict();

const regionSchema = z
  .object({
    id,
    name: z.string(),
    members: estimateSchema.describe("party members (with candidates) at the start"),
    cohorts: z
      .record(cohortId, z.number().min(0))
      .describe("shares of members by cohort id (see `cohorts`; normalised)"),
    tags: z.array(id).default([]).describe("tags that offices' scopes refer to (e.g. national)"),
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
    note,
    source: z.string().optional(),
  })
  .strict();

export const SHOCK_KINDS = ["incapacitation", "recovery", "death", "economic", "purge"] as const;

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
    axis: id.optional().describe("policy axis an economic shock pushes (default: the first)"),
    share: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe("purges: share of members removed (platform sympathisers first, then compromised files)"),
    label: z.string().optional().describe("readable name for the narrative"),
    note,
    source: z.string().optional(),
  })
  .strict()
  .refine((s) => s.kind === "economic" || s.kind === "purge" || s.target !== undefined, {
    message: "a health shock needs a target",
    path: ["target"],
  })
  .refine((s) => s.kind !== "purge" || s.share !== undefined, {
    message: "a purge needs a share",
    path: ["share"],
  });

const axisSchema = z
  .object({
    id,
    name: z.string(),
    salience: z.number().positive().default(1).describe("weight of the axis in distances between lines"),
    note,
    source: z.string().optional(),
  })
  .strict();

const transferSchema = z
  .object({
    id,
    date: isoDate,
    office: id,
    to: id.nullable().describe("new holder, or null: the holder resigns and the office falls vacant"),
    probability: z.number().min(0).max(1).default(1),
    label: z.string().optional(),
    note,
    source: z.string().optional(),
  })
  .strict();

export const INSTITUTIONS = [
  "regional",
  "apparatus",
  "state",
  "army",
  "police",
  "unions",
  "press",
  "other",
] as const;

const blocSchema = z
  .object({
    id,
    name: z.string().optional(),
    institution: z.enum(INSTITUTIONS),
    seats: z.number().int().min(0).describe("voting (full) seats"),
    candidates: z.number().int().min(0).default(0).describe("non-voting candidate members"),
    patron: id.nullable().default(null).describe("the leader its members follow at the start, or null"),
    ideology: z.number().min(-1).max(1).default(0),
    note,
    source: z.string().optional(),
  })
  .strict();

export const RUNG_KINDS = [
  "office",
  "executive",
  "committee",
  "party",
  "exile",
  "deportation",
  "arrest",
  "trial",
  "execution",
] as const;

const rungSchema = z
  .object({
    id,
    kind: z
      .enum(RUNG_KINDS)
      .describe(
        "what the step takes: office (offices), executive (seats in executive bodies), committee (committee seat), " +
          "party (membership), exile, deportation, arrest, trial, execution",
      ),
    decidedBy: id
      .optional()
      .describe("body that votes on it (default: the committee for seats and membership, else the top body)"),
    force: z.boolean().default(false).describe("needs the strongest armed force behind the rulers"),
    from: isoDate.optional().describe("the step is available from this date"),
    note,
    source: z.string().optional(),
  })
  .strict();

const repressionSchema = z
  .object({
    from: isoDate,
    until: isoDate,
    rungs: z.array(id).min(1).describe("ladder steps off the table in this period"),
    note,
    source: z.string().optional(),
  })
  .strict();

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
const perYear = (what: string) => nonNegativeEstimate.describe(what);

/** Parameters of each mechanism; every one an Estimate with range and source key. */
export const mechanismsSchema = z
  .object({
    offices: z
      .object({
        enabled: z.boolean().default(true),
        params: z
          .object({
            combine: z
              .enum(["channels", "strongest"])
              .default("channels")
              .describe(
                "how several posts granting one capability combine: channels (1 - product of (1 - each), so " +
                  "posts add up) or strongest (only the strongest post counts)",
              ),
            maxPerPerson: z
              .number()
              .int()
              .positive()
              .optional()
              .describe("most offices one person may hold at once (absent: no limit)"),
            eligibility: z
              .boolean()
              .default(true)
              .describe("offices' eligibility rules apply (false: anyone may be voted into any office)"),
          })
          .strict()
          .default({ combine: "channels", eligibility: true }),
        evidence: evidenceSchema,
      })
      .strict(),
    bodies: z
      .object({
        enabled: z.boolean().default(true),
        params: z
          .object({
            standingWeight: estimateSchema
              .optional()
              .describe("weight of the two sides' standing in an uncommitted voter's choice (default 2)"),
            lineWeight: estimateSchema
              .optional()
              .describe(
                "weight of the distance to each side's line in an uncommitted voter's choice (default 1.5)",
              ),
            bandwagonWeight: estimateSchema
              .optional()
              .describe("weight of a voter's reading of which side is winning (default 1)"),
            appeals: z
              .boolean()
              .default(true)
              .describe("the losing side may appeal a decision to the body that elects the deciding body"),
          })
          .strict()
          .default({ appeals: true }),
        evidence: evidenceSchema,
      })
      .strict()
      .default({ enabled: true, params: { appeals: true }, evidence: [] }),
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
      confirmingBody: id
        .optional()
        .describe("body whose vote confirms each regional secretary the appointer nominates (absent: none)"),
    }),
    circularFlow: mechanismSwitch({
      cohortDocility: z
        .object({ old: unitEstimate, civilWar: unitEstimate, recruits: unitEstimate })
        .strict()
        .optional()
        .describe("version-1 files: how readily members of each cohort follow the apparatus (see `cohorts`)"),
      dropShare: unitEstimate
        .optional()
        .describe("share of the committee seats of defeated leaders' followers a congress drops (default 0)"),
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
      concessionReach: unitEstimate
        .optional()
        .describe(
          "largest move of line a contender makes to court a swing member of the top body (default 0)",
        ),
      voteMargin: unitEstimate
        .optional()
        .describe(
          "share of the votes beyond a bare majority a coalition expects before it moves against a rival (default 0: it does not count first)",
        ),
      lineWeight: estimateSchema
        .optional()
        .describe(
          "cost of a coalition's line to a member, per unit of distance from his own, against his share of power (default 0: power alone)",
        ),
      enmity: nonNegativeEstimate
        .optional()
        .describe(
          "how far a rival's distance from the ruling line adds to the danger the ruling coalition sees in him, when it picks whom to move against (default 0: power alone)",
        ),
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
      pressPerYear: perYear(
        "chance per year that the reader of the files presses a compromised official outside his network into it, at full reach and a wholly compromising file (default 0)",
      ).optional(),
    }),
    enrolment: mechanismSwitch({
      campaignShare: rate(
        "recruits a campaign brings in, as a share of the membership at the start of the run (the apparatus's vetting capacity)",
      ),
      campaignWeeks: z.number().int().positive().describe("length of a campaign"),
      launchShare: rate("least share of members under the appointer's secretaries for him to launch one"),
      launchPerYear: perYear("chance per year of launching when the conditions hold"),
      minYearsBetween: estimateSchema.describe("least time between two campaigns"),
      mourningBoost: estimateSchema.describe(
        "factor on the launch chance in the year after a founder's death",
      ),
      recruitLoyalty: unitEstimate
        .optional()
        .describe("version-1 files: campaign recruits' readiness to follow the apparatus (see `cohorts`)"),
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
      repudiationDistance: estimateSchema
        .optional()
        .describe(
          "distance of the ruling line from the founder's at which the leadership repudiates his legacy (absent: never)",
        ),
      repudiationCost: unitEstimate
        .optional()
        .describe("standing lost per unit of legacy tie when the legacy is repudiated (default 0.5)"),
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
      mentions: z
        .array(
          z
            .object({
              person: id,
              standing: unitEstimate.describe(
                "standing he loses if the letter is published (half if only read)",
              ),
              note,
            })
            .strict(),
        )
        .default([])
        .describe("the letter's judgements of other leaders"),
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
      lineVoteStep: estimateSchema
        .optional()
        .describe(
          "how far the leadership's line must move before it is put to the top body's vote (absent: the line is never voted)",
        ),
    }),
    rehabilitation: z
      .object({
        enabled: z.boolean().default(false),
        params: z
          .object({
            pressChance: unitEstimate
              .optional()
              .describe(
                "chance that a fallen leader's network presses for his return at a session of the body that decided his fall, when it expects to carry the vote (default 0.5)",
              ),
            affinity: nonNegativeEstimate
              .optional()
              .describe(
                "distance of line within which a leader presses for a fallen leader's return (default 0.5)",
              ),
            minYearsDown: nonNegativeEstimate
              .optional()
              .describe("least time between a fall and a return (default 1 year)"),
          })
          .strict()
          .default({}),
        evidence: evidenceSchema,
      })
      .strict()
      .default({ enabled: false, params: {}, evidence: [] })
      .describe(
        "fallen leaders still in the party may be restored by the body that decided their fall (absent: off)",
      ),
    preemption: z
      .object({
        enabled: z.boolean().default(false),
        params: z
          .object({
            ratePerYear: nonNegativeEstimate
              .optional()
              .describe(
                "chance per year that rulers commanding the strongest force arrest a feared camp between sessions, times the chief's ruthlessness, his force and the camp's means (default 0)",
              ),
            distance: nonNegativeEstimate
              .optional()
              .describe(
                "least distance from the ruling line at which a rival holding force or the press is feared (default 0.5)",
              ),
          })
          .strict()
          .default({}),
        evidence: evidenceSchema,
      })
      .strict()
      .default({ enabled: false, params: {}, evidence: [] })
      .describe(
        "rulers who command the strongest force may arrest a feared camp between sessions, and have the arrest endorsed (absent: off)",
      ),
    coercion: mechanismSwitch({
      recantPerYear: perYear("chance per year that a defeated leader recants, times his flexibility"),
      truceBreakPerYear: perYear(
        "chance per year that an ambitious leader who recanted while still in the party takes up opposition again, times his ambition (default 0: recantations hold)",
      ).optional(),
      resistChance: rate(
        "chance that a leader holding force resists a motion against him, times his ruthlessness and force",
      ),
      forceChance: unitEstimate
        .optional()
        .describe(
          "chance that a chief of armed force puts it behind his side at a decisive vote, times his ruthlessness and force (default 0)",
        ),
      forceDelegates: unitEstimate
        .optional()
        .describe("share of a body's seats that force brought in (or kept out) can swing (default 0.1)"),
      coupCost: unitEstimate
        .optional()
        .describe("standing lost by the leader whose side arrests a rival by force (default 0.2)"),
    }),
  })
  .strict();
export type MechanismsConfig = z.infer<typeof mechanismsSchema>;
// The schema's mechanisms and the kernel's list must name the same switches.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _sameMechanisms: SameKeys<keyof MechanismsConfig, MechanismId> = true;
void _sameMechanisms;

export const scenarioSchema = z
  .object({
    schemaVersion: z.union([z.literal(1), z.literal(SCENARIO_SCHEMA_VERSION)]),
    id,
    title: z.string(),
    description: z.string().default(""),
    sources: z.record(z.string(), z.string()).describe("source keys used in this file, each with a citation"),
    calendar: z
      .object({ start: isoDate, end: isoDate, tickDays: z.number().int().positive().default(7) })
      .strict()
      .refine((c) => c.start < c.end, { message: "start must come before end", path: ["end"] }),
    axes: z
      .array(axisSchema)
      .min(1)
      .default([{ id: "economy", name: "economic line", salience: 1 }])
      .describe("policy axes; the first is the one the rank and file hold (a person's `ideology`)"),
    cohorts: z
      .array(cohortSchema)
      .optional()
      .describe(
        "member cohorts, one with role recruits and one with role campaign (absent: the version-1 four)",
      ),
    bodies: z.array(bodySchema).min(1),
    offices: z.array(officeSchema),
    transfers: z
      .array(transferSchema)
      .default([])
      .describe("scheduled resignations and transfers of offices (exogenous)"),
    people: z.array(personSchema).min(2),
    centralCommittee: z
      .object({
        body: id.describe("id of the committee body"),
        independents: z
          .array(z.object({ count: z.number().int().min(0), ideology: z.number().min(-1).max(1) }).strict())
          .default([])
          .describe("version-1 files: seats held by members with no patron among the people listed"),
        blocs: z
          .array(blocSchema)
          .default([])
          .describe("anonymous seats by institution, each with the leader it follows at the start (or none)"),
        note,
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
    ladder: z
      .array(rungSchema)
      .min(1)
      .optional()
      .describe(
        "the elimination ladder, in order (absent: office, politburo, central-committee, expulsion, internal-exile, deportation)",
      ),
    repression: z
      .array(repressionSchema)
      .default([])
      .describe("periods in which some rungs are off the table for members of the top bodies"),
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
