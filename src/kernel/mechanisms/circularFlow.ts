/**
 * The circular flow of power: regional secretaries run their conferences, which choose congress delegates;
 * the congress elects the committee (enlarged on the slate the appointer drafts, with seats of the defeated
 * dropped; where the scenario gives the committee's size, elected at that size); the committee then elects the executive bodies and the secretaries at its next plenum, closing
 * the loop. When off, delegates follow only their own opinions and the congress re-elects the committee
 * unchanged.
 */
import { chooseDelegates } from "../delegates.ts";
import type { CongressEvent, ElectionEvent } from "../events.ts";
import { leadership } from "../players.ts";
import { committeeSize, livePatron, outOfParty, realPowers, strongestHolder } from "../power.ts";
import type { Rng } from "../random/rng.ts";
import { inCommittee, scheduledSize, seat } from "../seats.ts";
import { holdSession } from "../sessions.ts";
import { emitVote, type VoterGroup, vote } from "../votes.ts";
import { type BlocState, emit, totalMembers, type World } from "../world.ts";
import { electExecutive } from "./executive.ts";
import type { Mechanism } from "./mechanism.ts";

export { apportion, chooseDelegates } from "../delegates.ts";

/** Officials of committee rank the drafter could still seat: one per secretaryship he has filled, less those seated. */
export function apparatusNominees(w: World, drafter: number, room: number): number {
  const perAppointment = Math.max(1, w.sc.params.patronage.clientsPerAppointment);
  const filled = Math.floor(w.people[drafter]!.lesserClients / perAppointment);
  let seated = 0;
  for (const b of w.blocs) if (b.bloc < 0 && b.patron === drafter) seated += b.seats;
  return Math.max(0, Math.min(room, filled - seated));
}

/** The bloc of seats the drafter's apparatus holds (created at its first congress). */
function apparatusBloc(w: World, drafter: number): BlocState {
  let bloc = w.blocs.find((b) => b.bloc < 0 && b.patron === drafter);
  if (!bloc) {
    bloc = {
      bloc: -1,
      institution: "apparatus",
      patron: drafter,
      ideology: w.people[drafter]!.ideology,
      seats: 0,
      candidates: 0,
    };
    w.blocs.push(bloc);
  }
  return bloc;
}

/** The bloc of seats held by members the congress elects on the leadership's line who owe no patron. */
function unattachedBloc(w: World, line: number): BlocState {
  let bloc = w.blocs.find((b) => b.bloc < 0 && b.patron < 0);
  if (!bloc) {
    bloc = { bloc: -1, institution: "other", patron: -1, ideology: line, seats: 0, candidates: 0 };
    w.blocs.push(bloc);
  }
  return bloc;
}

/**
 * Seats of a committee whose size the scenario sets that the drafter's own men do not fill, in the order in
 * which posts are filled: his allies' named clients, then officials of his allies' apparatus (one per
 * secretaryship each has filled), then members on the leadership's line who owe no patron (those who back it).
 */
function scheduledRest(
  w: World,
  drafter: number,
  leaders: readonly number[],
  rest: number,
): { named: number[]; allies: { patron: number; seats: number }[]; unattached: number } {
  const named: number[] = [];
  const allies: { patron: number; seats: number }[] = [];
  if (drafter < 0 && leaders.length === 0) return { named, allies, unattached: 0 };
  const power = realPowers(w);
  const order = leaders.filter((i) => i !== drafter).sort((a, b) => power[b]! - power[a]! || a - b);
  const free = (i: number) => {
    const p = w.people[i]!;
    return p.alive && p.rung === 0 && !outOfParty(w, i) && !inCommittee(w, i) && !w.sc.people[i]!.isLeader;
  };
  for (const ally of order)
    for (let i = 0; i < w.people.length; i++) if (free(i) && w.people[i]!.patron === ally) named.push(i);
  named.splice(rest);
  rest -= named.length;
  for (const ally of order) {
    if (rest <= 0) break;
    const n = apparatusNominees(w, ally, rest);
    if (n > 0) allies.push({ patron: ally, seats: n });
    rest -= n;
  }
  return { named, allies, unattached: Math.max(0, rest) };
}

/** Whether a leader counts as defeated at a congress: out of the party, pushed down the ladder, or charged. */
/** The congress votes on a slate its sponsors put forward (the vote is recorded); true if it carries. */
function slateVote(
  w: World,
  rng: Rng,
  groups: VoterGroup[],
  sponsors: number[],
  motion: "enlarge-committee" | "elect-committee",
): boolean {
  const outcome = vote(w, rng, w.sc.congress, { sponsors, target: -1, opponents: w.opposition }, { groups });
  emitVote(w, w.sc.congress, motion, -1, outcome, sponsors);
  return outcome.passed;
}

function defeated(w: World, leader: number): boolean {
  if (leader < 0) return false;
  const p = w.people[leader]!;
  return !p.alive || outOfParty(w, leader) || p.rung >= 1 || p.charged || p.capitulated;
}

/** Seats of the defeated leaders' followers the new committee drops (the congress does not re-elect them). */
function dropDefeated(w: World): number {
  const share = w.sc.params.circularFlow.dropShare;
  if (share <= 0) return 0;
  let dropped = 0;
  for (const b of w.blocs) {
    if (b.patron < 0 || !defeated(w, b.patron)) continue;
    const n = Math.round(b.seats * share);
    b.seats -= n;
    dropped += n;
  }
  return dropped;
}

function holdCongress(w: World): void {
  if (!w.delegation) chooseDelegates(w);
  const delegation = w.delegation!;
  const body = w.sc.bodies[w.sc.congress]!;
  const committee = w.sc.bodies[w.sc.committee]!;
  const rng = w.streams.get("circularFlow:congress");
  w.congressCount++;
  emit<CongressEvent>(w, {
    type: "congress",
    body: body.id,
    number: w.congressCount,
    delegates: delegation.total,
    members: totalMembers(w),
  });

  const leaders = leadership(w);
  const report = vote(
    w,
    rng,
    w.sc.congress,
    { sponsors: leaders, target: -1, opponents: w.opposition },
    { groups: delegation.groups },
  );
  emitVote(w, w.sc.congress, "political-report", -1, report, leaders);
  // Appeals and motions waiting for the congress.
  holdSession(w, w.sc.congress, delegation.groups);

  if (w.sc.enabled.circularFlow) {
    // Secretaries' committee seats are renewed: each seat now answers to the current secretary's patron.
    for (const reg of w.regions) {
      if (reg.committeeSeatPatron !== -2) reg.committeeSeatPatron = livePatron(w, reg.secretaryPatron);
    }
    const dropped = dropDefeated(w);
    // The appointer drafts the slate: seats for his named clients, then his secretaries, then his officials.
    const drafter = strongestHolder(w, "appoint");
    const size = committeeSize(w);
    // A committee whose size the scenario gives is elected at that size: the seats the drafter's men do not
    // take go to his allies' men and the leadership's backers. Otherwise the enlargement is capped.
    const scheduled = scheduledSize(w, w.sc.committee);
    const cap =
      scheduled >= 0
        ? Math.max(0, scheduled - size)
        : Math.floor(w.sc.params.circularFlow.enlargementCap * size) + dropped;
    const named = w.people
      .map((p, i) => ({ p, i }))
      .filter(
        ({ p, i }) => drafter >= 0 && p.alive && p.rung === 0 && !inCommittee(w, i) && p.patron === drafter,
      )
      .map(({ i }) => i)
      .slice(0, cap);
    const secretaries = w.regions
      .map((reg, r) => ({ reg, r }))
      .filter(
        ({ reg }) =>
          reg.committeeSeatPatron === -2 && drafter >= 0 && livePatron(w, reg.secretaryPatron) === drafter,
      )
      .sort((a, b) => w.members.count(b.r) - w.members.count(a.r) || a.r - b.r)
      .slice(0, cap - named.length);
    // Then officials of his apparatus: one of committee rank for every secretaryship he has filled.
    const officials =
      drafter >= 0 ? apparatusNominees(w, drafter, cap - named.length - secretaries.length) : 0;
    const nominees = named.length + secretaries.length + officials;
    let added = 0;
    if (nominees > 0) {
      const proposers = leaders.includes(drafter) ? leaders : [drafter];
      if (slateVote(w, rng, delegation.groups, proposers, "enlarge-committee")) {
        for (const i of named) seat(w, w.sc.committee, i, true);
        for (const { reg } of secretaries) reg.committeeSeatPatron = drafter;
        if (officials > 0) apparatusBloc(w, drafter).seats += officials;
        added = nominees;
      }
    }
    // The seats of a committee of set size that the drafter's men did not take: the leadership's slate.
    const open = scheduled >= 0 ? Math.max(0, scheduled - committeeSize(w)) : 0;
    const rest =
      open > 0 ? scheduledRest(w, drafter, leaders, open) : { named: [], allies: [], unattached: 0 };
    const restSeats = rest.named.length + rest.allies.reduce((a, x) => a + x.seats, 0) + rest.unattached;
    if (restSeats > 0 && leaders.length > 0) {
      if (slateVote(w, rng, delegation.groups, leaders, "elect-committee")) {
        for (const i of rest.named) seat(w, w.sc.committee, i, true);
        for (const a of rest.allies) apparatusBloc(w, a.patron).seats += a.seats;
        if (rest.unattached > 0) {
          const line = leaders.reduce((x, i) => x + w.people[i]!.ideology, 0) / leaders.length;
          unattachedBloc(w, line).seats += rest.unattached;
        }
        added += restSeats;
      }
    }
    emit<ElectionEvent>(w, {
      type: "election",
      body: body.id,
      electedBody: committee.id,
      seats: committeeSize(w),
      added: added - dropped,
    });
  }
  w.delegation = null;
  w.newCommittee = true;
  // The new committee meets at once to elect its executive bodies.
  if (w.tick + 1 < w.sc.clock.ticks) w.meets[w.sc.committee]![w.tick + 1] = 1;
}

export const circularFlow: Mechanism = {
  id: "circularFlow",
  title: "The circular flow of power",
  description:
    "Secretaries steer conferences, conferences pick congress delegates, the congress elects the committee, which elects the secretaries' patron.",

  step(w) {
    const congress = w.meets[w.sc.congress]!;
    const lead = Math.round((w.sc.params.circularFlow.conferenceLeadWeeks * 7) / w.sc.clock.tickDays);
    if (congress[w.tick + lead] === 1) chooseDelegates(w);
    if (congress[w.tick] === 1) holdCongress(w);
    if (w.meets[w.sc.committee]![w.tick]! > 0) electExecutive(w, true);
  },
};

/** Congresses still meet when the circular flow is switched off; only the feedback is cut. */
export const congressWithoutFeedback: Mechanism = {
  id: "circularFlow",
  title: "Congresses (no feedback)",
  description:
    "Congresses meet and vote, but secretaries do not steer delegates and the committee is not renewed.",
  step(w) {
    if (w.meets[w.sc.congress]![w.tick] === 1) holdCongress(w);
    if (w.meets[w.sc.committee]![w.tick]! > 0) electExecutive(w, false);
  },
};
