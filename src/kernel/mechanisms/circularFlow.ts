/**
 * The circular flow of power: regional secretaries run their conferences, which choose congress delegates;
 * the congress elects the committee (enlarged on the slate the appointer drafts); the committee then elects
 * the executive bodies and the secretaries at its next plenum, closing the loop.
 * When off, delegates follow only their own opinions and the congress re-elects the committee unchanged.
 */
import type { CongressEvent, ElectionEvent, VoteEvent } from "../events.ts";
import { binCentre } from "../members/store.ts";
import { committeeSize, livePatron, strongestHolder } from "../power.ts";
import { AGAINST, passes, tally, type VoterGroup } from "../votes.ts";
import { emit, personId, totalMembers, type World } from "../world.ts";
import { electExecutive } from "./executive.ts";
import type { Mechanism } from "./mechanism.ts";

/** Splits `total` seats over weights by largest remainders (deterministic, sums exactly to `total`). */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const quotas = weights.map((x) => (total * x) / sum);
  const seats = quotas.map(Math.floor);
  let left = total - seats.reduce((a, b) => a + b, 0);
  const order = quotas
    .map((q, i) => [q - Math.floor(q), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) seats[order[k]![1]]!++;
  return seats;
}

/** Officials of committee rank the drafter could still seat: one per secretaryship he has filled, less those seated. */
export function apparatusNominees(w: World, drafter: number, room: number): number {
  const perAppointment = Math.max(1, w.sc.params.patronage.clientsPerAppointment);
  const filled = Math.floor(w.people[drafter]!.lesserClients / perAppointment);
  const seated = w.apparatusSeats.filter((p) => p === drafter).length;
  return Math.max(0, Math.min(room, filled - seated));
}

/** Regional conferences choose the congress delegation. */
export function chooseDelegates(w: World): void {
  const rng = w.streams.get("circularFlow:conferences");
  const total = w.sc.bodies[w.sc.congress]!.delegates;
  const perRegion = apportion(
    total,
    w.regions.map((_, r) => w.members.count(r)),
  );
  const groups: VoterGroup[] = [];
  w.regions.forEach((reg, r) => {
    const patron = livePatron(w, reg.secretaryPatron);
    const grip = patron >= 0 && w.sc.enabled.circularFlow ? reg.grip : 0;
    const d = w.members.delegation(r, perRegion[r]!, grip, rng);
    // A secretary who carries the conference gets his whole slate elected. Under the ban on factions a
    // platform cannot run a slate of its own; without the ban its supporters keep their seats.
    if (patron >= 0 && d.loyal * 2 > perRegion[r]!) {
      const kept = w.sc.enabled.factionBan ? 0 : d.opposition;
      d.loyal = perRegion[r]! - kept;
      d.opposition = kept;
      d.uncommitted.fill(0);
    }
    const ideology = w.members.meanIdeology(r);
    if (d.loyal > 0) groups.push({ count: d.loyal, follows: patron, ideology });
    if (d.opposition > 0) groups.push({ count: d.opposition, follows: AGAINST, ideology });
    d.uncommitted.forEach((count, bin) => {
      if (count > 0) groups.push({ count, follows: -1, ideology: binCentre(bin) });
    });
  });
  w.delegation = { groups, total };
}

/** The leadership that speaks for the official line: the ruling coalition, or the executive's players. */
export function leadership(w: World): number[] {
  if (w.ruling.length > 0) return w.ruling;
  return w.execFull.filter((i) => w.sc.people[i]!.isLeader && w.people[i]!.capacity >= 0.5);
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
  const report = tally(w, rng, delegation.groups, leaders, -1, w.opposition);
  emit<VoteEvent>(w, {
    type: "vote",
    body: body.id,
    motion: "political-report",
    target: null,
    ...report,
    passed: passes(report),
    proposers: leaders.map((i) => personId(w, i)),
  });

  if (w.sc.enabled.circularFlow) {
    // Secretaries' committee seats are renewed: each seat now answers to the current secretary's patron.
    for (const reg of w.regions) {
      if (reg.committeeSeatPatron !== -2) reg.committeeSeatPatron = livePatron(w, reg.secretaryPatron);
    }
    // The appointer drafts the slate: seats for his named clients, then his secretaries, then his officials.
    const drafter = strongestHolder(w, "appoint");
    const size = committeeSize(w);
    const cap = Math.floor(w.sc.params.circularFlow.enlargementCap * size);
    const named = w.people
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => drafter >= 0 && p.alive && p.rung === 0 && !p.inCommittee && p.patron === drafter)
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
      const vote = tally(w, rng, delegation.groups, proposers, -1, w.opposition);
      const ok = passes(vote);
      emit<VoteEvent>(w, {
        type: "vote",
        body: body.id,
        motion: "enlarge-committee",
        target: null,
        ...vote,
        passed: ok,
        proposers: proposers.map((i) => personId(w, i)),
      });
      if (ok) {
        for (const i of named) w.people[i]!.inCommittee = true;
        for (const { reg } of secretaries) reg.committeeSeatPatron = drafter;
        for (let k = 0; k < officials; k++) w.apparatusSeats.push(drafter);
        added = nominees;
      }
    }
    emit<ElectionEvent>(w, {
      type: "election",
      body: body.id,
      electedBody: committee.id,
      seats: committeeSize(w),
      added,
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
    if (w.meets[w.sc.committee]![w.tick] === 1) electExecutive(w, leadership(w), true);
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
    if (w.meets[w.sc.committee]![w.tick] === 1) electExecutive(w, leadership(w), false);
  },
};
