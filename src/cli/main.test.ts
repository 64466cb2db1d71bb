/**
 * End-to-end tests of the `apparat` command line: each runs bin/apparat.js in a child process,
 * exactly as a user would. Each child costs about half a second, so related checks share one run.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { apparat, apparatStatus, ROOT } from "../../test/cli.ts";
import { SCENARIO_SCHEMA_VERSION } from "../scenario/schema.ts";

interface RunJson {
  scenario: { id: string; title: string };
  seed: number;
  until: string;
  outcome: { kind: string; leader: string | null; date: string | null };
  events: { tick: number; date: string; type: string }[];
  series: unknown;
}

const tmp = mkdtempSync(join(tmpdir(), "apparat-cli-test-"));
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe("apparat run", () => {
  it("replays a seed as the same narrative, byte for byte", () => {
    const a = apparat("run", "--seed", "1");
    const b = apparat("run", "--seed", "1");
    expect(a).toBe(b);
    expect(a).toContain("Outcome:");
    expect(a).toMatch(/\bseed 1\b/);
    expect(a).toContain("--seed 1");
    expect(a).toContain("bolshevik-1922");
    // A dated narrative: lines starting with an ISO date.
    expect(a).toMatch(/^\d{4}-\d{2}-\d{2} {2}\S/m);
  });

  it("prints one JSON object with --json, identical across reruns", () => {
    const a = apparat("run", "--seed", "1", "--json");
    const b = apparat("run", "--seed", "1", "--json");
    expect(a).toBe(b);
    expect(a.endsWith("\n")).toBe(true);
    const r = JSON.parse(a) as RunJson;
    expect(Object.keys(r)).toEqual(
      expect.arrayContaining(["scenario", "seed", "outcome", "events", "series"]),
    );
    expect(r.seed).toBe(1);
    expect(r.scenario.id).toBe("bolshevik-1922");
    expect(r.outcome).toHaveProperty("kind");
    expect(r.outcome).toHaveProperty("leader");
    expect(r.outcome).toHaveProperty("date");
    expect(typeof r.outcome.kind).toBe("string");
    expect(Array.isArray(r.events)).toBe(true);
    expect(r.events.length).toBeGreaterThan(0);
    expect(r.series).toBeTypeOf("object");
    for (const e of r.events) {
      expect(e.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(typeof e.type).toBe("string");
    }
    // Events come in date order and within the scenario's calendar.
    const dates = r.events.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    expect(dates[0]! >= "1922-04-03").toBe(true);
    expect(dates.at(-1)! < "1931-01-01").toBe(true);
  });

  it("stops before --until", () => {
    const r = JSON.parse(apparat("run", "--seed", "1", "--until", "1923-01-01", "--json")) as RunJson;
    expect(r.seed).toBe(1);
    expect(r.events.length).toBeGreaterThan(0);
    for (const e of r.events) expect(e.date < "1923-01-01", `event on ${e.date}`).toBe(true);
    expect(r.until < "1923-01-01").toBe(true);
  });
});

describe("apparat run --history", () => {
  it("sets each dated event of the record beside the run's, with months between, then where it first diverges", () => {
    const out = apparat("run", "--seed", "1", "--history");
    const block = out.slice(out.indexOf("Beside the historical record"));
    // Scheduled events come at their dates; an event of the model comes with the run's own sentence.
    expect(block).toMatch(
      /^1924-01-21 {2}Lenin dies at Gorki\. {2}\[historycentral\]\n {4}on time \(scheduled by the scenario\) · this run, 1924-01-21, the same month: Lenin dies at Gorki\./m,
    );
    expect(block).toMatch(
      /^1926-07-23 {2}Zinoviev is removed from the Politburo\..*\n {4}(EARLY|LATE|on time) · this run, \d{4}-\d{2}-\d{2}, (\d+ months? (earlier|later)|the same month): Zinoviev is removed from the Politburo/m,
    );
    expect(block).toMatch(
      /^This run (diverges from the record first on .+\.|keeps to the record:) \d+ of the \d+ events the model must produce come within 6 months of the record\.$/m,
    );
    // The same facts as JSON: the comparison rides along with the run.
    const json = JSON.parse(apparat("run", "--seed", "1", "--history", "--json")) as RunJson & {
      history: {
        rows: { record: { id: string }; months: number | null; verdict: string }[];
        firstDivergence: unknown;
      };
    };
    const lenin = json.history.rows.find((r) => r.record.id === "lenin-dies")!;
    expect(lenin).toMatchObject({ months: 0, verdict: "on-time" });
    expect(json.history.rows.length).toBeGreaterThan(40);
  });

  it("names a history file that does not exist or is wrong (exit 2)", () => {
    const missing = apparatStatus("run", "--seed", "1", "--history", join(tmp, "none.yaml"));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no such history file: .*none\.yaml/);
    const bad = join(tmp, "bad.history.yaml");
    writeFileSync(
      bad,
      'schemaVersion: 1\nscenario: bolshevik-1922\nevents:\n  - { id: x, date: "1926-13-01", text: t, source: k, role: outcome, match: { type: death, person: lenin } }\n',
    );
    const wrong = apparatStatus("run", "--seed", "1", "--history", bad);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(
      /bad\.history\.yaml:4:\d+ {2}events\[0\]\.date: must be a date written YYYY-MM-DD/,
    );
  });
});

describe("apparat: bad input", () => {
  it("rejects bad option values and unknown options with a message on stderr", () => {
    const cases: { args: string[]; expect: RegExp[] }[] = [
      { args: ["run", "--seed", "abc"], expect: [/--seed/, /"abc"/, /non-negative integer/] },
      { args: ["run", "--seed", "-3"], expect: [/--seed/, /"-3"/, /non-negative integer/] },
      { args: ["run", "--until", "1925-13-45"], expect: [/--until/, /"1925-13-45"/, /YYYY-MM-DD/] },
      { args: ["run", "--frobnicate"], expect: [/unknown option/, /--frobnicate/] },
    ];
    for (const c of cases) {
      const r = apparatStatus(...c.args);
      const label = `apparat ${c.args.join(" ")}: ${r.stderr}`;
      expect(r.status, label).not.toBe(0);
      expect(r.status, label).not.toBeNull();
      expect(r.stdout, label).toBe("");
      for (const re of c.expect) expect(r.stderr, label).toMatch(re);
      expect(r.stderr, label).toMatch(/^apparat: /);
      // A usage problem, not a crash: no stack trace.
      expect(r.stderr, label).not.toMatch(/\n\s+at /);
    }
  });

  it("rejects a scenario that does not exist, naming it (exit 2)", () => {
    const r = apparatStatus("run", "--scenario", "does-not-exist");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("does-not-exist");
    expect(r.stderr).toMatch(/no such scenario/);
    expect(r.stderr).toContain("bolshevik-1922"); // lists the built-in ones
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("check reports a broken scenario file with file, line and field path (exit 2)", () => {
    const text = readFileSync(join(ROOT, "scenarios", "bolshevik-1922.yaml"), "utf8");
    const from = "organisation: { value: 0.9, range: [0.75, 1.0]";
    expect(text.split(from)).toHaveLength(2);
    const bad = text.replace(from, "organisation: { value: 1.9, range: [0.75, 1.0]");
    const line = bad.split("\n").findIndex((l) => l.includes("value: 1.9")) + 1;
    const file = join(tmp, "broken.yaml");
    writeFileSync(file, bad);

    const r = apparatStatus("check", file);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(file);
    expect(r.stderr).toContain(`${file}:${line}`);
    expect(r.stderr).toContain("people[1].attributes.organisation.value");
    expect(r.stderr).toMatch(/inside its range/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("apparat: other commands", () => {
  it("check accepts the built-in scenario", () => {
    const r = apparatStatus("check", "bolshevik-1922");
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(
      new RegExp(
        `bolshevik-1922\\.yaml: valid scenario "bolshevik-1922" \\(schema version ${SCENARIO_SCHEMA_VERSION}\\)`,
      ),
    );
  });

  it("scenarios lists the built-in scenario", () => {
    const out = apparat("scenarios");
    expect(out).toMatch(/^bolshevik-1922\t/m);
    expect(out).toContain("1922-04-03");
  });

  it("schema prints JSON Schema that parses", () => {
    const schema = JSON.parse(apparat("schema")) as Record<string, unknown>;
    expect(schema.$id).toMatch(new RegExp(`scenario-v${SCENARIO_SCHEMA_VERSION}\\.json$`));
    expect(schema).toHaveProperty("properties.people");
  });

  it("events lists the event vocabulary", () => {
    const out = apparat("events");
    expect(out).toMatch(/^vote\s+\S/m);
    expect(out).toMatch(/^removal\s+\S/m);
    expect(out).toMatch(/^appointment\s+\S/m);
  });

  it("--help and run --help exit 0 and describe the commands and options", () => {
    const top = apparatStatus("--help");
    expect(top.status).toBe(0);
    for (const cmd of ["run", "scenarios", "check", "schema", "events"]) expect(top.stdout).toContain(cmd);

    const run = apparatStatus("run", "--help");
    expect(run.status).toBe(0);
    for (const opt of ["--scenario", "--seed", "--until", "--json", "--verbose"])
      expect(run.stdout).toContain(opt);
  });

  it("--help loads the commands' declarations and their defaults only, not the work behind them", () => {
    // A module hook that names every module the process loads, on stderr.
    const hook = `export async function resolve(s, c, next) { const r = await next(s, c); process.stderr.write("loaded " + r.url + "\\n"); return r; }`;
    const register = `import { register } from "node:module"; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;
    const r = spawnSync(
      process.execPath,
      ["--import", `data:text/javascript,${encodeURIComponent(register)}`, "bin/apparat.js", "--help"],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(r.status, r.stderr).toBe(0);
    for (const cmd of ["mc", "sweep", "sensitivity", "report", "discover", "export", "serve", "validate"])
      expect(r.stdout).toMatch(new RegExp(`^  ${cmd} `, "m"));
    const loaded = [...r.stderr.matchAll(/^loaded (file:\S+)$/gm)].map((m) => m[1]!);
    const sources = loaded.filter((u) => u.includes("/src/")).map((u) => u.replace(/^.*\/src\//, ""));
    expect(sources).toContain("cli/experiments.ts");
    const light =
      /^(cli\/(main|experiments|options|serve|validate|version)|node\/builtins|runner\/workers|server\/limits|(store|sensitivity)\/defaults)\.ts$/;
    expect(sources.filter((f) => !light.test(f))).toEqual([]);
    // Of the packages, the launcher's (tsx, esbuild) and commander only.
    const packages = new Set(
      loaded.flatMap((u) => /\/node_modules\/((@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []),
    );
    expect([...packages].sort()).toEqual(["commander", "esbuild", "tsx"]);
  });

  it("the toolkit's commands and options are declared: sensitivity, discover, --series, export --series, sweep --runs", () => {
    const help = (cmd: string) => {
      const r = apparatStatus(cmd, "--help");
      expect(r.status).toBe(0);
      return r.stdout;
    };
    const sensitivity = help("sensitivity");
    for (const opt of ["--method", "--params", "--samples", "--levels", "--outcome", "--resamples", "--list"])
      expect(sensitivity).toContain(opt);
    expect(sensitivity).toMatch(/Morris: grid levels \(even; default 4\)/);
    expect(sensitivity).toMatch(/intervals \(default\s+1000\)/);
    for (const cmd of ["mc", "whatif", "attribute", "sweep", "sensitivity"])
      expect(help(cmd)).toContain("--series");
    expect(help("sweep")).toMatch(/--runs <n> +runs per design point/);
    expect(help("export")).toMatch(/--series +export the kept per-tick series/);
    const discover = help("discover");
    for (const opt of ["--outcome", "--method", "--alpha", "--min-mass", "--box", "--depth"])
      expect(discover).toContain(opt);
  });

  it("a usage error found when a command runs is one line with exit code 1, not a stack trace", () => {
    const r = apparatStatus("sweep", "--store", join(tmp, "usage.db"));
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("apparat: give a sweep file, or --resume ID\n");
  });
});
