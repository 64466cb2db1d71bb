/**
 * The results store: experiments and their runs in one SQLite file. Runs are stored as they finish, so a long
 * experiment survives a crash and resumes where it stopped; several processes can add runs to the same file;
 * and a run index can be stored only once, which is what proves that no run was ever repeated.
 *
 * The file is the user's data. A file that is not a store, is damaged, or was written by a newer version is
 * refused with a {@link StoreError} before anything is written to it.
 */
import { createHash } from "node:crypto";
import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from "node:fs";
import Database from "better-sqlite3";
import {
  EXPERIMENT_KINDS,
  type ExperimentKind,
  type ExperimentListing,
  type ExperimentPlan,
  type ExperimentRecord,
  type ExperimentStatus,
  type RunMetrics,
  type RunRow,
  type RunSeries,
} from "../experiments/types.ts";
import { decodeSeries, encodeSeries } from "./seriesCodec.ts";

export { DEFAULT_STORE_FILE } from "./defaults.ts";

/**
 * Schema changes, in order: step `v` takes a store from schema version `v` to `v + 1`. A later version appends
 * a step and never edits an earlier one, so every older file can be brought up to date. A step is SQL, or a
 * function for what SQL alone cannot do (computing checksums of rows already stored).
 */
const MIGRATIONS: readonly (string | ((db: Database.Database) => void))[] = [
  `CREATE TABLE meta (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL
   );
   CREATE TABLE experiments (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     kind TEXT NOT NULL,
     name TEXT NOT NULL,
     scenario_id TEXT NOT NULL,
     created TEXT NOT NULL,
     status TEXT NOT NULL,
     total INTEGER NOT NULL,
     plan TEXT NOT NULL,
     finished TEXT
   );
   CREATE TABLE runs (
     experiment_id INTEGER NOT NULL REFERENCES experiments (id),
     idx INTEGER NOT NULL,
     variant INTEGER NOT NULL,
     replicate INTEGER NOT NULL,
     seed INTEGER NOT NULL,
     metrics TEXT NOT NULL,
     PRIMARY KEY (experiment_id, idx)
   ) WITHOUT ROWID;`,
  // Per-tick series of runs whose experiment keeps them, apart from the metrics so listing runs stays light.
  `CREATE TABLE run_series (
     experiment_id INTEGER NOT NULL REFERENCES experiments (id),
     idx INTEGER NOT NULL,
     data BLOB NOT NULL,
     PRIMARY KEY (experiment_id, idx)
   ) WITHOUT ROWID;`,
  // 3: a checksum per stored run, per kept series and per plan, verified on every read, and why an experiment
  // failed.
  (db) => {
    db.exec(`ALTER TABLE experiments ADD COLUMN plan_checksum TEXT;
             ALTER TABLE experiments ADD COLUMN error TEXT;
             ALTER TABLE runs ADD COLUMN checksum TEXT;
             ALTER TABLE run_series ADD COLUMN checksum TEXT;`);
    const plans = db.prepare("SELECT id, kind, name, scenario_id, total, plan FROM experiments").all() as {
      id: number;
      kind: string;
      name: string;
      scenario_id: string;
      total: number;
      plan: string;
    }[];
    const setPlan = db.prepare("UPDATE experiments SET plan_checksum = ? WHERE id = ?");
    for (const e of plans)
      setPlan.run(planChecksum(e.id, e.kind, e.name, e.scenario_id, e.total, e.plan), e.id);
    const setRun = db.prepare("UPDATE runs SET checksum = ? WHERE experiment_id = ? AND idx = ?");
    const runsOf = db.prepare(
      "SELECT idx, variant, replicate, seed, metrics FROM runs WHERE experiment_id = ? ORDER BY idx",
    );
    // One experiment at a time: a statement cannot write while another iterates.
    const ids = db.prepare("SELECT DISTINCT experiment_id FROM runs").pluck().all() as number[];
    for (const id of ids)
      for (const r of runsOf.all(id) as RunRecordRow[]) setRun.run(runChecksum(id, r), id, r.idx);
    const setSeries = db.prepare("UPDATE run_series SET checksum = ? WHERE experiment_id = ? AND idx = ?");
    const seriesOf = db.prepare("SELECT idx, data FROM run_series WHERE experiment_id = ? ORDER BY idx");
    const withSeries = db.prepare("SELECT DISTINCT experiment_id FROM run_series").pluck().all() as number[];
    for (const id of withSeries)
      for (const r of seriesOf.all(id) as { idx: number; data: Uint8Array }[])
        setSeries.run(seriesChecksum(id, r.idx, r.data), id, r.idx);
  },
];

/**
 * SHA-256 of what a run row stores, with the experiment and index it belongs to: a byte changed in the file,
 * or a row moved to another experiment or index, no longer matches. Exported for tests that forge rows.
 */
export function runChecksum(
  experimentId: number,
  r: { idx: number; variant: number; replicate: number; seed: number; metrics: string },
): string {
  return createHash("sha256")
    .update(`run\n${experimentId}\n${r.idx}\n${r.variant}\n${r.replicate}\n${r.seed}\n${r.metrics}`)
    .digest("hex");
}

/** SHA-256 of a run's kept series as stored (encoded), with its experiment and index. Exported for tests. */
export function seriesChecksum(experimentId: number, idx: number, data: Uint8Array): string {
  return createHash("sha256").update(`series\n${experimentId}\n${idx}\n`).update(data).digest("hex");
}

/** SHA-256 of what an experiment's row stores about its plan. Exported for tests that forge rows. */
export function planChecksum(
  id: number,
  kind: string,
  name: string,
  scenarioId: string,
  total: number,
  plan: string,
): string {
  return createHash("sha256")
    .update(`plan\n${id}\n${kind}\n${name}\n${scenarioId}\n${total}\n${plan}`)
    .digest("hex");
}

/** The schema version this code writes; files with a higher version are refused. */
export const STORE_SCHEMA_VERSION = MIGRATIONS.length;

/** Tables a store at the current schema version must have. */
const CURRENT_TABLES = ["meta", "experiments", "runs", "run_series"];

/** How long a statement waits for another process's lock before giving up, in milliseconds. */
const BUSY_TIMEOUT_MS = 5000;

const SQLITE_MAGIC = "SQLite format 3\0";
const ADVICE = "Move it aside, or pass --store to use another file.";

/** What went wrong, for callers that react differently (the message says it for people). */
export type StoreErrorReason =
  | "not-a-store"
  | "damaged"
  | "newer-version"
  | "cannot-open"
  | "busy"
  | "unknown-experiment"
  | "duplicate-run"
  | "corrupt"
  | "failed";

/** Why a store could not be opened or used. `file` is the store's path; the message names it. */
export class StoreError extends Error {
  readonly file: string;
  readonly reason: StoreErrorReason;

  constructor(message: string, file: string, reason: StoreErrorReason, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StoreError";
    this.file = file;
    this.reason = reason;
  }
}

interface ExperimentRow {
  id: number;
  kind: string;
  name: string;
  scenario_id: string;
  created: string;
  status: string;
  total: number;
  plan: string;
  plan_checksum: string | null;
  error: string | null;
  done: number;
}

interface RunRecordRow {
  idx: number;
  variant: number;
  replicate: number;
  seed: number;
  metrics: string;
  checksum?: string | null;
}

interface SeriesRecordRow {
  idx: number;
  data: Uint8Array;
  checksum: string | null;
}

/** One problem `apparat store check` found: the experiment, the run where there is one, and what is wrong. */
export interface StoreProblem {
  experiment: number | null;
  run: number | null;
  message: string;
}

const STATUSES: readonly ExperimentStatus[] = ["running", "finished", "failed"];

/** Why a stored plan cannot be used, or null: the structure every reader relies on. */
function planProblem(plan: unknown): string | null {
  if (!plan || typeof plan !== "object" || Array.isArray(plan)) return "the plan is not an object";
  const p = plan as Record<string, unknown>;
  if (!EXPERIMENT_KINDS.includes(p.kind as ExperimentKind))
    return `the plan's kind is ${JSON.stringify(p.kind) ?? "missing"}, not one of ${EXPERIMENT_KINDS.join(", ")}`;
  if (typeof p.name !== "string") return "the plan has no name";
  if (!Number.isSafeInteger(p.seed) || (p.seed as number) < 0) return "the plan's seed is not a whole number";
  if (!Number.isSafeInteger(p.replicates) || (p.replicates as number) < 1)
    return "the plan's runs per variant is not a positive whole number";
  if (
    !p.scenario ||
    typeof p.scenario !== "object" ||
    typeof (p.scenario as { id?: unknown }).id !== "string"
  )
    return "the plan holds no scenario";
  if (!Array.isArray(p.variants) || p.variants.length === 0) return "the plan has no variants";
  for (const [i, v] of p.variants.entries()) {
    if (!v || typeof v !== "object" || typeof v.label !== "string" || !Array.isArray(v.sets))
      return `the plan's variant ${i} is malformed`;
  }
  if (!p.question || typeof p.question !== "object") return "the plan has no question";
  return null;
}

/** Why stored metrics cannot be used, or null. */
function metricsProblem(m: unknown): string | null {
  if (!m || typeof m !== "object" || Array.isArray(m)) return "its metrics are not an object";
  const x = m as Record<string, unknown>;
  if (typeof x.outcome !== "string") return "its metrics have no outcome";
  if (!Array.isArray(x.exits)) return "its metrics have no list of exits";
  if (typeof x.members !== "number" || typeof x.committee !== "number")
    return "its metrics lack the membership or committee size";
  return null;
}

/** Experiments and their runs in one SQLite file. Open with {@link ResultsStore.open}; close when done. */
export class ResultsStore {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly statements: ReturnType<typeof prepareStatements>;

  private constructor(db: Database.Database, file: string) {
    this.db = db;
    this.file = file;
    this.statements = prepareStatements(db);
  }

  /**
   * Opens the store in `file`, creating it if missing (`":memory:"` gives a private in-memory store). Several
   * processes may open the same file at once.
   *
   * @throws StoreError when the file is not a store, is damaged, was written by a newer Apparat, or cannot be
   * opened. Such a file is left byte for byte as it was.
   * @example
   * const store = ResultsStore.open(options.store ?? DEFAULT_STORE_FILE);
   * try {
   *   console.log(store.list());
   * } finally {
   *   store.close();
   * }
   */
  static open(file: string): ResultsStore {
    if (file !== ":memory:") checkExistingFile(file);
    let db: Database.Database;
    try {
      db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    } catch (error) {
      throw openFailure(error, file);
    }
    try {
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      migrate(db, file);
      db.pragma("journal_mode = WAL");
      db.pragma("foreign_keys = ON");
    } catch (error) {
      db.close();
      throw openFailure(error, file);
    }
    return new ResultsStore(db, file);
  }

  /**
   * Stores a new experiment with status "running" and returns its id.
   *
   * @example
   * const id = store.createExperiment(plan, plan.variants.length * plan.replicates);
   */
  createExperiment(plan: ExperimentPlan, total: number, created: string = new Date().toISOString()): number {
    const insert = this.db.transaction(() => {
      const row = {
        kind: plan.kind,
        name: plan.name,
        scenario_id: plan.scenario.id,
        created,
        status: "running" satisfies ExperimentStatus,
        total,
        plan: JSON.stringify(plan),
      };
      const id = Number(this.statements.insertExperiment.run(row).lastInsertRowid);
      // The checksum covers the id, known only once the row exists.
      this.statements.setPlanChecksum.run(
        planChecksum(id, row.kind, row.name, row.scenario_id, row.total, row.plan),
        id,
      );
      return id;
    });
    return this.guard("storing a new experiment", () => insert.immediate());
  }

  /**
   * The experiment with this id, its plan and how many of its runs are stored.
   *
   * @throws StoreError when there is no such experiment.
   * @example
   * const { plan, total, done } = store.experiment(3);
   */
  experiment(id: number): ExperimentRecord {
    return this.guard(`reading experiment ${id}`, () => {
      const row = this.statements.selectExperiment.get(id) as ExperimentRow | undefined;
      if (!row) throw this.unknownExperiment(id);
      return {
        id: row.id,
        created: row.created,
        status: row.status as ExperimentStatus,
        plan: this.readPlan(row),
        total: row.total,
        done: row.done,
        ...(row.error !== null ? { error: row.error } : {}),
      };
    });
  }

  /** The plan of an experiment row, verified against its checksum and checked for the structure readers need. */
  private readPlan(row: ExperimentRow): ExperimentPlan {
    const corrupt = (what: string) =>
      new StoreError(
        `Experiment ${row.id} in ${this.file} is damaged: ${what}. Its runs cannot be used; start it again as a new experiment.`,
        this.file,
        "corrupt",
      );
    const expected = planChecksum(row.id, row.kind, row.name, row.scenario_id, row.total, row.plan);
    if (row.plan_checksum !== expected)
      throw corrupt(
        "its stored plan does not match its checksum (the file was changed after it was written)",
      );
    let plan: unknown;
    try {
      plan = JSON.parse(row.plan);
    } catch (error) {
      throw corrupt(`its plan is not valid JSON (${(error as Error).message})`);
    }
    const problem = planProblem(plan);
    if (problem) throw corrupt(problem);
    if (!STATUSES.includes(row.status as ExperimentStatus))
      throw corrupt(`its status "${row.status}" is unknown`);
    return plan as ExperimentPlan;
  }

  /**
   * All experiments, newest first.
   *
   * @example
   * for (const e of store.list()) console.log(`${e.id} ${e.name} ${e.done}/${e.total}`);
   */
  list(): ExperimentListing[] {
    return this.guard("listing experiments", () =>
      (this.statements.listExperiments.all() as ExperimentRow[]).map((row) => ({
        id: row.id,
        kind: row.kind as ExperimentKind,
        name: row.name,
        scenario: row.scenario_id,
        created: row.created,
        status: row.status as ExperimentStatus,
        total: row.total,
        done: row.done,
        ...(row.error !== null ? { error: row.error } : {}),
      })),
    );
  }

  /**
   * Indices of the experiment's runs already stored: a resumed experiment runs only the others.
   *
   * @example
   * const todo = allIndices.filter((i) => !store.storedIndices(id).has(i));
   */
  storedIndices(id: number): Set<number> {
    return this.guard(`reading the runs of experiment ${id}`, () => {
      this.requireExperiment(id);
      return new Set(this.statements.selectIndices.pluck().all(id) as number[]);
    });
  }

  /**
   * Stores runs of an experiment, all or none. Storing an index that is already stored (or twice in `rows`)
   * is an error and stores nothing of the batch.
   *
   * @throws StoreError naming the index already stored, or when there is no such experiment.
   * @example
   * store.addRuns(id, [{ index: 0, variant: 0, replicate: 0, seed: 17, metrics }]);
   */
  addRuns(id: number, rows: readonly RunRow[]): void {
    const insertAll = this.db.transaction(() => {
      this.requireExperiment(id);
      for (const row of rows) {
        try {
          const stored = {
            idx: row.index,
            variant: row.variant,
            replicate: row.replicate,
            seed: row.seed,
            metrics: JSON.stringify(row.metrics),
          };
          this.statements.insertRun.run({ experiment_id: id, ...stored, checksum: runChecksum(id, stored) });
          if (row.series) {
            const data = encodeSeries(row.series);
            this.statements.insertSeries.run({
              experiment_id: id,
              idx: row.index,
              data,
              checksum: seriesChecksum(id, row.index, data),
            });
          }
        } catch (error) {
          if (sqliteCode(error) === "SQLITE_CONSTRAINT_PRIMARYKEY") {
            throw new StoreError(
              `Experiment ${id} in ${this.file}: run index ${row.index} was already stored; nothing of this batch of ${rows.length} runs was stored.`,
              this.file,
              "duplicate-run",
              { cause: error },
            );
          }
          throw error;
        }
      }
    });
    this.guard(`storing runs of experiment ${id}`, () => insertAll.immediate());
  }

  /**
   * The experiment's stored runs in index order.
   *
   * @example
   * const soleShare = store.runs(id).filter((r) => r.metrics.outcome === "sole-leader").length;
   */
  runs(id: number): RunRow[] {
    return this.guard(`reading the runs of experiment ${id}`, () => {
      this.requireExperiment(id);
      return (this.statements.selectRuns.all(id) as RunRecordRow[]).map((row) => {
        const problem = runProblem(id, row);
        if (problem)
          throw new StoreError(
            `Experiment ${id} in ${this.file}: run ${row.idx} is damaged (${problem}). Check the whole file with apparat store check.`,
            this.file,
            "corrupt",
          );
        return {
          index: row.idx,
          variant: row.variant,
          replicate: row.replicate,
          seed: row.seed,
          metrics: JSON.parse(row.metrics) as RunMetrics,
        };
      });
    });
  }

  /**
   * Checks the whole store: SQLite's own integrity check, then every experiment's plan, every run and every
   * run's kept series against its checksum and the structure readers need. Reads only; returns every problem found (none: []).
   *
   * @example
   * for (const p of store.check()) console.log(`experiment ${p.experiment} run ${p.run}: ${p.message}`);
   */
  check(): StoreProblem[] {
    return this.guard("checking the store", () => {
      const problems: StoreProblem[] = [];
      const verdicts = this.db.pragma("integrity_check", { simple: false }) as { integrity_check: string }[];
      for (const v of verdicts)
        if (v.integrity_check !== "ok")
          problems.push({ experiment: null, run: null, message: v.integrity_check });
      for (const row of this.statements.listExperiments.all() as ExperimentRow[]) {
        let plan: ExperimentPlan | null = null;
        try {
          plan = this.readPlan(row);
        } catch (error) {
          problems.push({ experiment: row.id, run: null, message: (error as Error).message });
        }
        const total = plan ? plan.variants.length * plan.replicates : row.total;
        for (const run of this.statements.selectRuns.iterate(row.id) as IterableIterator<RunRecordRow>) {
          const problem =
            runProblem(row.id, run) ??
            (run.idx < 0 || run.idx >= total ? `its index is outside the plan's ${total} runs` : null);
          if (problem) problems.push({ experiment: row.id, run: run.idx, message: problem });
        }
        for (const kept of this.statements.selectSeries.iterate(
          row.id,
        ) as IterableIterator<SeriesRecordRow>) {
          const read = readSeries(row.id, kept);
          if ("problem" in read)
            problems.push({ experiment: row.id, run: kept.idx, message: `its series: ${read.problem}` });
        }
      }
      return problems;
    });
  }

  /**
   * The kept series of the experiment's runs, in index order, one run at a time (a long experiment's series
   * need not fit in memory at once). Runs of an experiment that keeps no series give nothing.
   *
   * @example
   * for (const { index, series } of store.series(id)) console.log(index, series.lines.length);
   */
  *series(id: number): Generator<{ index: number; series: RunSeries }> {
    this.guard(`reading the series of experiment ${id}`, () => this.requireExperiment(id));
    const rows = this.statements.selectSeries.iterate(id) as IterableIterator<SeriesRecordRow>;
    for (const row of rows) {
      const read = readSeries(id, row);
      if ("problem" in read)
        throw new StoreError(
          `Experiment ${id} in ${this.file}: the series of run ${row.idx} are damaged (${read.problem}). Check the whole file with apparat store check.`,
          this.file,
          "corrupt",
        );
      yield { index: row.idx, series: read.series };
    }
  }

  /**
   * Marks the experiment finished, recording when.
   *
   * @example
   * if (store.experiment(id).done === total) store.markFinished(id);
   */
  markFinished(id: number, finished: string = new Date().toISOString()): void {
    this.setStatus(id, "finished", null, finished);
  }

  /**
   * Marks the experiment failed with the reason, so it never shows as running for ever; it may be resumed.
   *
   * @example
   * store.markFailed(id, "worker thread exited");
   */
  markFailed(id: number, error: string): void {
    this.setStatus(id, "failed", error.length > 2000 ? `${error.slice(0, 2000)}...` : error, null);
  }

  /** Marks the experiment running again (a resume), clearing a failure. */
  markRunning(id: number): void {
    this.setStatus(id, "running", null, null);
  }

  private setStatus(
    id: number,
    status: ExperimentStatus,
    error: string | null,
    finished: string | null,
  ): void {
    this.guard(`marking experiment ${id} ${status}`, () => {
      const result = this.statements.setStatus.run({ id, finished, status, error });
      if (result.changes === 0) throw this.unknownExperiment(id);
    });
  }

  /** Closes the file. The store cannot be used afterwards. */
  close(): void {
    if (this.db.open) this.db.close();
  }

  private requireExperiment(id: number): void {
    if (this.statements.experimentExists.get(id) === undefined) throw this.unknownExperiment(id);
  }

  private unknownExperiment(id: number): StoreError {
    return new StoreError(`There is no experiment ${id} in ${this.file}.`, this.file, "unknown-experiment");
  }

  /** Runs `work`, turning SQLite failures into StoreErrors that say what was being done and to which file. */
  private guard<T>(doing: string, work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof StoreError || !(error instanceof Database.SqliteError)) throw error;
      if (sqliteCode(error)?.startsWith("SQLITE_CORRUPT")) {
        const message = `${this.file} is damaged (${error.message}), found while ${doing}. ${ADVICE}`;
        throw new StoreError(message, this.file, "damaged", { cause: error });
      }
      const message = `${this.file}: ${doing} failed (${error.message}).`;
      throw new StoreError(message, this.file, "failed", { cause: error });
    }
  }
}

function prepareStatements(db: Database.Database) {
  const experimentColumns = `id, kind, name, scenario_id, created, status, total, plan, plan_checksum, error,
    (SELECT COUNT(*) FROM runs WHERE runs.experiment_id = experiments.id) AS done`;
  return {
    insertExperiment: db.prepare(
      `INSERT INTO experiments (kind, name, scenario_id, created, status, total, plan)
       VALUES (@kind, @name, @scenario_id, @created, @status, @total, @plan)`,
    ),
    selectExperiment: db.prepare(`SELECT ${experimentColumns} FROM experiments WHERE id = ?`),
    listExperiments: db.prepare(
      `SELECT ${experimentColumns} FROM experiments ORDER BY created DESC, id DESC`,
    ),
    experimentExists: db.prepare("SELECT 1 FROM experiments WHERE id = ?"),
    setStatus: db.prepare(
      "UPDATE experiments SET status = @status, finished = @finished, error = @error WHERE id = @id",
    ),
    setPlanChecksum: db.prepare("UPDATE experiments SET plan_checksum = ? WHERE id = ?"),
    insertRun: db.prepare(
      `INSERT INTO runs (experiment_id, idx, variant, replicate, seed, metrics, checksum)
       VALUES (@experiment_id, @idx, @variant, @replicate, @seed, @metrics, @checksum)`,
    ),
    selectIndices: db.prepare("SELECT idx FROM runs WHERE experiment_id = ? ORDER BY idx"),
    insertSeries: db.prepare(
      `INSERT INTO run_series (experiment_id, idx, data, checksum)
       VALUES (@experiment_id, @idx, @data, @checksum)`,
    ),
    selectSeries: db.prepare(
      "SELECT idx, data, checksum FROM run_series WHERE experiment_id = ? ORDER BY idx",
    ),
    selectRuns: db.prepare(
      "SELECT idx, variant, replicate, seed, metrics, checksum FROM runs WHERE experiment_id = ? ORDER BY idx",
    ),
  };
}

/** A run's kept series as stored, verified against its checksum and decoded; or why they cannot be used. */
function readSeries(experimentId: number, row: SeriesRecordRow): { series: RunSeries } | { problem: string } {
  if (row.checksum !== seriesChecksum(experimentId, row.idx, row.data))
    return { problem: "they do not match their checksum: the file was changed after they were stored" };
  try {
    return { series: decodeSeries(row.data) };
  } catch (error) {
    return { problem: `they cannot be decoded (${(error as Error).message})` };
  }
}

/** Why a stored run cannot be used, or null: its checksum, then its metrics. */
function runProblem(experimentId: number, row: RunRecordRow): string | null {
  if (row.checksum !== runChecksum(experimentId, row))
    return "it does not match its checksum: the file was changed after the run was stored";
  let metrics: unknown;
  try {
    metrics = JSON.parse(row.metrics);
  } catch {
    return "its metrics are not valid JSON";
  }
  return metricsProblem(metrics);
}

/**
 * Brings the schema up to date. Reads the version first and takes the write lock only when there is
 * something to do, then reads it again under the lock, since another process may have migrated meanwhile.
 */
function migrate(db: Database.Database, file: string): void {
  if (schemaVersion(db, file) === STORE_SCHEMA_VERSION) return;
  const upgrade = db.transaction(() => {
    const from = schemaVersion(db, file);
    if (from === STORE_SCHEMA_VERSION) return;
    for (let version = from; version < STORE_SCHEMA_VERSION; version++) {
      const step = MIGRATIONS[version]!;
      if (typeof step === "string") db.exec(step);
      else step(db);
    }
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)").run(
      String(STORE_SCHEMA_VERSION),
    );
  });
  upgrade.immediate();
}

/**
 * The store's schema version, 0 for an empty database.
 *
 * @throws StoreError when the database holds something else, or was written by a newer Apparat.
 */
function schemaVersion(db: Database.Database, file: string): number {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!'")
    .pluck()
    .all() as string[];
  if (tables.length === 0) return 0;
  if (!tables.includes("meta")) {
    throw new StoreError(
      `${file} is not an Apparat results store: it is an SQLite database with other tables (${tables.join(", ")}). ${ADVICE}`,
      file,
      "not-a-store",
    );
  }
  let stored: unknown;
  try {
    stored = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get();
  } catch {
    stored = undefined;
  }
  const version = Number(stored);
  if (stored === undefined || stored === null || !Number.isInteger(version) || version < 1) {
    throw new StoreError(
      `${file} is not an Apparat results store: its meta table has no valid schema_version. ${ADVICE}`,
      file,
      "not-a-store",
    );
  }
  if (version > STORE_SCHEMA_VERSION) {
    throw new StoreError(
      `${file} was written by a newer Apparat (store schema version ${version}; this version reads up to ${STORE_SCHEMA_VERSION}). Upgrade Apparat, or pass --store to use another file.`,
      file,
      "newer-version",
    );
  }
  const missing = version === STORE_SCHEMA_VERSION ? CURRENT_TABLES.filter((t) => !tables.includes(t)) : [];
  if (missing.length > 0) {
    throw new StoreError(
      `${file} is damaged (table ${missing.join(", ")} is missing). ${ADVICE}`,
      file,
      "damaged",
    );
  }
  return version;
}

/**
 * Refuses an existing file that is not a usable store, reading it only: first its header, then, through a
 * read-only connection, an integrity check and the schema version. A missing or empty file passes (it
 * becomes a new store).
 */
function checkExistingFile(file: string): void {
  if (!existsSync(file)) return;
  let size: number;
  let startsLikeSqlite: boolean;
  try {
    const stats = statSync(file);
    if (stats.isDirectory()) throw new Error("it is a folder");
    size = stats.size;
    startsLikeSqlite = size === 0 || hasSqliteHeader(file);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new StoreError(
      `${file} cannot be opened (${detail}). Pass --store to use another file.`,
      file,
      "cannot-open",
      { cause: error },
    );
  }
  if (size === 0) return;
  if (!startsLikeSqlite) {
    throw new StoreError(
      `${file} is not an Apparat results store: file is not a database. ${ADVICE}`,
      file,
      "not-a-store",
    );
  }
  const sideFilesExisted = existsSync(`${file}-wal`) || existsSync(`${file}-shm`);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    const verdict = db.pragma("quick_check(1)", { simple: true });
    if (verdict !== "ok") {
      const problem = String(verdict)
        .replace(/\*\*\* in database \w+ \*\*\*/g, "")
        .replace(/\s+/g, " ")
        .trim();
      throw new StoreError(`${file} is damaged (${problem}). ${ADVICE}`, file, "damaged");
    }
    schemaVersion(db, file);
  } catch (error) {
    const failure = openFailure(error, file);
    db?.close();
    db = undefined;
    // Whatever the reason for refusing it, the file is left as it was: no side files of this check.
    if (!sideFilesExisted) removeSideFilesOfCheck(file);
    throw failure;
  } finally {
    db?.close();
  }
}

/** Whether the file starts with the SQLite magic string. */
function hasSqliteHeader(file: string): boolean {
  const fd = openSync(file, "r");
  try {
    const header = Buffer.alloc(SQLITE_MAGIC.length);
    const read = readSync(fd, header, 0, header.length, 0);
    return read === header.length && header.toString("latin1") === SQLITE_MAGIC;
  } finally {
    closeSync(fd);
  }
}

/**
 * A read-only connection to a file whose header says WAL creates empty `-wal` and `-shm` files and cannot
 * remove them. After a file was refused, removes them, unless the log holds something (then another
 * process wrote it and it is not ours to remove).
 */
function removeSideFilesOfCheck(file: string): void {
  const log = `${file}-wal`;
  try {
    if (existsSync(log) && statSync(log).size > 0) return;
    rmSync(log, { force: true });
    rmSync(`${file}-shm`, { force: true });
  } catch {
    // Leaving them is harmless: SQLite recreates or ignores them.
  }
}

function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** A StoreError saying why `file` could not be opened. */
function openFailure(error: unknown, file: string): StoreError {
  if (error instanceof StoreError) return error;
  const code = sqliteCode(error) ?? "";
  const detail = error instanceof Error ? error.message : String(error);
  const failure = (message: string, reason: StoreErrorReason) =>
    new StoreError(message, file, reason, { cause: error });
  if (code === "SQLITE_NOTADB") {
    return failure(`${file} is not an Apparat results store: ${detail}. ${ADVICE}`, "not-a-store");
  }
  if (code.startsWith("SQLITE_CORRUPT"))
    return failure(`${file} is damaged (${detail}). ${ADVICE}`, "damaged");
  if (code.startsWith("SQLITE_CANTOPEN") || code.startsWith("SQLITE_PERM") || error instanceof TypeError) {
    return failure(
      `${file} cannot be opened (${detail}). Check that its folder exists and is writable, or pass --store to use another file.`,
      "cannot-open",
    );
  }
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
    return failure(
      `${file} is locked by another process (${detail}). Try again, or pass --store to use another file.`,
      "busy",
    );
  }
  return failure(`${file} could not be opened (${detail}). ${ADVICE}`, "failed");
}
