/**
 * Exports an experiment's runs as one flat table, CSV or Parquet, for analysis in other tools (R, pandas,
 * DuckDB, a spreadsheet). One row per run in index order; besides each run's measurements the table spells
 * out which variant it ran (the swept values, the factor groups present) and whether the run answered the
 * experiment's question, so no one needs the stored plan to read it.
 */
import { randomBytes } from "node:crypto";
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { stringify } from "csv-stringify/sync";
import { parquetWriteBuffer } from "hyparquet-writer";
import { answersYes } from "../experiments/metrics.ts";
import type { ExperimentPlan, RunRow, Variant } from "../experiments/types.ts";
import type { ResultsStore } from "./store.ts";

export const EXPORT_FORMATS = ["csv", "parquet"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

type Cell = string | number | boolean | null;

/** Parquet type of a column; INT64 holds integers too large for INT32 (seeds). */
type ColumnType = "INT32" | "INT64" | "DOUBLE" | "BOOLEAN" | "STRING";

interface Column {
  name: string;
  type: ColumnType;
  value: (run: RunRow, variant: Variant | undefined) => Cell;
}

/**
 * Writes the runs of experiment `id` to `outFile` as CSV (with a header) or Parquet, and returns the number of
 * rows and the column names. The file is written under a temporary name and renamed, so a failed export
 * leaves no partial file.
 *
 * @throws StoreError when there is no such experiment.
 * @example
 * const { rows, columns } = exportRuns(store, 3, "parquet", "runs-3.parquet");
 * console.log(`${rows} runs, ${columns.length} columns`);
 */
export function exportRuns(
  store: ResultsStore,
  id: number,
  format: ExportFormat,
  outFile: string,
  table: ExportTable = "runs",
): { rows: number; columns: string[] } {
  const { content, rows, columns } = exportTable(store, id, format, table);
  writeAtomically(outFile, content);
  return { rows, columns };
}

/** Which table to export: one row per run, or the kept series in long format. */
export const EXPORT_TABLES = ["runs", "series"] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

/**
 * An experiment's table as file content (CSV text or Parquet bytes): the runs, one row per run, or the kept
 * series in long format, one row per run, tick, leader and measure (leader empty for party-wide measures).
 *
 * @throws StoreError when there is no such experiment; RangeError for series of an experiment that keeps none.
 * @example
 * const { content } = exportTable(store, 3, "parquet", "series");
 */
export function exportTable(
  store: ResultsStore,
  id: number,
  format: ExportFormat,
  table: ExportTable = "runs",
): { content: string | Uint8Array; rows: number; columns: string[] } {
  if (!EXPORT_FORMATS.includes(format)) {
    throw new RangeError(`unknown export format "${format}"; use ${EXPORT_FORMATS.join(" or ")}`);
  }
  const { plan } = store.experiment(id);
  if (table === "series") return seriesTable(store, id, plan, format);
  const runs = store.runs(id);
  const columns = runColumns(id, plan);
  const values = columns.map((column) => runs.map((run) => column.value(run, plan.variants[run.variant])));
  const content = format === "csv" ? csvText(columns, values, runs.length) : parquetBytes(columns, values);
  return { content, rows: runs.length, columns: columns.map((c) => c.name) };
}

/** The long-format series table: experiment, run, variant, tick, date, leader, measure, value. */
function seriesTable(
  store: ResultsStore,
  id: number,
  plan: ExperimentPlan,
  format: ExportFormat,
): { content: string | Uint8Array; rows: number; columns: string[] } {
  if (!plan.series)
    throw new RangeError(
      `experiment ${id} keeps no series: run it with --series measure,... to keep per-tick series`,
    );
  const V = plan.variants.length;
  const run: number[] = [];
  const tick: number[] = [];
  const date: string[] = [];
  const leader: (string | null)[] = [];
  const measure: string[] = [];
  const value: number[] = [];
  for (const { index, series } of store.series(id))
    for (const line of series.lines)
      line.values.forEach((v, t) => {
        run.push(index);
        tick.push(t);
        date.push(series.dates[t]!);
        leader.push(line.leader);
        measure.push(line.measure);
        value.push(v);
      });
  const n = run.length;
  const columns: { name: string; type: ColumnType; data: Cell[] }[] = [
    { name: "experiment", type: "INT32", data: new Array<number>(n).fill(id) },
    { name: "run", type: "INT32", data: run },
    { name: "variant", type: "INT32", data: run.map((i) => i % V) },
    { name: "tick", type: "INT32", data: tick },
    { name: "date", type: "STRING", data: date },
    { name: "leader", type: "STRING", data: leader },
    { name: "measure", type: "STRING", data: measure },
    { name: "value", type: "DOUBLE", data: value },
  ];
  const content =
    format === "csv"
      ? csvText(
          columns.map((c) => ({ name: c.name, type: c.type, value: () => null })),
          columns.map((c) => c.data),
          n,
        )
      : new Uint8Array(
          parquetWriteBuffer({
            columnData: columns.map((c) => ({ name: c.name, type: c.type, nullable: true, data: c.data })),
          }),
        );
  return { content, rows: n, columns: columns.map((c) => c.name) };
}

/** The table's columns for an experiment with this plan. */
function runColumns(id: number, plan: ExperimentPlan): Column[] {
  const { question } = plan;
  return [
    { name: "experiment", type: "INT32", value: () => id },
    { name: "index", type: "INT32", value: (run) => run.index },
    { name: "variant", type: "INT32", value: (run) => run.variant },
    { name: "replicate", type: "INT32", value: (run) => run.replicate },
    { name: "seed", type: "INT64", value: (run) => run.seed },
    { name: "variant_label", type: "STRING", value: (_run, variant) => variant?.label ?? null },
    ...pointColumns(plan.variants),
    ...presenceColumns(plan),
    { name: "outcome", type: "STRING", value: (run) => run.metrics.outcome },
    { name: "leader", type: "STRING", value: (run) => run.metrics.leader },
    { name: "sole_date", type: "STRING", value: (run) => run.metrics.soleDate },
    {
      name: "focus_sole",
      type: "INT32",
      // The question's answer (a question may also count dominance at the end).
      value: ({ metrics }) => (answersYes(metrics, question) ? 1 : 0),
    },
    { name: "exit_order", type: "STRING", value: (run) => run.metrics.exits.map((e) => e.id).join(">") },
    { name: "members", type: "INT32", value: (run) => run.metrics.members },
    { name: "committee", type: "INT32", value: (run) => run.metrics.committee },
  ];
}

/**
 * Sweeps: one column per swept path, in order of first appearance. A path whose values are all numbers is
 * DOUBLE, all booleans BOOLEAN, otherwise STRING.
 */
function pointColumns(variants: readonly Variant[]): Column[] {
  const valuesByPath = new Map<string, (number | boolean | string)[]>();
  for (const variant of variants) {
    for (const [path, value] of Object.entries(variant.point ?? {})) {
      const values = valuesByPath.get(path) ?? [];
      values.push(value);
      valuesByPath.set(path, values);
    }
  }
  return [...valuesByPath].map(([path, values]): Column => {
    const type = values.every((v) => typeof v === "number")
      ? "DOUBLE"
      : values.every((v) => typeof v === "boolean")
        ? "BOOLEAN"
        : "STRING";
    return {
      name: path,
      type,
      value: (_run, variant) => {
        const value = variant?.point?.[path];
        if (value === undefined) return null;
        return type === "STRING" ? String(value) : value;
      },
    };
  });
}

/** Attribution: one boolean column `present.<group>` per factor group, when the variants say which. */
function presenceColumns(plan: ExperimentPlan): Column[] {
  const groups = plan.groups ?? [];
  if (!plan.variants.some((v) => v.present !== undefined)) return [];
  return groups.map((group, g) => ({
    name: `present.${group.id}`,
    type: "BOOLEAN",
    value: (_run, variant) => variant?.present?.[g] ?? null,
  }));
}

function csvText(columns: readonly Column[], values: readonly Cell[][], rowCount: number): string {
  const records = Array.from({ length: rowCount }, (_, r) => values.map((column) => column[r] ?? null));
  return stringify(records, {
    header: true,
    columns: columns.map((c) => c.name),
    cast: { boolean: (value) => (value ? "true" : "false") },
  });
}

function parquetBytes(columns: readonly Column[], values: readonly Cell[][]): Uint8Array {
  const buffer = parquetWriteBuffer({
    columnData: columns.map((column, c) => ({
      name: column.name,
      type: column.type,
      nullable: true,
      data:
        column.type === "INT64"
          ? values[c]!.map((v) => (v === null ? null : BigInt(v as number)))
          : (values[c] as Cell[]),
    })),
  });
  return new Uint8Array(buffer);
}

/** Writes `content` to a temporary file beside `outFile`, then renames it into place. */
function writeAtomically(outFile: string, content: string | Uint8Array): void {
  const temporary = join(
    dirname(outFile),
    `.${basename(outFile)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    writeFileSync(temporary, content, { flag: "wx" });
    renameSync(temporary, outFile);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
