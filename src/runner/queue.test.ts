/**
 * The distributed queue against a real Redis (see test/redis.ts) with two worker processes: rows come back
 * byte for byte as the in-process executor makes them, both workers share the work, failures and a missing
 * worker are reported clearly, and nothing is left behind in Redis.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { Queue, QueueEvents } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bolshevikScenario } from "../../test/fixtures.ts";
import { NO_REDIS_REASON, testRedis } from "../../test/redis.ts";
import { tasksFor } from "../experiments/execute.ts";
import { planMonteCarlo, planWhatIf } from "../experiments/plan.ts";
import { collect } from "./executor.cases.ts";
import { InProcessExecutor } from "./inProcess.ts";
import { PLAN_PREFIX, QueueExecutor, type QueueJob, redisOptions } from "./queue.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const WORKER_SCRIPT = fileURLToPath(new URL("../../test/queueWorkerProcess.ts", import.meta.url));
const question = { text: "q", leader: "stalin", by: "1930-01-01" };

describe("redisOptions", () => {
  it("reads host, port, credentials and database from a redis:// or rediss:// URL", () => {
    expect(redisOptions("redis://127.0.0.1:6390")).toEqual({ host: "127.0.0.1", port: 6390 });
    expect(redisOptions("rediss://u:p%40ss@example.org/3")).toEqual({
      host: "example.org",
      port: 6379,
      username: "u",
      password: "p@ss",
      db: 3,
      tls: { servername: "example.org" },
    });
  });

  it("refuses anything else, naming the value", () => {
    for (const bad of ["http://127.0.0.1:6379", "localhost:6379", "127.0.0.1:6379", "", "redis://h/x"])
      expect(() => new QueueExecutor(bad)).toThrow(`"${bad}"`);
    expect(() => new QueueExecutor("http://127.0.0.1:6379")).toThrow(/redis:\/\/ or rediss:\/\//);
  });

  it("keeps passwords out of the description", () => {
    const executor = new QueueExecutor("redis://user:secret@127.0.0.1:6390");
    expect(executor.description).toBe("queue redis://user:***@127.0.0.1:6390 (BullMQ)");
  });
});

const redis = await testRedis();

describe.skipIf(!redis)(`queue executor over Redis${redis ? "" : ` (skipped: ${NO_REDIS_REASON})`}`, () => {
  const url = redis?.url ?? "";
  const queueName = `apparat-test-${randomUUID()}`;
  const workers: { child: ChildProcess; batches: number; out: string }[] = [];
  const closers: (() => Promise<unknown>)[] = [];
  let client: Redis;

  function startWorker(): Promise<void> {
    const child = spawn(process.execPath, ["--import", "tsx", WORKER_SCRIPT, url, queueName], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const w = { child, batches: 0, out: "" };
    workers.push(w);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker not ready in 30 s:\n${w.out}`)), 30_000);
      child.stderr?.on("data", (d: Buffer) => {
        w.out += d.toString();
      });
      child.stdout?.on("data", (d: Buffer) => {
        const text = d.toString();
        w.out += text;
        w.batches += text.match(/^batch \d+$/gm)?.length ?? 0;
        if (/^ready$/m.test(text)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`worker exited with ${code}:\n${w.out}`));
      });
    });
  }

  beforeAll(async () => {
    client = new Redis(url);
    await Promise.all([startWorker(), startWorker()]);
  });

  afterAll(async () => {
    await Promise.all(
      workers.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once("exit", () => resolve());
            child.kill("SIGTERM");
          }),
      ),
    );
    for (const close of closers) await close();
    await client?.quit();
    await redis?.stop();
  });

  it("returns the in-process rows byte for byte, shared between both workers", async () => {
    const scenario = bolshevikScenario();
    const mc = planMonteCarlo({ scenario, seed: 7, replicates: 12, question });
    const whatif = planWhatIf({
      scenario,
      seed: 7,
      replicates: 6,
      question,
      sets: [{ path: "mechanisms.patronage.enabled", value: false }],
    });
    const executor = new QueueExecutor(url, { queueName, timeoutMs: 30_000 });
    closers.push(() => executor.close());
    expect(executor.description).toBe(`queue ${url} (BullMQ)`);

    // Both plans at once: each submission waits for its own jobs only.
    const [mcRows, whatifRows] = await Promise.all([collect(executor, mc), collect(executor, whatif)]);
    const local = new InProcessExecutor();
    expect(mcRows.map((r) => r.index)).toEqual([...Array(12).keys()]);
    expect(JSON.stringify(mcRows)).toBe(JSON.stringify(await collect(local, mc)));
    expect(whatifRows.map((r) => r.index)).toEqual([...Array(12).keys()]);
    expect(JSON.stringify(whatifRows)).toBe(JSON.stringify(await collect(local, whatif)));

    // Twelve jobs of two runs: each worker took some.
    await expect.poll(() => workers.map((w) => w.batches).reduce((a, b) => a + b)).toBe(12);
    for (const w of workers) expect(w.batches, w.out).toBeGreaterThan(0);

    // Nothing left behind: plans deleted, finished jobs removed.
    expect(await client.keys(`${PLAN_PREFIX}*`)).toEqual([]);
    const queue = new Queue(queueName, { connection: redisOptions(url) });
    closers.push(() => queue.close());
    const counts = await queue.getJobCounts("completed", "failed", "waiting", "active");
    expect(counts).toEqual({ completed: 0, failed: 0, waiting: 0, active: 0 });
  });

  it("fails a job whose plan is not in Redis, saying so", async () => {
    const queue = new Queue<QueueJob>(queueName, { connection: redisOptions(url) });
    const events = new QueueEvents(queueName, { connection: redisOptions(url) });
    closers.push(
      () => queue.close(),
      () => events.close(),
    );
    await events.waitUntilReady();
    const planKey = `${PLAN_PREFIX}missing-${randomUUID()}`;
    const mc = planMonteCarlo({ scenario: bolshevikScenario(), seed: 1, replicates: 1, question });
    const job = await queue.add("runs", { planKey, batch: tasksFor(mc) }, { removeOnComplete: true });
    await expect(job.waitUntilFinished(events, 20_000)).rejects.toThrow(
      `plan ${planKey} is not in Redis: it expired or its submitter ended`,
    );
  });

  it("rejects a run when a worker fails a batch, with the worker's reason", async () => {
    const executor = new QueueExecutor(url, { queueName, timeoutMs: 30_000 });
    closers.push(() => executor.close());
    const mc = planMonteCarlo({ scenario: bolshevikScenario(), seed: 1, replicates: 1, question });
    const bad = [{ index: 0, variant: 99, replicate: 0, seed: 1 }];
    await expect(executor.run(mc, [bad], () => {})).rejects.toThrow(
      /failed on a queue worker: .*no variant 99/,
    );
    expect(await client.keys(`${PLAN_PREFIX}*`)).toEqual([]);
  });

  it("gives up with a clear message when no worker answers, leaving nothing queued", async () => {
    const lonely = `apparat-test-nobody-${randomUUID()}`;
    const executor = new QueueExecutor(url, { queueName: lonely, timeoutMs: 500 });
    closers.push(() => executor.close());
    const mc = planMonteCarlo({ scenario: bolshevikScenario(), seed: 1, replicates: 4, question });
    const started = Date.now();
    await expect(collect(executor, mc)).rejects.toThrow(/no worker answered .*apparat worker --queue/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await client.keys(`${PLAN_PREFIX}*`)).toEqual([]);
    const queue = new Queue(lonely, { connection: redisOptions(url) });
    closers.push(() => queue.close());
    expect(await queue.getJobCounts("waiting")).toEqual({ waiting: 0 });
  });
});
