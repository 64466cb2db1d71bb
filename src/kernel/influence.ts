/**
 * How each mechanism's state bears on votes and on the other mechanisms: derived, read-only quantities
 * (a charge's pull on a vote, the leverage of files, who controls the papers, the founder's restraint, who
 * commands force). Mechanisms change the world; this module only reads it, so votes and mechanisms can
 * both depend on it without depending on each other.
 */
import { yearsPerTick } from "./calendar.ts";
import { capability, followedLeader } from "./power.ts";
import type { World } from "./world.ts";

/** Pull on uncommitted votes in a motion against a charged leader. */
export function chargePull(w: World, target: number): number {
  return w.sc.enabled.factionBan && target >= 0 && w.people[target]!.charged
    ? w.sc.params.factionBan.chargeBonus
    : 0;
}

/** Factor on the wait between ladder steps for this person. */
export function intervalFactor(w: World, target: number): number {
  return w.sc.enabled.factionBan && w.people[target]!.charged ? w.sc.params.factionBan.intervalFactor : 1;
}

/** The strongest reach into personnel files among a side's members (0 when the files mechanism is off). */
export function fileReach(w: World, side: readonly number[]): number {
  if (!w.sc.enabled.files) return 0;
  let reach = 0;
  for (const i of side) reach = Math.max(reach, capability(w, i, "files"));
  return reach;
}

/**
 * Chance that a side holding files turns a voter whose own file is as compromising as `kompromat`: the more
 * the file holds and the deeper the side's reach, the likelier he backs them whatever he thinks.
 */
export function fileFear(w: World, side: readonly number[], kompromat: number): number {
  return Math.min(1, fileReach(w, side) * w.sc.params.files.coercion * 2 * kompromat);
}

/** Share of uncommitted anonymous votes a side can turn with its files: fear at the average file. */
export function fileLeverage(w: World, side: readonly number[]): number {
  return fileFear(w, side, w.sc.params.files.compromisedShare);
}

/**
 * Factor on the ease of replacing a region's secretary: what the appointer's files and inspectors can find on
 * him. Files and inspection are separate channels (the card index, the control of the state apparatus), so
 * they combine like posts: 1 − (1 − files)(1 − inspect).
 */
export function secretaryExposure(w: World, appointer: number, region: number): number {
  if (!w.sc.enabled.files) return 1;
  const p = w.sc.params.files;
  const sec = w.regions[region]!.secretaryPerson;
  const dirt = sec >= 0 ? w.people[sec]!.kompromat : p.compromisedShare;
  const reach =
    1 - (1 - capability(w, appointer, "files", region)) * (1 - capability(w, appointer, "inspect", region));
  return 1 + reach * p.leverageOnSecretaries * dirt * 2;
}

/** The person who controls the flow of papers, or -1. */
export function controller(w: World): number {
  if (!w.sc.enabled.information) return -1;
  let best = -1;
  let bestValue = 0;
  for (const h of new Set(w.officeHolder)) {
    if (h < 0) continue;
    const value = controlOf(w, h);
    if (value > bestValue) {
      bestValue = value;
      best = h;
    }
  }
  return best;
}

/** How much control a person has over the flow of papers: his papers capability times his organisational skill. */
export function controlOf(w: World, person: number): number {
  return capability(w, person, "papers") * w.sc.people[person]!.organisation;
}

/** Factor on rivals' learning of `target`'s machine (1 = unhindered). */
export function learningFactor(w: World, target: number): number {
  const c = controller(w);
  return c === target ? 1 - w.sc.params.information.withholding * controlOf(w, c) : 1;
}

/** Factor on what an ailing leader learns of `target` (1 = the plain truth). */
export function curationFactor(w: World, target: number): number {
  const c = controller(w);
  return c === target ? 1 - w.sc.params.information.curation * controlOf(w, c) : 1;
}

/** Pull against a motion aimed at the controller (0 for anyone else). */
export function warningPull(w: World, target: number): number {
  const c = controller(w);
  return c >= 0 && c === target ? w.sc.params.information.earlyWarning * controlOf(w, c) * 2 : 0;
}

/** Factor on the leaders' readiness to move against a colleague: lower while the founder still lives. */
export function founderRestraint(w: World): number {
  if (!w.sc.enabled.legacy || w.founder < 0 || !w.people[w.founder]!.alive) return 1;
  return 1 - w.sc.params.legacy.restraintWhileAlive;
}

/** How far the cult has set at this tick, in [0, 1] (0 before the founder's death). */
export function cultLevel(w: World, tick = w.tick): number {
  if (w.founderDeathTick < 0) return 0;
  const years = (tick - w.founderDeathTick) * yearsPerTick(w.sc.clock);
  return Math.min(1, years / Math.max(1e-9, w.sc.params.legacy.cultYears));
}

/** The strongest armed force held through office, and who holds it. */
export function strongestForce(w: World): { holder: number; force: number } {
  let holder = -1;
  let force = 0;
  for (const h of new Set(w.officeHolder)) {
    if (h < 0) continue;
    const f = capability(w, h, "force");
    if (f > force) {
      force = f;
      holder = h;
    }
  }
  return { holder, force };
}

/** Whether the coalition commands the strongest armed force (directly or through a client). */
export function commandsForce(w: World, coalition: readonly number[]): boolean {
  if (!w.sc.enabled.coercion) return true;
  const { holder } = strongestForce(w);
  return holder >= 0 && (coalition.includes(holder) || coalition.includes(followedLeader(w, holder)));
}

/** Chance that a target holding force resists this motion. */
export function resistChance(w: World, target: number): number {
  if (!w.sc.enabled.coercion) return 0;
  const force = capability(w, target, "force");
  return Math.min(1, w.sc.params.coercion.resistChance * w.sc.people[target]!.ruthlessness * force);
}

/** Weeks between two settlements of the membership flows. */
export const FLOW_WEEKS = 4;
