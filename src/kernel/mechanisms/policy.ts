/**
 * Policy and ideology on a left–right economic axis. Economic shocks move members' opinion; leaders drift
 * toward the party's mood at a speed set by their flexibility, paying in standing for each shift if they are
 * inflexible; an executive member who stands too far from the leadership's line turns to opposition; and an
 * opposition bloc may issue a platform that draws members near its line.
 */
import { yearsPerTick } from "../calendar.ts";
import type { LineShiftEvent, PlatformEvent, ShockEvent } from "../events.ts";
import { realPowers } from "../power.ts";
import { emit, personId, politicsEvery, type World } from "../world.ts";
import { leadership } from "./circularFlow.ts";
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

/** The leadership's line: the power-weighted mean position of the ruling coalition (or the leadership). */
export function rulingLine(w: World): number {
  const leaders = leadership(w);
  if (leaders.length === 0) return mood(w);
  const power = realPowers(w);
  let s = 0;
  let weight = 0;
  for (const i of leaders) {
    s += power[i]! * w.people[i]!.ideology;
    weight += power[i]!;
  }
  return weight > 0 ? s / weight : mood(w);
}

function applyShocks(w: World): void {
  const rng = w.streams.get("policy:shocks");
  w.sc.shocks.forEach((s, k) => {
    if (s.kind !== "economic" || w.shockTicks[k] !== w.tick) return;
    const delta = s.severity * w.sc.params.policy.opinionShock;
    for (let r = 0; r < w.regions.length; r++) w.members.shiftOpinion(r, delta, rng);
    w.independents = w.independents.map((x) => Math.max(-1, Math.min(1, x + delta / 2)));
    emit<ShockEvent>(w, { type: "shock", id: s.id, severity: s.severity, label: s.label });
  });
}

function positionLeaders(w: World, dt: number): void {
  const p = w.sc.params.policy;
  const target = mood(w);
  w.people.forEach((q, i) => {
    const me = w.sc.people[i]!;
    if (!me.isLeader || !q.alive || q.capacity < 0.5 || i === w.founder) return;
    // Flexible leaders follow the mood; the inflexible barely move (rate grows with flexibility squared).
    const move =
      (target - q.ideology) * (1 - Math.exp(-p.followPerYear * me.flexibility * me.flexibility * dt));
    q.ideology = Math.max(-1, Math.min(1, q.ideology + move));
    q.prestige = Math.max(0, q.prestige - Math.abs(move) * (1 - me.flexibility) * p.shiftCost);
    if (Math.abs(q.ideology - q.reportedIdeology) >= REPORTED_SHIFT) {
      emit<LineShiftEvent>(w, {
        type: "line-shift",
        person: personId(w, i),
        from: round(q.reportedIdeology),
        to: round(q.ideology),
      });
      q.reportedIdeology = q.ideology;
    }
  });
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function updateOpposition(w: World): void {
  w.line = rulingLine(w);
  const d = w.sc.params.policy.oppositionDistance;
  for (const i of w.execFull) {
    const q = w.people[i]!;
    if (!w.sc.people[i]!.isLeader || q.capitulated || w.ruling.includes(i)) continue;
    // Hysteresis: a leader turns to opposition beyond the distance and returns only well inside it.
    const gap = Math.abs(q.ideology - w.line);
    if (gap > d) q.opposes = true;
    else if (gap < RETURN_SHARE * d) q.opposes = false;
  }
}

function maybePlatform(w: World, dt: number): void {
  const p = w.sc.params.policy;
  const bloc = w.opposition.filter((i) => w.people[i]!.alive && !w.people[i]!.capitulated);
  if (bloc.length === 0 || (w.tick - w.platformTick) * yearsPerTick(w.sc.clock) < 1) return;
  const rng = w.streams.get("policy:platform");
  if (!rng.chance(1 - Math.exp(-p.platformPerYear * dt))) return;
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

export const policy: Mechanism = {
  id: "policy",
  title: "Policy and ideology",
  description:
    "A left-right economic axis: shocks move members' opinion, leaders shift at a cost, outliers turn to opposition and issue platforms.",

  step(w) {
    applyShocks(w);
    const every = politicsEvery(w);
    if (w.tick % every !== 0) return;
    const dt = every * yearsPerTick(w.sc.clock);
    positionLeaders(w, dt);
    updateOpposition(w);
    maybePlatform(w, dt);
  },
};
