import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { apparatStatus as cli } from "../../test/cli.ts";

describe("apparat mechanisms and counterfactual switches", () => {
  it("lists every mechanism with its switch, parameters and sources", () => {
    const r = cli("mechanisms", "--json");
    expect(r.status).toBe(0);
    const list = JSON.parse(r.stdout) as {
      id: string;
      switch: string;
      enabled: boolean;
      parameters: unknown[];
      sources: { key: string }[];
    }[];
    expect(list.map((m) => m.id)).toEqual(
      expect.arrayContaining([
        "patronage",
        "files",
        "enrolment",
        "factionBan",
        "legacy",
        "testament",
        "information",
        "policy",
        "coercion",
      ]),
    );
    for (const m of list) {
      expect(m.switch).toBe(`mechanisms.${m.id}.enabled`);
      // A mechanism the scenario leaves out is listed too, switched off.
      if (m.id === "rehabilitation" || m.id === "preemption") {
        expect(m.enabled).toBe(false);
        continue;
      }
      if (m.id !== "offices") expect(m.parameters.length).toBeGreaterThan(0);
      expect(m.sources.length).toBeGreaterThan(0);
    }
    const text = cli("mechanisms", "--set", "mechanisms.files.enabled=false");
    expect(text.stdout).toContain("[mechanisms.files.enabled=false]");
  });

  it("a switch from a patch file and from --set give the same run, and it differs from the baseline", () => {
    const dir = mkdtempSync(join(tmpdir(), "apparat-"));
    try {
      const patch = join(dir, "no-enrolment.yaml");
      writeFileSync(patch, "mechanisms:\n  enrolment:\n    enabled: false\n");
      const viaPatch = cli("run", "--seed", "5", "--json", "--patch", patch);
      const viaSet = cli("run", "--seed", "5", "--json", "--set", "mechanisms.enrolment.enabled=false");
      const baseline = cli("run", "--seed", "5", "--json");
      expect(viaPatch.status).toBe(0);
      expect(viaPatch.stdout).toBe(viaSet.stdout);
      expect(viaPatch.stdout).not.toBe(baseline.stdout);
      expect(JSON.parse(viaPatch.stdout).events.some((e: { type: string }) => e.type === "enrolment")).toBe(
        false,
      );
      const bad = cli("run", "--seed", "5", "--set", "mechanisms.enrolment.params.campaignShare=3");
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain("mechanisms.enrolment.params.campaignShare");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the built-in scenarios", () => {
  it("are the catalogue's three, each valid; a scenario without factor groups asks for a question", () => {
    const listed = cli("scenarios", "--json");
    expect(listed.status).toBe(0);
    const rows = JSON.parse(listed.stdout) as { name: string }[];
    expect(rows.map((r) => r.name)).toEqual(["bolshevik-1922", "china-1976", "tutorial"]);
    for (const { name } of rows) expect(cli("check", name).status).toBe(0);
    const noQuestion = cli("mc", "--scenario", "tutorial", "--runs", "2", "--store", ":memory:");
    expect(noQuestion.status).toBe(2);
    expect(noQuestion.stderr).toContain(
      'no question for scenario "tutorial": it has no factor-group file (factors/tutorial.yaml)',
    );
    const dir = mkdtempSync(join(tmpdir(), "apparat-china-"));
    const china = cli("mc", "--scenario", "china-1976", "--runs", "2", "--store", join(dir, "r.db"));
    rmSync(dir, { recursive: true, force: true });
    expect(china.status).toBe(0);
    // China's question counts dominance at the end as a yes, and says so.
    expect(china.stdout).toContain("Deng sole leader before 1982-09-30 or dominant at the end:");
    const noGroups = cli(
      "attribute",
      "--scenario",
      "tutorial",
      "--leader",
      "dobrev",
      "--runs",
      "1",
      "--store",
      ":memory:",
    );
    expect(noGroups.status).toBe(2);
    expect(noGroups.stderr).toContain('scenario "tutorial" has no factor-group file (factors/tutorial.yaml)');
  });
});
