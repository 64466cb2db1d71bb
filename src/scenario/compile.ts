/**
 * Compiles a validated scenario into flat, index-based tables, once, before the first tick.
 * The engine's hot paths read only these tables: ids become indices, estimates become numbers.
 */
import { dayOf, makeClock, tickOf } from "../kernel/calendar.ts";
import {
  CAPABILITIES,
  type Capability,
  type CompiledBody,
  type CompiledOffice,
  type CompiledPerson,
  type CompiledRegion,
  type CompiledScenario,
  type CompiledShock,
  type MechanismId,
  type Params,
} from "../kernel/compiled.ts";
import type { Estimate, Scenario } from "./schema.ts";

export type { CompiledScenario } from "../kernel/compiled.ts";

const v = (e: Estimate): number => e.value;

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

/** Yearly death hazard of officials, who carry no attributes of their own. */
const OFFICIAL_FRAILTY = 0.006;

/**
 * Compiles a validated scenario.
 *
 * @example
 * const compiled = compileScenario(parseScenario(text, file));
 */
export function compileScenario(s: Scenario): CompiledScenario {
  const clock = makeClock(s.calendar.start, s.calendar.end, s.calendar.tickDays);
  const bodyIndex = new Map(s.bodies.map((b, i) => [b.id, i]));
  const personIndex = new Map(s.people.map((p, i) => [p.id, i]));
  const idx = (m: Map<string, number>, key: string | null | undefined) => (key ? (m.get(key) ?? -1) : -1);

  const people: CompiledPerson[] = s.people.map((p, i) => {
    const a = p.attributes;
    return {
      index: i,
      id: p.id,
      name: p.name,
      isLeader: p.role === "leader",
      patron: idx(personIndex, p.patron),
      prestige: a ? v(a.prestige) : 0.1,
      organisation: a ? v(a.organisation) : 0.3,
      ruthlessness: a ? v(a.ruthlessness) : 0.3,
      ambition: a ? v(a.ambition) : 0,
      ideology: a ? v(a.ideology) : 0,
      visibility: a ? v(a.visibility) : 0.5,
      selfConfidence: a ? v(a.selfConfidence) : 0,
      frailty: a ? v(a.frailty) : OFFICIAL_FRAILTY,
      flexibility: a?.flexibility ? v(a.flexibility) : 0.5,
      liabilities: a?.liabilities ? v(a.liabilities) : 0,
      seats: p.seats.map((b) => bodyIndex.get(b)!),
      candidateOf: p.candidateOf.map((b) => bodyIndex.get(b)!),
    };
  });

  const bodies: CompiledBody[] = s.bodies.map((b, i) => {
    let meetingTicks: number[];
    if (b.meets.dates) {
      meetingTicks = b.meets.dates
        .map((d) => tickOf(clock, dayOf(d)))
        .filter((t) => t >= 0 && t < clock.ticks);
    } else {
      const every = Math.max(1, Math.round((b.meets.everyWeeks! * 7) / s.calendar.tickDays));
      meetingTicks = [];
      for (let t = every; t < clock.ticks; t += every) meetingTicks.push(t);
    }
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
      delegates: b.delegates ? Math.round(v(b.delegates)) : 0,
    };
  });

  const offices: CompiledOffice[] = s.offices.map((o, i) => ({
    index: i,
    id: o.id,
    name: o.name,
    body: idx(bodyIndex, o.body),
    caps: CAPABILITIES.map((c: Capability) => o.capabilities[c] ?? 0),
    holder: idx(personIndex, o.holder),
  }));

  const regions: CompiledRegion[] = s.regions.map((r, i) => {
    const c = r.cohorts;
    const total = c.old + c.civilWar + c.recruits;
    return {
      index: i,
      id: r.id,
      name: r.name,
      members: Math.round(v(r.members)),
      cohortShares: [c.old / total, c.civilWar / total, c.recruits / total],
      ideology: r.ideology,
      secretaryName: r.secretary.name ?? null,
      secretaryPerson: idx(personIndex, r.secretary.person),
      secretaryPatron: idx(personIndex, r.secretary.patron),
      grip: r.secretary.grip,
      entrenchment: r.entrenchment,
      inCentralCommittee: r.inCentralCommittee,
    };
  });

  const shocks: CompiledShock[] = s.shocks.map((sh) => ({
    id: sh.id,
    kind: sh.kind,
    target: idx(personIndex, sh.target),
    day: dayOf(sh.date),
    jitterDays: sh.jitterDays,
    probability: sh.probability,
    capacity: sh.capacity ?? (sh.kind === "recovery" ? 1 : 0),
    severity: sh.severity ?? 0,
    label: sh.label ?? null,
  }));

  const committee = s.bodies.findIndex((b) => b.kind === "committee");
  const congress = s.bodies.findIndex((b) => b.kind === "congress");
  const executive = s.bodies.findIndex(
    (b) => b.kind === "executive" && b.electedBy === s.bodies[committee]!.id,
  );

  const m = s.mechanisms;
  const pp = m.patronage.params;
  const cf = m.circularFlow.params;
  const co = m.coalitions.params;
  const params: Params = {
    patronage: {
      appointmentsPerYear: v(pp.appointmentsPerYear),
      gripGrowthPerYear: v(pp.gripGrowthPerYear),
      maxGrip: v(pp.maxGrip),
      clientsPerAppointment: v(pp.clientsPerAppointment),
      officialsPerYear: v(pp.officialsPerYear),
      allyProtection: v(pp.allyProtection),
    },
    circularFlow: {
      cohortDocility: [
        v(cf.cohortDocility.old),
        v(cf.cohortDocility.civilWar),
        v(cf.cohortDocility.recruits),
      ],
      partyLineBias: v(cf.partyLineBias),
      enlargementCap: v(cf.enlargementCap),
      conferenceLeadWeeks: cf.conferenceLeadWeeks,
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
    },
    health: { hazardScale: v(m.health.params.hazardScale) },
    files: values(m.files.params),
    enrolment: { ...values(m.enrolment.params), campaignWeeks: m.enrolment.params.campaignWeeks },
    factionBan: values(m.factionBan.params),
    legacy: values(m.legacy.params),
    testament: {
      ...values(m.testament.params),
      actOnAtFirstCongress: m.testament.params.actOnAtFirstCongress,
    },
    information: values(m.information.params),
    policy: values(m.policy.params),
    coercion: values(m.coercion.params),
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
    people,
    bodies,
    offices,
    regions,
    shocks,
    committee,
    congress,
    executive,
    independents: s.centralCommittee.independents,
    fidelity: s.members.fidelity,
    enabled,
    params,
    source: s,
    start: s.calendar.start,
  };
}
