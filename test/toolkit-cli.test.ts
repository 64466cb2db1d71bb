/**
 * The modeller's toolkit on the command line, in child processes as a user runs it: a Monte Carlo that keeps
 * series and exports them in long format (Parquet read back here), a sensitivity analysis stored and resumable,
 * a sweep with --runs and scenario discovery on it, reports of any experiment, and bad input named with exit 2.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asyncBufferFromFile, parquetReadObjects } from "hyparquet";
import { afterAll, describe, expect, it } from "vitest";
import { apparat, apparatStatus } from "./cli.ts";

const dir = mkdtempSync(join(tmpdir(), "apparat-toolkit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, "results.db");
const json = (...args: string[]) =>
  JSON.parse(apparat(...args, "--store", db, "--json")) as Record<string, unknown>;

describe("series across runs", () => {
  let id = 0;
  it("a Monte Carlo with --series exports long-format Parquet that reads back run by run", async () => {
    const out = json("mc", "--runs", "4", "--workers", "1", "--series", "members,committeeVotes");
    id = out.id as number;
    const file = join(dir, "series.parquet");
    expect(
      apparat("export", String(id), "--series", "--format", "parquet", "--out", file, "--store", db),
    ).toMatch(/wrote \d+ series rows x 8 columns/);
    const rows = (await parquetReadObjects({ file: await asyncBufferFromFile(file) })) as Record<
      string,
      unknown
    >[];
    expect(Object.keys(rows[0]!)).toEqual([
      "experiment",
      "run",
      "variant",
      "tick",
      "date",
      "leader",
      "measure",
      "value",
    ]);
    expect(new Set(rows.map((r) => r.run))).toEqual(new Set([0, 1, 2, 3]));
    const members = rows.filter((r) => r.measure === "members" && r.run === 2);
    expect(members.every((r) => r.leader === null)).toBe(true);
    expect(members.map((r) => r.tick)).toEqual(members.map((_, t) => t));
    // Each run's last membership is the members figure the run's own metrics kept.
    const runs = apparat("export", String(id), "--out", join(dir, "runs.csv"), "--store", db);
    expect(runs).toMatch(/wrote 4 runs/);
    const csv = readFileSync(join(dir, "runs.csv"), "utf8").trim().split("\n");
    const col = csv[0]!.split(",").indexOf("members");
    expect(Number(csv[3]!.split(",")[col])).toBe(members.at(-1)!.value);
    const leaders = new Set(rows.filter((r) => r.measure === "committeeVotes").map((r) => r.leader));
    expect(leaders.size).toBeGreaterThan(3);
  });

  it("writes the experiment's report with a fan chart per kept series", () => {
    const out = join(dir, "report");
    const text = apparat("report", "--experiment", String(id), "--out", out, "--store", db);
    expect(text).toMatch(/experiment-\d+-fan-members\.svg/);
    const html = readFileSync(join(out, `experiment-${id}.html`), "utf8");
    expect(html).toContain("Series across runs");
    expect(html).toMatch(/<title>Members across 4 runs/);
  });

  it("names an unknown measure and an export of series never kept", () => {
    const bad = apparatStatus("mc", "--runs", "1", "--series", "votez", "--store", db);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown series measure "votez" \(known: members/);
    const plain = json("mc", "--runs", "1", "--workers", "1");
    const none = apparatStatus("export", String(plain.id), "--series", "--store", db);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/keeps no series/);
  });
});

describe("apparat sensitivity", () => {
  const params = "mechanisms.patronage.params.appointmentsPerYear,mechanisms.coalitions.params.revelation";

  it("lists the scenario's estimates to choose from", () => {
    const list = apparat("sensitivity", "--list");
    expect(list).toMatch(/^mechanisms\.patronage\.params\.appointmentsPerYear\t\[2, 10\]\tvalue /m);
    expect(list.trim().split("\n").length).toBeGreaterThan(50);
  });

  it("runs a Morris screening as a stored experiment, and resuming it finds nothing left to run", () => {
    const out = json(
      "sensitivity",
      "--method",
      "morris",
      "--params",
      params,
      "--samples",
      "2",
      "--runs",
      "1",
      "--workers",
      "1",
    );
    expect(out.kind).toBe("sensitivity");
    expect(out.runs).toBe(2 * 3);
    const s = out.summary as {
      method: string;
      morris: { factors: unknown[] };
      parameters: { path: string }[];
    };
    expect(s.method).toBe("morris");
    expect(s.parameters.map((p) => p.path)).toEqual(params.split(","));
    const again = json("sensitivity", "--resume", String(out.id), "--workers", "1");
    expect(again.ranNow).toBe(0);
    expect(JSON.stringify(again.summary)).toBe(JSON.stringify(out.summary));
  });

  it("runs a Sobol' analysis of a numeric outcome, N (k + 2) points", () => {
    const out = json(
      "sensitivity",
      "--params",
      params,
      "--samples",
      "4",
      "--runs",
      "1",
      "--outcome",
      "members",
      "--workers",
      "2",
    );
    expect(out.runs).toBe(4 * 4);
    const s = out.summary as {
      outcome: string;
      sobol?: { first: unknown[]; total: unknown[] };
      note?: string;
    };
    expect(s.outcome).toBe("members");
    expect(s.sobol?.total.length ?? 0).toBe(s.note ? 0 : 2);
  });

  it("names a parameter, an outcome and a method it cannot use", () => {
    const p = apparatStatus("sensitivity", "--params", "people.nobody.attributes", "--store", db);
    expect(p.status).toBe(2);
    expect(p.stderr).toMatch(/"people\.nobody\.attributes" matches no estimate/);
    const o = apparatStatus("sensitivity", "--params", params, "--outcome", "maybe", "--store", db);
    expect(o.status).toBe(2);
    expect(o.stderr).toMatch(/cannot read the outcome "maybe"/);
    const m = apparatStatus("sensitivity", "--method", "fast", "--store", db);
    expect(m.status).toBe(1);
    expect(m.stderr).toMatch(/sobol, morris/);
  });
});

describe("sweep --runs and apparat discover", () => {
  let id = 0;
  it("runs a sweep file with --runs overriding its runs per point", () => {
    const out = json("sweep", "examples/sweep-lhs.yaml", "--runs", "1", "--workers", "2");
    id = out.id as number;
    expect(out.runsPerVariant).toBe(1);
    expect(out.runs).toBe(20);
    const bad = apparatStatus("sweep", "--resume", String(id), "--runs", "3", "--store", db);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/cannot change a stored experiment/);
  });

  it("finds where the runs ended with fewer members than the median, with PRIM and CART", () => {
    const csv = join(dir, "sweep.csv");
    apparat("export", String(id), "--out", csv, "--store", db);
    const lines = readFileSync(csv, "utf8").trim().split("\n");
    const col = lines[0]!.split(",").indexOf("members");
    const members = lines.slice(1).map((l) => Number(l.split(",")[col]));
    const median = [...members].sort((a, b) => a - b)[10]!;
    const out = join(dir, "charts");
    const prim = json("discover", String(id), "--outcome", `members < ${median}`, "--out", out);
    expect(prim.yes).toBe(members.filter((m) => m < median).length);
    expect(prim.inputs).toHaveLength(3);
    const trajectory = (prim.prim as { trajectory: { coverage: number }[] }).trajectory;
    expect(trajectory[0]!.coverage).toBe(1);
    expect(readFileSync(join(out, `discover-${id}-trajectory.svg`), "utf8")).toMatch(/^<svg[^>]*role="img"/);
    const text = apparat(
      "discover",
      String(id),
      "--outcome",
      `members < ${median}`,
      "--method",
      "cart",
      "--store",
      db,
    );
    expect(text).toMatch(/^CART on experiment #\d+: outcome "members < \d+"/);
  });

  it("refuses experiments without design points and numeric outcomes", () => {
    const mc = json("mc", "--runs", "1", "--workers", "1");
    const r = apparatStatus("discover", String(mc.id), "--store", db);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no design points/);
    const n = apparatStatus("discover", String(id), "--outcome", "members", "--store", db);
    expect(n.status).toBe(2);
    expect(n.stderr).toMatch(/needs a yes\/no outcome/);
  });
});
