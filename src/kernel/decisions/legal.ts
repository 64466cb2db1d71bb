/**
 * The legal actions of one leader at his turn (the start of a politics round): what his offices and seats
 * and the bodies' rules let him do now, each with a one-line explanation and the odds as he reads them (his
 * perception of his rivals' machines, not their real strength). The mechanisms carry the actions out under
 * the same rules as the model's own choices (see intent.ts).
 */
import { isWinning, maskOf } from "../coalition/rulingCoalition.ts";
import { nextRung } from "../ladder.ts";
import { motionAllowed } from "../mechanisms/coalitions.ts";
import { rulingLines } from "../mechanisms/policy.ts";
import {
  agendaSetter,
  coalitionUtility,
  contenders,
  currentPlayers,
  effectivePower,
  leadership,
  proposeIncluding,
  toIntegers,
} from "../players.ts";
import {
  capability,
  lineDistance,
  livePatron,
  machines,
  outOfParty,
  principal,
  strongestHolder,
} from "../power.ts";
import { expectedShare } from "../votes.ts";
import { lineOf, politicsEvery, type World } from "../world.ts";
import type { Action, Control } from "./action.ts";

export interface Choice {
  action: Action;
  /** Short menu label. */
  label: string;
  /** One line: what it does and what stands in its way. */
  explain: string;
  /** Chance of success as he reads it, in [0, 1], or null where it does not apply. */
  odds: number | null;
}

/** Ladder kinds from which a beaten leader can no longer recant (as in coercion.ts). */
const BEYOND_REACH = new Set(["deportation", "arrest", "trial", "execution"]);

/** Most alliance proposals and motions the menu lists. */
const MAX_EACH = 5;

/** Whether a leader can act at all: alive, at work and in the party. */
export function canAct(w: World, me: number): boolean {
  const p = w.people[me]!;
  return p.alive && p.capacity >= 0.5 && !outOfParty(w, me);
}

function name(w: World, i: number): string {
  return w.sc.people[i]!.name;
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** Every legal action of leader `me` now. The first two (act by instinct, wait) are always there. */
export function legalActions(w: World, me: number): Choice[] {
  const out: Choice[] = [
    {
      action: { kind: "auto" },
      label: "Act by instinct",
      explain: "Each choice this round is made by the model's own rule, as for every rival.",
      odds: null,
    },
    {
      action: { kind: "wait" },
      label: "Wait",
      explain: "Take no initiative this round; you still vote, and back whom you back.",
      odds: null,
    },
  ];
  if (!canAct(w, me)) return out;
  const machine = machines(w);
  const players = currentPlayers(w);
  const rivals = contenders(w, players);
  const mine = (j: number) => effectivePower(w, me, j, machine);
  const ruling = w.ruling;
  const inRuling = ruling.includes(me);

  if (rivals.includes(me)) out.push(...alliances(w, me, rivals, mine));
  if (inRuling && ruling.length >= 2)
    out.push({
      action: { kind: "break" },
      label: "Break with your partners",
      explain: `Leave the ruling coalition (${ruling
        .filter((i) => i !== me)
        .map((i) => name(w, i))
        .join(", ")}); they rule on without you, and you become a rival.`,
      odds: 1,
    });
  if (inRuling) out.push(...motions(w, me, players));
  if (rivals.includes(me)) out.push(...courtships(w, me, players, rivals));
  if (players.includes(me) && !rivals.includes(me)) {
    for (const c of rivals) {
      if (w.backs[me] === c) continue;
      out.push({
        action: { kind: "back", target: w.sc.people[c]!.id },
        label: `Back ${name(w, c)}`,
        explain: `Give your vote and standing to ${name(w, c)} (now you back ${
          w.backs[me]! >= 0 ? name(w, w.backs[me]!) : "nobody"
        }).`,
        odds: 1,
      });
    }
  }
  const p = w.people[me]!;
  if (
    w.sc.enabled.coercion &&
    ruling.length > 0 &&
    !inRuling &&
    !p.capitulated &&
    p.rung >= 1 &&
    !BEYOND_REACH.has(w.sc.ladder[p.rung - 1]!.kind)
  )
    out.push({
      action: { kind: "recant" },
      label: "Recant and submit",
      explain:
        "Admit your errors: you stop contending, the rulers stop pressing you, and you follow their leader.",
      odds: 1,
    });
  out.push(...enrolment(w, me));
  out.push(...appointments(w, me));
  if (
    w.sc.enabled.policy &&
    w.opposition.includes(me) &&
    !p.capitulated &&
    w.tick - w.platformTick >= Math.round(365 / w.sc.clock.tickDays)
  )
    out.push({
      action: { kind: "platform" },
      label: "Issue a platform",
      explain:
        "Put your line to the party with the other opponents: members rally to it, but the rulers may charge you with factionalism.",
      odds: 1,
    });
  if (
    w.sc.enabled.policy &&
    !inRuling &&
    leadership(w).length > 0 &&
    w.sc.params.coalitions.concessionReach > 0
  ) {
    const gap = lineDistance(w, lineOf(p), rulingLines(w));
    if (gap > 0.01)
      out.push({
        action: { kind: "shift" },
        label: "Move toward the leadership's line",
        explain: `Close part of the gap (${gap.toFixed(2)}; you can move ${w.sc.params.coalitions.concessionReach.toFixed(2)}): far from the line a leader turns to opposition and is open to attack. An inflexible man pays in standing.`,
        odds: 1,
      });
  }
  out.push(...testament(w, me));
  return out;
}

function alliances(w: World, me: number, rivals: number[], mine: (j: number) => number): Choice[] {
  const view = rivals.map(mine);
  const ints = toIntegers(view);
  const all = 2 ** rivals.length - 1;
  const wins = (m: number[]) =>
    rivals.length <= 24 &&
    isWinning(ints, w.sc.params.coalitions.rule, maskOf(m.map((i) => rivals.indexOf(i))), all);
  const sets: number[][] = [];
  const add = (m: number[]) => {
    const s = [...m].sort((a, b) => a - b);
    if (s.length < 2 || !wins(s)) return;
    if (s.length === w.ruling.length && s.every((x, k) => x === w.ruling[k])) return;
    if (!sets.some((t) => t.length === s.length && t.every((x, k) => x === s[k]))) sets.push(s);
  };
  add(proposeIncluding(w, rivals, view, me));
  const others = rivals.filter((i) => i !== me).sort((a, b) => mine(b) - mine(a) || a - b);
  for (const o of others) add([me, o]);
  for (let a = 0; a < others.length; a++)
    for (let b = a + 1; b < others.length; b++) add([me, others[a]!, others[b]!]);
  // What a partner gives up: the ruling coalition, or before one has formed, the one the agenda-setter would
  // propose (as he reads it).
  const setter = agendaSetter(w, rivals);
  const standing = w.ruling.length > 0 || setter < 0 ? w.ruling : proposeIncluding(w, rivals, view, setter);
  return sets.slice(0, MAX_EACH).map((members) => {
    const partners = members.filter((i) => i !== me);
    // Whether each partner would gain by it, as he reads their interests with his own view of the powers.
    const willing = partners.filter(
      (m) => coalitionUtility(w, m, members, mine) >= coalitionUtility(w, m, standing, mine),
    );
    return {
      action: { kind: "ally", members: members.map((i) => w.sc.people[i]!.id) },
      label: `Ally with ${partners.map((i) => name(w, i)).join(" and ")}`,
      explain: `A ruling coalition of ${pct(
        members.reduce((a, i) => a + mine(i), 0) /
          Math.max(
            1e-9,
            view.reduce((a, x) => a + x, 0),
          ),
      )} of the contenders' power as you read it; ${willing.length} of ${partners.length} would gain by it.`,
      odds: partners.length > 0 ? willing.length / partners.length : 1,
    };
  });
}

function motions(w: World, me: number, players: number[]): Choice[] {
  const out: Choice[] = [];
  for (let t = 0; t < w.people.length; t++) {
    if (!motionAllowed(w, t, players)) continue;
    const k = nextRung(w, t);
    const rung = w.sc.ladder[k]!;
    const body = rung.decidedBy;
    const sides = {
      sponsors: w.ruling,
      target: t,
      opponents: w.opposition.filter((i) => i !== t),
    };
    const share = expectedShare(w, body, sides, me, { joint: true });
    const rule = w.sc.bodies[body]!.majority;
    const needs = rule.num / rule.den;
    out.push({
      action: { kind: "motion", target: w.sc.people[t]!.id },
      label: `Move against ${name(w, t)}: ${rung.id}`,
      explain: `The ${w.sc.bodies[body]!.name} votes at its next session; you count ${pct(share)} of its votes for, ${pct(needs)} needed.`,
      odds: share,
    });
  }
  return out.sort((a, b) => (b.odds ?? 0) - (a.odds ?? 0)).slice(0, MAX_EACH);
}

function courtships(w: World, me: number, players: number[], rivals: number[]): Choice[] {
  const friends = new Set(w.ruling.includes(me) ? w.ruling : [me]);
  const reach = w.sc.params.coalitions.concessionReach;
  if (reach <= 0) return [];
  const my = lineOf(w.people[me]!);
  return players
    .filter((n) => !rivals.includes(n) && !friends.has(w.backs[n]!))
    .map((n) => {
      const his = lineOf(w.people[n]!);
      const gap = lineDistance(w, my, his);
      const rival = w.backs[n]!;
      return {
        action: { kind: "court", target: w.sc.people[n]!.id } as Action,
        label: `Court ${name(w, n)}`,
        explain: `Move your line toward his (gap ${gap.toFixed(2)}, you can move ${reach.toFixed(2)}); he backs ${
          rival >= 0 ? name(w, rival) : "nobody"
        }. An inflexible man pays for the shift in standing.`,
        odds: null,
      };
    })
    .slice(0, MAX_EACH);
}

function enrolment(w: World, me: number): Choice[] {
  if (!w.sc.enabled.enrolment || w.campaign) return [];
  if (strongestHolder(w, "appoint") !== me) return [];
  const p = w.sc.params.enrolment;
  const years = ((w.tick - w.lastCampaignTick) * w.sc.clock.tickDays) / 365.25;
  if (years < p.minYearsBetween) return [];
  return [
    {
      action: { kind: "enrol" },
      label: "Launch an enrolment campaign",
      explain: `Admit about ${pct(p.campaignShare)} of the party's starting strength over ${p.campaignWeeks} weeks; naive recruits follow the apparatus that admits them.`,
      odds: 1,
    },
  ];
}

function appointments(w: World, me: number): Choice[] {
  if (!w.sc.enabled.patronage) return [];
  const holders = new Set<number>();
  w.officeHolder.forEach((h, o) => {
    if (h >= 0 && w.officeLive[o] === 1 && principal(w, h) === me && capability(w, h, "appoint") > 0)
      holders.add(h);
  });
  if (holders.size === 0) return [];
  const pendingRegions = new Set(w.motions.filter((m) => m.kind === "confirm").map((m) => m.region));
  return w.regions
    .map((reg, r) => ({ reg, r }))
    .filter(
      ({ reg, r }) =>
        livePatron(w, reg.secretaryPatron) !== me &&
        !pendingRegions.has(r) &&
        [...holders].some((h) => capability(w, h, "appoint", r) > 0),
    )
    .sort((a, b) => w.members.count(b.r) - w.members.count(a.r) || a.r - b.r)
    .slice(0, MAX_EACH)
    .map(({ reg, r }) => {
      const held = livePatron(w, reg.secretaryPatron);
      return {
        action: { kind: "appoint", region: w.sc.regions[r]!.id } as Action,
        label: `Place your man in ${w.sc.regions[r]!.name}`,
        explain: `Replace its secretary (${held >= 0 ? `${name(w, held)}'s man` : "no one's man"}); ${Math.round(
          w.members.count(r),
        )} members${w.sc.params.patronage.confirmingBody >= 0 ? "; the nomination goes to a vote" : ""}.`,
        odds: w.sc.params.patronage.confirmingBody >= 0 ? null : 1,
      };
    });
}

function testament(w: World, me: number): Choice[] {
  const t = w.testament;
  if (!w.sc.enabled.testament || t?.fate !== "held") return [];
  const soon = w.meets[w.sc.congress]!.subarray(w.tick, w.tick + politicsEvery(w)).some((x) => x > 0);
  if (!soon || (w.founder >= 0 && w.people[w.founder]!.alive && !w.sc.params.testament.actOnAtFirstCongress))
    return [];
  const out: Choice[] = [];
  if (leadership(w).includes(me))
    for (const fate of ["published", "read", "suppressed"] as const)
      out.push({
        action: { kind: "testament", fate },
        label: `The founder's letter: ${fate === "read" ? "read it to delegations" : fate === "published" ? "publish it" : "suppress it"}`,
        explain: `It recommends removing ${name(w, t.target)}${fate === "published" ? "; the congress will vote on it" : ""}.`,
        odds: 1,
      });
  if (t.target === me)
    out.push({
      action: { kind: "resign" },
      label: "Offer to resign",
      explain: "A gambit: if your partners refuse, you gain standing.",
      odds: null,
    });
  return out;
}

/** The intent a choice puts in force: ids resolved to indices. Throws on an unknown id. */
export function controlFor(w: World, me: number, action: Action): Control {
  const person = (id: string | undefined) => {
    const i = w.sc.people.findIndex((p) => p.id === id);
    if (i < 0) throw new Error(`unknown person "${id}" in action ${action.kind}`);
    return i;
  };
  const needsTarget = action.kind === "motion" || action.kind === "court" || action.kind === "back";
  let region = -1;
  if (action.kind === "appoint") {
    region = w.sc.regions.findIndex((r) => r.id === action.region);
    if (region < 0) throw new Error(`unknown region "${action.region}" in action appoint`);
  }
  return {
    person: me,
    action,
    target: needsTarget ? person(action.target) : -1,
    region,
    members: action.kind === "ally" ? (action.members ?? []).map(person).sort((a, b) => a - b) : [],
    used: false,
    result: "",
  };
}

/** Whether two actions are the same choice. */
export function sameAction(a: Action, b: Action): boolean {
  return (
    a.kind === b.kind &&
    a.target === b.target &&
    a.region === b.region &&
    a.fate === b.fate &&
    [...(a.members ?? [])].sort().join(",") === [...(b.members ?? [])].sort().join(",")
  );
}
