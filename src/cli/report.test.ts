/** `apparat report` with an essay file, on a tiny run: two factors, one other grouping, two what-ifs, two seeds. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { apparatStatus as cli } from "../../test/cli.ts";
import type { ReportEssay } from "../report/types.ts";

const dir = mkdtempSync(join(tmpdir(), "apparat-essay-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const groups = (flowToo: boolean) => `schemaVersion: 1
scenario: bolshevik-1922
question: { text: "Is he sole leader?", leader: stalin, by: "1930-01-01" }
groups:
  - id: general-secretary
    label: The post's powers
    description: appointments${flowToo ? " and the delegates his secretaries pick" : ""}
    off:
      - { path: mechanisms.patronage.enabled, value: false }
${flowToo ? "      - { path: mechanisms.circularFlow.enabled, value: false }\n" : ""}  - id: chance
    label: Chance
    description: the founder's strokes
    off: [{ path: shocks.first-stroke.probability, value: 0 }]
`;

writeFileSync(join(dir, "groups.yaml"), groups(false));
writeFileSync(join(dir, "groups2.yaml"), groups(true));
writeFileSync(
  join(dir, "essay.yaml"),
  `schemaVersion: 1
scenario: bolshevik-1922
postFactor: general-secretary
questions:
  post: { source: seed-essay, text: "How significant was the post?", post: "the post" }
  jobs: { source: seed-textbook, text: "How did the jobs concentrate power?", jobs: "his posts" }
groupings:
  - { file: ${join(dir, "groups2.yaml")}, label: "the flow counted as the post's" }
whatifs:
  - { id: post-away, label: "the post given away", meaning: "whole post", kind: whole-post, newHolder: zinoviev, set: [{ path: offices.general-secretary.holder, value: zinoviev }] }
  - { id: liaison-away, label: "the liaison given away", meaning: "one post", kind: post, set: [{ path: offices.orgburo-liaison.holder, value: kamenev }] }
`,
);

describe("apparat report with an essay file", () => {
  it("runs the grouping, the what-ifs and the chain on the same seeds, and writes the answers", () => {
    const out = join(dir, "out");
    const r = cli(
      "report",
      "--runs",
      "2",
      "--workers",
      "1",
      "--groups",
      join(dir, "groups.yaml"),
      "--essay",
      join(dir, "essay.yaml"),
      "--store",
      join(dir, "s.db"),
      "--out",
      out,
      "--json",
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as { essay: ReportEssay };
    expect(json.essay.groupings).toHaveLength(1);
    expect(json.essay.groupings[0]!.replicates).toBe(2);
    expect(json.essay.whatIfs.runs).toBe(2);
    expect(json.essay.whatIfs.items.map((w) => w.id)).toEqual(["post-away", "liaison-away"]);
    expect(json.essay.whatIfs.items[0]!.newHolder!.name).toBe("Grigory Zinoviev");
    expect(json.essay.chain.runs).toBe(2);
    expect(json.essay.chain.steps.length).toBeGreaterThan(1);
    // Two seeds never give a point interval.
    for (const w of json.essay.whatIfs.items) expect(w.effect.hi - w.effect.lo).toBeGreaterThan(0.5);
    const md = readFileSync(join(out, "report.md"), "utf8");
    expect(md).toContain("## The essay questions, answered from the runs");
    expect(md).toContain("Warning: only 2 runs per combination, fewer than 30.");
    expect(md).toContain("**How did the jobs concentrate power?** (seed-textbook)");
    expect(md).toMatch(/\nThe runs trace one chain, congress after congress\. Before the first congress/);
    expect(md).toMatch(/\| 1st \([A-Z][a-z]+ \d{4}\) \| 2 \|/);
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain('<section id="chain">');

    // Stored: the report of the same attribution again, without the essay.
    const again = cli(
      "report",
      "--experiment",
      "1",
      "--no-essay",
      "--store",
      join(dir, "s.db"),
      "--out",
      out,
      "--json",
    );
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout).essay).toBeNull();
  }, 120_000);

  it("names the file and field of a bad essay file, exit code 2", () => {
    writeFileSync(
      join(dir, "bad.yaml"),
      readFileSync(join(dir, "essay.yaml"), "utf8").replace("kind: post", "kind: job"),
    );
    const r = cli(
      "report",
      "--experiment",
      "1",
      "--essay",
      join(dir, "bad.yaml"),
      "--store",
      join(dir, "s.db"),
      "--out",
      join(dir, "out2"),
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+ +whatifs\[1\]\.kind/);
  }, 60_000);
});
