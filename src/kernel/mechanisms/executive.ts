/**
 * The committee's plenum elects the executive bodies it elects (the top body, and bureaus and secretariats
 * alike): it fills vacant seats, promotes candidates and keeps the bench, by a vote on the leadership's slate;
 * where the scenario gives the size the plenum set for a body, it grows or shrinks the body to that size and
 * co-opts members into the new seats; a lone ruler may enlarge the top body when his majority there is thin.
 * The last link of the circular flow.
 */
import type { AppointmentEvent, ElectionEvent } from "../events.ts";
import { leadership } from "../players.ts";
import { followedLeader, realPowers } from "../power.ts";
import { fullMembers, inCommittee, scheduledSize, seat, seatIn } from "../seats.ts";
import { emitVote, vote } from "../votes.ts";
import { emit, personId, type World } from "../world.ts";

function mean(xs: number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Clients (named, in the committee, not yet in the body) of the coalition's members, strongest patron first. */
function clientsOf(w: World, body: number, coalition: number[]): number[] {
  const power = realPowers(w);
  const patrons = [...coalition].sort((a, b) => power[b]! - power[a]! || a - b);
  const out: number[] = [];
  for (const patron of patrons) {
    w.people.forEach((p, i) => {
      if (p.alive && p.rung === 0 && seatIn(w, body, i) === 0 && p.patron === patron && inCommittee(w, i))
        out.push(i);
    });
  }
  return out;
}

/**
 * Members of the committee the coalition would co-opt once the bench and its members' clients are spent, in
 * the order in which posts are filled (src/kernel/appointments.ts): the coalition's own leaders, then those who
 * back it, then anyone not in opposition; among the last two, the nearest to the strongest member's line.
 */
function coOptable(w: World, body: number, coalition: number[]): number[] {
  const allies: number[] = [];
  const backers: number[] = [];
  const others: number[] = [];
  for (let i = 0; i < w.people.length; i++) {
    const p = w.people[i]!;
    if (!p.alive || p.rung !== 0 || seatIn(w, body, i) !== 0 || !inCommittee(w, i)) continue;
    if (coalition.includes(i)) allies.push(i);
    else if (welcome(w, coalition, i) < 0) continue;
    else if (coalition.includes(w.backs[i]!)) backers.push(i);
    else others.push(i);
  }
  const power = realPowers(w);
  const lead = [...coalition].sort((a, b) => power[b]! - power[a]! || a - b)[0];
  const line = lead === undefined ? 0 : w.people[lead]!.ideology;
  const nearest = (a: number, b: number) =>
    Math.abs(w.people[a]!.ideology - line) - Math.abs(w.people[b]!.ideology - line) || a - b;
  return [...allies, ...backers.sort(nearest), ...others.sort(nearest)];
}

/** How welcome a candidate is to the coalition: its own clients first, then unattached leaders near its line. */
function welcome(w: World, coalition: number[], person: number): number {
  const f = followedLeader(w, person);
  if (f >= 0 && coalition.includes(f)) return 2;
  if (w.opposition.includes(person) || (f >= 0 && w.opposition.includes(f))) return -1;
  const line = mean(coalition.map((i) => w.people[i]!.ideology));
  return 1 - Math.abs(w.people[person]!.ideology - line) / 2;
}

/** A new member's seat; `by` is the one who nominated him where he was co-opted (-1 otherwise). */
function announce(w: World, body: number, person: number, full: boolean, by = -1): void {
  const f = followedLeader(w, person);
  emit<AppointmentEvent>(w, {
    type: "appointment",
    post: { kind: "body", id: w.sc.bodies[body]!.id + (full ? "" : ":candidate") },
    person: personId(w, person),
    patron: f >= 0 && f !== person ? personId(w, f) : null,
    by: by >= 0 ? personId(w, by) : null,
    body: w.sc.bodies[w.sc.committee]!.id,
  });
}

/** The seats a plenum would fill in one executive body: vacancies, enlargement and the bench. */
function slateFor(
  w: World,
  body: number,
  coalition: number[],
  feedback: boolean,
  room: number,
): {
  full: number[];
  bench: number[];
  added: number;
  size: number;
  /** Those co-opted from outside the bench and the clients, with the member who nominated them. */
  coopted: Set<number>;
  nominator: number;
} {
  const full: number[] = [];
  const bench: number[] = [];
  const members = fullMembers(w, body);
  const b = w.sc.bodies[body]!;
  const taken = new Set<number>();
  const candidates = () =>
    (w.seats[body]?.candidates ?? []).filter(
      (i) => !taken.has(i) && w.people[i]!.alive && w.people[i]!.rung < 2,
    );
  const clients = () => clientsOf(w, body, coalition).filter((i) => !taken.has(i));
  // Where the scenario gives the size the electing body set, the plenum fills the body up to it (growing or
  // shrinking it, but never unseating anyone to meet it).
  const scheduled = scheduledSize(w, body);
  const coopted = new Set<number>();
  const size = scheduled >= 0 ? Math.max(scheduled, members.length) : w.size[body]!;
  let vacancies = Math.max(0, size - members.length);
  while (vacancies > 0) {
    // Candidates move up in order of seniority on the bench, passing over anyone in opposition.
    let pick = candidates().find((i) => !feedback || welcome(w, coalition, i) >= 0) ?? -1;
    if (pick < 0 && feedback) pick = clients()[0] ?? -1;
    // Under a size the electing body set, the seats it created are filled by co-option: the coalition's own
    // leaders, then those who back it.
    if (pick < 0 && feedback && scheduled >= 0) {
      pick = coOptable(w, body, coalition).find((i) => !taken.has(i)) ?? -1;
      if (pick >= 0) coopted.add(pick);
    }
    if (pick < 0) break;
    full.push(pick);
    taken.add(pick);
    vacancies--;
  }
  // Only a leader who rules alone can pack the top body: partners would veto seats that serve one of them.
  let added = 0;
  if (feedback && coalition.length === 1 && body === w.sc.executive) {
    const set = new Set(coalition);
    const ours = () =>
      [...members, ...full].filter((i) => set.has(i) || set.has(followedLeader(w, i))).length;
    while (size + added < b.maxSeats && added < room && ours() * 2 <= members.length + full.length) {
      const client = clients()[0];
      if (client === undefined) break;
      full.push(client);
      taken.add(client);
      added++;
    }
  }
  if (feedback && coalition.length > 0) {
    let depth = (w.seats[body]?.candidates.length ?? 0) - full.filter((i) => seatIn(w, body, i) === 1).length;
    while (depth < b.candidates) {
      const client = clients()[0];
      if (client === undefined) break;
      bench.push(client);
      taken.add(client);
      depth++;
    }
  }
  const power = realPowers(w);
  const nominator = [...coalition].sort((a, b) => power[b]! - power[a]! || a - b)[0] ?? -1;
  return { full, bench, added, size, coopted, nominator };
}

/**
 * The plenum elects the executive bodies: for each, a slate of new members is put to the vote; if the
 * plenum passes it, they take their seats. With `feedback` (the circular flow), the coalition fills seats
 * with its clients and a lone ruler may enlarge the top body, once per new committee.
 */
export function electExecutive(w: World, feedback: boolean): void {
  const coalition = leadership(w);
  const room = w.newCommittee ? 1 : 0;
  w.newCommittee = false;
  const rng = w.streams.get("executive:votes");
  for (let body = 0; body < w.sc.bodies.length; body++) {
    const b = w.sc.bodies[body]!;
    if (b.kind !== "executive" || b.electedBy !== w.sc.committee) continue;
    const slate = slateFor(w, body, coalition, feedback, room);
    const before = w.size[body]!;
    if (slate.full.length === 0 && slate.bench.length === 0) {
      // Nobody to elect: a size the electing body set still takes effect (its seats stay vacant).
      w.size[body] = slate.size;
      continue;
    }
    const outcome = vote(w, rng, w.sc.committee, {
      sponsors: coalition,
      target: -1,
      opponents: w.opposition,
    });
    emitVote(w, w.sc.committee, `elect:${b.id}`, -1, outcome, coalition);
    if (!outcome.passed) continue;
    for (const i of slate.full) {
      seat(w, body, i, true);
      announce(w, body, i, true, slate.coopted.has(i) ? slate.nominator : -1);
    }
    for (const i of slate.bench) {
      seat(w, body, i, false);
      announce(w, body, i, false);
    }
    w.size[body] = slate.size + slate.added;
    if (w.size[body]! > before) {
      emit<ElectionEvent>(w, {
        type: "election",
        body: w.sc.bodies[w.sc.committee]!.id,
        electedBody: b.id,
        seats: w.size[body]!,
        added: w.size[body]! - before,
      });
    }
  }
}
