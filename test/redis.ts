/**
 * A Redis for tests of the distributed queue, on loopback only. `APPARAT_TEST_REDIS` (a URL; CI starts a
 * server) wins; otherwise a private `redis-server` is started on a free port if one is installed, and
 * stopped at the end. Without either, tests skip with a reason — except on CI (`CI` set), where a missing
 * Redis is an error, so the queue is never silently left untested.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { Redis } from "ioredis";

export interface TestRedis {
  /** `redis://127.0.0.1:PORT` (or the URL from `APPARAT_TEST_REDIS`). */
  url: string;
  /** Stops the server if this helper started it. */
  stop(): Promise<void>;
}

/** Why the Redis tests skip when `testRedis()` returns null. */
export const NO_REDIS_REASON = "no Redis for queue tests: set APPARAT_TEST_REDIS or install redis-server";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

async function answers(url: string, timeoutMs: number): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on("error", () => {});
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      try {
        if (client.status !== "ready") await client.connect();
        if ((await client.ping()) === "PONG") return true;
      } catch {
        client.disconnect();
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    return false;
  } finally {
    client.disconnect();
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

function hasRedisServer(): boolean {
  return spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
}

async function startServer(): Promise<TestRedis | null> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const port = 6390 + Math.floor(Math.random() * 2000);
    if (!(await portIsFree(port))) continue;
    const child: ChildProcess = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: "ignore" },
    );
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const url = `redis://127.0.0.1:${port}`;
    if (await answers(url, 5000)) {
      return {
        url,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          await exited;
        },
      };
    }
    // Lost the port to someone else, or the server would not start: stop it and try another port.
    child.kill("SIGKILL");
    await exited;
  }
  return null;
}

/**
 * A Redis to test against, or null (skip with NO_REDIS_REASON). Throws when `CI` is set and there is none,
 * or when `APPARAT_TEST_REDIS` points anywhere but loopback or does not answer.
 *
 * @example
 * const redis = await testRedis();
 * describe.skipIf(!redis)("queue", () => { afterAll(() => redis?.stop()); ... });
 */
export async function testRedis(): Promise<TestRedis | null> {
  const given = process.env.APPARAT_TEST_REDIS;
  if (given) {
    const host = new URL(given).hostname;
    if (!LOOPBACK.has(host))
      throw new Error(`APPARAT_TEST_REDIS must be on 127.0.0.1 or localhost, got ${given}`);
    if (!(await answers(given, 5000))) throw new Error(`APPARAT_TEST_REDIS=${given} does not answer PING`);
    return { url: given, async stop() {} };
  }
  const started = hasRedisServer() ? await startServer() : null;
  if (!started && process.env.CI)
    throw new Error(
      `CI is set but ${NO_REDIS_REASON}${hasRedisServer() ? " (redis-server would not start)" : ""}`,
    );
  return started;
}
