/**
 * The committee's plenum elects the executive body: it fills vacant seats, promotes candidates, and may
 * enlarge the body when the ruling coalition's majority there is thin. The last link of the circular flow.
 */
import type { AppointmentEvent, ElectionEvent } from "../events.ts";
import { followedLeader, realPowers } from "../power.ts";
import { emit, personId, type World } from "../world.ts";

function mean(xs: number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Clients (named, in the committee, not yet in the executive) of the coalition's members, strongest patron first. */
function clientsOf(w: World, coalition: number[]): number[] {
  const power = realPowers(w);
  const patrons = [...coalition].sort((a, b) => power[b]! - power[a]! || a - b);
  const out: number[] = [];
  for (const patron of patrons) {
    w.people.forEach((p, i) => {
      if (p.alive && p.rung === 0 && p.exec === 0 && p.patron === patron && p.inCommittee) out.push(i);
    });
  }
  return out;
}

/** How welcome a candidate is to the coalition: its own clients first, then unattached leaders near its line. */
function welcome(w: World, coalition: number[], person: number): number {
  const f = followedLeader(w, person);
  if (f >= 0 && coalition.includes(f)) return 2;
  if (w.opposition.includes(person) || (f >= 0 && w.opposition.includes(f))) return -1;
  const line = mean(coalition.map((i) => w.people[i]!.ideology));
  return 1 - Math.abs(w.people[person]!.ideology - line) / 2;
}

function seat(w: World, person: number, full: boolean): void {
  const p = w.people[person]!;
  w.execCandidates = w.execCandidates.filter((i) => i !== person);
  if (full) {
    w.execFull.push(person);
    p.exec = 2;
  } else {
    w.execCandidates.push(person);
    p.exec = 1;
  }
  const f = followedLeader(w, person);
  emit<AppointmentEvent>(w, {
    type: "appointment",
    post: { kind: "body", id: w.sc.bodies[w.sc.executive]!.id + (full ? "" : ":candidate") },
    person: personId(w, person),
    patron: f >= 0 && f !== person ? personId(w, f) : null,
    by: null,
  });
}

/** Keeps the bench of candidates as deep as it was at the start, with the coalition's clients. */
function replenishBench(w: World, coalition: number[], feedback: boolean): void {
  if (!feedback || coalition.length === 0) return;
  const bench = w.sc.people.filter((p) => p.candidateOf.includes(w.sc.executive)).length;
  while (w.execCandidates.length < bench) {
    const client = clientsOf(w, coalition)[0];
    if (client === undefined) break;
    seat(w, client, false);
  }
}

/** Fills the executive's vacant seats; with `feedback`, the coalition may enlarge it with its clients. */
export function electExecutive(w: World, coalition: number[], feedback: boolean): void {
  const body = w.sc.bodies[w.sc.executive]!;
  while (w.execFull.length < w.execSeats) {
    // Candidates move up in order of seniority on the bench, passing over anyone in opposition.
    const pool = w.execCandidates.filter((i) => w.people[i]!.alive && w.people[i]!.rung < 2);
    let pick = pool.find((i) => !feedback || welcome(w, coalition, i) >= 0) ?? -1;
    if (pick < 0 && feedback) pick = clientsOf(w, coalition)[0] ?? -1;
    if (pick < 0) break;
    seat(w, pick, true);
  }
  // Only the first plenum of a new committee reshapes the executive, by one seat at most.
  const room = w.newCommittee ? 1 : 0;
  w.newCommittee = false;
  // Only a leader who rules alone can pack the executive: partners would veto seats that serve one of them.
  if (!feedback || coalition.length !== 1) {
    replenishBench(w, coalition, feedback);
    return;
  }

  // The lone ruler enlarges the executive with his clients while he lacks a majority there.
  const set = new Set(coalition);
  const faction = () => w.execFull.filter((i) => set.has(i) || set.has(followedLeader(w, i))).length;
  let added = 0;
  while (w.execSeats < body.maxSeats && added < room && faction() * 2 <= w.execFull.length) {
    const client = clientsOf(w, coalition)[0];
    if (client === undefined) break;
    w.execSeats++;
    added++;
    seat(w, client, true);
  }
  replenishBench(w, coalition, feedback);
  if (added > 0) {
    emit<ElectionEvent>(w, {
      type: "election",
      body: w.sc.bodies[w.sc.committee]!.id,
      electedBody: body.id,
      seats: w.execSeats,
      added,
    });
  }
}
