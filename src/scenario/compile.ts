/**
 * Compiles a validated scenario into flat, index-based tables, once, before the first tick.
 * The engine's hot paths read only these tables: ids become indices, estimates become numbers, dates become
 * ticks, and whatever a file leaves out gets its documented default here.
 */
import { dayOf, makeClock, tickOf } from "../kernel/calendar.ts";
import {
  CAPABILITIES,
  type CompiledBloc,
  type CompiledBody,
  type CompiledCohort,
  type CompiledOffice,
  type CompiledPerson,
  type CompiledRegion,
  type CompiledRung,
  type CompiledScenario,
  type CompiledShock,
  type MechanismId,
  type Params,
  type RungKind,
} from "../kernel/compiled.ts";
import type { Estimate, Scenario } from "./schema.ts";

export type { CompiledScenario } from "../kernel/compiled.ts";

const v = (e: Estimate): number => e.value;
/** An optional estimate's value, or a default. */
const vOr = (e: Estimate | undefined, fallback: number): number => (e ? e.value : fallback);
/** A strength given as a plain number or as an estimate. */
const strength = (x: number | Estimate | undefined): number =>
  x === undefined ? 0 : typeof x === "number" ? x : x.value;

/** The values of a record of estimates (other fields are left to the caller). */
function values<T extends Record<string, unknown>>(
  params: T,
): { [K in keyof T]: T[K] extends Estimate ? number : T[K] } {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(params)) {
    out[k] = x && typeof x === "object" && "value" in x ? (x as Estimate).value : x;
  }
  return out as { [K in keyof T]: T[K] extends Estimate ? number : T[K] };
}

/** Defaults for people who state no attributes of their own (officials, mostly). */
const OFFICIAL_DEFAULTS = {
  prestige: 0.1,
  organisation: 0.3,
  ruthlessness: 0.3,
  ambition: 0,
  ideology: 0,
  visibility: 0.5,
  selfConfidence: 0,
  frailty: 0.006,
  flexibility: 0.5,
  liabilities: 0,
  legacyTie: 0,
};

/** The ladder of version-1 files, which had no `ladder` of their own. */
export const DEFAULT_LADDER: { id: string; kind: RungKind; force?: boolean }[] = [
  { id: "office", kind: "office" },
  { id: "politburo", kind: "executive" },
  { id: "central-committee", kind: "committee" },
  { id: "expulsion", kind: "party" },
  { id: "internal-exile", kind: "exile", force: true },
  { id: "deportation", kind: "deportation", force: true },
];

/** Version-1 cohorts: three at the start and the campaign cohort, docility from the circular flow's params. */
function defaultCohorts(s: Scenario): { cohorts: CompiledCohort[]; recruits: number; campaign: number } {
  const d = s.mechanisms.circularFlow.params.cohortDocility;
  return {
    cohorts: [
      { id: "old", name: "underground veterans", docility: vOr(d?.old, 0.4) },
      { id: "civilWar", name: "civil-war entrants", docility: vOr(d?.civilWar, 0.6) },
      { id: "recruits", name: "recruits", docility: vOr(d?.recruits, 0.8) },
      {
        id: "enrolment",
        name: "campaign recruits",
        docility: vOr(s.mechanisms.enrolment.params.recruitLoyalty, 0.9),
      },
    ],
    recruits: 2,
    campaign: 3,
  };
}

/**
 * Compiles a validated scenario.
 *
 * @example
 * const compiled = compileScenario(parseScenario(text, file));
 */
export function compileScenario(s: Scenario): CompiledScenario {
  const clock = makeClock(s.calendar.start, s.calendar.end, s.calendar.tickDays);
  const index = <T extends { id: string }>(list: readonly T[]) => new Map(list.map((x, i) => [x.id, i]));
  const bodyIndex = index(s.bodies);
  const personIndex = index(s.people);
  const officeIndex = index(s.offices);
  const idx = (m: Map<string, number>, key: string | null | undefined) => (key ? (m.get(key) ?? -1) : -1);
  const tickAt = (iso: string) => tickOf(clock, dayOf(iso));

  const tags = [...new Set(s.regions.flatMap((r) => r.tags))].sort();
  const tagIndex = new Map(tags.map((t, i) => [t, i]));
  const pools = [
    ...new Set([...s.people.flatMap((p) => p.pools), ...s.offices.flatMap((o) => o.eligible?.pools ?? [])]),
  ].sort();
  const poolIndex = new Map(pools.map((t, i) => [t, i]));

  const axes = s.axes.map((a) => ({ id: a.id, name: a.name, salience: a.salience }));
  const ladderIds = (s.ladder ?? DEFAULT_LADDER).map((r) => r.id);
  const people: CompiledPerson[] = s.people.map((p, i) => {
    const a = p.attributes ?? {};
    const num = (key: keyof typeof OFFICIAL_DEFAULTS) => {
      const e = a[key as keyof typeof a] as Estimate | undefined;
      return e ? e.value : OFFICIAL_DEFAULTS[key];
    };
    const ideology = num("ideology");
    return {
      index: i,
      id: p.id,
      name: p.name,
      isLeader: p.role === "leader",
      patron: idx(personIndex, p.patron),
      prestige: num("prestige"),
      organisation: num("organisation"),
      ruthlessness: num("ruthlessness"),
      ambition: num("ambition"),
      ideology,
      positions: axes.map((axis, k) => (k === 0 ? ideology : (a.positions?.[axis.id]?.value ?? 0))),
      visibility: num("visibility"),
      selfConfidence: num("selfConfidence"),
      frailty: num("frailty"),
      flexibility: num("flexibility"),
      liabilities: num("liabilities"),
      legacyTie: num("legacyTie"),
      seats: p.seats.map((b) => bodyIndex.get(b)!),
      candidateOf: p.candidateOf.map((b) => bodyIndex.get(b)!),
      pools: p.pools.map((x) => poolIndex.get(x)!),
      shortName: p.shortName ?? p.name.split(/\s+/).at(-1)!,
      startRung: p.purged?.step ? ladderIds.indexOf(p.purged.step) + 1 : 0,
      fellTick: p.purged?.date ? tickAt(p.purged.date) : 0,
      heldSeats: (p.purged?.seats ?? []).map((b) => bodyIndex.get(b)!),
    };
  });

  const committee = s.bodies.findIndex((b) => b.kind === "committee");
  const congress = s.bodies.findIndex((b) => b.kind === "congress");
  const topFlag = s.bodies.findIndex((b) => b.top === true);
  const executive =
    topFlag >= 0
      ? topFlag
      : s.bodies.findIndex((b) => b.kind === "executive" && b.electedBy === s.bodies[committee]!.id);

  const bodies: CompiledBody[] = s.bodies.map((b, i) => {
    let meetingTicks: number[];
    if (b.meets.dates) {
      meetingTicks = b.meets.dates.map(tickAt).filter((t) => t >= 0 && t < clock.ticks);
    } else {
      const every = Math.max(1, Math.round((b.meets.everyWeeks! * 7) / s.calendar.tickDays));
      meetingTicks = [];
      for (let t = every; t < clock.ticks; t += every) meetingTicks.push(t);
    }
    const startCandidates = s.people.filter((p) => p.candidateOf.includes(b.id)).length;
    return {
      index: i,
      id: b.id,
      name: b.name,
      kind: b.kind,
      electedBy: idx(bodyIndex, b.electedBy),
      meetingTicks,
      jitterTicks: Math.round((b.meets.jitterWeeks * 7) / s.calendar.tickDays),
      seats: b.seats ?? 0,
      maxSeats: b.maxSeats ?? b.seats ?? 0,
      candidates: b.candidates ?? startCandidates,
      sizes: b.sizes
        .map((z) => ({ tick: Math.max(0, tickAt(z.date)), seats: z.seats }))
        .sort((a, b) => a.tick - b.tick),
      quorum: b.rule.quorum,
      majority: b.rule.majority,
      tabling: b.tabling,
      extraordinary: b.extraordinary ?? null,
      joint: b.joint.map((j) => bodyIndex.get(j)!),
      delegates: b.delegates ? Math.round(v(b.delegates)) : 0,
    };
  });

  const offices: CompiledOffice[] = s.offices.map((o, i) => ({
    index: i,
    id: o.id,
    name: o.name,
    body: idx(bodyIndex, o.body),
    caps: CAPABILITIES.map((c) => strength(o.capabilities[c])),
    scope: (o.scope ?? []).map((t) => tagIndex.get(t) ?? -1).filter((t) => t >= 0),
    holder: idx(personIndex, o.holder),
    appointedBy: o.appointedBy ? bodyIndex.get(o.appointedBy)! : executive,
    eligible: {
      bodies: o.eligible?.bodies ? o.eligible.bodies.map((b) => bodyIndex.get(b)!) : null,
      roles: o.eligible?.roles ?? null,
      pools: o.eligible?.pools ? o.eligible.pools.map((x) => poolIndex.get(x)!) : null,
    },
    incompatible: o.incompatible.map((x) => officeIndex.get(x)!),
    fromTick: o.from ? Math.max(0, tickAt(o.from)) : 0,
    untilTick: o.until ? tickAt(o.until) : Number.MAX_SAFE_INTEGER,
    inherits: o.inherits.map((x) => officeIndex.get(x)!),
  }));

  const defaults = defaultCohorts(s);
  const cohorts: CompiledCohort[] = s.cohorts
    ? s.cohorts.map((c) => ({ id: c.id, name: c.name, docility: v(c.docility) }))
    : defaults.cohorts;
  const recruitCohort = s.cohorts ? s.cohorts.findIndex((c) => c.role === "recruits") : defaults.recruits;
  const campaignCohort = s.cohorts ? s.cohorts.findIndex((c) => c.role === "campaign") : defaults.campaign;

  const regions: CompiledRegion[] = s.regions.map((r, i) => {
    const shares = cohorts.map((c) => r.cohorts[c.id] ?? 0);
    const total = shares.reduce((a, b) => a + b, 0);
    return {
      index: i,
      id: r.id,
      name: r.name,
      members: Math.round(v(r.members)),
      cohortShares: shares.map((x) => x / total),
      ideology: r.ideology,
      tags: r.tags.map((t) => tagIndex.get(t)!),
      secretaryName: r.secretary.name ?? null,
      secretaryPerson: idx(personIndex, r.secretary.person),
      secretaryPatron: idx(personIndex, r.secretary.patron),
      grip: r.secretary.grip,
      entrenchment: r.entrenchment,
      inCentralCommittee: r.inCentralCommittee,
    };
  });

  const cc = s.centralCommittee;
  const blocs: CompiledBloc[] = [
    ...cc.blocs.map((b) => ({
      id: b.id,
      name: b.name ?? b.id,
      institution: b.institution,
      seats: b.seats,
      candidates: b.candidates,
      patron: idx(personIndex, b.patron),
      ideology: b.ideology,
    })),
    // Version-1 independents: seats of members outside every network.
    ...cc.independents.map((g, k) => ({
      id: `independents-${k + 1}`,
      name: "independent members",
      institution: "other" as const,
      seats: g.count,
      candidates: 0,
      patron: -1,
      ideology: g.ideology,
    })),
  ];

  const ladderSource = s.ladder ?? DEFAULT_LADDER;
  const ladder: CompiledRung[] = ladderSource.map((r) => {
    const written = r as { decidedBy?: string; from?: string; force?: boolean };
    // By default the committee decides what it elects (seats in bodies, membership); the top body the rest.
    const plenum = r.kind === "executive" || r.kind === "committee" || r.kind === "party";
    return {
      id: r.id,
      kind: r.kind,
      decidedBy: written.decidedBy ? bodyIndex.get(written.decidedBy)! : plenum ? committee : executive,
      force: written.force ?? false,
      fromTick: written.from ? tickAt(written.from) : 0,
    };
  });
  const rungIndex = new Map(ladder.map((r, i) => [r.id, i]));

  const shocks: CompiledShock[] = s.shocks.map((sh) => ({
    id: sh.id,
    kind: sh.kind,
    target: idx(personIndex, sh.target),
    day: dayOf(sh.date),
    jitterDays: sh.jitterDays,
    probability: sh.probability,
    capacity: sh.capacity ?? (sh.kind === "recovery" ? 1 : 0),
    severity: sh.severity ?? 0,
    axis: sh.axis
      ? Math.max(
          0,
          axes.findIndex((a) => a.id === sh.axis),
        )
      : 0,
    share: sh.share ?? 0,
    label: sh.label ?? null,
  }));

  const m = s.mechanisms;
  const pp = m.patronage.params;
  const cf = m.circularFlow.params;
  const co = m.coalitions.params;
  const bp = m.bodies.params;
  const lp = m.legacy.params;
  const cp = m.coercion.params;
  const params: Params = {
    offices: {
      combine: m.offices.params.combine,
      maxPerPerson: m.offices.params.maxPerPerson ?? Number.MAX_SAFE_INTEGER,
      eligibility: m.offices.params.eligibility,
    },
    bodies: {
      standingWeight: vOr(bp.standingWeight, 2),
      lineWeight: vOr(bp.lineWeight, 1.5),
      bandwagonWeight: vOr(bp.bandwagonWeight, 1),
      appeals: bp.appeals,
    },
    patronage: {
      appointmentsPerYear: v(pp.appointmentsPerYear),
      gripGrowthPerYear: v(pp.gripGrowthPerYear),
      maxGrip: v(pp.maxGrip),
      clientsPerAppointment: v(pp.clientsPerAppointment),
      officialsPerYear: v(pp.officialsPerYear),
      allyProtection: v(pp.allyProtection),
      confirmingBody: idx(bodyIndex, pp.confirmingBody),
    },
    circularFlow: {
      partyLineBias: v(cf.partyLineBias),
      enlargementCap: v(cf.enlargementCap),
      conferenceLeadWeeks: cf.conferenceLeadWeeks,
      dropShare: vOr(cf.dropShare, 0),
    },
    coalitions: {
      rule: co.rule,
      politicsEveryWeeks: co.politicsEveryWeeks,
      contenderAmbition: v(co.contenderAmbition),
      machineWeight: v(co.machineWeight),
      prestigeWeight: v(co.prestigeWeight),
      forceWeight: v(co.forceWeight),
      revelation: v(co.revelation),
      perceptionNoise: v(co.perceptionNoise),
      motionRate: v(co.motionRate),
      rungIntervalWeeks: v(co.rungIntervalWeeks),
      defectionRate: v(co.defectionRate),
      realignmentGain: v(co.realignmentGain),
      concessionReach: vOr(co.concessionReach, 0),
      lineWeight: vOr(co.lineWeight, 0),
      voteMargin: vOr(co.voteMargin, 0),
      enmity: vOr(co.enmity, 0),
    },
    health: { hazardScale: v(m.health.params.hazardScale) },
    files: { ...values(m.files.params), pressPerYear: vOr(m.files.params.pressPerYear, 0) },
    enrolment: {
      ...values(m.enrolment.params),
      campaignWeeks: m.enrolment.params.campaignWeeks,
      recruitLoyalty: cohorts[campaignCohort]!.docility,
    },
    factionBan: values(m.factionBan.params),
    legacy: {
      founderPrestige: v(lp.founderPrestige),
      absencePenalty: v(lp.absencePenalty),
      liabilityWeight: v(lp.liabilityWeight),
      claimPerYear: v(lp.claimPerYear),
      cultYears: v(lp.cultYears),
      restraintWhileAlive: v(lp.restraintWhileAlive),
      repudiationDistance: vOr(lp.repudiationDistance, Number.POSITIVE_INFINITY),
      repudiationCost: vOr(lp.repudiationCost, 0.5),
    },
    testament: {
      ...values(m.testament.params),
      actOnAtFirstCongress: m.testament.params.actOnAtFirstCongress,
      mentions: m.testament.params.mentions.map((x) => ({
        person: personIndex.get(x.person)!,
        standing: v(x.standing),
      })),
    },
    information: values(m.information.params),
    policy: {
      ...values(m.policy.params),
      lineVoteStep: vOr(m.policy.params.lineVoteStep, Number.POSITIVE_INFINITY),
    },
    rehabilitation: {
      pressChance: vOr(m.rehabilitation.params.pressChance, 0.5),
      affinity: vOr(m.rehabilitation.params.affinity, 0.5),
      minYearsDown: vOr(m.rehabilitation.params.minYearsDown, 1),
    },
    preemption: {
      ratePerYear: vOr(m.preemption.params.ratePerYear, 0),
      distance: vOr(m.preemption.params.distance, 0.5),
    },
    coercion: {
      recantPerYear: v(cp.recantPerYear),
      truceBreakPerYear: vOr(cp.truceBreakPerYear, 0),
      resistChance: v(cp.resistChance),
      forceChance: vOr(cp.forceChance, 0),
      forceDelegates: vOr(cp.forceDelegates, 0.1),
      coupCost: vOr(cp.coupCost, 0.2),
    },
    membership: {
      recruitmentPerYear: v(m.membership.params.recruitmentPerYear),
      attritionPerYear: v(m.membership.params.attritionPerYear),
      ideologySpread: v(m.membership.params.ideologySpread),
      candidateShare: v(m.membership.params.candidateShare),
      promotionPerYear: v(m.membership.params.promotionPerYear),
    },
  };

  const enabled = Object.fromEntries(Object.entries(m).map(([k, x]) => [k, x.enabled])) as Record<
    MechanismId,
    boolean
  >;

  return {
    id: s.id,
    title: s.title,
    clock,
    start: s.calendar.start,
    axes,
    cohorts,
    recruitCohort,
    campaignCohort,
    people,
    bodies,
    offices,
    transfers: s.transfers.map((t) => ({
      id: t.id,
      day: dayOf(t.date),
      office: officeIndex.get(t.office)!,
      to: idx(personIndex, t.to),
      probability: t.probability,
      label: t.label ?? null,
    })),
    regions,
    blocs,
    shocks,
    ladder,
    repression: s.repression.map((r) => ({
      fromTick: tickAt(r.from),
      untilTick: tickAt(r.until),
      rungs: r.rungs.map((id) => rungIndex.get(id)!),
    })),
    tags,
    pools,
    committee,
    congress,
    executive,
    fidelity: s.members.fidelity,
    enabled,
    params,
    source: s,
  };
}
