/**
 * Rehabilitation: a fallen leader who is still within reach (stripped of his offices, his seats, even his
 * membership, but not exiled, deported, arrested or tried) can be restored by the body that decided his
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
import { fullMembers, seat, seatIn } from "../seats.ts";
import { emitVote, expectedShare, type Sides, vote } from "../votes.ts";
import { emit, ids, lineOf, meetsNow, personId, type World } from "../world.ts";
import type { Mechanism } from "./mechanism.ts";

/** Ladder kinds from which a fallen leader can still be brought back. */
const WITHIN_REACH = new Set(["office", "executive", "committee", "party"]);

/** Whether a person has fallen, is still within reach, and has been down long enough to be brought back. */
export function canReturn(w: World, person: number): boolean {
  const p = w.people[person]!;
  if (!w.sc.people[person]!.isLeader || !p.alive || p.rung === 0) return false;
  if (!WITHIN_REACH.has(w.sc.ladder[p.rung - 1]!.kind)) return false;
  const years = (w.tick - p.lastRungTick) * yearsPerTick(w.sc.clock);
  return years >= w.sc.params.rehabilitation.minYearsDown;
}

/** The body that decided a fallen person's present step: his case goes back there. */
export function decidingBody(w: World, person: number): number {
  return w.sc.ladder[w.people[person]!.rung - 1]!.decidedBy;
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
  const from = w.sc.ladder[p.rung - 1]!.id;
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
