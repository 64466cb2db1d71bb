/**
 * Sessions of the bodies: each body takes up the motions tabled since its last session and decides them by
 * the votes of its members. A removal voted by a body can be appealed by the losing side to the body that
 * elects it (the committee for the top body, the congress for the committee), which may confirm or overturn
 * it; a side may have a body convened in extraordinary session if it holds the agenda there or enough of its
 * seats. At a decisive vote a chief of armed force may put it behind his side: bringing members in, or, where
 * the ladder allows, arresting the other side's leaders.
 */
import { appointSecretary } from "./appointments.ts";
import type { CoupEvent, ForceEvent, ResistanceEvent, ReversalEvent, SessionEvent } from "./events.ts";
import { commandsForce, resistChance, strongestForce } from "./influence.ts";
import { applyRung, nextRung, reverseDecision, rungAvailable, rungOfKind } from "./ladder.ts";
import { reveal } from "./perception.ts";
import { capability, followedLeader, livePatron, MAX_PRESTIGE, machines, principal } from "./power.ts";
import type { Rng } from "./random/rng.ts";
import { fullMembers } from "./seats.ts";
import { emitVote, expectedShare, type Sides, type VoteOptions, vote } from "./votes.ts";
import { type Decision, emit, ids, type Motion, personId, type VoterGroup, type World } from "./world.ts";

/** Standing a side loses when its motion fails or its decision is overturned. */
const FACE = 0.02;

/** Tables a motion for the body's next session, and has the body convened early if the sponsors can. */
export function table(w: World, motion: Omit<Motion, "queuedTick">): void {
  w.motions.push({ ...motion, queuedTick: w.tick });
  // An appeal cannot wait for the next regular session: the appellants may have the body convened.
  if (motion.kind === "appeal") convene(w, motion.body, motion.sponsors, "appeal");
}

/** Whether the body sits next tick anyway. */
function sitsSoon(w: World, body: number): boolean {
  return (w.meets[body]![w.tick + 1] ?? 0) > 0 || (w.meets[body]![w.tick] ?? 0) > 0;
}

/**
 * Convenes a body in extraordinary session next tick if its rules allow and the side asking holds its agenda
 * (the member with the strongest agenda capability is on that side) or the petition share of its seats.
 */
export function convene(
  w: World,
  body: number,
  side: readonly number[],
  reason: SessionEvent["reason"],
): boolean {
  const rules = w.sc.bodies[body]!.extraordinary;
  if (!rules || !w.sc.enabled.bodies || w.tick + 1 >= w.sc.clock.ticks || sitsSoon(w, body)) return false;
  const leaders = new Set(side.map((i) => principal(w, i)));
  const onSide = (i: number) => leaders.has(principal(w, i));
  let agendaHolder = -1;
  let agenda = 0;
  for (const i of fullMembers(w, body)) {
    const a = capability(w, i, "agenda");
    if (a > agenda) {
      agenda = a;
      agendaHolder = i;
    }
  }
  let convened = rules.byAgenda && agendaHolder >= 0 && onSide(agendaHolder);
  if (!convened && rules.petitionShare < 1) {
    const members = fullMembers(w, body);
    let ours = members.filter(onSide).length;
    let total = members.length;
    if (body === w.sc.committee) {
      for (const r of w.regions) {
        if (r.committeeSeatPatron === -2) continue;
        total++;
        if (leaders.has(livePatron(w, r.committeeSeatPatron))) ours++;
      }
      for (const b of w.blocs) {
        total += b.seats;
        if (leaders.has(livePatron(w, b.patron))) ours += b.seats;
      }
    }
    convened = total > 0 && ours >= rules.petitionShare * total;
  }
  if (!convened) return false;
  w.meets[body]![w.tick + 1] = 2;
  emit<SessionEvent>(w, {
    type: "session",
    body: w.sc.bodies[body]!.id,
    convenedBy: ids(w, side),
    reason,
  });
  return true;
}

/** The side's standing falls (a failed motion, an overturned decision). */
function loseFace(w: World, side: readonly number[], amount = FACE): void {
  for (const i of side) w.people[i]!.prestige = Math.max(0, w.people[i]!.prestige - amount);
}

/**
 * A chief of armed force may put it behind the side he belongs to at a decisive vote: one whose outcome his
 * side, as he reads it, could lose. Where arrest is on the ladder and not off the table, the other side's
 * leaders are arrested; otherwise members are brought in (or kept away) to swing the vote.
 */
function forceAtVote(w: World, body: number, sides: Sides, rng: Rng): { coup: boolean; forced: number } {
  const none = { coup: false, forced: 0 };
  const c = w.sc.params.coercion;
  if (!w.sc.enabled.coercion || c.forceChance <= 0) return none;
  const { holder, force } = strongestForce(w);
  if (holder < 0) return none;
  const chief = principal(w, holder);
  const against = sides.target >= 0 ? [sides.target, ...sides.opponents] : [...sides.opponents];
  const pro = sides.sponsors.includes(chief) || sides.sponsors.includes(holder);
  const con = against.includes(chief) || against.includes(holder);
  if (pro === con) return none;
  // Decisive: his side does not expect a comfortable win.
  const share = expectedShare(w, body, sides, chief, { joint: true });
  const ours = pro ? share : 1 - share;
  const rule = w.sc.bodies[body]!.majority;
  if (ours > rule.num / rule.den + 0.1) return none;
  if (!rng.chance(Math.min(1, c.forceChance * w.sc.people[chief]!.ruthlessness * force))) return none;
  const mySide = pro ? [...sides.sponsors] : against;
  const theirs = (pro ? against : [...sides.sponsors]).filter((i) => w.people[i]!.alive);
  const arrest = rungOfKind(w, "arrest");
  if (arrest >= 0 && rungAvailable(w, arrest) && theirs.length > 0) {
    for (const i of theirs) applyRung(w, i, arrest, mySide);
    w.people[chief]!.prestige = Math.max(0, w.people[chief]!.prestige - c.coupCost);
    emit<CoupEvent>(w, {
      type: "coup",
      by: ids(w, mySide),
      force: personId(w, holder),
      against: ids(w, theirs),
    });
    w.coalitionDefeated = true;
    return { coup: true, forced: 0 };
  }
  const seats = Math.max(
    1,
    Math.round(c.forceDelegates * Math.max(fullMembers(w, body).length, w.size[body]!)),
  );
  emit<ForceEvent>(w, {
    type: "force",
    by: personId(w, holder),
    side: ids(w, mySide),
    body: w.sc.bodies[body]!.id,
    votes: seats,
  });
  return { coup: false, forced: pro ? seats : -seats };
}

/** The losing side of a decision takes it to the electing body if, as its leader reads it, it would win there. */
function appealUp(
  w: World,
  body: number,
  appellants: number[],
  opponents: number[],
  decision: Decision,
): void {
  const up = w.sc.bodies[body]!.electedBy;
  if (up < 0 || !w.sc.params.bodies.appeals || !w.sc.enabled.bodies || appellants.length === 0) return;
  const lead = appellants[0]!;
  const sides: Sides = { sponsors: appellants, target: -1, opponents };
  const rule = w.sc.bodies[up]!.majority;
  if (expectedShare(w, up, sides, lead, { joint: true }) <= rule.num / rule.den) return;
  table(w, {
    kind: "appeal",
    body: up,
    target: decision.target,
    rung: decision.rung,
    office: -1,
    region: -1,
    sponsors: appellants,
    appeal: decision,
  });
}

/** A motion to push a person down the ladder. */
function decideRemoval(w: World, m: Motion, rng: Rng, groups?: VoterGroup[]): boolean {
  const t = m.target;
  const target = w.people[t]!;
  if (!target.alive || w.ruling.includes(t)) return false;
  // The sponsors must still rule (a realignment may have dissolved their coalition).
  const sponsors = m.sponsors.filter((i) => w.ruling.includes(i) && w.people[i]!.alive);
  if (sponsors.length === 0) return false;
  const k = nextRung(w, t);
  if (k < 0) return false;
  const rung = w.sc.ladder[k]!;
  // One who has submitted loses only leading posts: offices and seats in the executive bodies.
  if (target.capitulated && rung.kind !== "office" && rung.kind !== "executive") return false;
  if (rung.decidedBy !== m.body && w.sc.bodies[rung.decidedBy]!.electedBy !== m.body) {
    table(w, { ...m, body: rung.decidedBy, rung: k, sponsors });
    return false;
  }
  if (rung.force && !commandsForce(w, sponsors)) return false;
  // A leader who holds armed force may resist: he wins if his force outweighs the rulers'.
  if (rng.chance(resistChance(w, t))) {
    const succeeded = strongestForce(w).holder === t;
    emit<ResistanceEvent>(w, { type: "resistance", person: personId(w, t), succeeded });
    if (succeeded) w.coalitionDefeated = true;
    else applyRung(w, t, Math.max(k, rungOfKind(w, "party")), sponsors);
    return true;
  }
  // Rivals already under attack stand with him, and so do members of the ruling coalition who did not want it.
  const reluctant = w.ruling.filter((i) => !sponsors.includes(i));
  const opponents = [...w.opposition.filter((i) => i !== t), ...reluctant];
  const sides: Sides = { sponsors, target: t, opponents };
  const force = forceAtVote(w, m.body, sides, rng);
  if (force.coup) return true;
  const options: VoteOptions = { joint: true, forced: force.forced, ...(groups ? { groups } : {}) };
  const outcome = vote(w, rng, m.body, sides, options);
  emitVote(w, m.body, `remove:${rung.id}`, t, outcome, sponsors);
  if (outcome.passed) {
    // His named men go the same way: a motion against each client who holds what this step takes.
    const clients = w.people
      .map((_, i) => i)
      .filter(
        (i) => i !== t && w.people[i]!.alive && !w.sc.people[i]!.isLeader && followedLeader(w, i) === t,
      );
    const decision = applyRung(w, t, k, sponsors, m.body);
    if (target.capacity >= 0.5) appealUp(w, m.body, [t, ...opponents], sponsors, decision);
    for (const c of clients) {
      const kc = nextRung(w, c);
      if (kc < 0 || w.sc.ladder[kc]!.kind !== rung.kind) continue;
      table(w, { ...m, target: c, rung: kc, body: w.sc.ladder[kc]!.decidedBy, sponsors, appeal: null });
    }
  } else {
    // A failed motion costs its sponsors standing, lends the target some, and sends the leaders back to bargain.
    w.coalitionDefeated = true;
    loseFace(w, sponsors);
    target.prestige = Math.min(MAX_PRESTIGE, target.prestige + FACE);
    const kept: Decision = {
      kind: "kept",
      body: m.body,
      target: t,
      rung: k,
      sponsors,
      offices: [],
      seats: [],
      rungBefore: target.rung,
    };
    appealUp(w, m.body, sponsors, [t, ...opponents], kept);
  }
  return true;
}

/** An appeal: the electing body confirms or overturns a decision of the body it elects. */
function decideAppeal(w: World, m: Motion, rng: Rng, groups?: VoterGroup[]): boolean {
  const d = m.appeal!;
  const appellants = m.sponsors.filter((i) => w.people[i]!.alive);
  const target = w.people[d.target]!;
  if (appellants.length === 0 || !target.alive) return false;
  const others = d.sponsors.filter((i) => w.people[i]!.alive);
  const sides: Sides = { sponsors: appellants, target: -1, opponents: others };
  const outcome = vote(w, rng, m.body, sides, { joint: true, ...(groups ? { groups } : {}) });
  emitVote(w, m.body, `appeal:${w.sc.ladder[d.rung]!.id}`, d.target, outcome, appellants);
  if (!outcome.passed) {
    loseFace(w, appellants);
    return true;
  }
  loseFace(w, others);
  w.coalitionDefeated = true;
  if (d.kind === "removed") {
    if (target.rung !== d.rung + 1) return true;
    reverseDecision(w, d);
    emit<ReversalEvent>(w, {
      type: "reversal",
      body: w.sc.bodies[m.body]!.id,
      person: personId(w, d.target),
      rung: w.sc.ladder[d.rung]!.id,
      overturned: ids(w, others),
    });
  } else {
    // The sponsors of a failed removal carry it in the higher body.
    const k = nextRung(w, d.target);
    if (k >= 0 && k === d.rung) applyRung(w, d.target, k, appellants, m.body);
  }
  return true;
}

/** The confirming body votes on a secretary the appointer nominates for a region. */
function decideConfirm(w: World, m: Motion, rng: Rng): boolean {
  const appointer = m.sponsors[0]!;
  if (!w.people[appointer]!.alive || livePatron(w, w.regions[m.region]!.secretaryPatron) === appointer)
    return false;
  const displaced = livePatron(w, w.regions[m.region]!.secretaryPatron);
  const sponsors = w.ruling.includes(appointer) ? w.ruling : [appointer];
  const sides: Sides = { sponsors, target: displaced, opponents: [] };
  const outcome = vote(w, rng, m.body, sides);
  emitVote(w, m.body, `confirm:${w.sc.regions[m.region]!.id}`, displaced, outcome, sponsors);
  if (outcome.passed) appointSecretary(w, m.region, appointer, m.body);
  return true;
}

/**
 * A session of a body: the motions tabled before this tick, in order. Removals and appeals reveal the real
 * strength of the sides, so leaders' estimates of each other's machines move toward the truth afterwards.
 */
export function holdSession(w: World, body: number, groups?: VoterGroup[]): void {
  const due = w.motions.filter((m) => m.body === body && m.queuedTick < w.tick);
  if (due.length === 0) return;
  w.motions = w.motions.filter((m) => m.body !== body || m.queuedTick >= w.tick);
  const rng = w.streams.get(`sessions:${w.sc.bodies[body]!.id}`);
  let revealing = false;
  for (const m of due) {
    if (m.kind === "remove") revealing = decideRemoval(w, m, rng, groups) || revealing;
    else if (m.kind === "appeal") revealing = decideAppeal(w, m, rng, groups) || revealing;
    else if (m.kind === "confirm") decideConfirm(w, m, rng);
  }
  if (revealing) reveal(w, w.streams.get("coalitions:votes"), machines(w));
}
