/**
 * `apparat play` and `apparat bestplay` end to end, in child processes as a user runs them: a scripted game
 * reaches the end, a saved game loads to the same state, piped commands play like typed ones, bad input is
 * refused with exit code 2.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { apparat, apparatStatus, ROOT } from "../../test/cli.ts";

const tmp = mkdtempSync(join(tmpdir(), "apparat-play-test-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The end screen: from its heading to the end of the output. */
const endScreen = (out: string) => out.slice(out.indexOf("══ The game ends"));

describe("apparat play", () => {
  it("a scripted game reaches the end; its save replays to the same end", () => {
    const save = join(tmp, "game.json");
    const moves = join(tmp, "moves.txt");
    writeFileSync(
      moves,
      ["# a short script", "help", "3", "2", "wait", "4", `save ${save}`, "1", "2"].join("\n"),
    );
    const out = apparat("play", "--as", "trotsky", "--seed", "3", "--moves", moves);
    expect(out).toContain("you are Leon Trotsky (seed 3)");
    expect(out).toMatch(/^> 1922-\d\d-\d\d Wait: done$/m);
    expect(out).toContain(`Saved to ${save}.`);
    expect(out).toMatch(/The moves ran out: \d+ more turns played by instinct/);
    expect(out).toContain("══ The game ends on 1930-");
    expect(out).toContain("Outcome:");
    expect(out).toContain("The real state");
    expect(out).toContain("Beside the historical record");
    const saved = JSON.parse(readFileSync(save, "utf8"));
    expect(saved).toMatchObject({ format: 1, scenario: "bolshevik-1922", seed: 3, as: "trotsky" });
    expect(saved.moves.length).toBe(4);
    expect(saved.moves[1]).toEqual({ kind: "wait" });
    // The saved game played on by instinct, and the script played on by instinct after its last two moves:
    // the same end only if the two scripts agree. Load the save and play the same last two moves instead.
    const resume = join(tmp, "resume.txt");
    writeFileSync(resume, [`load ${save}`, "1", "2"].join("\n"));
    const again = apparat("play", "--as", "trotsky", "--seed", "99", "--moves", resume);
    expect(again).toContain(`Loaded ${save}: 4 moves replayed.`);
    expect(endScreen(again)).toBe(endScreen(out));
  });

  it("commands piped in play like typed ones, and quit ends the game at once with the end screen", () => {
    const r = spawnSync(process.execPath, ["bin/apparat.js", "play", "--as", "zinoviev", "--seed", "2"], {
      cwd: ROOT,
      encoding: "utf8",
      input: "2\nhelp\nquit\n",
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Offices:");
    expect(r.stdout).toContain("Rivals as you read them:");
    expect(r.stdout).toMatch(/^ 1\. Act by instinct$/m);
    expect(r.stdout).toContain("save FILE");
    expect(r.stdout).toMatch(/^> 1922-\d\d-\d\d Wait: done$/m);
    expect(r.stdout).toContain("══ The game ends on 1922-");
  });

  it("bad input: unknown leader, bad move, bad saved game — a clear message and exit code 2", () => {
    const who = apparatStatus("play", "--as", "nobody", "--seed", "1", "--moves", "/dev/null");
    expect(who.status).toBe(2);
    expect(who.stderr).toMatch(/--as nobody: no such leader .*trotsky/);
    const moves = join(tmp, "bad.txt");
    writeFileSync(moves, "2\n99\n");
    const bad = apparatStatus("play", "--as", "trotsky", "--seed", "1", "--moves", moves);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(`${moves}:2: "99" is not on the menu`);
    const saved = join(tmp, "bad.json");
    writeFileSync(
      saved,
      JSON.stringify({ format: 1, scenario: "bolshevik-1922", seed: -4, as: "trotsky", moves: [] }),
    );
    const load = apparatStatus("play", "--as", "trotsky", "--moves", saved);
    expect(load.status).toBe(2);
    expect(load.stderr).toContain(`${saved}: field "seed" is -4`);
  });
});

describe("apparat bestplay", () => {
  it("prints each policy's win rate with a 95% interval, and what the search cost", () => {
    const out = apparat(
      "bestplay",
      "--as",
      "stalin",
      "--runs",
      "2",
      "--until",
      "1923-06-01",
      "--budget",
      "1",
      "--horizon",
      "4",
      "--candidates",
      "3",
      "--json",
    );
    const r = JSON.parse(out);
    expect(r.leader).toBe("stalin");
    expect(r.policies.map((p: { policy: string }) => p.policy)).toEqual(["default", "do-nothing", "search"]);
    for (const p of r.policies) {
      expect(p.runs).toBe(2);
      expect(p.interval[0]).toBeLessThanOrEqual(p.winRate);
      expect(p.interval[1]).toBeGreaterThanOrEqual(p.winRate);
    }
    expect(r.search.decisions).toBeGreaterThan(0);
    expect(r.search.msPerClone).toBeGreaterThan(0);
  });
});
