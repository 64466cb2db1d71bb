/**
 * The results store: experiments and their runs in one SQLite file. Runs are stored as they finish, so a long
 * experiment survives a crash and resumes where it stopped; several processes can add runs to the same file;
 * and a run index can be stored only once, which is what proves that no run was ever repeated.
 *
 * The file is the user's data. A file that is not a store, is damaged, or was written by a newer version is
 * refused with a {@link StoreError} before anything is written to it.
 */
import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from "node:fs";
import Database from "better-sqlite3";
import type {
  ExperimentKind,
  ExperimentListing,
  ExperimentPlan,
  ExperimentRecord,
  ExperimentStatus,
  RunMetrics,
  RunRow,
  RunSeries,
} from "../experiments/types.ts";
import { decodeSeries, encodeSeries } from "./seriesCodec.ts";

export { DEFAULT_STORE_FILE } from "./defaults.ts";

/**
 * Schema changes, in order: step `v` takes a store from schema version `v` to `v + 1`. A later version appends
 * a step and never edits an earlier one, so every older file can be brought up to date.
 */
const MIGRATIONS: readonly string[] = [
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
];

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
  done: number;
}

interface RunRecordRow {
  idx: number;
  variant: number;
  replicate: number;
  seed: number;
  metrics: string;
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
    return this.guard("storing a new experiment", () => {
      const result = this.statements.insertExperiment.run({
        kind: plan.kind,
        name: plan.name,
        scenario_id: plan.scenario.id,
        created,
        status: "running" satisfies ExperimentStatus,
        total,
        plan: JSON.stringify(plan),
      });
      return Number(result.lastInsertRowid);
    });
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
        plan: JSON.parse(row.plan) as ExperimentPlan,
        total: row.total,
        done: row.done,
      };
    });
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
          this.statements.insertRun.run({
            experiment_id: id,
            idx: row.index,
            variant: row.variant,
            replicate: row.replicate,
            seed: row.seed,
            metrics: JSON.stringify(row.metrics),
          });
          if (row.series)
            this.statements.insertSeries.run({
              experiment_id: id,
              idx: row.index,
              data: encodeSeries(row.series),
            });
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
      return (this.statements.selectRuns.all(id) as RunRecordRow[]).map((row) => ({
        index: row.idx,
        variant: row.variant,
        replicate: row.replicate,
        seed: row.seed,
        metrics: JSON.parse(row.metrics) as RunMetrics,
      }));
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
    const rows = this.statements.selectSeries.iterate(id) as IterableIterator<{
      idx: number;
      data: Uint8Array;
    }>;
    for (const row of rows) yield { index: row.idx, series: decodeSeries(row.data) };
  }

  /**
   * Marks the experiment finished, recording when.
   *
   * @example
   * if (store.experiment(id).done === total) store.markFinished(id);
   */
  markFinished(id: number, finished: string = new Date().toISOString()): void {
    this.guard(`finishing experiment ${id}`, () => {
      const result = this.statements.finishExperiment.run({ id, finished, status: "finished" });
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
  const experimentColumns = `id, kind, name, scenario_id, created, status, total, plan,
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
    finishExperiment: db.prepare(
      "UPDATE experiments SET status = @status, finished = @finished WHERE id = @id",
    ),
    insertRun: db.prepare(
      `INSERT INTO runs (experiment_id, idx, variant, replicate, seed, metrics)
       VALUES (@experiment_id, @idx, @variant, @replicate, @seed, @metrics)`,
    ),
    selectIndices: db.prepare("SELECT idx FROM runs WHERE experiment_id = ? ORDER BY idx"),
    insertSeries: db.prepare(
      "INSERT INTO run_series (experiment_id, idx, data) VALUES (@experiment_id, @idx, @data)",
    ),
    selectSeries: db.prepare("SELECT idx, data FROM run_series WHERE experiment_id = ? ORDER BY idx"),
    selectRuns: db.prepare(
      "SELECT idx, variant, replicate, seed, metrics FROM runs WHERE experiment_id = ? ORDER BY idx",
    ),
  };
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
    for (let version = from; version < STORE_SCHEMA_VERSION; version++) db.exec(MIGRATIONS[version]!);
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
    const unreadable = failure.reason === "damaged" || sqliteCode(error) === "SQLITE_NOTADB";
    if (!sideFilesExisted && unreadable) removeSideFilesOfCheck(file);
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
 * remove them. After a damaged file was refused, removes them, unless the log holds something (then another
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
