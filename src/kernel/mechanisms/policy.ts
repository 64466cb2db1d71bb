/**
 * Policy and ideology on the scenario's axes (the first, the economic line, is the one members hold). Shocks
 * move members' opinion on the first axis and the party's mood on the others; leaders drift
 * toward the party's mood at a speed set by their flexibility, paying in standing for each shift if they are
 * inflexible; an executive member who stands too far from the leadership's line turns to opposition; and an
 * opposition bloc may issue a platform that draws members near its line.
 */
import { yearsPerTick } from "../calendar.ts";
import { autonomous, settle } from "../decisions/intent.ts";
import type { LineShiftEvent, PlatformEvent, ShockEvent } from "../events.ts";
import { leadership } from "../players.ts";
import { lineDistance, realPowers } from "../power.ts";
import { topMembers } from "../seats.ts";
import { emitVote, vote } from "../votes.ts";
import { emit, lineOf, personId, politicsEvery, type World } from "../world.ts";
import type { Mechanism } from "./mechanism.ts";

/** Share of the opposition distance within which an opponent drops his opposition. */
const RETURN_SHARE = 0.7;

/** A leader's shift is reported once it reaches this much since the last report. */
const REPORTED_SHIFT = 0.2;

/** The party's mood: members' mean economic line. */
export function mood(w: World): number {
  const total = w.members.count();
  if (total <= 0) return 0;
  let s = 0;
  for (let r = 0; r < w.regions.length; r++) s += w.members.meanIdeology(r) * w.members.count(r);
  return s / total;
}

/** The party's mood on every axis: the members' mean line on the first, the drifting mood on the others. */
export function moods(w: World): number[] {
  return w.sc.axes.map((_, k) => (k === 0 ? mood(w) : w.moods[k]!));
}

/** The leadership's line on every axis: the power-weighted mean position of the ruling coalition. */
export function rulingLines(w: World): number[] {
  const leaders = leadership(w);
  const fallback = moods(w);
  if (leaders.length === 0) return fallback;
  const power = realPowers(w);
  const s = w.sc.axes.map(() => 0);
  let weight = 0;
  for (const i of leaders) {
    for (let k = 0; k < s.length; k++) s[k]! += power[i]! * lineOf(w.people[i]!)[k]!;
    weight += power[i]!;
  }
  return weight > 0 ? s.map((x) => x / weight) : fallback;
}

/** The leadership's line on the first axis. */
export function rulingLine(w: World): number {
  return rulingLines(w)[0]!;
}

function applyShocks(w: World): void {
  const rng = w.streams.get("policy:shocks");
  w.sc.shocks.forEach((s, k) => {
    if (s.kind !== "economic" || w.shockTicks[k] !== w.tick) return;
    const delta = s.severity * w.sc.params.policy.opinionShock;
    if (s.axis === 0) {
      for (let r = 0; r < w.regions.length; r++) w.members.shiftOpinion(r, delta, rng);
      for (const b of w.blocs) b.ideology = Math.max(-1, Math.min(1, b.ideology + delta / 2));
    } else w.moods[s.axis] = Math.max(-1, Math.min(1, w.moods[s.axis]! + delta));
    emit<ShockEvent>(w, { type: "shock", id: s.id, severity: s.severity, label: s.label });
  });
}

function positionLeaders(w: World, dt: number): void {
  const p = w.sc.params.policy;
  const target = moods(w);
  w.people.forEach((q, i) => {
    const me = w.sc.people[i]!;
    if (!me.isLeader || !q.alive || q.capacity < 0.5 || i === w.founder) return;
    // Flexible leaders follow the mood; the inflexible barely move (rate grows with flexibility squared).
    const pace = 1 - Math.exp(-p.followPerYear * me.flexibility * me.flexibility * dt);
    let moved = 0;
    lineOf(q);
    for (let k = 0; k < target.length; k++) {
      const move = (target[k]! - q.positions[k]!) * pace;
      q.positions[k] = Math.max(-1, Math.min(1, q.positions[k]! + move));
      moved += Math.abs(move);
    }
    q.ideology = q.positions[0]!;
    q.prestige = Math.max(0, q.prestige - moved * (1 - me.flexibility) * p.shiftCost);
    reportShift(w, i);
  });
}

/**
 * A controlled leader who chose to move toward the leadership's line does so, as far as a deliberate concession
 * reaches (`coalitions.concessionReach`), paying in standing as an inflexible man pays for any shift.
 */
function shiftOnPurpose(w: World): void {
  const c = w.control && w.control.action.kind === "shift" && !w.control.used ? w.control : null;
  if (!c) return;
  const i = c.person;
  const q = w.people[i]!;
  if (w.ruling.includes(i) || leadership(w).length === 0) {
    settle(c, "refused: there is no leadership line apart from yours");
    return;
  }
  const reach = w.sc.params.coalitions.concessionReach;
  const target = rulingLines(w);
  const before = [...lineOf(q)];
  let moved = 0;
  for (let k = 0; k < before.length; k++) {
    const step = Math.max(-reach, Math.min(reach, target[k]! - before[k]!));
    q.positions[k] = Math.max(-1, Math.min(1, before[k]! + step));
    moved += Math.abs(step);
  }
  q.ideology = q.positions[0]!;
  q.prestige = Math.max(
    0,
    q.prestige - moved * (1 - w.sc.people[i]!.flexibility) * w.sc.params.policy.shiftCost,
  );
  settle(c, `done: your line moved by ${moved.toFixed(2)}`);
  reportShift(w, i);
}

/** A shift large enough to be noticed since the last one reported is an event. */
function reportShift(w: World, i: number): void {
  const q = w.people[i]!;
  if (Math.abs(q.ideology - q.reportedIdeology) < REPORTED_SHIFT) return;
  emit<LineShiftEvent>(w, {
    type: "line-shift",
    person: personId(w, i),
    from: round(q.reportedIdeology),
    to: round(q.ideology),
  });
  q.reportedIdeology = q.ideology;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function updateOpposition(w: World): void {
  const lines = rulingLines(w);
  w.line = lines[0]!;
  const d = w.sc.params.policy.oppositionDistance;
  for (const i of topMembers(w)) {
    const q = w.people[i]!;
    if (!w.sc.people[i]!.isLeader || q.capitulated) continue;
    // A member of the ruling coalition makes the line; he is not in opposition to it.
    if (w.ruling.includes(i)) {
      q.opposes = false;
      continue;
    }
    // Hysteresis: a leader turns to opposition beyond the distance and returns only well inside it. One whom
    // the rulers have already pushed down the ladder does not return on a shift of their line: he has seen
    // what they intend (he returns only by recanting, see coercion.ts).
    const gap = lineDistance(w, lineOf(q), lines);
    if (gap > d) q.opposes = true;
    else if (gap < RETURN_SHARE * d && q.rung === 0) q.opposes = false;
  }
}

function maybePlatform(w: World, dt: number): void {
  const p = w.sc.params.policy;
  // A controlled leader signs a platform only when he chooses to, and then it is issued.
  const issuer = w.control && w.control.action.kind === "platform" && !w.control.used ? w.control : null;
  const bloc = w.opposition.filter(
    (i) => w.people[i]!.alive && !w.people[i]!.capitulated && (autonomous(w, i) || issuer?.person === i),
  );
  if (bloc.length === 0 || (w.tick - w.platformTick) * yearsPerTick(w.sc.clock) < 1) return;
  const rng = w.streams.get("policy:platform");
  if (issuer && bloc.includes(issuer.person)) settle(issuer, "done");
  else if (!rng.chance(1 - Math.exp(-p.platformPerYear * dt))) return;
  const line = bloc.reduce((a, i) => a + w.people[i]!.ideology, 0) / bloc.length;
  let sympathisers = 0;
  for (let r = 0; r < w.regions.length; r++)
    sympathisers += w.members.mobilise(r, line, p.platformReach, p.platformPull, rng);
  w.platformTick = w.tick;
  w.platformLeaders = bloc;
  emit<PlatformEvent>(w, {
    type: "platform",
    leaders: bloc.map((i) => personId(w, i)),
    line: round(line),
    sympathisers,
  });
}

/**
 * The line is put to the top body's vote. When the leadership's line has moved by `lineVoteStep` since the
 * line last adopted, the ruling coalition asks the top body to adopt it; members whom the turn hurts (nearer
 * the old line than the new) speak against it. Those who vote against a turn that passes and stand far from
 * the new line are on record against the line: they turn to opposition. A turn that fails sends the
 * leadership back to bargain.
 */
function lineVote(w: World): void {
  const step = w.sc.params.policy.lineVoteStep;
  if (!Number.isFinite(step)) return;
  const lines = rulingLines(w);
  if (w.adoptedLine === null) {
    w.adoptedLine = lines;
    return;
  }
  if (lineDistance(w, lines, w.adoptedLine) < step) return;
  const leaders = leadership(w);
  if (leaders.length === 0) return;
  const old = w.adoptedLine;
  const hurt = topMembers(w).filter((i) => {
    const q = w.people[i]!;
    if (!q.alive || q.capacity < 0.5 || leaders.includes(i) || !w.sc.people[i]!.isLeader) return false;
    const pos = lineOf(q);
    return lineDistance(w, pos, old) < lineDistance(w, pos, lines);
  });
  const outcome = vote(w, w.streams.get("policy:line"), w.sc.executive, {
    sponsors: leaders,
    target: -1,
    opponents: hurt,
  });
  emitVote(w, w.sc.executive, "line", -1, outcome, leaders);
  if (!outcome.passed) {
    w.coalitionDefeated = true;
    return;
  }
  w.adoptedLine = lines;
  const d = w.sc.params.policy.oppositionDistance;
  for (const [i, ballot] of outcome.ballots) {
    const q = w.people[i]!;
    // The record is against the line in force: a vote for the new one clears it.
    if (ballot !== "against") q.outvoted = false;
    if (ballot !== "against" || !w.sc.people[i]!.isLeader || q.capitulated || leaders.includes(i)) continue;
    // On record against a line that carried, and well off it: in opposition (as the right deviation was named
    // after the votes on the grain measures).
    q.outvoted = true;
    if (lineDistance(w, lineOf(q), lines) > d) q.opposes = true;
  }
}

export const policy: Mechanism = {
  id: "policy",
  title: "Policy and ideology",
  description:
    "Policy axes: shocks move opinion, leaders shift at a cost, the top body votes on the line's turns, those far from it turn to opposition and issue platforms.",

  step(w) {
    applyShocks(w);
    const every = politicsEvery(w);
    if (w.tick % every !== 0) return;
    const dt = every * yearsPerTick(w.sc.clock);
    positionLeaders(w, dt);
    shiftOnPurpose(w);
    updateOpposition(w);
    lineVote(w);
    maybePlatform(w, dt);
  },
};
