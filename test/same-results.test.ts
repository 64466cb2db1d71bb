/**
 * The same experiment gives the same bytes on one thread, on two worker threads, and through the queue on
 * two `apparat worker` processes: the whole CLI path, store included.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
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

  it("on one thread and on two worker threads", () => {
    const two = whatif(["--workers", "2", "--store", join(dir, "two.db")]);
    expect(two.runs).toBe(12);
    expect(JSON.stringify(two.summary)).toBe(JSON.stringify(one.summary));
  });

  it.skipIf(!redis)(
    `through the queue on two apparat workers${redis ? "" : ` (skipped: ${NO_REDIS_REASON})`}`,
    async () => {
      const url = redis!.url;
      await Promise.all([startWorker(url), startWorker(url)]);
      const queued = whatif(["--queue", url, "--store", join(dir, "queue.db")]);
      expect(JSON.stringify(queued.summary)).toBe(JSON.stringify(one.summary));
    },
  );
});
