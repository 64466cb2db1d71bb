/**
 * The compiled scenario: the plain, index-based data the kernel reads. The scenario layer (src/scenario)
 * builds it from a validated file; the kernel never imports the scenario layer, so this module is the one
 * contract between them. Ids become indices, estimates become numbers.
 */
import type { Clock } from "./calendar.ts";
import type { Rule } from "./coalition/rulingCoalition.ts";

/** Capabilities an office grants its holder, each a strength in [0, 1]. */
export const CAPABILITIES = ["appoint", "agenda", "files", "force", "press"] as const;
export type Capability = (typeof CAPABILITIES)[number];

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
  "factionBan",
  "coercion",
  "information",
  "offices",
] as const;
export type MechanismId = (typeof MECHANISM_IDS)[number];

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
  ideology: number;
  visibility: number;
  selfConfidence: number;
  frailty: number;
  flexibility: number;
  liabilities: number;
  /** Body indices where the person holds a voting seat at the start. */
  seats: number[];
  candidateOf: number[];
}

export interface CompiledBody {
  index: number;
  id: string;
  name: string;
  kind: "executive" | "committee" | "congress";
  electedBy: number;
  /** Nominal meeting ticks before jitter. */
  meetingTicks: number[];
  jitterTicks: number;
  seats: number;
  maxSeats: number;
  delegates: number;
}

export interface CompiledOffice {
  index: number;
  id: string;
  name: string;
  body: number;
  /** Capability strengths, indexed like CAPABILITIES. */
  caps: number[];
  holder: number;
}

export interface CompiledRegion {
  index: number;
  id: string;
  name: string;
  members: number;
  /** Shares of members by cohort: old, civil war, recruits (sum 1). */
  cohortShares: [number, number, number];
  ideology: number;
  secretaryName: string | null;
  secretaryPerson: number;
  secretaryPatron: number;
  grip: number;
  entrenchment: number;
  inCentralCommittee: boolean;
}

export interface CompiledShock {
  id: string;
  kind: "incapacitation" | "recovery" | "death" | "economic";
  target: number;
  /** Centre day and half-width of the window it is drawn from. */
  day: number;
  jitterDays: number;
  probability: number;
  capacity: number;
  severity: number;
  label: string | null;
}

/** Mechanism parameters as plain numbers (the estimates' values). */
export interface Params {
  patronage: {
    appointmentsPerYear: number;
    gripGrowthPerYear: number;
    maxGrip: number;
    clientsPerAppointment: number;
    officialsPerYear: number;
    allyProtection: number;
  };
  circularFlow: {
    cohortDocility: [number, number, number];
    partyLineBias: number;
    enlargementCap: number;
    conferenceLeadWeeks: number;
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
  };
  health: { hazardScale: number };
  files: {
    compromisedShare: number;
    compilePerYear: number;
    coercion: number;
    leverageOnSecretaries: number;
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
  };
  testament: {
    writePerYear: number;
    concernThreshold: number;
    protectShare: number;
    publishWeight: number;
    readPenalty: number;
    gambitGain: number;
    actOnAtFirstCongress: boolean;
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
  };
  coercion: { recantPerYear: number; resistChance: number };
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
  people: CompiledPerson[];
  bodies: CompiledBody[];
  offices: CompiledOffice[];
  regions: CompiledRegion[];
  shocks: CompiledShock[];
  /** Indices of the special bodies the circular flow runs through. */
  committee: number;
  congress: number;
  /** The executive body whose full members play the coalition game (the first executive elected by the committee). */
  executive: number;
  independents: { count: number; ideology: number }[];
  fidelity: "aggregate" | "individual";
  enabled: Record<MechanismId, boolean>;
  params: Params;
  /** The validated scenario it was compiled from: opaque to the kernel, kept for reports and names. */
  source: unknown;
  /** Calendar start as written (ISO date). */
  start: string;
}
