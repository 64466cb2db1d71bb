/**
 * The compiled scenario: the plain, index-based data the kernel reads. The scenario layer (src/scenario)
 * builds it from a validated file; the kernel never imports the scenario layer, so this module is the one
 * contract between them. Ids become indices, estimates become numbers.
 */
import type { Clock } from "./calendar.ts";
import type { Rule } from "./coalition/rulingCoalition.ts";

/**
 * Capabilities an office grants its holder, each a strength in [0, 1]. Each feeds a different mechanism, so
 * complementary posts add different levers: appoint (patronage), agenda (who proposes coalitions and tables
 * motions), files (personnel files), inspect (inspection and discipline of officials), papers (information
 * control), press (claims on the founder's mantle, platforms), force (coercion).
 */
export const CAPABILITIES = ["appoint", "agenda", "files", "inspect", "papers", "press", "force"] as const;
export type Capability = (typeof CAPABILITIES)[number];
/** Index of each capability in an office's `caps`. */
export const CAP = Object.freeze(Object.fromEntries(CAPABILITIES.map((c, i) => [c, i]))) as Readonly<
  Record<Capability, number>
>;

/** Every mechanism's switch id, in the order they act within a tick. */
export const MECHANISM_IDS = [
  "health",
  "legacy",
  "membership",
  "enrolment",
  "files",
  "patronage",
  "policy",
  "testament",
  "circularFlow",
  "coalitions",
  "rehabilitation",
  "preemption",
  "bodies",
  "factionBan",
  "coercion",
  "information",
  "offices",
] as const;
export type MechanismId = (typeof MECHANISM_IDS)[number];

export type BodyKind = "executive" | "committee" | "congress" | "commission" | "government";
export type RungKind =
  | "office"
  | "executive"
  | "committee"
  | "party"
  | "exile"
  | "deportation"
  | "arrest"
  | "trial"
  | "execution";
export type Institution =
  | "regional"
  | "apparatus"
  | "state"
  | "army"
  | "police"
  | "unions"
  | "press"
  | "other";

export interface CompiledPerson {
  index: number;
  id: string;
  name: string;
  isLeader: boolean;
  patron: number;
  prestige: number;
  organisation: number;
  ruthlessness: number;
  ambition: number;
  /** Line on the first policy axis (the one the rank and file hold). */
  ideology: number;
  /** Line on every axis, indexed like `axes` (positions[0] = ideology). */
  positions: number[];
  visibility: number;
  selfConfidence: number;
  frailty: number;
  flexibility: number;
  liabilities: number;
  legacyTie: number;
  /** Body indices where the person holds a voting seat at the start. */
  seats: number[];
  candidateOf: number[];
  /** Role pools (indices into `pools`) for offices' eligibility. */
  pools: number[];
  /** How the narrative calls the person. */
  shortName: string;
  /** Ladder steps taken before the start: 0 none; k = ladder[k-1] reached (a person fallen before the run). */
  startRung: number;
  /** Tick of that fall, or of being dropped from his seats (negative: before the start). */
  fellTick: number;
  /** Bodies he sat in before the start and had lost (by a fall, or by being dropped), given back if he is rehabilitated. */
  heldSeats: number[];
}

export interface CompiledBody {
  index: number;
  id: string;
  name: string;
  kind: BodyKind;
  /** Body that elects this one (appeals go there), or -1. */
  electedBy: number;
  /** Nominal meeting ticks before jitter. */
  meetingTicks: number[];
  jitterTicks: number;
  seats: number;
  maxSeats: number;
  /** Candidates kept on the bench. */
  candidates: number;
  /** Sizes set by the electing body, by tick, ascending (empty: the size changes only by enlargement). */
  sizes: { tick: number; seats: number }[];
  /** Share of seats that must attend for a vote to count. */
  quorum: number;
  /** A motion passes with more than majority.num/majority.den of the votes cast. */
  majority: Rule;
  tabling: "members" | "agenda";
  extraordinary: { byAgenda: boolean; petitionShare: number } | null;
  /** Bodies whose members vote with this one on removals (joint plenums). */
  joint: number[];
  delegates: number;
}

export interface CompiledOffice {
  index: number;
  id: string;
  name: string;
  body: number;
  /** Capability strengths, indexed like CAPABILITIES. */
  caps: number[];
  /** Region tags (indices into `tags`) its appoint and inspect reach; empty: every region. */
  scope: number[];
  holder: number;
  /** Body that fills a vacancy by a vote. */
  appointedBy: number;
  eligible: { bodies: number[] | null; roles: ("leader" | "official")[] | null; pools: number[] | null };
  incompatible: number[];
  /** First tick the office exists (0 if it exists at the start) and the tick it is abolished (or past the end). */
  fromTick: number;
  untilTick: number;
  inherits: number[];
}

export interface CompiledRegion {
  index: number;
  id: string;
  name: string;
  members: number;
  /** Shares of members by cohort, indexed like `cohorts` (sum 1). */
  cohortShares: number[];
  ideology: number;
  /** Tags (indices into `tags`), for offices' scopes. */
  tags: number[];
  secretaryName: string | null;
  secretaryPerson: number;
  secretaryPatron: number;
  grip: number;
  entrenchment: number;
  inCentralCommittee: boolean;
}

export interface CompiledCohort {
  id: string;
  name: string;
  /** Readiness of its members to follow the regional apparatus. */
  docility: number;
}

/** Anonymous committee seats of one institution, following one leader (or none) at the start. */
export interface CompiledBloc {
  id: string;
  name: string;
  institution: Institution;
  seats: number;
  candidates: number;
  patron: number;
  ideology: number;
}

export interface CompiledRung {
  id: string;
  kind: RungKind;
  /** Body that votes on the step. */
  decidedBy: number;
  /** Needs the strongest armed force behind the rulers. */
  force: boolean;
  /** First tick the step is available. */
  fromTick: number;
}

export interface CompiledRepression {
  fromTick: number;
  untilTick: number;
  /** Ladder steps (indices into `ladder`) off the table for members of the top bodies. */
  rungs: number[];
}

export interface CompiledTransfer {
  id: string;
  day: number;
  office: number;
  /** New holder, or -1: the holder resigns. */
  to: number;
  probability: number;
  label: string | null;
}

export interface CompiledAxis {
  id: string;
  name: string;
  salience: number;
}

export interface CompiledShock {
  id: string;
  kind: "incapacitation" | "recovery" | "death" | "economic" | "purge";
  target: number;
  /** Centre day and half-width of the window it is drawn from. */
  day: number;
  jitterDays: number;
  probability: number;
  capacity: number;
  severity: number;
  /** Axis an economic shock pushes. */
  axis: number;
  /** Share of members a purge removes. */
  share: number;
  label: string | null;
}

/** Mechanism parameters as plain numbers (the estimates' values). */
export interface Params {
  offices: { combine: "channels" | "strongest"; maxPerPerson: number; eligibility: boolean };
  bodies: { standingWeight: number; lineWeight: number; bandwagonWeight: number; appeals: boolean };
  patronage: {
    appointmentsPerYear: number;
    gripGrowthPerYear: number;
    maxGrip: number;
    clientsPerAppointment: number;
    officialsPerYear: number;
    allyProtection: number;
    /** Body whose vote confirms nominated secretaries, or -1. */
    confirmingBody: number;
  };
  circularFlow: {
    partyLineBias: number;
    enlargementCap: number;
    conferenceLeadWeeks: number;
    dropShare: number;
  };
  coalitions: {
    rule: Rule;
    politicsEveryWeeks: number;
    contenderAmbition: number;
    machineWeight: number;
    prestigeWeight: number;
    forceWeight: number;
    revelation: number;
    perceptionNoise: number;
    motionRate: number;
    rungIntervalWeeks: number;
    defectionRate: number;
    realignmentGain: number;
    concessionReach: number;
    lineWeight: number;
    voteMargin: number;
    /** Weight of a rival's distance from the ruling line in the danger seen in him (0: power alone). */
    enmity: number;
  };
  health: { hazardScale: number };
  files: {
    compromisedShare: number;
    compilePerYear: number;
    coercion: number;
    leverageOnSecretaries: number;
    pressPerYear: number;
  };
  enrolment: {
    campaignShare: number;
    campaignWeeks: number;
    launchShare: number;
    launchPerYear: number;
    minYearsBetween: number;
    mourningBoost: number;
    recruitLoyalty: number;
  };
  factionBan: { chargeBonus: number; intervalFactor: number; purgeShare: number; recantShare: number };
  legacy: {
    founderPrestige: number;
    absencePenalty: number;
    liabilityWeight: number;
    claimPerYear: number;
    cultYears: number;
    restraintWhileAlive: number;
    /** Infinity when the legacy is never repudiated. */
    repudiationDistance: number;
    repudiationCost: number;
  };
  testament: {
    writePerYear: number;
    concernThreshold: number;
    protectShare: number;
    publishWeight: number;
    readPenalty: number;
    gambitGain: number;
    actOnAtFirstCongress: boolean;
    /** The letter's judgements of other leaders: standing each loses if it is published. */
    mentions: { person: number; standing: number }[];
  };
  information: { withholding: number; curation: number; earlyWarning: number };
  policy: {
    opinionShock: number;
    followPerYear: number;
    shiftCost: number;
    oppositionDistance: number;
    platformPerYear: number;
    platformReach: number;
    platformPull: number;
    /** Infinity when the line is never put to a vote. */
    lineVoteStep: number;
  };
  rehabilitation: { pressChance: number; affinity: number; minYearsDown: number };
  preemption: {
    /** Chance per year of a pre-emptive arrest at full ruthlessness, force and fear. */
    ratePerYear: number;
    /** Least distance from the ruling line at which a rival with means is struck first. */
    distance: number;
  };
  coercion: {
    recantPerYear: number;
    /** Chance per year that an ambitious leader who recanted before expulsion takes up opposition again. */
    truceBreakPerYear: number;
    resistChance: number;
    forceChance: number;
    forceDelegates: number;
    coupCost: number;
  };
  membership: {
    recruitmentPerYear: number;
    attritionPerYear: number;
    ideologySpread: number;
    candidateShare: number;
    promotionPerYear: number;
  };
}

export interface CompiledScenario {
  id: string;
  title: string;
  clock: Clock;
  /** Calendar start as written (ISO date). */
  start: string;
  axes: CompiledAxis[];
  cohorts: CompiledCohort[];
  /** Cohorts that ordinary intake and enrolment campaigns join. */
  recruitCohort: number;
  campaignCohort: number;
  people: CompiledPerson[];
  bodies: CompiledBody[];
  offices: CompiledOffice[];
  transfers: CompiledTransfer[];
  regions: CompiledRegion[];
  blocs: CompiledBloc[];
  shocks: CompiledShock[];
  ladder: CompiledRung[];
  repression: CompiledRepression[];
  /** Region tags and role pools, by index. */
  tags: string[];
  pools: string[];
  /** Indices of the special bodies the circular flow runs through. */
  committee: number;
  congress: number;
  /** The top body, whose full members play the coalition game. */
  executive: number;
  fidelity: "aggregate" | "individual";
  enabled: Record<MechanismId, boolean>;
  params: Params;
  /** The validated scenario it was compiled from: opaque to the kernel, kept for reports and names. */
  source: unknown;
}
