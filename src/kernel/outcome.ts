/**
 * The outcome test. A leader L is *sole leader* at a tick when all three hold:
 * 1. the ruling coalition of the contenders (the players who seek power), computed on real power, is L alone;
 * 2. L and his clients hold a strict majority of the executive body's full seats;
 * 3. L and his clients hold a strict majority of the committee's votes;
 * 4. no other contender for power (a player who takes the initiative) keeps a full seat in the top body.
 * The run's outcome is sole leadership from the first tick after which the test held without a break to the
 * end of the run; otherwise it names the kind of leadership that remains.
 */
import { dateOfTick } from "./calendar.ts";
import type { LapseEvent, LapseReason, OutcomeEvent } from "./events.ts";
import { contenders, currentPlayers, ruleAmong } from "./players.ts";
import { committeeVotes, followedLeader, realPowers } from "./power.ts";
import { topMembers } from "./seats.ts";
import { emit, personId, type World } from "./world.ts";

export type OutcomeKind = "sole-leader" | "dominant-leader" | "collective" | "none";

export interface Outcome {
  kind: OutcomeKind;
  /** Sole or dominant leader's id, else null. */
  leader: string | null;
  /** Date from which sole leadership held without a break, else null. */
  date: string | null;
  /** Members of the ruling coalition on real power at the end. */
  rulingCoalition: string[];
}

/**
 * The ruling coalition on real power among those who contend for power: the players who take the initiative
 * (members who do not seek power do not contest the leadership; they join whoever leads). With no contender
 * left, among all the players.
 */
export function realRulingCoalition(w: World): number[] {
  const all = currentPlayers(w);
  const rivals = contenders(w, all);
  const players = rivals.length > 0 ? rivals : all;
  if (players.length === 0) return [];
  const power = realPowers(w);
  return ruleAmong(
    w,
    players,
    players.map((i) => power[i]!),
  );
}

/** The sole leader at this tick under the three-part test, or -1. */
export function soleLeaderNow(w: World): number {
  // Cheapest condition first: while two contenders sit in the top body, nobody is sole leader.
  const rivals = contenders(w);
  if (rivals.length > 1) return -1;
  const ruling = realRulingCoalition(w);
  if (ruling.length !== 1) return -1;
  const leader = ruling[0]!;
  if (rivals.length === 1 && rivals[0] !== leader) return -1;
  const top = topMembers(w);
  const faction = top.filter((i) => i === leader || followedLeader(w, i) === leader).length;
  if (faction * 2 <= top.length) return -1;
  const cc = committeeVotes(w);
  if (cc.byLeader[leader]! * 2 <= cc.total) return -1;
  return leader;
}

/** The first condition of the test that `leader` fails now (checked in the order of soleLeaderNow). */
export function lapseReason(w: World, leader: number): LapseReason {
  if (!currentPlayers(w).includes(leader)) return "gone";
  if (contenders(w).some((i) => i !== leader)) return "rival-in-executive";
  const ruling = realRulingCoalition(w);
  if (ruling.length !== 1 || ruling[0] !== leader) return "needs-consent";
  const top = topMembers(w);
  const faction = top.filter((i) => i === leader || followedLeader(w, i) === leader).length;
  if (faction * 2 <= top.length) return "executive-majority";
  return "committee-majority";
}

/** Tracks the test every tick; emits an event when a leader starts to meet it, and when he stops. */
export function trackOutcome(w: World): void {
  const leader = soleLeaderNow(w);
  if (leader === w.soleLeader) return;
  const previous = w.soleLeader;
  w.soleLeader = leader;
  w.soleSince = leader >= 0 ? w.tick : -1;
  if (previous >= 0)
    emit<LapseEvent>(w, {
      type: "sole-leadership-lapsed",
      person: personId(w, previous),
      reason: lapseReason(w, previous),
    });
  if (leader >= 0) emit<OutcomeEvent>(w, { type: "sole-leader", person: personId(w, leader) });
}

/** The outcome of the run so far. */
export function outcomeOf(w: World): Outcome {
  const ruling = realRulingCoalition(w).map((i) => personId(w, i));
  if (w.soleLeader >= 0) {
    return {
      kind: "sole-leader",
      leader: personId(w, w.soleLeader),
      date: dateOfTick(w.sc.clock, w.soleSince),
      rulingCoalition: ruling,
    };
  }
  if (ruling.length === 1)
    return { kind: "dominant-leader", leader: ruling[0]!, date: null, rulingCoalition: ruling };
  if (ruling.length > 1) return { kind: "collective", leader: null, date: null, rulingCoalition: ruling };
  return { kind: "none", leader: null, date: null, rulingCoalition: [] };
}
