/**
 * The founder's testament. An ailing founder who can still dictate may write a letter recommending the
 * removal of the leader whose machine alarms him most. At the first congress after his death, the leaders
 * who hold it decide its fate: a coalition that needs the target reads it only to delegations (or buries it);
 * otherwise it is published and the congress votes on removing him from office. A ruthless target offers to
 * resign, and gains standing when his partners refuse.
 */
import { yearsPerTick } from "../calendar.ts";
import { autonomous, settle, wants } from "../decisions/intent.ts";
import { chooseDelegates } from "../delegates.ts";
import type { ResignationEvent, TestamentEvent } from "../events.ts";
import { curationFactor } from "../influence.ts";
import { applyRung, rungOfKind } from "../ladder.ts";
import { leadership } from "../players.ts";
import { capability, machines } from "../power.ts";
import { emitVote, vote } from "../votes.ts";
import { emit, meetsNow, personId, type World } from "../world.ts";
import type { Mechanism } from "./mechanism.ts";

/** Weight of administrative capabilities (appoint, files, agenda) in the founder's alarm, beside the machine. */
const OFFICE_CONCERN = 0.25;

function write(w: World, founder: number): void {
  const p = w.sc.params.testament;
  const machine = machines(w);
  let target = -1;
  let worst = p.concernThreshold;
  w.people.forEach((q, i) => {
    if (i === founder || !q.alive || !w.sc.people[i]!.isLeader) return;
    // He fears a machine, and the administrative powers that build one, as far as he is allowed to see them.
    const powers = capability(w, i, "appoint") + capability(w, i, "files") + capability(w, i, "agenda");
    const concern = (machine[i]! + OFFICE_CONCERN * powers) * curationFactor(w, i);
    if (concern >= worst) {
      worst = concern;
      target = i;
    }
  });
  if (target < 0) return;
  w.testament = { target, writtenTick: w.tick, fate: "held" };
  emit<TestamentEvent>(w, { type: "testament", target: personId(w, target), fate: "written" });
}

/** The congress votes on the founder's recommendation to remove the target from his offices. */
function publish(w: World, target: number): void {
  const rng = w.streams.get("testament:vote");
  if (!w.delegation) chooseDelegates(w);
  const proposers = leadership(w).filter((i) => i !== target);
  const outcome = vote(
    w,
    rng,
    w.sc.congress,
    { sponsors: proposers, target, opponents: [] },
    { groups: w.delegation!.groups, extraPull: w.sc.params.testament.publishWeight },
  );
  const ok = outcome.passed && proposers.length > 0;
  emitVote(w, w.sc.congress, "testament:remove-from-office", target, { ...outcome, passed: ok }, proposers);
  const office = rungOfKind(w, "office");
  if (ok && office >= 0 && w.officeHolder.includes(target))
    applyRung(w, target, office, proposers, w.sc.congress);
}

function decide(w: World): void {
  const t = w.testament!;
  const p = w.sc.params.testament;
  const rng = w.streams.get("testament");
  const target = t.target;
  if (!w.people[target]!.alive) {
    // Its target is dead: the letter is filed away.
    t.fate = "suppressed";
    emit<TestamentEvent>(w, { type: "testament", target: personId(w, target), fate: t.fate });
    return;
  }
  const holders = leadership(w);
  // A controlled leader among those who hold the letter decides its fate himself.
  const keeper =
    w.control && holders.includes(w.control.person) ? wants(w, w.control.person, "testament") : null;
  if (keeper) settle(keeper, "done");
  const protectedByPartners = keeper
    ? keeper.action.fate !== "published"
    : !p.actOnAtFirstCongress && holders.includes(target) && holders.length > 1;
  if (protectedByPartners) {
    t.fate = keeper
      ? keeper.action.fate === "read"
        ? "read"
        : "suppressed"
      : rng.chance(p.protectShare)
        ? "read"
        : "suppressed";
    if (t.fate === "read") {
      w.people[target]!.prestige = Math.max(0, w.people[target]!.prestige - p.readPenalty);
      judge(w, READ_SHARE);
    }
    emit<TestamentEvent>(w, { type: "testament", target: personId(w, target), fate: t.fate });
    // The gambit: a ruthless target offers to resign, knowing his partners need him.
    const offer = wants(w, target, "resign");
    if (offer) settle(offer, "done");
    if (autonomous(w, target) ? rng.chance(w.sc.people[target]!.ruthlessness) : offer !== null) {
      w.people[target]!.prestige += p.gambitGain;
      emit<ResignationEvent>(w, { type: "resignation-offer", person: personId(w, target), accepted: false });
    }
    return;
  }
  t.fate = "published";
  judge(w, 1);
  emit<TestamentEvent>(w, { type: "testament", target: personId(w, target), fate: "published" });
  publish(w, target);
}

/** Of the letter's judgements, delegations that only hear it read take in about half. */
const READ_SHARE = 0.5;

/**
 * The letter's judgements of the other leaders it names (the scenario's `mentions`): each loses standing as
 * far as the letter reaches the party, fully if published, by half if only read to delegations.
 */
function judge(w: World, reach: number): void {
  for (const m of w.sc.params.testament.mentions) {
    const q = w.people[m.person]!;
    if (q.alive) q.prestige = Math.max(0, q.prestige - reach * m.standing);
  }
}

export const testament: Mechanism = {
  id: "testament",
  title: "The founder's testament",
  description:
    "A dying founder's letter recommending a leader's removal: published, read to delegations, or suppressed by those who hold it.",

  step(w) {
    const f = w.founder;
    if (f < 0) return;
    const p = w.sc.params.testament;
    const founder = w.people[f]!;
    if (!w.testament && founder.alive && founder.capacity > 0 && founder.capacity < 0.6) {
      const rng = w.streams.get("testament:write");
      if (rng.chance(1 - Math.exp(-p.writePerYear * yearsPerTick(w.sc.clock)))) write(w, f);
    }
    const t = w.testament;
    if (t?.fate !== "held" || !meetsNow(w, w.sc.congress) || w.tick <= t.writtenTick) return;
    if (p.actOnAtFirstCongress || !founder.alive) decide(w);
  },
};
