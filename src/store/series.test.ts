/** Kept series: the stored form round-trips exactly, the store keeps them apart from the metrics, and the
 * long-format export (CSV and Parquet) has one row per run, tick, leader and measure. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import fc from "fast-check";
import { asyncBufferFromFile, parquetReadObjects } from "hyparquet";
import { afterAll, describe, expect, it } from "vitest";
import type { RunSeries } from "../experiments/types.ts";
import { exportRuns } from "./export.ts";
import { decodeSeries, encodeSeries } from "./seriesCodec.ts";
import { ResultsStore } from "./store.ts";
import { fakePlan, fakeRun, STORE_V1_TABLES, STORE_V2_SERIES_TABLE } from "./testing.ts";

const dir = mkdtempSync(join(tmpdir(), "apparat-series-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const series = (seed: number, ticks = 5): RunSeries => ({
  dates: Array.from({ length: ticks }, (_, t) => `2000-01-${String(t + 1).padStart(2, "0")}`),
  lines: [
    {
      measure: "members",
      leader: null,
      values: Array.from({ length: ticks }, (_, t) => 1000 + seed * 10 + t),
    },
    { measure: "votes", leader: "a", values: Array.from({ length: ticks }, (_, t) => (seed + t) % 3) },
    { measure: "votes", leader: "b", values: Array.from({ length: ticks }, (_, t) => 0.1234 * t + seed) },
  ],
});

describe("the stored form of series", () => {
  it("round-trips any values exactly (floats, negatives, NaN, infinities) with their measures and leaders", () => {
    const line = fc.record({
      measure: fc.string({ minLength: 1, maxLength: 12 }),
      leader: fc.option(fc.string({ maxLength: 8 }), { nil: null }),
      values: fc.array(fc.double(), { maxLength: 50 }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.string(), { maxLength: 20 }),
        fc.array(line, { maxLength: 6 }),
        (dates, lines) => {
          const s = { dates, lines };
          expect(decodeSeries(encodeSeries(s))).toEqual(s);
        },
      ),
    );
  });

  it("is compact for what runs record: 400 weekly ticks of small integers in well under 8 bytes a value", () => {
    const ticks = 400;
    const s: RunSeries = {
      dates: Array.from({ length: ticks }, (_, t) =>
        new Date(Date.UTC(1922, 3, 3 + 7 * t)).toISOString().slice(0, 10),
      ),
      lines: Array.from({ length: 9 }, (_, l) => ({
        measure: "politburo",
        leader: `l${l}`,
        values: Array.from({ length: ticks }, (_, t) => (t < 100 * (l % 4) ? 2 : 0)),
      })),
    };
    expect(encodeSeries(s).length).toBeLessThan(9 * ticks);
  });
});

describe("series in the store and the long-format export", () => {
  const file = join(dir, "results.db");
  const plan = fakePlan({ series: ["members", "votes"] });
  const store = ResultsStore.open(file);
  const id = store.createExperiment(plan, 6);
  afterAll(() => store.close());
  store.addRuns(
    id,
    [0, 1, 2, 3, 4, 5].map((i) => ({ ...fakeRun(i, 2), series: series(i) })),
  );

  it("keeps each run's series apart from its metrics, and gives them back in index order", () => {
    expect(store.runs(id).every((r) => r.series === undefined)).toBe(true);
    const back = [...store.series(id)];
    expect(back.map((b) => b.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(back[4]!.series).toEqual(series(4));
  });

  it("exports one row per run, tick, leader and measure to Parquet that reads back to the same values", async () => {
    const out = join(dir, "series.parquet");
    const { rows, columns } = exportRuns(store, id, "parquet", out, "series");
    expect(columns).toEqual(["experiment", "run", "variant", "tick", "date", "leader", "measure", "value"]);
    expect(rows).toBe(6 * 3 * 5);
    const read = (await parquetReadObjects({ file: await asyncBufferFromFile(out) })) as Record<
      string,
      unknown
    >[];
    expect(read.length).toBe(rows);
    const at = read.find((r) => r.run === 4 && r.tick === 3 && r.leader === "b")!;
    expect(at).toMatchObject({ experiment: id, variant: 0, date: "2000-01-04", measure: "votes" });
    expect(at.value).toBe(series(4).lines[2]!.values[3]);
    expect(read.find((r) => r.run === 1 && r.tick === 0 && r.measure === "members")!.leader).toBeNull();
  });

  it("exports the same table as CSV, the leader empty for party-wide measures", () => {
    const out = join(dir, "series.csv");
    exportRuns(store, id, "csv", out, "series");
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines[0]).toBe("experiment,run,variant,tick,date,leader,measure,value");
    expect(lines).toContain(`${id},1,1,0,2000-01-01,,members,1010`);
    expect(lines.length).toBe(1 + 6 * 3 * 5);
  });

  it("refuses to export series of an experiment that keeps none, saying how to keep them", () => {
    const other = store.createExperiment(fakePlan(), 2);
    expect(() => exportRuns(store, other, "csv", join(dir, "none.csv"), "series")).toThrow(
      /keeps no series: run it with --series/,
    );
  });

  it("brings a store of the first schema version up to date, keeping its runs", () => {
    const old = join(dir, "v1.db");
    const db = new Database(old);
    db.exec(`${STORE_V1_TABLES}
INSERT INTO meta VALUES ('schema_version', '1');`);
    db.prepare(
      "INSERT INTO experiments (kind, name, scenario_id, created, status, total, plan) VALUES ('mc', 'old', 's', 't', 'finished', 1, ?)",
    ).run(JSON.stringify(fakePlan()));
    db.prepare("INSERT INTO runs VALUES (1, 0, 0, 0, 7, ?)").run(JSON.stringify(fakeRun(0, 2).metrics));
    db.close();
    const migrated = ResultsStore.open(old);
    try {
      expect(migrated.runs(1)).toHaveLength(1);
      expect([...migrated.series(1)]).toEqual([]);
    } finally {
      migrated.close();
    }
  });

  it("gives the kept series of a store written before checksums one each when it is opened, and reads them", () => {
    const old = join(dir, "v2.db");
    const db = new Database(old);
    db.exec(`${STORE_V1_TABLES}
${STORE_V2_SERIES_TABLE}
INSERT INTO meta VALUES ('schema_version', '2');`);
    db.prepare(
      "INSERT INTO experiments (kind, name, scenario_id, created, status, total, plan) VALUES ('mc', 'old', 's', 't', 'finished', 2, ?)",
    ).run(JSON.stringify(plan));
    for (const i of [0, 1]) {
      db.prepare("INSERT INTO runs VALUES (1, ?, ?, 0, 7, ?)").run(
        i,
        i,
        JSON.stringify(fakeRun(i, 2).metrics),
      );
      db.prepare("INSERT INTO run_series VALUES (1, ?, ?)").run(i, encodeSeries(series(i)));
    }
    db.close();
    const migrated = ResultsStore.open(old);
    try {
      expect([...migrated.series(1)].map((b) => b.series)).toEqual([series(0), series(1)]);
      expect(migrated.check()).toEqual([]);
    } finally {
      migrated.close();
    }
  });

  it("reports a changed byte in a run's kept series, on read and in the store check, naming the run", () => {
    const file = join(dir, "tampered.db");
    const own = ResultsStore.open(file);
    const e = own.createExperiment(plan, 2);
    own.addRuns(
      e,
      [0, 1].map((i) => ({ ...fakeRun(i, 2), series: series(i) })),
    );
    own.close();
    const raw = new Database(file);
    const data = raw.prepare("SELECT data FROM run_series WHERE idx = 1").pluck().get() as Uint8Array;
    const changed = Uint8Array.from(data);
    changed[changed.length - 1] = changed.at(-1)! ^ 1;
    raw.prepare("UPDATE run_series SET data = ? WHERE idx = 1").run(changed);
    raw.close();
    const reopened = ResultsStore.open(file);
    try {
      expect(() => [...reopened.series(e)]).toThrow(/run 1 are damaged.*checksum/);
      expect(reopened.check()).toEqual([
        { experiment: e, run: 1, message: expect.stringMatching(/^its series: .*checksum/) },
      ]);
      // The metrics are untouched, and still read.
      expect(reopened.runs(e)).toHaveLength(2);
    } finally {
      reopened.close();
    }
  });
});
