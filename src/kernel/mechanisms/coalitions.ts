/**
 * Coalition politics among the leaders, on the fast clock. Leaders act on *perceived* power: each knows his
 * own machine, but sees a rival's only as far as votes have revealed it. The ruling coalition is the
 * self-enforcing coalition (Acemoglu–Egorov–Sonin) of the players under the consensus view; a member who
 * privately sees a smaller winning coalition that keeps him may break the alliance. The ruling coalition
 * pushes outsiders down the elimination ladder through votes it can lose.
 */

import { isWinning, maskOf } from "../coalition/rulingCoalition.ts";
import {
  type AllianceBrokenEvent,
  type AllianceFormedEvent,
  LADDER,
  type RemovalEvent,
  type ResistanceEvent,
  type VoteEvent,
} from "../events.ts";
import {
  commandsForce,
  founderRestraint,
  intervalFactor,
  learningFactor,
  resistChance,
  strongestForce,
} from "../influence.ts";
import { agendaSetter, currentPlayers, proposeIncluding, ruleAmong, toIntegers } from "../players.ts";
import {
  consensusPower,
  EXPELLED_RUNG,
  followedLeader,
  MAX_PRESTIGE,
  machines,
  perceivedPower,
} from "../power.ts";
import type { Rng } from "../random/rng.ts";
import { committeeVote, passes, type Tally } from "../votes.ts";
import { emit, type Motion, meetsNow, personId, politicsEvery, type World } from "../world.ts";
import type { Mechanism } from "./mechanism.ts";
import { vacatePosts } from "./removePerson.ts";

const EXILE_RUNG = 5;

/** A member's share of his coalition's power, under a given view of the powers (aligned with `players`). */
function shareOf(view: number[], players: number[], coalition: number[], member: number): number {
  let total = 0;
  for (const i of coalition) total += view[players.indexOf(i)] ?? 0;
  return total > 0 ? (view[players.indexOf(member)] ?? 0) / total : 0;
}

function sameSet(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function ids(w: World, xs: number[]): string[] {
  return xs.map((i) => personId(w, i));
}

function setRuling(w: World, next: number[], by: number, reason: AllianceBrokenEvent["reason"]): void {
  const prev = w.ruling;
  if (sameSet(prev, next)) return;
  if (prev.length >= 2) {
    emit<AllianceBrokenEvent>(w, {
      type: "alliance-broken",
      members: ids(w, prev),
      kind: "ruling",
      by: by >= 0 ? personId(w, by) : null,
      reason,
    });
  }
  w.ruling = next;
  if (next.length >= 2) {
    emit<AllianceFormedEvent>(w, {
      type: "alliance-formed",
      members: ids(w, next),
      kind: "ruling",
      against: ids(
        w,
        w.players.filter((i) => !next.includes(i)),
      ),
    });
  }
}

/** Moves every observer's estimate of every machine toward the truth after a revealing vote. */
export function reveal(w: World, rng: Rng, machine: number[]): void {
  const n = w.people.length;
  const { revelation, perceptionNoise } = w.sc.params.coalitions;
  const learning = w.people.map((_, j) => revelation * w.sc.people[j]!.visibility * learningFactor(w, j));
  for (let i = 0; i < n; i++) {
    if (!w.people[i]!.alive) continue;
    for (let j = 0; j < n; j++) {
      const k = i * n + j;
      const est = w.perception[k]!;
      const truth = machine[j]!;
      const step = learning[j]!;
      const noisy = est + step * (truth - est) + rng.normal(0, perceptionNoise * truth * 0.5);
      w.perception[k] = Math.max(0, noisy);
    }
  }
}

/** Leaders the ruling coalition has moved against and who are still in the party. */
function opponents(w: World): number[] {
  const pending = new Set(w.pendingMotions.map((m) => m.target));
  return w.people
    .map((p, i) => ({ p, i }))
    .filter(
      ({ p, i }) =>
        w.sc.people[i]!.isLeader &&
        p.alive &&
        !w.ruling.includes(i) &&
        p.rung < EXPELLED_RUNG &&
        (p.rung >= 1 || pending.has(i)),
    )
    .map(({ i }) => i);
}

function updateOpposition(w: World): void {
  const next = opponents(w);
  if (sameSet(next, w.opposition)) return;
  if (w.opposition.length >= 2 && !w.opposition.every((i) => next.includes(i))) {
    emit<AllianceBrokenEvent>(w, {
      type: "alliance-broken",
      members: ids(w, w.opposition),
      kind: "opposition",
      by: null,
      reason: "departure",
    });
  }
  if (next.length >= 2 && !next.every((i) => w.opposition.includes(i))) {
    emit<AllianceFormedEvent>(w, {
      type: "alliance-formed",
      members: ids(w, next),
      kind: "opposition",
      against: ids(w, w.ruling),
    });
  }
  w.opposition = next;
}

/** The next ladder step that means something for this person (steps that would take nothing are skipped). */
export function nextRung(w: World, target: number): number {
  const p = w.people[target]!;
  let rung = p.rung + 1;
  if (rung === 1 && !w.officeHolder.includes(target)) rung = 2;
  if (rung === 2 && p.exec === 0) rung = 3;
  if (rung === 3 && !p.inCommittee) rung = 4;
  return rung;
}

/** Applies a ladder step to a person: what he loses at each step. */
export function applyRung(w: World, target: number, rung: number, by: number[]): void {
  const p = w.people[target]!;
  const lost: string[] = [];
  if (rung === 1) {
    w.officeHolder.forEach((h, o) => {
      if (h === target) {
        w.officeHolder[o] = -1;
        lost.push(w.sc.offices[o]!.id);
      }
    });
  } else {
    lost.push(...vacatePosts(w, target));
    if (rung >= 3 && p.inCommittee) {
      p.inCommittee = false;
      lost.push(w.sc.bodies[w.sc.committee]!.id);
    }
  }
  p.rung = rung;
  p.lastRungTick = w.tick;
  p.prestige *= 0.85;
  if (rung >= 2) w.pendingMotions = w.pendingMotions.filter((m) => m.target !== target || m.rung > rung);
  emit<RemovalEvent>(w, {
    type: "removal",
    person: personId(w, target),
    rung: LADDER[rung - 1]!,
    lost,
    by: ids(w, by),
  });
}

/** Whether the ruling coalition and its clients hold a strict majority of the executive's full seats. */
export function holdsExecutive(w: World, coalition: number[]): boolean {
  const set = new Set(coalition);
  const ours = w.execFull.filter((i) => set.has(i) || set.has(followedLeader(w, i))).length;
  return ours * 2 > w.execFull.length;
}

function politicsRound(w: World): void {
  const rng = w.streams.get("coalitions:politics");
  const c = w.sc.params.coalitions;
  const machine = machines(w);
  const players = currentPlayers(w);
  const playersChanged = !sameSet(players, w.players);
  w.players = players;

  if (players.length === 0) {
    setRuling(w, [], -1, "departure");
    updateOpposition(w);
    return;
  }

  // Re-form the ruling coalition when a member has gone, when it no longer wins among the players (as whoever
  // sets the agenda sees the powers; the consensus view if nobody does), or when a vote has gone against it.
  const stillIn = w.ruling.filter((i) => players.includes(i));
  const setter = agendaSetter(w, players);
  const view = players.map((j) =>
    setter >= 0 ? perceivedPower(w, setter, j, machine) : consensusPower(w, players, j, machine),
  );
  const departed = w.ruling.length !== stillIn.length;
  const stillWins =
    !departed &&
    stillIn.length > 0 &&
    isWinning(
      toIntegers(view),
      c.rule,
      maskOf(stillIn.map((i) => players.indexOf(i))),
      (1 << players.length) - 1,
    );
  if ((playersChanged && !stillWins) || stillIn.length === 0 || departed || w.coalitionDefeated) {
    w.coalitionDefeated = false;
    const next = setter >= 0 ? proposeIncluding(w, players, view, setter) : ruleAmong(w, players, view);
    setRuling(w, next, -1, departed ? "departure" : "realignment");
  } else {
    // Realignment: a player who privately sees a ruling coalition that keeps him and differs from the present
    // one may bring it about: a member breaks with partners he no longer needs (defection), or an outsider
    // who knows his real strength builds a new alliance.
    const order = [...players];
    for (let k = order.length - 1; k > 0; k--) {
      const j = rng.int(k + 1);
      [order[k], order[j]] = [order[j]!, order[k]!];
    }
    for (const i of order) {
      const me = w.sc.people[i]!;
      const view = players.map((j) => perceivedPower(w, i, j, machine));
      const better = ruleAmong(w, players, view);
      if (sameSet(better, w.ruling) || !better.includes(i)) continue;
      // Breaking an alliance is a risk: a member does it only for a clearly larger share of the power.
      if (
        w.ruling.includes(i) &&
        shareOf(view, players, better, i) < (1 + c.realignmentGain) * shareOf(view, players, w.ruling, i)
      ) {
        continue;
      }
      // The others must agree: nobody joins a coalition that gives him a smaller share than he has now.
      const agreed = better.every((m) => {
        if (m === i) return true;
        const mine = players.map((j) => perceivedPower(w, m, j, machine));
        const now = w.ruling.includes(m) ? shareOf(mine, players, w.ruling, m) : 0;
        return shareOf(mine, players, better, m) >= now;
      });
      if (!agreed || !rng.chance(c.defectionRate * me.ruthlessness)) continue;
      setRuling(w, better, i, w.ruling.includes(i) ? "defection" : "realignment");
      break;
    }
  }

  // A coalition with an ambitious, ruthless member moves against a rival.
  const drive = w.ruling.map((i) => w.sc.people[i]!.ambition * w.sc.people[i]!.ruthlessness);
  const threat = Math.max(0, ...drive);
  // A rival charged with factionalism is a ready pretext: the coalition moves sooner.
  const pretext = w.opposition.some((i) => intervalFactor(w, i) < 1)
    ? 1 / w.sc.params.factionBan.intervalFactor
    : 1;
  if (w.ruling.length > 0 && rng.chance(Math.min(1, c.motionRate * threat * founderRestraint(w) * pretext))) {
    const interval = Math.round((c.rungIntervalWeeks * 7) / w.sc.clock.tickDays);
    const pending = new Set(w.pendingMotions.map((m) => m.target));
    const targets = w.people
      .map((p, i) => ({ p, i }))
      .filter(
        ({ p, i }) =>
          w.sc.people[i]!.isLeader &&
          p.alive &&
          !w.ruling.includes(i) &&
          !pending.has(i) &&
          !p.capitulated &&
          p.rung < LADDER.length &&
          (players.includes(i) || p.rung >= 1) &&
          w.tick - p.lastRungTick >= interval * intervalFactor(w, i),
      )
      .map(({ i }) => i);
    if (targets.length > 0) {
      const observers = w.ruling;
      let target = targets[0]!;
      let best = -1;
      for (const t of targets) {
        const threatOf = consensusPower(w, observers, t, machine) * (players.includes(t) ? 1 : 0.5);
        if (threatOf > best) {
          best = threatOf;
          target = t;
        }
      }
      const rung = nextRung(w, target);
      if (rung >= EXILE_RUNG) {
        // Exile and deportation are executive decisions, taken at once by a coalition that holds the executive.
        if (holdsExecutive(w, w.ruling) && commandsForce(w, w.ruling)) {
          const seats = w.execFull.length;
          const t: Tally = { for: seats, against: 0, abstain: 0 };
          emitVote(w, w.sc.bodies[w.sc.executive]!.id, rung, target, t, true);
          applyRung(w, target, rung, w.ruling);
        }
      } else {
        w.pendingMotions.push({ rung, target, proposers: [...w.ruling], queuedTick: w.tick });
      }
    }
  }
  updateOpposition(w);
}

function emitVote(w: World, body: string, rung: number, target: number, t: Tally, passed: boolean): void {
  emit<VoteEvent>(w, {
    type: "vote",
    body,
    motion: `remove:${LADDER[rung - 1]}`,
    target: personId(w, target),
    ...t,
    passed,
    proposers: ids(w, w.ruling),
  });
}

/** The committee votes on the motions queued since its last meeting. */
function committeeSession(w: World): void {
  const rng = w.streams.get("coalitions:votes");
  const motions: Motion[] = w.pendingMotions.filter((m) => m.queuedTick < w.tick);
  if (motions.length === 0) return;
  w.pendingMotions = w.pendingMotions.filter((m) => m.queuedTick >= w.tick);
  for (const m of motions) {
    const target = w.people[m.target]!;
    if (!target.alive || w.ruling.includes(m.target) || w.ruling.length === 0) continue;
    const rung = nextRung(w, m.target);
    if (rung >= EXILE_RUNG || target.capitulated) continue;
    // A leader who holds armed force may resist: he wins if his force outweighs the rulers'.
    if (rng.chance(resistChance(w, m.target))) {
      const succeeded = strongestForce(w).holder === m.target;
      emit<ResistanceEvent>(w, { type: "resistance", person: personId(w, m.target), succeeded });
      if (succeeded) w.coalitionDefeated = true;
      else applyRung(w, m.target, Math.max(rung, EXPELLED_RUNG), w.ruling);
      continue;
    }
    const t = committeeVote(
      w,
      rng,
      w.ruling,
      m.target,
      w.opposition.filter((i) => i !== m.target),
    );
    const ok = passes(t);
    emitVote(w, w.sc.bodies[w.sc.committee]!.id, rung, m.target, t, ok);
    if (ok) applyRung(w, m.target, rung, w.ruling);
    else {
      // A failed motion costs its sponsors standing, lends the target some, and sends the leaders back to bargain.
      w.coalitionDefeated = true;
      for (const i of w.ruling) w.people[i]!.prestige = Math.max(0, w.people[i]!.prestige - 0.02);
      target.prestige = Math.min(MAX_PRESTIGE, target.prestige + 0.02);
    }
  }
  reveal(w, rng, machines(w));
  updateOpposition(w);
}

export const coalitions: Mechanism = {
  id: "coalitions",
  title: "Coalitions and betrayal",
  description:
    "Leaders form the self-enforcing ruling coalition on perceived power, break it when a smaller one pays, and vote rivals down the ladder.",

  setup(w) {
    const n = w.people.length;
    const machine = machines(w);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) w.perception[i * n + j] = machine[j]!;
  },

  step(w) {
    if (meetsNow(w, w.sc.committee)) committeeSession(w);
    const every = politicsEvery(w);
    if (w.tick % every === 0) politicsRound(w);
  },
};
