/**
 * A tiny constructed party-state for tests of the institutions: five members of a top body of five, a
 * committee of named members and blocs, two regions, a congress, and a few offices. Nothing historical: the
 * names are letters, and every estimate's source is the test itself.
 */
import type { CompiledScenario } from "../src/kernel/compiled.ts";
import { initPerception } from "../src/kernel/perception.ts";
import { contenders, currentPlayers } from "../src/kernel/players.ts";
import { machines } from "../src/kernel/power.ts";
import { createWorld, type World } from "../src/kernel/world.ts";
import { compileScenario } from "../src/scenario/compile.ts";
import { validateScenarioData } from "../src/scenario/load.ts";
import type { ScenarioInput } from "../src/scenario/schema.ts";

const e = (value: number, range: [number, number] = [Math.min(0, value), Math.max(1, value)]) => ({
  value,
  range,
  source: "test",
});

/** A leader's attributes, with overrides. */
export function leader(over: Record<string, number> = {}) {
  const base: Record<string, number> = {
    prestige: 0.5,
    organisation: 0.5,
    ruthlessness: 0.5,
    ambition: 0.8,
    ideology: 0,
    visibility: 0.8,
    selfConfidence: 0,
    frailty: 0,
    flexibility: 0.5,
    liabilities: 0,
  };
  const out: Record<string, ReturnType<typeof e>> = {};
  for (const [k, v] of Object.entries({ ...base, ...over })) out[k] = e(v, [Math.min(-1, v), Math.max(6, v)]);
  // Unit estimates must lie in [0, 1]; the line in [-1, 1].
  for (const k of [
    "organisation",
    "ruthlessness",
    "ambition",
    "visibility",
    "selfConfidence",
    "frailty",
    "flexibility",
    "liabilities",
  ])
    out[k] = e(out[k]!.value, [0, 1]);
  out.ideology = e(out.ideology!.value, [-1, 1]);
  out.prestige = e(out.prestige!.value, [0, 6]);
  return out;
}

/** The tiny scenario as data; `edit` may change anything before it is validated. */
export function tinyInput(
  edit: (s: ScenarioInput & Record<string, unknown>) => void = () => {},
): ScenarioInput {
  const s = {
    schemaVersion: 2,
    id: "tiny",
    title: "Tiny party-state",
    sources: { test: "constructed for a test" },
    calendar: { start: "2000-01-03", end: "2002-01-03", tickDays: 7 },
    cohorts: [
      { id: "veterans", name: "veterans", docility: e(0.5, [0, 1]) },
      { id: "recruits", name: "recruits", role: "recruits", docility: e(0.8, [0, 1]) },
      { id: "campaign", name: "campaign recruits", role: "campaign", docility: e(0.9, [0, 1]) },
    ],
    bodies: [
      {
        id: "bureau",
        name: "Bureau",
        kind: "executive",
        top: true,
        electedBy: "committee",
        meets: { everyWeeks: 1 },
        seats: 5,
      },
      {
        id: "committee",
        name: "Committee",
        kind: "committee",
        electedBy: "congress",
        meets: { everyWeeks: 13 },
        extraordinary: { byAgenda: true, petitionShare: 0.5 },
      },
      {
        id: "congress",
        name: "Congress",
        kind: "congress",
        meets: { dates: ["2001-06-04"] },
        delegates: e(100, [50, 200]),
      },
    ],
    offices: [
      {
        id: "chief",
        name: "Chief",
        capabilities: { agenda: 0.8, appoint: 0.5 },
        holder: "a",
        appointedBy: "committee",
      },
      {
        id: "marshal",
        name: "Marshal",
        capabilities: { force: 1 },
        holder: "b",
        appointedBy: "bureau",
        eligible: { pools: ["military"] },
      },
      { id: "editor", name: "Editor", capabilities: { press: 0.6 }, holder: "b", appointedBy: "bureau" },
    ],
    people: [
      {
        id: "a",
        name: "Ann A",
        role: "leader",
        seats: ["bureau", "committee"],
        attributes: leader({ ideology: -0.5 }),
      },
      {
        id: "b",
        name: "Bob B",
        role: "leader",
        seats: ["bureau", "committee"],
        attributes: leader({ ideology: 0.5 }),
      },
      { id: "c", name: "Cid C", role: "official", patron: "a", seats: ["bureau", "committee"] },
      { id: "d", name: "Dan D", role: "official", patron: "b", seats: ["bureau", "committee"] },
      {
        id: "n",
        name: "Ned N",
        role: "leader",
        seats: ["bureau", "committee"],
        attributes: leader({ ambition: 0.1, ideology: -0.4, prestige: 0.3 }),
      },
      { id: "m", name: "Max M", role: "official", pools: ["military"] },
      { id: "o", name: "Olga O", role: "official", patron: "a" },
    ],
    centralCommittee: {
      body: "committee",
      blocs: [
        { id: "a-men", institution: "regional", seats: 4, patron: "a", ideology: -0.5 },
        { id: "b-men", institution: "army", seats: 4, patron: "b", ideology: 0.5 },
      ],
    },
    regions: [
      {
        id: "north",
        name: "North",
        members: e(10000, [5000, 20000]),
        cohorts: { veterans: 0.3, recruits: 0.7 },
        ideology: -0.2,
        secretary: { patron: "a", grip: 0.5 },
      },
      {
        id: "south",
        name: "South",
        tags: ["border"],
        members: e(10000, [5000, 20000]),
        cohorts: { veterans: 0.3, recruits: 0.7 },
        ideology: 0.2,
        secretary: { patron: "b", grip: 0.5 },
      },
    ],
    mechanisms: mechanismsOff(),
  } as unknown as ScenarioInput & Record<string, unknown>;
  edit(s);
  return s;
}

/** Every mechanism with parameters, all but the institutional ones switched off (tests switch on what they need). */
function mechanismsOff() {
  const off = (params: Record<string, unknown> = {}) => ({ enabled: false, params });
  return {
    offices: { enabled: true, params: {} },
    bodies: { enabled: true, params: { appeals: true } },
    patronage: off({
      appointmentsPerYear: e(5, [0, 10]),
      gripGrowthPerYear: e(0.5, [0, 1]),
      maxGrip: e(0.85, [0, 1]),
      clientsPerAppointment: e(300, [0, 1000]),
      officialsPerYear: e(1000, [0, 10000]),
      allyProtection: e(0.8, [0, 1]),
    }),
    circularFlow: off({
      partyLineBias: e(0.5, [0, 2]),
      enlargementCap: e(0.3, [0, 1]),
      conferenceLeadWeeks: 4,
    }),
    coalitions: {
      enabled: true,
      params: {
        rule: { num: 1, den: 2 },
        politicsEveryWeeks: 4,
        contenderAmbition: e(0.35, [0, 1]),
        machineWeight: e(0.5, [0, 1]),
        prestigeWeight: e(0.3, [0, 1]),
        forceWeight: e(0.1, [0, 1]),
        revelation: e(0.3, [0, 1]),
        perceptionNoise: e(0.1, [0, 1]),
        motionRate: e(0, [0, 1]),
        rungIntervalWeeks: e(4, [0, 100]),
        defectionRate: e(0, [0, 1]),
        realignmentGain: e(0.25, [0, 1]),
      },
    },
    health: off({ hazardScale: e(0, [0, 2]) }),
    membership: off({
      recruitmentPerYear: e(0.1, [0, 1]),
      attritionPerYear: e(0.05, [0, 1]),
      ideologySpread: e(0.3, [0, 1]),
      candidateShare: e(0.2, [0, 1]),
      promotionPerYear: e(0.5, [0, 1]),
    }),
    files: off({
      compromisedShare: e(0.3, [0, 1]),
      compilePerYear: e(0.05, [0, 1]),
      coercion: e(0.3, [0, 1]),
      leverageOnSecretaries: e(0.5, [0, 1]),
    }),
    enrolment: off({
      campaignShare: e(0.5, [0, 1]),
      campaignWeeks: 14,
      launchShare: e(0.3, [0, 1]),
      launchPerYear: e(0.2, [0, 1]),
      minYearsBetween: e(1, [0, 3]),
      mourningBoost: e(10, [1, 20]),
    }),
    factionBan: off({
      chargeBonus: e(0.8, [0, 2]),
      intervalFactor: e(0.5, [0, 1]),
      purgeShare: e(0.3, [0, 1]),
      recantShare: e(0.6, [0, 1]),
    }),
    legacy: off({
      founderPrestige: e(2, [1, 6]),
      absencePenalty: e(0.1, [0, 1]),
      liabilityWeight: e(0.3, [0, 1]),
      claimPerYear: e(0.1, [0, 1]),
      cultYears: e(1, [0, 3]),
      restraintWhileAlive: e(0.7, [0, 1]),
    }),
    testament: off({
      writePerYear: e(3, [0, 6]),
      concernThreshold: e(0.05, [0, 1]),
      protectShare: e(0.7, [0, 1]),
      publishWeight: e(1.5, [0, 3]),
      readPenalty: e(0.05, [0, 1]),
      gambitGain: e(0.05, [0, 1]),
    }),
    information: off({ withholding: e(0.5, [0, 1]), curation: e(0.4, [0, 1]), earlyWarning: e(0.3, [0, 1]) }),
    policy: off({
      opinionShock: e(0.5, [0, 1]),
      followPerYear: e(1, [0, 2]),
      shiftCost: e(0.3, [0, 1]),
      oppositionDistance: e(0.85, [0, 2]),
      platformPerYear: e(2, [0, 3]),
      platformReach: e(0.25, [0, 1]),
      platformPull: e(0.1, [0, 1]),
    }),
    coercion: off({ recantPerYear: e(1, [0, 2]), resistChance: e(0, [0, 1]) }),
  };
}

/** The tiny scenario, validated and compiled. */
export function tiny(edit?: Parameters<typeof tinyInput>[0]): CompiledScenario {
  return compileScenario(validateScenarioData(tinyInput(edit), "tiny"));
}

/** Index of a person of a compiled scenario by id. */
export function who(sc: CompiledScenario, id: string): number {
  const i = sc.people.findIndex((p) => p.id === id);
  if (i < 0) throw new Error(`no person ${id}`);
  return i;
}

/** A world at its first week with the coalition game set up and Ann ruling alone. */
export function readyWorld(sc: CompiledScenario, seed = 1): World {
  const w = createWorld(sc, seed);
  initPerception(w, machines(w));
  w.players = currentPlayers(w);
  w.contenders = contenders(w, w.players);
  w.ruling = [who(sc, "a")];
  return w;
}
