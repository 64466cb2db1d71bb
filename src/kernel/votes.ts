/**
 * Votes in bodies. Votes that follow a leader go with him; the rest weigh the party line, the prestige of the
 * two sides and how close each side stands to them on the economic line. Every tally sums to the votes cast.
 */

import { chargePull, fileLeverage, warningPull } from "./influence.ts";
import { followedLeader, livePatron } from "./power.ts";
import type { Rng } from "./random/rng.ts";
import type { VoterGroup, World } from "./world.ts";

export type { VoterGroup } from "./world.ts";

/** `follows` value of voters pledged to an opposition platform: they vote against the leadership. */
export const AGAINST = -2;

export interface Tally {
  for: number;
  against: number;
  abstain: number;
}

function mean(xs: number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** With nobody speaking against a motion, uncommitted voters back the official line almost to a man. */
const UNOPPOSED_PULL = 3;

/**
 * Probability that an uncommitted voter at `ideology` backs the proposers against the other side
 * (`against`: the target and his allies). The proposers speak for the official line, which carries `lineBias`.
 */
export function supportProbability(
  w: World,
  proposers: number[],
  against: number[],
  ideology: number,
  lineBias: number,
): number {
  if (against.length === 0) return 1 / (1 + Math.exp(-(lineBias + UNOPPOSED_PULL)));
  const pro = Math.max(0, ...proposers.map((i) => w.people[i]!.prestige * w.people[i]!.capacity));
  const proIdeology = mean(proposers.map((i) => w.people[i]!.ideology));
  const con = Math.max(
    0,
    ...against.map((i) => w.people[i]!.prestige * Math.max(0.25, w.people[i]!.capacity)),
  );
  const conIdeology = mean(against.map((i) => w.people[i]!.ideology));
  const x =
    lineBias + 2 * (pro - con) + 1.5 * (Math.abs(ideology - conIdeology) - Math.abs(ideology - proIdeology));
  return 1 / (1 + Math.exp(-x));
}

/** Tallies a vote of the given groups on a motion by `proposers` against `target` (opponents vote against). */
export function tally(
  w: World,
  rng: Rng,
  groups: VoterGroup[],
  proposers: number[],
  target: number,
  opponents: number[],
  extraPull = 0,
): Tally {
  const pro = new Set(proposers);
  const con = new Set(opponents);
  if (target >= 0) con.add(target);
  const against = [...con].filter((i) => !pro.has(i)).sort((a, b) => a - b);
  // Mechanisms that sway the uncommitted: a factionalism charge, the controller's forewarning, files read.
  const charged = against.some((i) => chargePull(w, i) > 0)
    ? chargePull(w, against.find((i) => chargePull(w, i) > 0)!)
    : 0;
  const bias = w.sc.params.circularFlow.partyLineBias + extraPull + charged - warningPull(w, target);
  const leverage = fileLeverage(w, proposers);
  const out: Tally = { for: 0, against: 0, abstain: 0 };
  for (const g of groups) {
    if (g.count <= 0) continue;
    if (g.follows >= 0 && pro.has(g.follows)) out.for += g.count;
    else if (g.follows === AGAINST || (g.follows >= 0 && con.has(g.follows))) out.against += g.count;
    else {
      const p = supportProbability(w, proposers, against, g.ideology, bias);
      const yes = rng.binomial(g.count, p + (1 - p) * leverage);
      out.for += yes;
      out.against += g.count - yes;
    }
  }
  return out;
}

/** The committee's seats as voter groups, one per seat. Incapacitated leaders abstain. */
export function committeeGroups(w: World): { groups: VoterGroup[]; abstain: number } {
  const groups: VoterGroup[] = [];
  let abstain = 0;
  w.people.forEach((p, i) => {
    if (!p.inCommittee || !p.alive) return;
    if (p.capacity < 0.5 && w.sc.people[i]!.isLeader) {
      abstain++;
      return;
    }
    groups.push({ count: 1, follows: followedLeader(w, i), ideology: p.ideology });
  });
  w.regions.forEach((r, i) => {
    if (r.committeeSeatPatron === -2) return;
    groups.push({
      count: 1,
      follows: livePatron(w, r.committeeSeatPatron),
      ideology: w.members.meanIdeology(i),
    });
  });
  for (const patron of w.apparatusSeats) {
    const f = livePatron(w, patron);
    groups.push({ count: 1, follows: f, ideology: f >= 0 ? w.people[f]!.ideology : 0 });
  }
  for (const ideology of w.independents) groups.push({ count: 1, follows: -1, ideology });
  return { groups, abstain };
}

/** A committee vote on a motion: the full tally, abstentions included. */
export function committeeVote(
  w: World,
  rng: Rng,
  proposers: number[],
  target: number,
  opponents: number[],
): Tally {
  const { groups, abstain } = committeeGroups(w);
  const t = tally(w, rng, groups, proposers, target, opponents);
  t.abstain += abstain;
  return t;
}

/** Passes with a strict majority of the votes cast for or against. */
export function passes(t: Tally): boolean {
  return t.for > t.against;
}
