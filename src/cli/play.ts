/**
 * `apparat play` and `apparat bestplay`: a leader's seat taken by the player (or a policy) against rivals
 * run by the model's own rules. Loaded only when one of them runs.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { compareWithRecord, rowText, summaryLine } from "../history/compare.ts";
import type { Action } from "../kernel/decisions/action.ts";
import { Game, type SavedGame } from "../kernel/decisions/game.ts";
import { leaderView, realView } from "../kernel/decisions/view.ts";
import { describeOutcome, namesOf, narrate } from "../kernel/narrative.ts";
import { loadHistory } from "../node/history.ts";
import { compileScenario } from "../scenario/compile.ts";
import { DataFileError } from "../scenario/fileError.ts";
import type { Scenario } from "../scenario/schema.ts";
import { HELP, menuText, panelText } from "./playText.ts";
import { prepareScenario } from "./prepare.ts";

export interface PlayOptions {
  as: string;
  seed?: number;
  scenario: string;
  moves?: string;
  until?: string;
}

interface Session {
  game: Game;
  scenario: Scenario;
  scenarioName: string;
  /** Events already told to the player. */
  told: number;
  out: (lines: string[]) => void;
}

function start(scenarioName: string, seed: number, as: string, until?: string): Session {
  const scenario = prepareScenario(scenarioName, undefined, []);
  const sc = compileScenario(scenario);
  const leaders = sc.people.filter((p) => p.isLeader).map((p) => p.id);
  if (!leaders.includes(as))
    throw new DataFileError(
      "leader",
      scenarioName,
      [],
      `--as ${as}: no such leader in scenario ${scenario.id}; choose one of ${leaders.join(", ")}`,
    );
  const game = new Game(sc, { seed, as, ...(until ? { until } : {}) });
  return { game, scenario, scenarioName, told: 0, out: (l) => process.stdout.write(`${l.join("\n")}\n`) };
}

/** Reads and checks a saved game (JSON). */
export function readSaved(file: string): SavedGame {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new DataFileError("saved game", file, [], `cannot read ${file}: ${(e as Error).message}`);
  }
  const s = data as Partial<SavedGame>;
  const bad = (field: string, value: unknown) =>
    new DataFileError("saved game", file, [], `${file}: field "${field}" is ${JSON.stringify(value)}`);
  if (s === null || typeof s !== "object") throw bad("(top)", s);
  if (s.format !== 1) throw bad("format", s.format);
  if (typeof s.scenario !== "string") throw bad("scenario", s.scenario);
  if (!Number.isSafeInteger(s.seed) || (s.seed ?? -1) < 0) throw bad("seed", s.seed);
  if (typeof s.as !== "string") throw bad("as", s.as);
  if (!Array.isArray(s.moves)) throw bad("moves", s.moves);
  s.moves.forEach((m, k) => {
    if (m === null || typeof m !== "object" || typeof (m as Action).kind !== "string")
      throw bad(`moves[${k}]`, m);
  });
  return s as SavedGame;
}

function turnText(s: Session): string[] {
  const g = s.game;
  const names = namesOf(s.scenario);
  const fresh = g.world.events.slice(s.told).filter((e) => e.type !== "membership");
  s.told = g.world.events.length;
  const news = narrate(fresh, names, false);
  return [
    ...(news.length ? ["", "Since your last move:", ...news.slice(-12).map((l) => `  ${l}`)] : []),
    "",
    ...panelText(leaderView(g.world, g.me)),
    "",
    ...menuText(g.choices()),
  ];
}

function endText(s: Session): string[] {
  const g = s.game;
  const w = g.world;
  const names = namesOf(s.scenario);
  const result = g.result();
  const me = w.sc.people[g.me]!;
  const seen = leaderView(w, g.me);
  const seenOf = new Map(seen.rivals.map((r) => [r.id, r.perceived]));
  seenOf.set(me.id, seen.perceived);
  const lines = [
    "",
    `══ The game ends on ${result.until} ══`,
    `Outcome: ${describeOutcome(result.outcome, names)}`,
    "",
    "The real state (power share: real, and as you read it):",
    ...realView(w)
      .filter((r) => r.power > 0.005 || r.id === me.id)
      .map(
        (r) =>
          `  ${r.name.padEnd(24)} ${`${Math.round(r.power * 100)}%`.padStart(4)}  (you saw ${
            seenOf.has(r.id) ? `${Math.round(seenOf.get(r.id)! * 100)}%` : "—"
          })${r.rung > 0 ? `  ${r.rung} step(s) down` : ""}${r.alive ? "" : "  dead"}`,
      ),
    "",
    `Your moves: ${g.moves.length}; carried out: ${g.results.filter((r) => r.startsWith("done") || r.startsWith("tabled")).length}; refused: ${g.results.filter((r) => r.startsWith("refused")).length}.`,
  ];
  const record = loadHistory(s.scenario);
  if (record) {
    const cmp = compareWithRecord(record, result.events, {
      firstCongressNumber: s.scenario.bodies.find((b) => b.kind === "congress")?.firstNumber ?? 1,
      runEnd: result.until,
    });
    lines.push(
      "",
      "Beside the historical record (what the model must produce):",
      ...cmp.rows
        .filter((r) => r.record.role === "outcome")
        .sort((a, b) => a.record.date.localeCompare(b.record.date))
        .map((r) => `  ${r.record.date}  ${r.record.text}: ${rowText(r)}`),
      "",
      summaryLine(cmp),
    );
  }
  return lines;
}

/** One command from the player or a moves file. Returns false to stop the game. */
function handle(s: Session, line: string): boolean {
  const text = line.trim();
  if (text === "" || text.startsWith("#")) return true;
  const [word, ...rest] = text.split(/\s+/);
  const arg = rest.join(" ");
  if (word === "help") {
    s.out(HELP);
    return true;
  }
  if (word === "quit") return false;
  if (word === "save") {
    if (!arg) throw new Error("save needs a file name");
    writeFileSync(arg, `${JSON.stringify(s.game.save(s.scenarioName), null, 2)}\n`);
    s.out([`Saved to ${arg}.`]);
    return true;
  }
  if (word === "load") {
    if (!arg) throw new Error("load needs a file name");
    const saved = readSaved(arg);
    const next = start(saved.scenario, saved.seed, saved.as);
    next.game = Game.replay(next.game.world.sc, saved);
    Object.assign(s, next, { told: next.game.world.events.length });
    s.out([`Loaded ${arg}: ${saved.moves.length} moves replayed.`]);
    return true;
  }
  const choices = s.game.choices();
  const k = Number(word);
  const choice = Number.isInteger(k) && k >= 1 && k <= choices.length ? choices[k - 1] : undefined;
  const byName = choices.find(
    (c) => c.action.kind === word && choices.filter((d) => d.action.kind === word).length === 1,
  );
  const picked = choice ?? byName;
  if (!picked)
    throw new Error(`"${text}" is not on the menu (1-${choices.length}, help, save FILE, load FILE, quit)`);
  const date = leaderView(s.game.world, s.game.me).date;
  const result = s.game.play(picked.action);
  s.out([`> ${date} ${picked.label}: ${result}`]);
  return true;
}

export async function play(opts: PlayOptions): Promise<void> {
  const seed = opts.seed ?? Math.floor(Math.random() * 2 ** 31);
  const s = start(opts.scenario, seed, opts.as, opts.until);
  s.out([
    `${s.scenario.title}: you are ${s.game.world.sc.people[s.game.me]!.name} (seed ${seed}). Type help for the commands.`,
  ]);
  if (opts.moves) {
    await scripted(s, opts.moves);
  } else if (process.stdin.isTTY) {
    await interactive(s);
  } else {
    // Commands piped in, one a line.
    const rl = createInterface({ input: process.stdin });
    s.out(turnText(s));
    for await (const line of rl) {
      if (!s.game.isTurn()) break;
      if (!handle(s, line)) break;
      if (s.game.isTurn()) s.out(turnText(s));
    }
    rl.close();
  }
  s.out(endText(s));
}

/** Plays a moves file: a saved game (JSON) or commands one a line; turns left over are played by instinct. */
async function scripted(s: Session, file: string): Promise<void> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new DataFileError("moves file", file, [], `cannot read ${file}: ${(e as Error).message}`);
  }
  if (text.trimStart().startsWith("{")) {
    const saved = readSaved(file);
    saved.moves.forEach((m, k) => {
      if (!s.game.isTurn()) return;
      try {
        const date = leaderView(s.game.world, s.game.me).date;
        const result = s.game.play(m);
        s.out([`> ${date} move ${k + 1} ${m.kind}${m.target ? ` ${m.target}` : ""}: ${result}`]);
      } catch (e) {
        throw new DataFileError("moves file", file, [], `${file}: move ${k + 1}: ${(e as Error).message}`);
      }
    });
  } else {
    const lines = text.split("\n");
    for (let n = 0; n < lines.length && s.game.isTurn(); n++) {
      try {
        if (!handle(s, lines[n]!)) return;
      } catch (e) {
        if (e instanceof DataFileError) throw e;
        throw new DataFileError("moves file", file, [], `${file}:${n + 1}: ${(e as Error).message}`);
      }
    }
  }
  let rest = 0;
  while (s.game.isTurn()) {
    s.game.play({ kind: "auto" });
    rest++;
  }
  if (rest > 0) s.out([`The moves ran out: ${rest} more turns played by instinct.`]);
}

async function interactive(s: Session): Promise<void> {
  const clack = await import("@clack/prompts");
  while (s.game.isTurn()) {
    s.out(turnText(s));
    const answer = await clack.text({
      message: "Your move",
      placeholder: "a number, help, save FILE, load FILE or quit",
    });
    if (clack.isCancel(answer)) return;
    try {
      if (!handle(s, String(answer))) return;
    } catch (e) {
      clack.log.error((e as Error).message);
    }
  }
}

export interface BestplayOptions {
  as: string;
  runs: number;
  budget: number;
  horizon: number;
  candidates: number;
  scenario: string;
  seed: number;
  until?: string;
  json?: boolean;
}

interface PolicyFigures {
  policy: string;
  runs: number;
  wins: number;
  winRate: number;
  interval: [number, number];
  /** Games he ends alive and in the party, with the 95% interval of the rate. */
  survived: number;
  survivedInterval: [number, number];
  /** Games he ends with a full seat in the top body. */
  topBody: number;
  /** Mean standing at the end (see search.ts), with its 95% interval. */
  standing: { value: number; lo: number; hi: number };
  seconds: number;
}

/** Plays one leader's seat over many seeds under each policy and reports how often he wins. */
export async function bestplay(opts: BestplayOptions): Promise<void> {
  const { defaultPolicy, doNothingPolicy } = await import("../kernel/decisions/game.ts");
  const { searchPolicy, standing } = await import("../kernel/decisions/search.ts");
  const { outOfParty } = await import("../kernel/power.ts");
  const { topMembers } = await import("../kernel/seats.ts");
  const { meanInterval, wilson } = await import("../stats/intervals.ts");
  const scenario = prepareScenario(opts.scenario, undefined, []);
  const sc = compileScenario(scenario);
  if (!sc.people.some((p) => p.isLeader && p.id === opts.as))
    throw new DataFileError(
      "leader",
      opts.scenario,
      [],
      `--as ${opts.as}: no such leader in scenario ${scenario.id}; choose one of ${sc.people
        .filter((p) => p.isLeader)
        .map((p) => p.id)
        .join(", ")}`,
    );
  const search = searchPolicy({
    rollouts: opts.budget,
    horizonWeeks: opts.horizon,
    maxCandidates: opts.candidates,
  });
  const figures: PolicyFigures[] = [];
  let forkMs = 0;
  for (const policy of [defaultPolicy, doNothingPolicy, search]) {
    const t0 = performance.now();
    let wins = 0;
    let survived = 0;
    let topBody = 0;
    const values: number[] = [];
    for (let k = 0; k < opts.runs; k++) {
      const g = new Game(sc, {
        seed: opts.seed + k,
        as: opts.as,
        ...(opts.until ? { until: opts.until } : {}),
      });
      g.playOut(policy, false);
      if (g.result().outcome.leader === opts.as) wins++;
      if (g.world.people[g.me]!.alive && !outOfParty(g.world, g.me)) survived++;
      if (topMembers(g.world).includes(g.me)) topBody++;
      values.push(standing(g.world, g.me));
    }
    const m = meanInterval(values);
    figures.push({
      policy: policy.name,
      runs: opts.runs,
      wins,
      winRate: wins / opts.runs,
      interval: wilson(wins, opts.runs),
      survived,
      survivedInterval: wilson(survived, opts.runs),
      topBody,
      standing: { value: m.value, lo: m.lo, hi: m.hi },
      seconds: (performance.now() - t0) / 1000,
    });
    if (!opts.json)
      process.stderr.write(`  ${policy.name}: done in ${figures.at(-1)!.seconds.toFixed(1)} s\n`);
  }
  forkMs = search.stats.forkMs / Math.max(1, search.stats.rollouts);
  const report = {
    scenario: scenario.id,
    leader: opts.as,
    seeds: [opts.seed, opts.seed + opts.runs - 1],
    search: {
      rolloutsPerCandidate: opts.budget,
      horizonWeeks: opts.horizon,
      maxCandidates: opts.candidates,
      decisions: search.stats.decisions,
      rollouts: search.stats.rollouts,
      msPerDecision: search.stats.totalMs / Math.max(1, search.stats.decisions),
      msPerClone: forkMs,
    },
    policies: figures,
  };
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
  process.stdout.write(
    `${[
      `${scenario.title}: ${opts.as} wins (sole or dominant leader at the end) over seeds ${opts.seed}-${opts.seed + opts.runs - 1}`,
      "",
      "policy        wins   rate  95% interval   in the party (95%)     in the top body  mean standing (95%)    time",
      ...figures.map(
        (f) =>
          `${f.policy.padEnd(12)} ${String(f.wins).padStart(3)}/${f.runs}  ${pct(f.winRate).padStart(4)}  ${pct(f.interval[0])}–${pct(f.interval[1])}`.padEnd(
            44,
          ) +
          `${String(f.survived).padStart(3)}/${f.runs} (${pct(f.survivedInterval[0])}–${pct(f.survivedInterval[1])})`.padEnd(
            23,
          ) +
          `${String(f.topBody).padStart(3)}/${f.runs}`.padEnd(17) +
          `${f.standing.value.toFixed(2)} (${f.standing.lo.toFixed(2)}–${f.standing.hi.toFixed(2)})`.padEnd(
            25,
          ) +
          `${f.seconds.toFixed(1)} s`,
      ),
      "",
      `Search: ${opts.budget} rollout(s) per candidate, ${opts.horizon}-week horizon, up to ${opts.candidates} candidates; ${search.stats.decisions} decisions, ${report.search.msPerDecision.toFixed(0)} ms each; a world clone costs ${forkMs.toFixed(2)} ms.`,
      "The search sees the present world as it is (not as the leader perceives it) and throws other dice than the run.",
    ].join("\n")}\n`,
  );
}
