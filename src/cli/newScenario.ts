/**
 * `apparat new NAME`: a commented starting file for a new scenario. It is valid as written (two leaders, one
 * region, a top body, a committee and a congress), so a new author can check and run it at once and then
 * change it one step at a time, as docs/authoring.md does for a larger party-state.
 */
import { existsSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { DataFileError } from "../scenario/fileError.ts";

/** Scenario ids: lower-case letters, digits and dashes, starting with a letter (as the format requires). */
const ID = /^[a-z][a-z0-9-]*$/;

/**
 * The starting file's text for a scenario id.
 *
 * @example
 * writeFileSync("my-party.yaml", starterScenario("my-party"));
 */
export function starterScenario(id: string): string {
  return `# A new Apparat scenario. Every field is explained in docs/authoring.md; \`apparat schema\` prints them all
# as JSON Schema for your editor. Check it with \`apparat check ${id}.yaml\`, run it with
# \`apparat run --scenario ${id}.yaml --seed 1\`.
# A scenario holds inputs only: the starting state, the people's attributes, outside shocks and the calendar
# of meetings. Nothing here should say who allies with whom, who falls or who wins.
schemaVersion: 2
id: ${id}
title: "A new scenario"
description: >
  Say here what the scenario covers, from when to when, and what it leaves to the model.

# Every estimate names a source key defined here. "model" is for the author's own reading, with a range.
sources:
  model: "The author's estimate: no source gives a number. See the range."

calendar:
  start: "2001-01-01"
  end: "2006-01-01"
  tickDays: 7

# Bodies: the top body (its full members play the coalition game), the committee that elects it, and the
# congress that elects the committee.
bodies:
  - id: bureau
    name: Political Bureau
    kind: executive
    top: true
    electedBy: committee
    meets: { everyWeeks: 1 }
    seats: 3
  - id: committee
    name: Central Committee
    kind: committee
    electedBy: congress
    meets: { everyWeeks: 26 }
  - id: congress
    name: Party Congress
    kind: congress
    meets: { dates: ["2003-06-02"] }
    delegates: { value: 300, range: [200, 400], source: model }

# Offices grant levers: appoint, agenda, files, inspect, papers, press, force (each a strength in [0, 1]).
offices:
  - id: secretary
    name: First Secretary
    capabilities:
      appoint: { value: 0.7, range: [0.5, 0.9], source: model }
      agenda: { value: 0.5, range: [0.3, 0.7], source: model }
    holder: leader-a
    appointedBy: committee

# Leaders play and need every attribute (an estimate with its range and source); officials follow a patron.
people:
  - id: leader-a
    name: Alpha Leader
    shortName: Alpha
    role: leader
    seats: [bureau, committee]
    attributes: &attributes
      prestige: { value: 0.5, range: [0.3, 0.7], source: model }
      organisation: { value: 0.5, range: [0.3, 0.7], source: model }
      ruthlessness: { value: 0.5, range: [0.3, 0.7], source: model }
      ambition: { value: 0.7, range: [0.5, 0.9], source: model }
      ideology: { value: 0.0, range: [-0.3, 0.3], source: model }
      visibility: { value: 0.7, range: [0.5, 0.9], source: model }
      selfConfidence: { value: 0.1, range: [0.0, 0.3], source: model }
      frailty: { value: 0.01, range: [0.005, 0.02], source: model }
  - id: leader-b
    name: Beta Leader
    shortName: Beta
    role: leader
    seats: [bureau, committee]
    attributes: *attributes
  - { id: official-c, name: Gamma Official, shortName: Gamma, role: official, patron: leader-a, seats: [bureau, committee] }

cohorts:
  - { id: founders, name: "founding members", docility: { value: 0.5, range: [0.3, 0.7], source: model } }
  - { id: recruits, name: "recruits", role: recruits, docility: { value: 0.7, range: [0.5, 0.9], source: model } }
  - { id: campaign, name: "campaign recruits", role: campaign, docility: { value: 0.9, range: [0.7, 1.0], source: model } }

# The committee's seats beyond the named members, by institution, each following a leader or nobody.
centralCommittee:
  body: committee
  blocs:
    - { id: secretaries, institution: regional, seats: 10, ideology: 0.0 }

regions:
  - id: only-region
    name: The Country
    members: { value: 50000, range: [30000, 70000], source: model }
    cohorts: { founders: 0.3, recruits: 0.7 }
    ideology: 0.0
    secretary: { patron: leader-a, grip: 0.5 }

shocks: []

# Every mechanism, switched on or off, with its parameters. \`apparat mechanisms\` explains each one.
mechanisms:
  offices: { enabled: true, params: { combine: channels, eligibility: true } }
  bodies: { enabled: true, params: { appeals: true } }
  patronage:
    enabled: true
    params:
      appointmentsPerYear: { value: 3, range: [1, 6], source: model }
      gripGrowthPerYear: { value: 0.5, range: [0.2, 1.0], source: model }
      maxGrip: { value: 0.85, range: [0.7, 0.95], source: model }
      clientsPerAppointment: { value: 100, range: [50, 200], source: model }
      officialsPerYear: { value: 500, range: [200, 1000], source: model }
      allyProtection: { value: 0.8, range: [0.5, 0.95], source: model }
  circularFlow:
    enabled: true
    params:
      partyLineBias: { value: 0.5, range: [0.0, 1.5], source: model }
      enlargementCap: { value: 0.3, range: [0.1, 0.5], source: model }
      conferenceLeadWeeks: 6
  coalitions:
    enabled: true
    params:
      rule: { num: 1, den: 2 }
      politicsEveryWeeks: 4
      contenderAmbition: { value: 0.35, range: [0.2, 0.5], source: model }
      machineWeight: { value: 0.5, range: [0.3, 0.7], source: model }
      prestigeWeight: { value: 0.3, range: [0.15, 0.45], source: model }
      forceWeight: { value: 0.1, range: [0.0, 0.3], source: model }
      revelation: { value: 0.3, range: [0.1, 0.6], source: model }
      perceptionNoise: { value: 0.2, range: [0.05, 0.4], source: model }
      motionRate: { value: 0.3, range: [0.1, 0.7], source: model }
      rungIntervalWeeks: { value: 26, range: [13, 52], source: model }
      defectionRate: { value: 0.2, range: [0.05, 0.5], source: model }
      realignmentGain: { value: 0.25, range: [0.0, 0.6], source: model }
  health:
    enabled: true
    params: { hazardScale: { value: 1.0, range: [0.5, 2.0], source: model } }
  membership:
    enabled: true
    params:
      recruitmentPerYear: { value: 0.08, range: [0.04, 0.12], source: model }
      attritionPerYear: { value: 0.04, range: [0.02, 0.08], source: model }
      ideologySpread: { value: 0.3, range: [0.2, 0.5], source: model }
      candidateShare: { value: 0.1, range: [0.05, 0.2], source: model }
      promotionPerYear: { value: 0.5, range: [0.3, 0.8], source: model }
  files:
    enabled: false
    params:
      compromisedShare: { value: 0.3, range: [0.1, 0.5], source: model }
      compilePerYear: { value: 0.05, range: [0.01, 0.15], source: model }
      coercion: { value: 0.3, range: [0.1, 0.6], source: model }
      leverageOnSecretaries: { value: 0.5, range: [0.2, 1.0], source: model }
  enrolment:
    enabled: false
    params:
      campaignShare: { value: 0.3, range: [0.1, 0.5], source: model }
      campaignWeeks: 14
      launchShare: { value: 0.3, range: [0.15, 0.5], source: model }
      launchPerYear: { value: 0.5, range: [0.1, 1.0], source: model }
      minYearsBetween: { value: 1.0, range: [0.5, 2.0], source: model }
      mourningBoost: { value: 5.0, range: [1.0, 10.0], source: model }
  factionBan:
    enabled: false
    params:
      chargeBonus: { value: 0.8, range: [0.3, 1.5], source: model }
      intervalFactor: { value: 0.5, range: [0.25, 1.0], source: model }
      purgeShare: { value: 0.3, range: [0.1, 0.6], source: model }
      recantShare: { value: 0.6, range: [0.3, 0.9], source: model }
  legacy:
    enabled: false
    params:
      founderPrestige: { value: 2.0, range: [1.5, 3.0], source: model }
      absencePenalty: { value: 0.1, range: [0.0, 0.2], source: model }
      liabilityWeight: { value: 0.3, range: [0.1, 0.5], source: model }
      claimPerYear: { value: 0.1, range: [0.0, 0.2], source: model }
      cultYears: { value: 1.0, range: [0.5, 2.0], source: model }
      restraintWhileAlive: { value: 0.7, range: [0.3, 0.95], source: model }
  testament:
    enabled: false
    params:
      writePerYear: { value: 1.0, range: [0.0, 3.0], source: model }
      concernThreshold: { value: 0.05, range: [0.02, 0.2], source: model }
      protectShare: { value: 0.7, range: [0.4, 0.9], source: model }
      publishWeight: { value: 1.5, range: [0.5, 2.5], source: model }
      readPenalty: { value: 0.05, range: [0.0, 0.15], source: model }
      gambitGain: { value: 0.05, range: [0.0, 0.1], source: model }
      actOnAtFirstCongress: false
  information:
    enabled: false
    params:
      withholding: { value: 0.5, range: [0.2, 0.8], source: model }
      curation: { value: 0.4, range: [0.1, 0.7], source: model }
      earlyWarning: { value: 0.3, range: [0.0, 0.6], source: model }
  policy:
    enabled: true
    params:
      opinionShock: { value: 0.5, range: [0.2, 1.0], source: model }
      followPerYear: { value: 1.0, range: [0.3, 1.5], source: model }
      shiftCost: { value: 0.3, range: [0.1, 0.6], source: model }
      oppositionDistance: { value: 0.85, range: [0.6, 1.1], source: model }
      platformPerYear: { value: 1.0, range: [0.5, 2.0], source: model }
      platformReach: { value: 0.25, range: [0.1, 0.4], source: model }
      platformPull: { value: 0.1, range: [0.02, 0.3], source: model }
  coercion:
    enabled: true
    params:
      recantPerYear: { value: 1.0, range: [0.3, 2.0], source: model }
      resistChance: { value: 0.05, range: [0.0, 0.2], source: model }
`;
}

/** Adds `apparat new` to the program. */
/** `apparat new NAME`: writes the starting file, refusing a bad name or (without `force`) an existing file. */
export function writeNew(name: string, opts: { out?: string; force?: boolean }): void {
  const file = resolve(opts.out ?? `${name}.yaml`);
  if (!ID.test(name))
    throw new DataFileError(
      "scenario name",
      name,
      [],
      `scenario name "${name}" must be lower-case letters, digits and dashes, starting with a letter`,
    );
  if (existsSync(file) && !opts.force)
    throw new DataFileError("scenario file", file, [], `${file} exists: choose another name or add --force`);
  writeFileSync(file, starterScenario(name));
  process.stdout.write(
    `wrote ${file}\ncheck it:  apparat check ${file}\nrun it:    apparat run --scenario ${file} --seed 1\n`,
  );
}
