import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunMetrics } from "../experiments/types.ts";
import { planChecksum, ResultsStore, runChecksum, STORE_SCHEMA_VERSION, StoreError } from "./store.ts";
import { fakePlan, fakeRun, STORE_V1_TABLES } from "./testing.ts";

let dir: string;
const open: ResultsStore[] = [];

/** Opens a store and closes it after the test. */
function openStore(file: string): ResultsStore {
  const store = ResultsStore.open(file);
  open.push(store);
  return store;
}

/** Catches what `work` throws, failing the test when it throws nothing. */
function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "apparat-store-"));
});

afterEach(() => {
  for (const store of open.splice(0)) store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("ResultsStore: experiments", () => {
  it("creates, gets and lists experiments, newest first", () => {
    const store = openStore(":memory:");
    const plan = fakePlan();
    const first = store.createExperiment(plan, 6, "2024-01-01T00:00:00.000Z");
    const second = store.createExperiment(
      fakePlan({ kind: "sweep", name: "sweep" }),
      4,
      "2024-02-01T00:00:00.000Z",
    );
    expect(second).not.toBe(first);

    const record = store.experiment(first);
    expect(record).toEqual({
      id: first,
      created: "2024-01-01T00:00:00.000Z",
      status: "running",
      plan,
      total: 6,
      done: 0,
    });

    store.addRuns(first, [fakeRun(0, 2), fakeRun(1, 2)]);
    expect(store.list()).toEqual([
      {
        id: second,
        kind: "sweep",
        name: "sweep",
        scenario: "toy-scenario",
        created: "2024-02-01T00:00:00.000Z",
        status: "running",
        total: 4,
        done: 0,
      },
      {
        id: first,
        kind: "mc",
        name: "toy experiment",
        scenario: "toy-scenario",
        created: "2024-01-01T00:00:00.000Z",
        status: "running",
        total: 6,
        done: 2,
      },
    ]);
  });

  it("stamps the creation time when none is given", () => {
    const store = openStore(":memory:");
    const before = new Date().toISOString();
    const id = store.createExperiment(fakePlan(), 1);
    const { created } = store.experiment(id);
    expect(created >= before && created <= new Date().toISOString()).toBe(true);
  });

  it("marks an experiment finished", () => {
    const store = openStore(":memory:");
    const id = store.createExperiment(fakePlan(), 2);
    store.markFinished(id);
    expect(store.experiment(id).status).toBe("finished");
    expect(store.list()[0]?.status).toBe("finished");
  });

  it("names the id and the file when an experiment is unknown", () => {
    const file = join(dir, "results.db");
    const store = openStore(file);
    const attempts = [
      () => store.experiment(42),
      () => store.runs(42),
      () => store.storedIndices(42),
      () => store.addRuns(42, [fakeRun(0, 2)]),
      () => store.markFinished(42),
    ];
    for (const attempt of attempts) {
      const error = thrown(attempt);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).message).toContain("experiment 42");
      expect((error as StoreError).message).toContain(file);
      expect((error as StoreError).reason).toBe("unknown-experiment");
    }
  });
});

describe("ResultsStore: runs", () => {
  it("stores runs and gives them back exactly, in index order", () => {
    const store = openStore(":memory:");
    const id = store.createExperiment(fakePlan(), 8);
    const rows = [5, 2, 7, 0, 1].map((i) => fakeRun(i, 2));
    store.addRuns(id, rows.slice(0, 2));
    store.addRuns(id, rows.slice(2));

    const back = store.runs(id);
    expect(back.map((r) => r.index)).toEqual([0, 1, 2, 5, 7]);
    expect(back).toEqual([...rows].sort((a, b) => a.index - b.index));
    expect(store.experiment(id).done).toBe(5);
  });

  it("keeps the metrics' key order and values as given", () => {
    const store = openStore(":memory:");
    const id = store.createExperiment(fakePlan(), 1);
    const metrics = {
      committee: 61,
      members: 123_456,
      exits: [{ date: "2001-02-03", id: "c" }],
      soleDate: null,
      leader: "a",
      outcome: "dominant-leader",
    } as RunMetrics;
    store.addRuns(id, [{ index: 0, variant: 0, replicate: 0, seed: 2 ** 52 + 1, metrics }]);
    const [back] = store.runs(id);
    expect(JSON.stringify(back?.metrics)).toBe(JSON.stringify(metrics));
    expect(back?.seed).toBe(2 ** 52 + 1);
  });

  it("lists the stored indices", () => {
    const store = openStore(":memory:");
    const id = store.createExperiment(fakePlan(), 10);
    const other = store.createExperiment(fakePlan(), 10);
    expect(store.storedIndices(id)).toEqual(new Set());
    store.addRuns(id, [fakeRun(3, 2), fakeRun(9, 2)]);
    store.addRuns(other, [fakeRun(4, 2)]);
    expect(store.storedIndices(id)).toEqual(new Set([3, 9]));
    expect(store.storedIndices(other)).toEqual(new Set([4]));
  });

  it("refuses a run index stored before and stores nothing of that batch", () => {
    const store = openStore(":memory:");
    const id = store.createExperiment(fakePlan(), 10);
    store.addRuns(id, [fakeRun(0, 2), fakeRun(1, 2)]);

    const error = thrown(() =>
      store.addRuns(id, [fakeRun(2, 2), fakeRun(3, 2), fakeRun(1, 2), fakeRun(4, 2)]),
    );
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).reason).toBe("duplicate-run");
    expect((error as Error).message).toContain("run index 1 was already stored");
    expect(store.storedIndices(id)).toEqual(new Set([0, 1]));
    expect(store.runs(id)).toEqual([fakeRun(0, 2), fakeRun(1, 2)]);
  });

  it("refuses an index given twice in one batch and stores nothing of it", () => {
    const store = openStore(":memory:");
    const id = store.createExperiment(fakePlan(), 10);
    const error = thrown(() => store.addRuns(id, [fakeRun(5, 2), fakeRun(6, 2), fakeRun(5, 2)]));
    expect((error as Error).message).toContain("run index 5 was already stored");
    expect(store.storedIndices(id).size).toBe(0);
  });

  it("lets the same index be stored for different experiments", () => {
    const store = openStore(":memory:");
    const a = store.createExperiment(fakePlan(), 1);
    const b = store.createExperiment(fakePlan(), 1);
    store.addRuns(a, [fakeRun(0, 2)]);
    store.addRuns(b, [fakeRun(0, 2)]);
    expect(store.experiment(a).done + store.experiment(b).done).toBe(2);
  });
});

describe("ResultsStore: the file", () => {
  it("creates a missing file, and a reopened store sees what was stored", () => {
    const file = join(dir, "results.db");
    const first = ResultsStore.open(file);
    const id = first.createExperiment(fakePlan(), 4);
    first.addRuns(id, [fakeRun(0, 2)]);
    first.close();

    const again = openStore(file);
    expect(again.runs(id)).toEqual([fakeRun(0, 2)]);
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(raw.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get()).toBe(
      String(STORE_SCHEMA_VERSION),
    );
    raw.close();
  });

  it("shares one file between two open handles", () => {
    const file = join(dir, "shared.db");
    const writer = openStore(file);
    const reader = openStore(file);
    const id = writer.createExperiment(fakePlan(), 4);
    writer.addRuns(id, [fakeRun(0, 2), fakeRun(1, 2)]);

    expect(reader.experiment(id).done).toBe(2);
    expect(reader.storedIndices(id)).toEqual(new Set([0, 1]));
    reader.addRuns(id, [fakeRun(2, 2)]);
    expect(writer.runs(id).map((r) => r.index)).toEqual([0, 1, 2]);
    expect(() => reader.addRuns(id, [fakeRun(1, 2)])).toThrow(/run index 1 was already stored/);
  });

  it("treats an empty file as a new store", () => {
    const file = join(dir, "empty.db");
    writeFileSync(file, "");
    const store = openStore(file);
    expect(store.list()).toEqual([]);
    expect(store.createExperiment(fakePlan(), 1)).toBe(1);
  });

  it("says so when the path is a folder", () => {
    const error = thrown(() => ResultsStore.open(dir));
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).reason).toBe("cannot-open");
    expect((error as Error).message).toContain(dir);
  });

  it("says so when the folder does not exist", () => {
    const file = join(dir, "missing", "results.db");
    const error = thrown(() => ResultsStore.open(file));
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).reason).toBe("cannot-open");
    expect((error as Error).message).toContain(file);
  });
});

describe("ResultsStore: files it must not touch", () => {
  /** A store file with some runs in it, closed. */
  function realStore(file: string, runs: number): void {
    const store = ResultsStore.open(file);
    const id = store.createExperiment(fakePlan(), runs);
    store.addRuns(
      id,
      Array.from({ length: runs }, (_, i) => fakeRun(i, 2)),
    );
    store.close();
  }

  /** Opening `file` fails with a StoreError that names the file, and leaves the file as it was. */
  function expectRefused(file: string, reason: StoreError["reason"], says: RegExp): StoreError {
    const before = readFileSync(file);
    const error = thrown(() => ResultsStore.open(file));
    expect(error).toBeInstanceOf(StoreError);
    const storeError = error as StoreError;
    expect(storeError.file).toBe(file);
    expect(storeError.reason).toBe(reason);
    expect(storeError.message).toContain(file);
    expect(storeError.message).toMatch(says);
    expect(storeError.message).toContain("--store");
    expect(readFileSync(file).equals(before)).toBe(true);
    return storeError;
  }

  it("refuses a file that is not a database", () => {
    const file = join(dir, "notes.db");
    writeFileSync(file, "these are my notes, not a database\n".repeat(200));
    expectRefused(file, "not-a-store", /is not an Apparat results store: file is not a database/);
    expect(existsSync(`${file}-wal`) || existsSync(`${file}-shm`)).toBe(false);
  });

  it("refuses a file with a database header but garbage after it", () => {
    const file = join(dir, "scrambled.db");
    const bytes = Buffer.alloc(8192, 0xab);
    bytes.write("SQLite format 3\0", 0, "latin1");
    writeFileSync(file, bytes);
    expectRefused(file, "not-a-store", /is not an Apparat results store/);
  });

  it("refuses a truncated store and leaves no side files", () => {
    const whole = join(dir, "whole.db");
    realStore(whole, 300);
    const bytes = readFileSync(whole);
    expect(bytes.length).toBeGreaterThan(8 * 4096);
    const file = join(dir, "truncated.db");
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));

    expectRefused(file, "damaged", /is damaged \(.+\)/);
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(existsSync(`${file}-shm`)).toBe(false);
  });

  it("refuses a store with a damaged page", () => {
    const file = join(dir, "damaged.db");
    realStore(file, 300);
    const bytes = readFileSync(file);
    bytes.fill(0x5a, 4096 * 3, 4096 * 3 + 2000);
    writeFileSync(file, bytes);
    expectRefused(file, "damaged", /is damaged/);
  });

  it("refuses an SQLite database of another program", () => {
    const file = join(dir, "other.db");
    const other = new Database(file);
    other.exec("CREATE TABLE contacts (name TEXT, phone TEXT); INSERT INTO contacts VALUES ('x', '1');");
    other.close();
    expectRefused(file, "not-a-store", /is not an Apparat results store: .*other tables \(contacts\)/);
  });

  it("refuses a database whose meta table is not ours", () => {
    const file = join(dir, "meta.db");
    const other = new Database(file);
    other.exec("CREATE TABLE meta (k TEXT, v TEXT); INSERT INTO meta VALUES ('owner', 'someone');");
    other.close();
    expectRefused(file, "not-a-store", /no valid schema_version/);
  });

  it("refuses a store written by a newer Apparat", () => {
    const file = join(dir, "newer.db");
    realStore(file, 10);
    const raw = new Database(file);
    raw
      .prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'")
      .run(String(STORE_SCHEMA_VERSION + 1));
    raw.close();
    expectRefused(file, "newer-version", /written by a newer Apparat/);
    // The refusal leaves nothing beside the file either.
    expect(existsSync(`${file}-wal`) || existsSync(`${file}-shm`)).toBe(false);
  });
});

describe("ResultsStore: integrity", () => {
  /** A closed store file with one experiment of `runs` runs; returns the experiment id. */
  function storeWithRuns(file: string, runs: number): number {
    const store = ResultsStore.open(file);
    const id = store.createExperiment(fakePlan(), runs);
    store.addRuns(
      id,
      Array.from({ length: runs }, (_, i) => fakeRun(i, 2)),
    );
    store.close();
    return id;
  }

  /** Runs SQL on the file behind the store's back, as a stray program or a bad disk would. */
  function tamper(file: string, sql: string, ...params: unknown[]): void {
    const raw = new Database(file);
    raw.prepare(sql).run(...params);
    raw.close();
  }

  it("finds a changed byte in a stored run, naming the experiment and the run", () => {
    const file = join(dir, "results.db");
    const id = storeWithRuns(file, 6);
    tamper(file, "UPDATE runs SET metrics = replace(metrics, '1000003', '1000004') WHERE idx = 3");
    const store = openStore(file);
    const error = thrown(() => store.runs(id)) as StoreError;
    expect(error).toBeInstanceOf(StoreError);
    expect(error.reason).toBe("corrupt");
    expect(error.message).toMatch(new RegExp(`Experiment ${id}.*run 3 is damaged.*checksum`));
    expect(store.check()).toEqual([
      { experiment: id, run: 3, message: expect.stringMatching(/does not match its checksum/) },
    ]);
  });

  it("reports malformed metrics and a malformed or empty plan by experiment and row, and still lists", () => {
    const file = join(dir, "results.db");
    const a = storeWithRuns(file, 4);
    const b = storeWithRuns(file, 2);
    // Malformed rows and plans with checksums that match, as a faulty writer would leave them.
    const raw = new Database(file);
    const runSum = (e: number, idx: number, metrics: string) =>
      runChecksum(e, {
        idx,
        variant: idx % 2,
        replicate: Math.floor(idx / 2),
        seed: fakeRun(idx, 2).seed,
        metrics,
      });
    raw
      .prepare("UPDATE runs SET metrics = ?, checksum = ? WHERE experiment_id = ? AND idx = 1")
      .run("{not json", runSum(a, 1, "{not json"), a);
    raw
      .prepare("UPDATE runs SET metrics = ?, checksum = ? WHERE experiment_id = ? AND idx = 2")
      .run('{"outcome":1}', runSum(a, 2, '{"outcome":1}'), a);
    const row = raw.prepare("SELECT kind, name, scenario_id, total FROM experiments WHERE id = ?").get(b) as {
      kind: string;
      name: string;
      scenario_id: string;
      total: number;
    };
    raw
      .prepare("UPDATE experiments SET plan = '{}', plan_checksum = ? WHERE id = ?")
      .run(planChecksum(b, row.kind, row.name, row.scenario_id, row.total, "{}"), b);
    raw.close();

    const store = openStore(file);
    expect((thrown(() => store.runs(a)) as Error).message).toMatch(
      /run 1 is damaged \(its metrics are not valid JSON\)/,
    );
    expect((thrown(() => store.experiment(b)) as Error).message).toMatch(
      new RegExp(`Experiment ${b} .* damaged: the plan's kind is missing`),
    );
    expect(store.list().map((e) => e.id)).toEqual([b, a]);
    const problems = store.check();
    expect(problems).toEqual([
      { experiment: b, run: null, message: expect.stringMatching(/plan's kind is missing/) },
      { experiment: a, run: 1, message: "its metrics are not valid JSON" },
      { experiment: a, run: 2, message: "its metrics have no outcome" },
    ]);
  });

  it("finds an edited plan and a run stored at an index outside its plan", () => {
    const file = join(dir, "results.db");
    const id = storeWithRuns(file, 4);
    tamper(file, "UPDATE experiments SET plan = replace(plan, '\"seed\":7', '\"seed\":8')");
    const store = openStore(file);
    expect((thrown(() => store.experiment(id)) as StoreError).reason).toBe("corrupt");
    expect(store.check()[0]).toMatchObject({ experiment: id, run: null });
    store.close();

    const other = join(dir, "other.db");
    const e = storeWithRuns(other, 4);
    const far = fakeRun(99, 2);
    const s2 = openStore(other);
    s2.addRuns(e, [far]);
    expect(s2.check()).toEqual([
      { experiment: e, run: 99, message: "its index is outside the plan's 6 runs" },
    ]);
  });

  it("gives every run of a store written before checksums one when it is opened, and reads it", () => {
    const file = join(dir, "old.db");
    const raw = new Database(file);
    raw.exec(`${STORE_V1_TABLES}
INSERT INTO meta VALUES ('schema_version', '1');`);
    raw
      .prepare(
        "INSERT INTO experiments (kind, name, scenario_id, created, status, total, plan) VALUES (?, ?, ?, ?, ?, ?, ?)",
      )
      .run("mc", "toy experiment", "toy-scenario", "2024-01-01", "running", 6, JSON.stringify(fakePlan()));
    const run = fakeRun(0, 2);
    raw
      .prepare("INSERT INTO runs VALUES (1, 0, ?, ?, ?, ?)")
      .run(run.variant, run.replicate, run.seed, JSON.stringify(run.metrics));
    raw.close();
    const store = openStore(file);
    expect(store.runs(1)).toEqual([run]);
    expect(store.experiment(1).plan).toEqual(fakePlan());
    expect(store.check()).toEqual([]);
  });

  it("marks an experiment failed with its reason, and running again on a resume", () => {
    const store = openStore(":memory:");
    const id = store.createExperiment(fakePlan(), 6);
    store.markFailed(id, "the engine threw: boom");
    expect(store.experiment(id)).toMatchObject({ status: "failed", error: "the engine threw: boom" });
    expect(store.list()[0]).toMatchObject({ status: "failed", error: "the engine threw: boom" });
    store.markRunning(id);
    expect(store.experiment(id).status).toBe("running");
    expect(store.experiment(id).error).toBeUndefined();
    expect((thrown(() => store.markFailed(id + 1, "x")) as StoreError).reason).toBe("unknown-experiment");
  });
});
