/**
 * Coalition politics among the players, on the fast clock. Every full member of the top body plays; only
 * contenders (the ambitious, or those in opposition over the line) take the initiative. Leaders act on
 * *perceived* power: each knows his own machine, but sees a rival's only as far as votes have revealed it.
 * The ruling coalition is the self-enforcing coalition (Acemoglu–Egorov–Sonin) under the agenda-setter's
 * view; a contender who privately sees a smaller winning coalition that keeps him may break the alliance, if
 * its members agree — a swing member may have to be courted with a concession on the line. The ruling
 * coalition moves rivals down the ladder by motions that the deciding bodies vote on.
 */

import { strongestOf } from "../appointments.ts";
import { isWinning, maskOf } from "../coalition/rulingCoalition.ts";
import { autonomous, pending, settle, wants } from "../decisions/intent.ts";
import type {
  AllianceBrokenEvent,
  AllianceFormedEvent,
  BackingEvent,
  CourtingEvent,
  RestraintEvent,
} from "../events.ts";
import { founderRestraint, intervalFactor } from "../influence.ts";
import { nextRung } from "../ladder.ts";
import { initPerception } from "../perception.ts";
import {
  agendaSetter,
  backingChoice,
  coalitionLine,
  coalitionUtility,
  contenders,
  currentPlayers,
  effectivePower,
  isContender,
  proposeIncluding,
  ruleAmong,
  toIntegers,
} from "../players.ts";
import {
  consensusPower,
  lineDistance,
  machines,
  outOfParty,
  perceivedPower,
  realPower,
  realPowers,
} from "../power.ts";
import { table } from "../sessions.ts";
import { expectedShare } from "../votes.ts";
import { emit, ids, lineOf, personId, politicsEvery, type World } from "../world.ts";
import type { Mechanism } from "./mechanism.ts";

/** A member's share of his coalition's power, under a given view of the powers (aligned with `players`). */
function shareOf(view: number[], players: number[], coalition: number[], member: number): number {
  let total = 0;
  for (const i of coalition) total += view[players.indexOf(i)] ?? 0;
  return total > 0 ? (view[players.indexOf(member)] ?? 0) / total : 0;
}

function sameSet(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
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
        w.contenders.filter((i) => !next.includes(i)),
      ),
    });
  }
}

/** Leaders the ruling coalition has moved against and who are still in the party. */
function opponents(w: World): number[] {
  const pending = new Set(w.motions.filter((m) => m.kind === "remove").map((m) => m.target));
  return w.people
    .map((p, i) => ({ p, i }))
    .filter(
      ({ p, i }) =>
        w.sc.people[i]!.isLeader &&
        p.alive &&
        !w.ruling.includes(i) &&
        !outOfParty(w, i) &&
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

/**
 * Whether contender `m` agrees to join `better`: it must be worth at least as much to him as the present ruling
 * coalition (his share of power as far as he seeks it, less the cost of its line as far as he cannot bend).
 */
function agrees(w: World, m: number, better: number[], machine: number[]): boolean {
  const view = (j: number) => effectivePower(w, m, j, machine);
  return coalitionUtility(w, m, better, view) >= coalitionUtility(w, m, w.ruling, view);
}

/**
 * The players who do not seek power choose whom to back; then a contender may court one of them, the
 * strongest who backs a rival, by moving his own line toward him (as far as `concessionReach`, paying in
 * standing if he is inflexible). A swing member's change of backing is an event.
 */
function updateBacking(w: World, rivals: number[], machine: number[], setter: number): void {
  let suitor = setter;
  const swing = w.players.filter((i) => !rivals.includes(i));
  for (const i of w.people.keys()) if (!swing.includes(i)) w.backs[i] = -1;
  const announce = (n: number, before: number) => {
    if (w.backs[n] === before) return;
    emit<BackingEvent>(w, {
      type: "backing",
      person: personId(w, n),
      backs: w.backs[n]! >= 0 ? personId(w, w.backs[n]!) : null,
      before: before >= 0 ? personId(w, before) : null,
    });
  };
  for (const n of swing) {
    const before = w.backs[n]!;
    const chosen = wants(w, n, "back");
    if (chosen && rivals.includes(chosen.target)) settle(chosen, "done");
    w.backs[n] =
      chosen && rivals.includes(chosen.target) ? chosen.target : backingChoice(w, n, rivals, machine);
    if (before >= 0 || w.backs[n]! >= 0) announce(n, before);
  }
  const reach = w.sc.params.coalitions.concessionReach;
  // A controlled leader courts whom he chooses; one who chose otherwise courts nobody.
  const courting = pending(w, "court");
  if (courting && courting.person !== suitor) suitor = courting.person;
  else if (suitor >= 0 && !autonomous(w, suitor) && !courting) suitor = -1;
  if (suitor < 0 || reach <= 0) return;
  const friends = new Set(w.ruling.includes(suitor) ? w.ruling : [suitor]);
  let target: number | undefined;
  if (courting) {
    const ok = swing.includes(courting.target) && !friends.has(w.backs[courting.target]!);
    settle(courting, ok ? "done" : "refused: not a swing member backing a rival");
    if (!ok) return;
    target = courting.target;
  } else {
    const power = realPowers(w, machine);
    target = swing.filter((n) => !friends.has(w.backs[n]!)).sort((a, b) => power[b]! - power[a]! || a - b)[0];
  }
  if (target === undefined) return;
  // A concession costs standing and moves the suitor's line: he pays it only when his count of the top body
  // says his side needs the vote (as a coalition counts before it moves against a rival).
  if (!courting && !needsVotes(w, suitor, friends, rivals)) return;
  const me = w.people[suitor]!;
  const before = [...lineOf(me)];
  for (let k = 0; k < me.positions.length; k++) {
    const gap = lineOf(w.people[target]!)[k]! - before[k]!;
    me.positions[k] = Math.max(-1, Math.min(1, before[k]! + Math.max(-reach, Math.min(reach, gap))));
  }
  me.ideology = me.positions[0]!;
  const was = w.backs[target]!;
  w.backs[target] = -1;
  const choice = backingChoice(w, target, rivals, machine);
  const accepted = friends.has(choice);
  if (accepted) {
    w.backs[target] = choice;
    let moved = 0;
    for (let k = 0; k < before.length; k++) moved += Math.abs(me.positions[k]! - before[k]!);
    const rigid = 1 - w.sc.people[suitor]!.flexibility;
    me.prestige = Math.max(0, me.prestige - moved * rigid * w.sc.params.policy.shiftCost);
  } else {
    w.backs[target] = was;
    me.positions = before;
    me.ideology = before[0]!;
  }
  emit<CourtingEvent>(w, {
    type: "courting",
    by: personId(w, suitor),
    to: personId(w, target),
    offer: "line",
    accepted,
  });
  if (accepted) announce(target, was);
  if (courting)
    courting.result = accepted ? "done: he now backs your side" : "refused: he would not change sides";
}

/**
 * Whether the suitor's side, as he reads the top body, would fail to carry a motion against its strongest
 * rival by the margin a coalition wants before it moves: only then is a swing member worth a concession.
 */
export function needsVotes(
  w: World,
  suitor: number,
  friends: ReadonlySet<number>,
  rivals: readonly number[],
): boolean {
  const others = rivals.filter((i) => !friends.has(i));
  if (others.length === 0) return false;
  const power = realPowers(w);
  const target = others.reduce((a, b) => (power[b]! > power[a]! ? b : a));
  const body = w.sc.executive;
  const rule = w.sc.bodies[body]!.majority;
  const sides = { sponsors: [...friends], target, opponents: others.filter((i) => i !== target) };
  const share = expectedShare(w, body, sides, suitor, { joint: true });
  return share < rule.num / rule.den + w.sc.params.coalitions.voteMargin;
}

/** Whether `members` is a coalition `proposer` may put forward: it includes him and wins in the given view. */
function proposal(w: World, members: number[], rivals: number[], view: number[], proposer: number): boolean {
  if (!members.includes(proposer) || !members.every((m) => rivals.includes(m))) return false;
  if (rivals.length > 24) return false;
  const mask = maskOf(members.map((m) => rivals.indexOf(m)));
  return isWinning(toIntegers(view), w.sc.params.coalitions.rule, mask, 2 ** rivals.length - 1);
}

/**
 * The controlled leader's alliance move, if he chose one: a coalition he proposes forms when it wins as he
 * reads the powers and every other member agrees (nobody joins a coalition that leaves him worse off); a
 * break leaves the others ruling without him. True if the ruling coalition changed.
 */
function playerRealigns(w: World, rivals: number[], machine: number[]): boolean {
  const broken = pending(w, "break");
  if (broken) {
    const me = broken.person;
    if (!w.ruling.includes(me)) {
      settle(broken, "refused: you are not in the ruling coalition");
      return false;
    }
    settle(broken, "done");
    setRuling(
      w,
      w.ruling.filter((i) => i !== me),
      me,
      "defection",
    );
    return true;
  }
  const offer = pending(w, "ally");
  if (!offer) return false;
  const me = offer.person;
  const mine = rivals.map((j) => effectivePower(w, me, j, machine));
  if (!proposal(w, offer.members, rivals, mine, me)) {
    settle(offer, "refused: that coalition would not win as you read the powers");
    return false;
  }
  if (sameSet(offer.members, w.ruling)) {
    settle(offer, "done: it already rules");
    return false;
  }
  const refusing = offer.members.filter((m) => m !== me && !agrees(w, m, offer.members, machine));
  if (refusing.length > 0) {
    settle(offer, `refused by ${refusing.map((i) => w.sc.people[i]!.name).join(", ")}`);
    return false;
  }
  settle(offer, "done");
  setRuling(w, [...offer.members], me, w.ruling.includes(me) ? "defection" : "realignment");
  return true;
}

function politicsRound(w: World): void {
  const rng = w.streams.get("coalitions:politics");
  const c = w.sc.params.coalitions;
  const machine = machines(w);
  const players = currentPlayers(w);
  w.players = players;
  // Contenders play the coalition game; the other players back one of them (and can be courted).
  const rivals = contenders(w, players);
  const playersChanged = !sameSet(rivals, w.contenders);
  w.contenders = rivals;
  const setter = agendaSetter(w, rivals);
  updateBacking(w, rivals, machine, setter);

  if (rivals.length === 0) {
    setRuling(w, [], -1, "departure");
    updateOpposition(w);
    return;
  }

  // Re-form the ruling coalition when a member has gone, when it no longer wins among the contenders (as
  // whoever sets the agenda sees the powers; the consensus view if nobody does), or when a vote has gone
  // against it.
  const stillIn = w.ruling.filter((i) => rivals.includes(i));
  const view = rivals.map((j) =>
    setter >= 0
      ? effectivePower(w, setter, j, machine)
      : rivals.reduce((a, o) => a + (o === j ? 0 : effectivePower(w, o, j, machine)), 0) /
        Math.max(1, rivals.length - 1),
  );
  const departed = w.ruling.length !== stillIn.length;
  const stillWins =
    !departed &&
    stillIn.length > 0 &&
    rivals.length <= 24 &&
    isWinning(
      toIntegers(view),
      c.rule,
      maskOf(stillIn.map((i) => rivals.indexOf(i))),
      2 ** rivals.length - 1,
    );
  if ((playersChanged && !stillWins) || stillIn.length === 0 || departed || w.coalitionDefeated) {
    w.coalitionDefeated = false;
    const offer = setter >= 0 ? wants(w, setter, "ally") : null;
    const own = offer && proposal(w, offer.members, rivals, view, setter);
    if (offer) settle(offer, own ? "done" : "refused: that coalition would not win");
    // An agenda-setter who takes no initiative (a controlled leader who chose otherwise) proposes nothing:
    // the plain ruling coalition forms.
    const next = own
      ? offer.members
      : setter >= 0 && autonomous(w, setter)
        ? proposeIncluding(w, rivals, view, setter)
        : ruleAmong(w, rivals, view);
    setRuling(w, next, -1, departed ? "departure" : "realignment");
    // A controlled leader may still put his own proposal to the coalition just formed.
    playerRealigns(w, rivals, machine);
  } else if (playerRealigns(w, rivals, machine)) {
    // The controlled leader's alliance move takes this round's realignment.
  } else {
    // Realignment: a contender who privately sees a better ruling coalition that keeps him may bring it
    // about: a member breaks with partners he no longer needs (defection), or an outsider who knows his real
    // strength builds a new alliance.
    const order = [...rivals];
    for (let k = order.length - 1; k > 0; k--) {
      const j = rng.int(k + 1);
      [order[k], order[j]] = [order[j]!, order[k]!];
    }
    for (const i of order) {
      if (!autonomous(w, i)) continue;
      const me = w.sc.people[i]!;
      const mine = rivals.map((j) => effectivePower(w, i, j, machine));
      const better = proposeIncluding(w, rivals, mine, i);
      if (sameSet(better, w.ruling) || !better.includes(i)) continue;
      // Breaking an alliance is a risk: a member does it only for a clearly better deal.
      const view = (j: number) => mine[rivals.indexOf(j)] ?? 0;
      const now = coalitionUtility(w, i, w.ruling, view);
      const margin = w.ruling.includes(i)
        ? c.realignmentGain * me.ambition * shareOf(mine, rivals, w.ruling, i)
        : 0;
      if (coalitionUtility(w, i, better, view) <= now + margin) continue;
      if (!rng.chance(c.defectionRate * me.ruthlessness)) continue;
      // The others must agree: nobody joins a coalition that leaves him worse off.
      if (!better.every((m) => m === i || agrees(w, m, better, machine))) continue;
      setRuling(w, better, i, w.ruling.includes(i) ? "defection" : "realignment");
      break;
    }
  }

  moveAgainstRival(w, rng, rivals, machine);
  updateOpposition(w);
}

/**
 * The danger the ruling coalition sees in a rival: his power as its members read it (half for one outside the
 * top body), raised by his distance from the ruling line as far as `enmity` says (0: power alone).
 */
export function dangerOf(w: World, rival: number, players: readonly number[], machine: number[]): number {
  const power =
    consensusPower(w, w.ruling, rival, machine) *
    (players.includes(rival) && !w.people[rival]!.capitulated ? 1 : 0.5);
  const enmity = w.sc.params.coalitions.enmity;
  if (enmity <= 0) return power;
  const real = realPowers(w, machine);
  const line = coalitionLine(w, w.ruling, (i) => real[i]!);
  return power * (1 + enmity * lineDistance(w, lineOf(w.people[rival]!), line));
}

/** A coalition with an ambitious, ruthless member tables a motion to push its most dangerous rival down. */
function moveAgainstRival(
  w: World,
  rng: ReturnType<World["streams"]["get"]>,
  players: number[],
  machine: number[],
): void {
  const c = w.sc.params.coalitions;
  if (playerMotion(w, players, machine)) return;
  if (w.ruling.length === 0) return;
  const drive = w.ruling.map((i) => w.sc.people[i]!.ambition * w.sc.people[i]!.ruthlessness);
  const threat = Math.max(0, ...drive);
  // A rival charged with factionalism is a ready pretext: the coalition moves sooner.
  const pretext = w.opposition.some((i) => intervalFactor(w, i) < 1)
    ? 1 / w.sc.params.factionBan.intervalFactor
    : 1;
  if (!rng.chance(Math.min(1, c.motionRate * threat * founderRestraint(w) * pretext))) return;
  const interval = Math.round((c.rungIntervalWeeks * 7) / w.sc.clock.tickDays);
  const pending = new Set(w.motions.map((m) => m.target));
  const targets = w.people
    .map((p, i) => ({ p, i }))
    .filter(
      ({ p, i }) =>
        w.sc.people[i]!.isLeader &&
        p.alive &&
        !w.ruling.includes(i) &&
        !pending.has(i) &&
        (!p.capitulated || submittedYetHolding(w, i)) &&
        // A rival who contends, one already on the way down, or one on record against the adopted line who
        // backs a rival of the rulers (a deviation: the right deviation was named after its leaders voted
        // against the grain measures and stood with the rulers' rival).
        ((players.includes(i) && isContender(w, i)) ||
          p.rung >= 1 ||
          p.capitulated ||
          (p.outvoted && w.backs[i]! >= 0 && !w.ruling.includes(w.backs[i]!))) &&
        w.tick - p.lastRungTick >= interval * intervalFactor(w, i),
    )
    .map(({ i }) => i);
  if (targets.length === 0) return;
  let target = targets[0]!;
  let best = -1;
  for (const t of targets) {
    const threatOf = dangerOf(w, t, players, machine);
    if (threatOf > best) {
      best = threatOf;
      target = t;
    }
  }
  const k = nextRung(w, target);
  if (k < 0) return;
  // A controlled member of the coalition who chose something else does not sponsor its motion.
  const sponsors = willing(w, target, machine).filter((i) => autonomous(w, i));
  if (sponsors.length === 0) return;
  // Count the votes first: a coalition moves only when, as its strongest member reads the deciding body, the
  // motion would carry by a clear margin.
  const body = w.sc.ladder[k]!.decidedBy;
  if (c.voteMargin > 0) {
    const reluctant = w.ruling.filter((i) => !sponsors.includes(i));
    const sides = {
      sponsors,
      target,
      opponents: [...w.opposition.filter((i) => i !== target), ...reluctant],
    };
    const rule = w.sc.bodies[body]!.majority;
    const reader = strongestOf(w, sponsors);
    if (expectedShare(w, body, sides, reader, { joint: true }) < rule.num / rule.den + c.voteMargin) return;
  }
  table(w, {
    kind: "remove",
    body,
    target,
    rung: k,
    office: -1,
    region: -1,
    sponsors,
    appeal: null,
  });
}

/** Whether `target` is a rival the ruling coalition may move against now (the rules, not its wish). */
export function motionAllowed(w: World, target: number, players: readonly number[]): boolean {
  const p = w.people[target]!;
  const interval = Math.round((w.sc.params.coalitions.rungIntervalWeeks * 7) / w.sc.clock.tickDays);
  return (
    w.sc.people[target]!.isLeader &&
    p.alive &&
    !w.ruling.includes(target) &&
    !w.motions.some((m) => m.target === target) &&
    (!p.capitulated || submittedYetHolding(w, target)) &&
    ((players.includes(target) && isContender(w, target)) ||
      p.rung >= 1 ||
      p.capitulated ||
      (p.outvoted && w.backs[target]! >= 0 && !w.ruling.includes(w.backs[target]!))) &&
    w.tick - p.lastRungTick >= interval * intervalFactor(w, target) &&
    nextRung(w, target) >= 0
  );
}

/**
 * The controlled leader's motion, if he chose one: as a member of the ruling coalition he tables it against
 * the rival, with those partners willing to follow; no draw, no counting of votes first (that is his risk).
 * True if he tabled it (then the coalition tables no other this round).
 */
function playerMotion(w: World, players: number[], machine: number[]): boolean {
  const m = pending(w, "motion");
  if (!m) return false;
  const me = m.person;
  if (!w.ruling.includes(me)) {
    settle(m, "refused: only the ruling coalition can move against a rival");
    return false;
  }
  if (!motionAllowed(w, m.target, players)) {
    settle(m, "refused: the rules do not allow it now");
    return false;
  }
  const k = nextRung(w, m.target);
  const partners = w.ruling.length > 1 ? willing(w, m.target, machine) : [];
  const sponsors = [me, ...partners.filter((i) => i !== me)].sort((a, b) => a - b);
  settle(m, `tabled in ${w.sc.bodies[w.sc.ladder[k]!.decidedBy]!.id}`);
  table(w, {
    kind: "remove",
    body: w.sc.ladder[k]!.decidedBy,
    target: m.target,
    rung: k,
    office: -1,
    region: -1,
    sponsors,
    appeal: null,
  });
  return true;
}

/**
 * A leader who has recanted is not trusted with leading posts: he may still lose his offices and his seat in
 * the executive bodies, but no more (he is not pushed out of the committee or the party while he submits).
 */
function submittedYetHolding(w: World, i: number): boolean {
  const k = nextRung(w, i);
  return k >= 0 && (w.sc.ladder[k]!.kind === "office" || w.sc.ladder[k]!.kind === "executive");
}

/**
 * The members of the ruling coalition willing to move against a rival who still contends. Each asks, as he
 * sees the powers, whether he would still be in the ruling coalition once the rival is gone: a partner whom
 * the others could then drop holds back, since the rival's presence is what makes them need him. The motion
 * goes ahead if the willing outweigh the reluctant in the agenda-setter's view; the reluctant then speak
 * against it. An empty list: the coalition holds back, and says so.
 */
function willing(w: World, target: number, machine: number[]): number[] {
  if (!w.contenders.includes(target) || w.ruling.length < 2) return [...w.ruling];
  const rest = w.contenders.filter((i) => i !== target);
  const keen = w.ruling.filter((r) =>
    ruleAmong(
      w,
      rest,
      rest.map((j) => perceivedPower(w, r, j, machine)),
    ).includes(r),
  );
  if (keen.length === w.ruling.length) return keen;
  const reluctant = w.ruling.filter((r) => !keen.includes(r));
  const setter = agendaSetter(w, w.ruling);
  const weigh = (side: number[]) =>
    side.reduce(
      (a, j) => a + (setter >= 0 ? perceivedPower(w, setter, j, machine) : realPower(w, j, machine)),
      0,
    );
  if (keen.length > 0 && weigh(keen) > weigh(reluctant)) return keen;
  emit<RestraintEvent>(w, { type: "restraint", by: ids(w, reluctant), target: personId(w, target) });
  return [];
}

export const coalitions: Mechanism = {
  id: "coalitions",
  title: "Coalitions and betrayal",
  description:
    "Every top-body member plays; contenders form the self-enforcing ruling coalition on perceived power, court swing members, break alliances when a smaller one pays, and table motions against rivals.",

  setup(w) {
    initPerception(w, machines(w));
  },

  step(w) {
    if (w.tick % politicsEvery(w) === 0) politicsRound(w);
  },
};
