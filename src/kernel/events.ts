/**
 * The event log's vocabulary. Every event has a tick, a date and a type; the payload depends on the type.
 * Persons, bodies, offices and regions are referred to by their scenario ids.
 *
 * Version history:
 * - 1: first vocabulary.
 * - 2: enrolment, platform, factionalism-charge, testament, resignation-offer, recantation, resistance,
 *   line-shift and legacy.
 * - 3: the ladder is the scenario's (a removal names its step and its depth, and the body that decided it);
 *   votes list every named member's ballot, the swing voters and the session; new: session, reversal,
 *   office-created, office-abolished, transfer, courting, backing, restraint, patron-change, force, coup,
 *   repudiation, sole-leadership-lapsed (a leader who meets the test twice is seen to have lost it in
 *   between). Appointments say whom the appointee replaced and which body voted.
 * - 4: rehabilitation (a fallen leader restored by the body that decided his fall).
 * - 5: truce-broken (a leader who recanted before expulsion takes up opposition again).
 */
export const EVENT_VOCABULARY_VERSION = 5;

interface Base {
  tick: number;
  date: string;
}

/** A person appointed to an office, a regional secretaryship or a body seat. */
export interface AppointmentEvent extends Base {
  type: "appointment";
  post: { kind: "office" | "region" | "body"; id: string };
  /** Person id, or null for an anonymous nominee. */
  person: string | null;
  /** Leader the appointee owes the post to, if any. */
  patron: string | null;
  by: string | null;
  /** Post holder replaced, if any (id of a person, or null). */
  replaced?: string | null;
  /** Patron of the person replaced, if any: whose client was displaced. */
  replacedPatron?: string | null;
  /** Body whose vote made the appointment, if one did. */
  body?: string;
}

/** A leader pushed one step down the elimination ladder (or out of a post by a vote). */
export interface RemovalEvent extends Base {
  type: "removal";
  person: string;
  /** The ladder step's id (as the scenario names it). */
  rung: string;
  /** What the step takes: office, executive, committee, party, exile, deportation, arrest, trial, execution. */
  kind: string;
  /** Its place on the scenario's ladder, 1 for the first step: deeper steps have larger depths. */
  depth: number;
  /** Whose client the person removed was, if anyone's other than those who moved against him. */
  patron?: string;
  /** Body that voted the removal, if one did. */
  body?: string;
  /** Offices or bodies lost in this step. */
  lost: string[];
  by: string[];
}

export interface AllianceFormedEvent extends Base {
  type: "alliance-formed";
  /** Members of the new ruling coalition (or of an opposition bloc). */
  members: string[];
  kind: "ruling" | "opposition";
  against: string[];
}

export interface AllianceBrokenEvent extends Base {
  type: "alliance-broken";
  members: string[];
  kind: "ruling" | "opposition";
  /** Who broke it, if anyone did on purpose. */
  by: string | null;
  reason: "defection" | "departure" | "realignment";
}

/** A vote in a body: the tally always sums to the votes cast. */
export interface VoteEvent extends Base {
  type: "vote";
  body: string;
  motion: string;
  target: string | null;
  for: number;
  against: number;
  abstain: number;
  passed: boolean;
  proposers: string[];
  /** Each named member's ballot (anonymous seats and delegates are only counted). */
  ballots?: Record<string, "for" | "against" | "abstain">;
  /** Named members who weighed the motion on its merits and whose single ballot decided it. */
  swing?: string[];
  /** An extraordinary session rather than a regular one. */
  extraordinary?: boolean;
}

/** A body is convened between its regular sessions. */
export interface SessionEvent extends Base {
  type: "session";
  body: string;
  convenedBy: string[];
  reason: "appeal" | "motion";
}

/** A body that elects another overturns its decision on appeal: what was taken is given back. */
export interface ReversalEvent extends Base {
  type: "reversal";
  body: string;
  person: string;
  /** The step that is undone. */
  rung: string;
  /** The side whose decision is overturned. */
  overturned: string[];
}

/** An office is created (it may take over from offices it succeeds) or abolished. */
export interface OfficeChangeEvent extends Base {
  type: "office-created" | "office-abolished";
  office: string;
  /** Holder who takes it over (created) or loses it (abolished), if any. */
  person: string | null;
}

/** A scheduled resignation or transfer of an office. */
export interface TransferEvent extends Base {
  type: "transfer";
  office: string;
  from: string | null;
  to: string | null;
  label: string | null;
}

/** A contender courts a swing member of the top body with a concession. */
export interface CourtingEvent extends Base {
  type: "courting";
  by: string;
  to: string;
  offer: "line" | "office";
  accepted: boolean;
}

/** A top-body member who does not seek power changes the contender he backs (a swing member swings). */
export interface BackingEvent extends Base {
  type: "backing";
  person: string;
  /** The contender he now backs, or null. */
  backs: string | null;
  /** The one he backed before, or null. */
  before: string | null;
}

/**
 * Members of the ruling coalition hold back a move against a rival: with him gone, their partners would no
 * longer need them.
 */
export interface RestraintEvent extends Base {
  type: "restraint";
  by: string[];
  target: string;
}

/** A named official changes patron: he recants, his patron has fallen, or a reader of the files presses him. */
export interface PatronChangeEvent extends Base {
  type: "patron-change";
  person: string;
  from: string | null;
  to: string;
  cause: "recantation" | "patron-fallen" | "pressure";
}

/** A chief of armed force puts it behind one side at a decisive vote (bringing delegates in). */
export interface ForceEvent extends Base {
  type: "force";
  by: string;
  side: string[];
  body: string;
  votes: number;
}

/** Rivals arrested by force at a decisive moment. */
export interface CoupEvent extends Base {
  type: "coup";
  by: string[];
  force: string;
  against: string[];
}

/** The leadership repudiates the founder's legacy; those tied to it lose standing. */
export interface RepudiationEvent extends Base {
  type: "repudiation";
  by: string[];
  founder: string;
  losers: string[];
}

/** A fallen leader is restored by the body that decided his fall: back up the ladder, with his seats. */
export interface RehabilitationEvent extends Base {
  type: "rehabilitation";
  person: string;
  /** Body that voted his return. */
  body: string;
  /** The ladder step he had been pushed down to (null: he had only been dropped from his seats). */
  from: string | null;
  /** Bodies whose seats he takes again (":candidate" where only a candidate's seat was free). */
  restored: string[];
  /** Who pressed for his return. */
  by: string[];
}

/** A body met and (re)elected another body or grew. */
export interface ElectionEvent extends Base {
  type: "election";
  body: string;
  electedBody: string;
  seats: number;
  added: number;
}

export interface CongressEvent extends Base {
  type: "congress";
  body: string;
  number: number;
  delegates: number;
  members: number;
}

export interface MembershipEvent extends Base {
  type: "membership";
  members: number;
  joined: number;
  left: number;
}

export interface HealthEvent extends Base {
  type: "incapacitation" | "recovery";
  person: string;
  capacity: number;
  label: string | null;
}

export interface DeathEvent extends Base {
  type: "death";
  person: string;
  cause: "scheduled" | "natural";
  label: string | null;
}

export interface ShockEvent extends Base {
  type: "shock";
  id: string;
  severity: number;
  label: string | null;
}

/** An enrolment campaign is launched. */
export interface EnrolmentEvent extends Base {
  type: "enrolment";
  by: string;
  recruits: number;
  weeks: number;
}

/** An opposition bloc issues a platform; members near its line rally to it. */
export interface PlatformEvent extends Base {
  type: "platform";
  leaders: string[];
  line: number;
  sympathisers: number;
}

/** Leaders charged with factionalism under the ban on factions, and rank-and-file supporters expelled. */
export interface ChargeEvent extends Base {
  type: "factionalism-charge";
  by: string[];
  against: string[];
  expelled: number;
}

/** The founder's testament: written (recommending a leader's removal), then published, read or suppressed. */
export interface TestamentEvent extends Base {
  type: "testament";
  target: string;
  fate: "written" | "published" | "read" | "suppressed";
}

/** A leader offers to resign; the offer is accepted or refused. */
export interface ResignationEvent extends Base {
  type: "resignation-offer";
  person: string;
  accepted: boolean;
}

/** A defeated leader recants and submits; if expelled, he is readmitted. */
export interface RecantationEvent extends Base {
  type: "recantation";
  person: string;
  readmitted: boolean;
}

/** A leader who recanted before he was expelled takes up opposition again: his submission no longer shields him. */
export interface TruceBrokenEvent extends Base {
  type: "truce-broken";
  person: string;
}

/** A leader who holds armed force resists removal. */
export interface ResistanceEvent extends Base {
  type: "resistance";
  person: string;
  succeeded: boolean;
}

/** A leader changes his economic line markedly (at least 0.2 since his last reported shift). */
export interface LineShiftEvent extends Base {
  type: "line-shift";
  person: string;
  from: number;
  to: number;
}

/** A founder dies: his legacy is open to claim. */
export interface LegacyEvent extends Base {
  type: "legacy";
  founder: string;
  absent: string[];
}

export interface OutcomeEvent extends Base {
  type: "sole-leader";
  person: string;
}

/** Why a sole leader stops meeting the test: the first of its conditions that fails. */
export type LapseReason =
  | "gone"
  | "rival-in-executive"
  | "needs-consent"
  | "executive-majority"
  | "committee-majority";

/** The sole leader no longer meets the test (he may meet it again later). */
export interface LapseEvent extends Base {
  type: "sole-leadership-lapsed";
  person: string;
  reason: LapseReason;
}

export type SimEvent =
  | AppointmentEvent
  | RemovalEvent
  | AllianceFormedEvent
  | AllianceBrokenEvent
  | VoteEvent
  | ElectionEvent
  | CongressEvent
  | MembershipEvent
  | HealthEvent
  | DeathEvent
  | ShockEvent
  | EnrolmentEvent
  | PlatformEvent
  | ChargeEvent
  | TestamentEvent
  | ResignationEvent
  | RecantationEvent
  | TruceBrokenEvent
  | ResistanceEvent
  | LineShiftEvent
  | LegacyEvent
  | SessionEvent
  | ReversalEvent
  | OfficeChangeEvent
  | TransferEvent
  | CourtingEvent
  | BackingEvent
  | RestraintEvent
  | PatronChangeEvent
  | ForceEvent
  | CoupEvent
  | RepudiationEvent
  | RehabilitationEvent
  | OutcomeEvent
  | LapseEvent;

export type EventType = SimEvent["type"];

/** Every event type with a one-line meaning: printed by the CLI and kept in sync by a test. */
export const EVENT_TYPES: Record<EventType, string> = {
  appointment: "a person placed in an office, a regional secretaryship or a body seat",
  removal: "a person pushed down the elimination ladder (to the step named; earlier steps are included)",
  "alliance-formed": "a ruling coalition or an opposition bloc forms",
  "alliance-broken": "a coalition ends: a member defects, departs, or the leaders realign",
  vote: "a body votes on a motion; for + against + abstain = votes cast",
  election: "a body elects another body, possibly enlarging it",
  congress: "a party congress opens",
  membership: "yearly membership figures",
  incapacitation: "a person loses capacity to work (illness)",
  recovery: "a person regains capacity",
  death: "a person dies",
  shock: "an exogenous economic or political shock",
  "sole-leader": "one leader meets the sole-leadership test (it may later lapse)",
  "sole-leadership-lapsed": "the sole leader no longer meets the test, with the first condition that fails",
  enrolment: "an enrolment campaign is launched by the holder of appointment power",
  platform: "an opposition bloc issues a platform and members rally to it",
  "factionalism-charge": "leaders are charged with factionalism; rank-and-file sympathisers are expelled",
  testament: "the founder's testament is written, then published, read to delegations or suppressed",
  "resignation-offer": "a leader offers to resign; accepted or refused",
  recantation: "a defeated leader recants and submits (readmitted if expelled)",
  "truce-broken": "a leader who recanted while still in the party takes up opposition again",
  resistance: "a leader holding armed force resists removal",
  "line-shift": "a leader moves his economic line markedly",
  legacy: "the founder dies; his legacy is open to claim",
  session: "a body is convened in extraordinary session",
  reversal: "a body overturns, on appeal, a removal decided by a body it elects",
  "office-created": "an office is created (and taken over by the holder of an office it succeeds)",
  "office-abolished": "an office is abolished; its holder loses it",
  transfer: "a scheduled resignation or transfer of an office",
  courting: "a contender offers a swing member of the top body a concession on the line to win his backing",
  backing: "a top-body member who does not seek power swings his backing to another contender",
  restraint:
    "members of the ruling coalition hold back a move against a rival whose fall would leave them exposed",
  "patron-change":
    "a named official changes patron: he recants, his patron has fallen, or the files press him",
  force: "a chief of armed force brings delegates in behind one side at a decisive vote",
  coup: "rivals are arrested by force at a decisive moment",
  repudiation: "the leadership repudiates the founder's legacy",
  rehabilitation: "a fallen leader is restored by the body that decided his fall, with his seats",
};
