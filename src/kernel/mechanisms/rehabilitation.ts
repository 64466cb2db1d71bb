/**
 * Rehabilitation: a fallen leader who is still within reach (stripped of his seats, even of his membership,
 * but not exiled, deported, arrested or tried) can be restored by the body that decided his
 * fall. At a session of that body his network presses for his return: his clients, and the leaders of the
 * deciding body or the top body whose line is near his (within `affinity`), unless his return threatens
 * them. A contender is threatened when, reading the powers with his own eyes, he belongs to the ruling
 * coalition of the contenders now but would not once the fallen man is back among them; he speaks against
 * the return. The network moves it only when its strongest member expects to carry the vote, and then with
 * chance `pressChance` (less while a founder lives: his authority holds colleagues back). If the body passes
 * it, the fallen leader is back at the top of the ladder with the seats he held before his fall (a seat in a
 * full executive body enlarges it up to its maximum, else he sits as a candidate); his offices are not given
 * back, since they have other holders or go to whoever the appointing body votes in.
 *
 * A person may start the run fallen (`purged` in the scenario); his earlier seats are data. For a fall during
 * the run, the seats he lost are read from the removal events.
 */
import { yearsPerTick } from "../calendar.ts";
import type { RehabilitationEvent } from "../events.ts";
import { founderRestraint } from "../influence.ts";
import { contenders, currentPlayers, ruleAmong } from "../players.ts";
import { lineDistance, machines, outOfParty, perceivedPower, realPowers } from "../power.ts";
import { fullMembers, isExecutive, seat, seatIn } from "../seats.ts";
import { emitVote, expectedShare, type Sides, vote } from "../votes.ts";
import { emit, ids, lineOf, meetsNow, personId, type World } from "../world.ts";
import type { Mechanism } from "./mechanism.ts";

/**
 * Ladder kinds from which a fallen leader can be brought back: he has lost his seats (or his membership) but is
 * not exiled, deported, arrested or tried. A leader who has lost only his offices has not fallen: he still sits
 * where he sat, and offices are filled by the appointing body.
 */
const WITHIN_REACH = new Set(["executive", "committee", "party"]);

/** Executive seats a leader dropped before the start (not pushed down the ladder) held and holds no longer. */
function droppedFrom(w: World, person: number): number[] {
  return w.sc.people[person]!.heldSeats.filter((b) => isExecutive(w, b) && seatIn(w, b, person) === 0);
}

/**
 * Whether a person can be brought back: a leader who fell (is down the ladder) and is still within reach, or
 * who was dropped from an executive body before the start without a fall; either way down long enough.
 */
export function canReturn(w: World, person: number): boolean {
  const p = w.people[person]!;
  if (!w.sc.people[person]!.isLeader || !p.alive) return false;
  let since: number;
  if (p.rung > 0) {
    if (!WITHIN_REACH.has(w.sc.ladder[p.rung - 1]!.kind)) return false;
    since = p.lastRungTick;
  } else {
    if (outOfParty(w, person) || droppedFrom(w, person).length === 0 || w.people[person]!.lastRungTick > -1e9)
      return false;
    since = w.sc.people[person]!.fellTick;
  }
  return (w.tick - since) * yearsPerTick(w.sc.clock) >= w.sc.params.rehabilitation.minYearsDown;
}

/**
 * The body his case goes back to: the one that decided his present step, or, for a leader only dropped, the
 * body that elects the executive body he was dropped from.
 */
export function decidingBody(w: World, person: number): number {
  const rung = w.people[person]!.rung;
  if (rung > 0) return w.sc.ladder[rung - 1]!.decidedBy;
  const from = droppedFrom(w, person)[0];
  return from === undefined ? -1 : w.sc.bodies[from]!.electedBy;
}

/**
 * Whether `fallen`'s return threatens contender `c`: as c reads the powers, c belongs to the ruling coalition
 * of the contenders now, and would not once the fallen man is one of them.
 */
export function threatened(
  w: World,
  c: number,
  fallen: number,
  rivals: number[],
  machine: number[],
): boolean {
  if (!rivals.includes(c)) return false;
  const view = (xs: number[]) => xs.map((j) => perceivedPower(w, c, j, machine));
  if (!ruleAmong(w, rivals, view(rivals)).includes(c)) return false;
  const field = [...rivals, fallen].sort((a, b) => a - b);
  return !ruleAmong(w, field, view(field)).includes(c);
}

/** The two sides of a return: his network (him first) and the contenders it threatens. */
export function returnSides(w: World, fallen: number, body: number): Sides {
  const rivals = contenders(w, currentPlayers(w));
  const machine = machines(w);
  const near = w.sc.params.rehabilitation.affinity;
  const line = lineOf(w.people[fallen]!);
  const seated = (i: number) => seatIn(w, body, i) === 2 || seatIn(w, w.sc.executive, i) === 2;
  const network: number[] = [];
  const against: number[] = [];
  for (let i = 0; i < w.people.length; i++) {
    const p = w.people[i]!;
    if (i === fallen || !p.alive || p.rung > 0 || outOfParty(w, i)) continue;
    if (threatened(w, i, fallen, rivals, machine)) {
      if (seated(i)) against.push(i);
      continue;
    }
    const client = p.patron === fallen;
    const ally = w.sc.people[i]!.isLeader && seated(i) && lineDistance(w, lineOf(p), line) <= near;
    if (client || ally) network.push(i);
  }
  return { sponsors: [fallen, ...network], target: -1, opponents: against };
}

/** Bodies a fallen person sat in before his fall: the scenario's record, and what his removals took. */
export function seatsBefore(w: World, person: number): { body: number; full: boolean }[] {
  const out = new Map<number, boolean>();
  for (const b of w.sc.people[person]!.heldSeats) out.set(b, true);
  const id = personId(w, person);
  const byId = new Map(w.sc.bodies.map((b) => [b.id, b.index]));
  for (const e of w.events) {
    if (e.type !== "removal" || e.person !== id) continue;
    for (const lost of e.lost) {
      const [base, tag] = lost.split(":");
      const b = byId.get(base!);
      if (b !== undefined) out.set(b, (out.get(b) ?? false) || tag !== "candidate");
    }
  }
  return [...out].map(([body, full]) => ({ body, full })).sort((a, b) => a.body - b.body);
}

/** Restores a fallen person: back at the top of the ladder, with the seats he held. Returns what he took. */
export function restore(w: World, person: number, body: number, by: readonly number[]): string[] {
  const p = w.people[person]!;
  const from = p.rung > 0 ? w.sc.ladder[p.rung - 1]!.id : null;
  const restored: string[] = [];
  for (const s of seatsBefore(w, person)) {
    if (seatIn(w, s.body, person) > 0) continue;
    const b = w.sc.bodies[s.body]!;
    let full = s.full;
    if (full && b.kind === "executive" && fullMembers(w, s.body).length >= w.size[s.body]!) {
      if (w.size[s.body]! < b.maxSeats) w.size[s.body]!++;
      else full = false;
    }
    seat(w, s.body, person, full);
    restored.push(b.id + (full ? "" : ":candidate"));
  }
  // His verdict is reversed: a submission made while he was down no longer binds him.
  if (p.capitulated) p.patron = w.sc.people[person]!.patron;
  p.capitulated = false;
  p.charged = false;
  p.opposes = false;
  p.rung = 0;
  p.lastRungTick = w.tick;
  w.opposition = w.opposition.filter((i) => i !== person);
  w.motions = w.motions.filter((m) => m.target !== person || m.kind !== "remove");
  emit<RehabilitationEvent>(w, {
    type: "rehabilitation",
    person: personId(w, person),
    body: w.sc.bodies[body]!.id,
    from,
    restored,
    by: ids(w, by),
  });
  return restored;
}

/** At a session of the body that decided his fall, a fallen leader's network may press for his return. */
function press(w: World, fallen: number): void {
  const body = decidingBody(w, fallen);
  if (body < 0 || !meetsNow(w, body)) return;
  const sides = returnSides(w, fallen, body);
  // Someone with a vote there must move it.
  const movers = sides.sponsors.filter((i) => seatIn(w, body, i) === 2);
  if (movers.length === 0) return;
  const power = realPowers(w);
  const lead = [...movers].sort((a, b) => power[b]! - power[a]! || a - b)[0]!;
  const rule = w.sc.bodies[body]!.majority;
  if (expectedShare(w, body, sides, lead, { joint: true }) <= rule.num / rule.den) return;
  const rng = w.streams.get("rehabilitation");
  if (!rng.chance(w.sc.params.rehabilitation.pressChance * founderRestraint(w))) return;
  const outcome = vote(w, rng, body, sides, { joint: true });
  emitVote(w, body, "rehabilitate", fallen, outcome, sides.sponsors);
  if (outcome.passed) restore(w, fallen, body, sides.sponsors);
}

export const rehabilitation: Mechanism = {
  id: "rehabilitation",
  title: "Rehabilitation",
  description:
    "A fallen leader still within reach can be restored, with his seats, by the body that decided his fall, when his network (clients and leaders near his line) presses for it and the contenders his return threatens cannot stop it.",

  step(w) {
    for (let i = 0; i < w.people.length; i++) if (canReturn(w, i)) press(w, i);
  },
};
