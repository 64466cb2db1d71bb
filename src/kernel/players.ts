/**
 * The players of the coalition game and the coalitions they can form: who plays, who sets the agenda, and
 * the ruling coalition of a set of players under given powers (exact, src/kernel/coalition).
 */
import {
  coalitionPower,
  isSelfEnforcing,
  isWinning,
  maskOf,
  membersOf,
  rulingCoalition,
} from "./coalition/rulingCoalition.ts";
import { capability, lineDistance, outOfParty, perceivedPower, principal, realPower } from "./power.ts";
import { topMembers } from "./seats.ts";
import { lineOf, type World } from "./world.ts";

/**
 * The players of the coalition game: every full member of the top body who is alive, able to work and his own
 * master. A client plays through his patron (his seat and votes count in the patron's power) for as long as
 * the patron can lead; the patron's fall, or a break, makes him a player in his own right.
 */
export function currentPlayers(w: World): number[] {
  return topMembers(w)
    .filter((i) => {
      const p = w.people[i]!;
      return p.alive && p.capacity >= 0.5 && !outOfParty(w, i) && principal(w, i) === i;
    })
    .sort((a, b) => a - b);
}

/**
 * Whether a player takes the initiative: proposes coalitions, breaks them, moves against rivals. Ambition
 * decides it (or opposition over the line); the others vote, join coalitions and can be courted, but do not
 * start anything.
 */
export function isContender(w: World, person: number): boolean {
  const p = w.people[person]!;
  if (p.capitulated) return false;
  return w.sc.people[person]!.ambition >= w.sc.params.coalitions.contenderAmbition || p.opposes;
}

/** The players who take the initiative. */
export function contenders(w: World, players: number[] = currentPlayers(w)): number[] {
  return players.filter((i) => isContender(w, i));
}

/** How much a backer prefers his present choice before he changes it: backing is sticky. */
const BACKING_MARGIN = 0.05;

/**
 * Whom a player who does not seek power backs among the contenders: the one whose line is nearest his own
 * (as far as he cannot bend) and who, as he reads it, is strongest (bandwagoning). His present choice stands
 * unless another is clearly better.
 */
export function backingChoice(w: World, n: number, rivals: readonly number[], machine: number[]): number {
  if (rivals.length === 0) return -1;
  const rigid = 1 - w.sc.people[n]!.flexibility;
  const band = w.sc.enabled.bodies ? w.sc.params.bodies.bandwagonWeight : 0;
  let total = 0;
  for (const c of rivals) total += perceivedPower(w, n, c, machine);
  const score = (c: number) =>
    -rigid * lineDistance(w, lineOf(w.people[n]!), lineOf(w.people[c]!)) +
    band * (total > 0 ? perceivedPower(w, n, c, machine) / total : 0);
  let best = -1;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const c of rivals) {
    const x = score(c);
    if (x > bestScore) {
      bestScore = x;
      best = c;
    }
  }
  const now = w.backs[n]!;
  if (now >= 0 && rivals.includes(now) && score(now) >= bestScore - BACKING_MARGIN) return now;
  return best;
}

/**
 * A contender's power as `observer` sees it (-1: real power), for the coalition game. The members who back him
 * are not counted in: they are not claimants to a share of power; they show their backing in the bodies'
 * votes (see votes.ts).
 */
export function effectivePower(w: World, observer: number, c: number, machine: number[]): number {
  return observer >= 0 ? perceivedPower(w, observer, c, machine) : realPower(w, c, machine);
}

/** The player holding the strongest agenda capability, or -1 if none holds any. */
export function agendaSetter(w: World, players: number[]): number {
  let best = -1;
  let bestValue = 0;
  for (const i of players) {
    const a = capability(w, i, "agenda");
    if (a > bestValue) {
      bestValue = a;
      best = i;
    }
  }
  return best;
}

/** Powers as positive integers for the exact coalition computation. */
export function toIntegers(xs: number[]): number[] {
  return xs.map((x) => Math.max(1, Math.round(x * 1e6)));
}

/**
 * Largest number of players the exact coalition computation ranges over. Φ costs up to 3^k steps for k
 * players; past this many, only the strongest take part and the weakest cannot be in a ruling coalition
 * (real top bodies rarely have more than a dozen principals, since clients play through their patrons).
 */
export const MAX_COALITION_PLAYERS = 12;

/** Positions (in `players`) of the strongest players, at most MAX_COALITION_PLAYERS, in their original order. */
function strongest(powers: number[]): number[] {
  const order = powers.map((_, k) => k);
  if (order.length <= MAX_COALITION_PLAYERS) return order;
  order.sort((a, b) => powers[b]! - powers[a]! || a - b);
  return order.slice(0, MAX_COALITION_PLAYERS).sort((a, b) => a - b);
}

/** Ruling coalition of `players` computed from given powers (aligned with `players`). */
export function ruleAmong(w: World, players: number[], powers: number[], within?: number[]): number[] {
  if (players.length === 0) return [];
  const keep = strongest(powers);
  const ps = keep.map((k) => players[k]!);
  const ws = keep.map((k) => powers[k]!);
  const inside = within?.filter((i) => ps.includes(i));
  const mask = inside ? maskOf(inside.map((i) => ps.indexOf(i))) : undefined;
  if (mask === 0) return [];
  const phi = rulingCoalition(toIntegers(ws), w.sc.params.coalitions.rule, mask);
  return membersOf(phi).map((k) => ps[k]!);
}

/** A coalition's line: its members' positions on every axis, weighted by their power in a view. */
export function coalitionLine(
  w: World,
  coalition: readonly number[],
  powerOf: (i: number) => number,
): number[] {
  const line = w.sc.axes.map(() => 0);
  let weight = 0;
  for (const i of coalition) {
    const p = Math.max(0, powerOf(i));
    const pos = lineOf(w.people[i]!);
    for (let k = 0; k < line.length; k++) line[k]! += p * pos[k]!;
    weight += p;
  }
  return weight > 0 ? line.map((x) => x / weight) : line;
}

/**
 * What a coalition is worth to one of its members (or to an outsider, who gets no share): his share of its
 * power, as far as he seeks power (ambition), less the cost of living under its line, as far as he cannot
 * bend (1 − flexibility) — Acemoglu–Egorov–Sonin's payoff with the policy the coalition would follow.
 */
export function coalitionUtility(
  w: World,
  member: number,
  coalition: readonly number[],
  powerOf: (i: number) => number,
): number {
  const me = w.sc.people[member]!;
  let total = 0;
  for (const i of coalition) total += Math.max(0, powerOf(i));
  const share = coalition.includes(member) && total > 0 ? Math.max(0, powerOf(member)) / total : 0;
  const kappa = w.sc.params.coalitions.lineWeight;
  const distance =
    kappa > 0 ? lineDistance(w, lineOf(w.people[member]!), coalitionLine(w, coalition, powerOf)) : 0;
  return me.ambition * share - kappa * (1 - me.flexibility) * distance;
}

/**
 * The coalition a proposer puts forward: among the coalitions that include him, win among all players and are
 * self-enforcing, the one worth most to him as he sees the powers (with no weight on the line, the cheapest:
 * it gives him the largest share). Nobody proposes his own exclusion; if no such coalition exists, the plain
 * ruling coalition stands. Winning coalitions are tried from the best down, so the costly self-enforcement
 * test runs only until the first one passes.
 */
export function proposeIncluding(w: World, players: number[], powers: number[], proposer: number): number[] {
  const keep = strongest(powers);
  const ps = keep.map((k) => players[k]!);
  const ints = toIntegers(keep.map((k) => powers[k]!));
  const k = ps.indexOf(proposer);
  if (k < 0) return ruleAmong(w, players, powers);
  const rule = w.sc.params.coalitions.rule;
  const all = (1 << ps.length) - 1;
  const powerOf = (i: number) => powers[players.indexOf(i)] ?? 0;
  const candidates: number[] = [];
  const value: number[] = [];
  const cost: number[] = [];
  for (let mask = 1; mask <= all; mask++) {
    if (!(mask & (1 << k))) continue;
    if (mask !== all && !isWinning(ints, rule, mask, all)) continue;
    candidates.push(mask);
    cost.push(coalitionPower(ints, mask));
    value.push(
      coalitionUtility(
        w,
        proposer,
        membersOf(mask).map((j) => ps[j]!),
        powerOf,
      ),
    );
  }
  const order = candidates
    .map((_, i) => i)
    .sort((a, b) => value[b]! - value[a]! || cost[a]! - cost[b]! || candidates[a]! - candidates[b]!);
  for (const i of order) {
    if (isSelfEnforcing(ints, rule, candidates[i]!)) return membersOf(candidates[i]!).map((j) => ps[j]!);
  }
  return ruleAmong(w, players, powers);
}

/** The leadership that speaks for the official line: the ruling coalition, or the top body's leaders at work. */
export function leadership(w: World): number[] {
  if (w.ruling.length > 0) return w.ruling;
  return topMembers(w).filter((i) => w.sc.people[i]!.isLeader && w.people[i]!.capacity >= 0.5);
}
