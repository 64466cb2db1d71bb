/**
 * The same experiment gives the same bytes on one thread, on two worker threads, and through the queue on
 * two `apparat worker` processes: the whole CLI path, store included.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { apparat, ROOT } from "./cli.ts";
import { NO_REDIS_REASON, testRedis } from "./redis.ts";

const dir = mkdtempSync(join(tmpdir(), "apparat-same-"));
const redis = await testRedis();
const workers: ChildProcess[] = [];

afterAll(async () => {
  for (const w of workers) w.kill("SIGTERM");
  await Promise.all(
    workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.once("exit", r)))),
  );
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function whatif(extra: string[]): { summary: unknown; runs: number } {
  const args = [
    "whatif",
    "--runs",
    "6",
    "--seed",
    "3",
    "--set",
    "mechanisms.enrolment.enabled=false",
    "--json",
  ];
  return JSON.parse(apparat(...args, ...extra));
}

/** A small Morris screening that keeps a series, and its series exported as CSV from the store. */
function sensitivity(store: string, extra: string[]): { summary: unknown; series: string } {
  const args = [
    "sensitivity",
    "--method",
    "morris",
    "--params",
    "mechanisms.patronage.params.maxGrip,mechanisms.files.params.coercion",
    "--samples",
    "2",
    "--runs",
    "2",
    "--series",
    "members,politburo",
    "--json",
    "--store",
    store,
  ];
  const out = JSON.parse(apparat(...args, ...extra)) as { id: number; summary: unknown };
  const csv = join(dir, `${store.replace(/\W/g, "_")}.csv`);
  apparat("export", String(out.id), "--series", "--out", csv, "--store", store);
  return { summary: out.summary, series: readFileSync(csv, "utf8") };
}

function startWorker(url: string): Promise<void> {
  const child = spawn(process.execPath, ["bin/apparat.js", "worker", "--queue", url], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
  });
  workers.push(child);
  return new Promise((resolve, reject) => {
    let err = "";
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${err}`)), 30_000);
    child.stderr?.on("data", (d: Buffer) => {
      err += d.toString();
      if (err.includes("serving runs")) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

describe("same experiment, same results", () => {
  const one = whatif(["--workers", "1", "--store", join(dir, "one.db")]);
  const oneSensitivity = sensitivity(join(dir, "one-s.db"), ["--workers", "1"]);

  it("on one thread and on two worker threads", () => {
    const two = whatif(["--workers", "2", "--store", join(dir, "two.db")]);
    expect(two.runs).toBe(12);
    expect(JSON.stringify(two.summary)).toBe(JSON.stringify(one.summary));
  });

  it("a sensitivity analysis with kept series, on one thread and on two: same indices, same series bytes", () => {
    const two = sensitivity(join(dir, "two-s.db"), ["--workers", "2"]);
    expect(JSON.stringify(two.summary)).toBe(JSON.stringify(oneSensitivity.summary));
    expect(two.series).toBe(oneSensitivity.series);
    expect(two.series.split("\n").length).toBeGreaterThan(2 * 6 * 100);
  });

  it.skipIf(!redis)(
    `through the queue on two apparat workers${redis ? "" : ` (skipped: ${NO_REDIS_REASON})`}`,
    async () => {
      const url = redis!.url;
      await Promise.all([startWorker(url), startWorker(url)]);
      const queued = whatif(["--queue", url, "--store", join(dir, "queue.db")]);
      expect(JSON.stringify(queued.summary)).toBe(JSON.stringify(one.summary));
      const queuedSensitivity = sensitivity(join(dir, "queue-s.db"), ["--queue", url]);
      expect(JSON.stringify(queuedSensitivity.summary)).toBe(JSON.stringify(oneSensitivity.summary));
      expect(queuedSensitivity.series).toBe(oneSensitivity.series);
    },
  );
});
