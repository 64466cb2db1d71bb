import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asyncBufferFromFile, parquetMetadata, parquetReadObjects, parquetSchema } from "hyparquet";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ExperimentPlan, FactorGroup } from "../experiments/types.ts";
import { exportRuns } from "./export.ts";
import { ResultsStore, StoreError } from "./store.ts";
import { fakePlan, fakeRun } from "./testing.ts";

let dir: string;
let store: ResultsStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "apparat-export-"));
  store = ResultsStore.open(join(dir, "results.db"));
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Parses CSV as csv-stringify writes it: comma separated, fields with commas or quotes quoted. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** A Parquet value as the CSV writes it. */
function asCsvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "true" : "false";
  return String(value);
}

async function readParquet(file: string): Promise<Record<string, unknown>[]> {
  return parquetReadObjects({ file: await asyncBufferFromFile(file) });
}

const SWEPT = "mechanisms.patronage.params.appointmentsPerYear";

function sweepPlan(): ExperimentPlan {
  return fakePlan({
    kind: "sweep",
    name: "patronage sweep",
    variants: [
      { label: "few, on", sets: [], point: { [SWEPT]: 0.5, "mechanisms.purge.enabled": true } },
      { label: 'many "quoted", off', sets: [], point: { [SWEPT]: 12, "mechanisms.purge.enabled": false } },
    ],
  });
}

function group(id: string): FactorGroup {
  return { id, label: id, description: "", mechanisms: [], sources: [], off: [] };
}

function attributionPlan(): ExperimentPlan {
  return fakePlan({
    kind: "attribute",
    name: "attribution",
    groups: [group("patronage"), group("purge")],
    variants: [
      { label: "all", sets: [], present: [true, true] },
      { label: "no patronage", sets: [], present: [false, true] },
      { label: "none", sets: [], present: [false, false] },
    ],
  });
}

const FIXED_BEFORE = ["experiment", "index", "variant", "replicate", "seed", "variant_label"];
const FIXED_AFTER = ["outcome", "leader", "sole_date", "focus_sole", "exit_order", "members", "committee"];

describe("exportRuns: CSV", () => {
  it("writes a header and one row per run in index order, with the swept values", () => {
    const id = store.createExperiment(sweepPlan(), 8);
    store.addRuns(
      id,
      [3, 0, 2, 1, 6, 9].map((i) => fakeRun(i, 2)),
    );
    const out = join(dir, "sweep.csv");

    const result = exportRuns(store, id, "csv", out);

    const columns = [...FIXED_BEFORE, SWEPT, "mechanisms.purge.enabled", ...FIXED_AFTER];
    expect(result).toEqual({ rows: 6, columns });
    const [header, ...rows] = parseCsv(readFileSync(out, "utf8"));
    expect(header).toEqual(columns);
    expect(rows.map((r) => r[1])).toEqual(["0", "1", "2", "3", "6", "9"]);
    expect(rows[0]).toEqual([
      String(id),
      "0",
      "0",
      "0",
      String(2 ** 40),
      "few, on",
      "0.5",
      "true",
      "sole-leader",
      "a",
      "2000-03-15",
      "1",
      "c>b",
      "1000000",
      "50",
    ]);
    expect(rows[1]).toEqual([
      String(id),
      "1",
      "1",
      "0",
      String(2 ** 40 + 7919),
      'many "quoted", off',
      "12",
      "false",
      "dominant-leader",
      "b",
      "",
      "0",
      "",
      "1000001",
      "51",
    ]);
  });

  it("counts a run as answering the question only for the asked leader, sole, before the date", () => {
    const id = store.createExperiment(fakePlan(), 8);
    const by = "2005-01-01";
    store.addRuns(id, [
      fakeRun(0, 2, { outcome: "sole-leader", leader: "a", soleDate: "2004-12-31" }),
      fakeRun(1, 2, { outcome: "sole-leader", leader: "a", soleDate: by }),
      fakeRun(2, 2, { outcome: "sole-leader", leader: "b", soleDate: "2001-01-01" }),
      fakeRun(3, 2, { outcome: "dominant-leader", leader: "a", soleDate: null }),
      fakeRun(4, 2, { outcome: "sole-leader", leader: "a", soleDate: null }),
    ]);
    const out = join(dir, "focus.csv");
    const { columns } = exportRuns(store, id, "csv", out);
    const [, ...rows] = parseCsv(readFileSync(out, "utf8"));
    const focus = columns.indexOf("focus_sole");
    expect(rows.map((r) => r[focus])).toEqual(["1", "0", "0", "0", "0"]);
  });

  it("has one present.<group> column per factor group for attribution", () => {
    const id = store.createExperiment(attributionPlan(), 6);
    store.addRuns(
      id,
      [0, 1, 2].map((i) => fakeRun(i, 3)),
    );
    const out = join(dir, "attribution.csv");
    const { columns } = exportRuns(store, id, "csv", out);
    expect(columns).toEqual([...FIXED_BEFORE, "present.patronage", "present.purge", ...FIXED_AFTER]);
    const [, ...rows] = parseCsv(readFileSync(out, "utf8"));
    expect(rows.map((r) => [r[5], r[6], r[7]])).toEqual([
      ["all", "true", "true"],
      ["no patronage", "false", "true"],
      ["none", "false", "false"],
    ]);
  });

  it("writes only the header for an experiment without runs", () => {
    const id = store.createExperiment(fakePlan(), 4);
    const out = join(dir, "empty.csv");
    expect(exportRuns(store, id, "csv", out).rows).toBe(0);
    expect(parseCsv(readFileSync(out, "utf8"))).toEqual([[...FIXED_BEFORE, ...FIXED_AFTER]]);
  });
});

describe("exportRuns: Parquet", () => {
  it("holds the same values as the CSV, typed", async () => {
    const id = store.createExperiment(sweepPlan(), 12);
    store.addRuns(
      id,
      Array.from({ length: 12 }, (_, i) => fakeRun(i, 2)),
    );
    const csvFile = join(dir, "runs.csv");
    const parquetFile = join(dir, "runs.parquet");
    const fromCsv = exportRuns(store, id, "csv", csvFile);
    const fromParquet = exportRuns(store, id, "parquet", parquetFile);
    expect(fromParquet).toEqual(fromCsv);

    const [header, ...csvRows] = parseCsv(readFileSync(csvFile, "utf8"));
    const objects = await readParquet(parquetFile);
    expect(objects).toHaveLength(12);
    expect(Object.keys(objects[0]!)).toEqual(header);
    expect(objects.map((o) => header!.map((name) => asCsvCell(o[name])))).toEqual(csvRows);

    const first = objects[0]!;
    expect(first.seed).toBe(BigInt(2 ** 40));
    expect(first[SWEPT]).toBe(0.5);
    expect(first["mechanisms.purge.enabled"]).toBe(true);
    expect(first.focus_sole).toBe(1);
    expect(objects[1]!.sole_date).toBeNull();

    const bytes = readFileSync(parquetFile);
    const metadata = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    const types = Object.fromEntries(
      parquetSchema(metadata).children.map((c) => [c.element.name, c.element.type]),
    );
    expect(types).toMatchObject({
      index: "INT32",
      seed: "INT64",
      variant_label: "BYTE_ARRAY",
      [SWEPT]: "DOUBLE",
      "mechanisms.purge.enabled": "BOOLEAN",
      focus_sole: "INT32",
    });
  });

  it("writes attribution presence as booleans", async () => {
    const id = store.createExperiment(attributionPlan(), 3);
    store.addRuns(
      id,
      [0, 1, 2].map((i) => fakeRun(i, 3)),
    );
    const out = join(dir, "attribution.parquet");
    exportRuns(store, id, "parquet", out);
    const objects = await readParquet(out);
    expect(objects.map((o) => [o["present.patronage"], o["present.purge"]])).toEqual([
      [true, true],
      [false, true],
      [false, false],
    ]);
  });

  it("writes a readable file for an experiment without runs", async () => {
    const id = store.createExperiment(sweepPlan(), 4);
    const out = join(dir, "empty.parquet");
    expect(exportRuns(store, id, "parquet", out).rows).toBe(0);
    expect(await readParquet(out)).toEqual([]);
  });
});

describe("exportRuns: failures", () => {
  it("refuses an unknown experiment and writes nothing", () => {
    const out = join(dir, "none.csv");
    expect(() => exportRuns(store, 99, "csv", out)).toThrow(StoreError);
    expect(() => exportRuns(store, 99, "parquet", out)).toThrow(/no experiment 99/);
    expect(existsSync(out)).toBe(false);
  });

  it("leaves no temporary file behind, even when the rename fails", () => {
    const id = store.createExperiment(fakePlan(), 2);
    store.addRuns(id, [fakeRun(0, 2)]);
    exportRuns(store, id, "csv", join(dir, "a.csv"));
    exportRuns(store, id, "parquet", join(dir, "a.parquet"));
    mkdirSync(join(dir, "taken.parquet"));
    expect(() => exportRuns(store, id, "parquet", join(dir, "taken.parquet"))).toThrow();
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("replaces an earlier export of the same file", () => {
    const id = store.createExperiment(fakePlan(), 2);
    const out = join(dir, "again.csv");
    exportRuns(store, id, "csv", out);
    store.addRuns(id, [fakeRun(0, 2), fakeRun(1, 2)]);
    exportRuns(store, id, "csv", out);
    expect(parseCsv(readFileSync(out, "utf8"))).toHaveLength(3);
  });
});
