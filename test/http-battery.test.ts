/**
 * The HTTP battery: more than a thousand hostile requests against a real `apparat serve` server on a loopback
 * socket, four at a time, while a watcher asks /api/health every 50 ms. Malformed and oversized bodies,
 * arbitrary JSON, fuzzed change paths and values, cross-site and wrong-host headers, odd paths and methods,
 * valid requests built to exhaust the server (a calendar to the year 9999, daily ticks for a century, every
 * member an agent for decades, huge experiments), and some honest heavy work (full replays, small
 * experiments) in the middle of it. Not one answer may be a 5xx, every refusal says why in JSON, and the
 * health check must answer within a second throughout.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../src/server/contract.ts";
import { type RunningServer, startServer } from "../src/server/serve.ts";
import { Dice } from "./fuzz.ts";
import { batterySize, report } from "./nightly.ts";

const SIZE = batterySize("APPARAT_HTTP_REQUESTS", 1000, 5000);
const S = "bolshevik-1922";

interface Req {
  what: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

interface Answer {
  status: number;
  body: string;
  ms: number;
}

const dir = mkdtempSync(join(tmpdir(), "apparat-battery-"));
let server: RunningServer;
let port = 0;
const agent = new Agent({ keepAlive: true, maxSockets: 16 });
const healthAgent = new Agent({ keepAlive: true, maxSockets: 1 });

/**
 * One request over a socket, with exactly the headers given (Host included). A request sent on a kept-alive
 * socket the server closed at that moment (its idle timeout) is sent again, as browsers do.
 */
function send(r: Req, via = agent, retry = true): Promise<Answer> {
  const started = performance.now();
  return new Promise<Answer>((resolve, reject) => {
    const headers: Record<string, string> = { host: `127.0.0.1:${port}`, ...r.headers };
    if (r.body !== undefined) headers["content-length"] = String(Buffer.byteLength(r.body));
    const req = request(
      { host: "127.0.0.1", port, method: r.method, path: r.path, headers, agent: via },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            ms: performance.now() - started,
          }),
        );
        res.on("error", reject);
      },
    );
    req.setTimeout(120_000, () => req.destroy(new Error(`no answer in 120 s: ${r.what}`)));
    req.on("error", (err: NodeJS.ErrnoException) => {
      if (retry && req.reusedSocket && (err.code === "ECONNRESET" || /hang up/.test(err.message)))
        resolve(send(r, via, false));
      else reject(err);
    });
    if (r.body !== undefined) req.write(r.body);
    req.end();
  });
}

const json = (what: string, path: string, body: unknown, headers: Record<string, string> = {}): Req => ({
  what,
  method: "POST",
  path,
  headers: { "content-type": "application/json", ...headers },
  body: typeof body === "string" ? body : JSON.stringify(body),
});

/** Change paths a hostile or careless client might send. */
const PATH_STEPS = [
  "calendar",
  "end",
  "tickDays",
  "mechanisms",
  "coalitions",
  "params",
  "rule",
  "den",
  "num",
  "people",
  "stalin",
  "attributes",
  "prestige",
  "members",
  "fidelity",
  "regions",
  "moscow",
  "bodies",
  "politburo",
  "seats",
  "sources",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "",
  "[0]",
  "[-1]",
  "[99999999]",
  "people[3]",
];

/** The battery: a fixed list for a size, from a fixed seed. */
function battery(size: number): Req[] {
  const d = new Dice(20_251);
  const out: Req[] = [];
  const endpoints = ["/api/experiments", "/api/replay", "/api/experiments/1/resume"];
  const sample = <T>(arb: fc.Arbitrary<T>, n: number, seed: number) => fc.sample(arb, { numRuns: n, seed });

  // Heavy but honest work in the middle of it: full replays and small experiments.
  for (let i = 0; i < 4; i++) out.push(json("a full replay", "/api/replay", { scenario: S, seed: i }));
  for (let i = 0; i < 3; i++)
    out.push(json("a small experiment", "/api/experiments", { kind: "mc", scenario: S, runs: 4, seed: i }));

  // Valid by the schema, built to exhaust the server: refused before anything runs.
  const dos: [string, unknown][] = [
    ["calendar to 9999", [{ path: "calendar.end", value: "9999-12-31" }]],
    [
      "daily ticks for a century",
      [
        { path: "calendar.end", value: "2021-12-31" },
        { path: "calendar.tickDays", value: 1 },
      ],
    ],
    [
      "every member an agent for 70 years",
      [
        { path: "members.fidelity", value: "individual" },
        { path: "calendar.end", value: "1992-01-01" },
      ],
    ],
    ["a coalition rule of 1/3", [{ path: "mechanisms.coalitions.params.rule.den", value: 3 }]],
    ["a coalition rule of 1", [{ path: "mechanisms.coalitions.params.rule.num", value: 2 }]],
    ["a calendar ending before it starts", [{ path: "calendar.end", value: "1900-01-01" }]],
    ["a year-zero calendar", [{ path: "calendar.start", value: "0000-01-01" }]],
    ["delegates by the million", [{ path: "bodies.congress.delegates", value: 1e7 }]],
  ];
  for (const [what, changes] of dos) {
    out.push(json(`replay: ${what}`, "/api/replay", { scenario: S, seed: 1, changes }));
    out.push(
      json(`experiment: ${what}`, "/api/experiments", { kind: "whatif", scenario: S, runs: 2000, changes }),
    );
  }
  out.push(
    json("too many changes", "/api/replay", {
      scenario: S,
      seed: 1,
      changes: Array.from({ length: 65 }, () => ({ path: "calendar.tickDays", value: 7 })),
    }),
  );
  out.push(
    json("runs beyond the server's limit", "/api/experiments", {
      kind: "attribute",
      scenario: S,
      runs: 2000,
    }),
  );
  out.push(
    json("an attribution at the limit of runs", "/api/experiments", {
      kind: "attribute",
      scenario: S,
      runs: 700,
    }),
  );

  // Fuzzed change paths and values, on a short replay so that accepted ones cost little.
  for (let i = 0; i < 150; i++) {
    const steps = Array.from({ length: 1 + d.int(5) }, () => d.pick(PATH_STEPS));
    const path = d.chance(0.8) ? steps.join(".") : steps.join("");
    const value = d.pick<unknown>([
      0,
      1,
      -1,
      1e308,
      0.5,
      true,
      "x",
      "9999-12-31",
      "individual",
      "",
      "a".repeat(199),
      2 ** 53,
    ]);
    out.push(
      json("fuzzed change", "/api/replay", {
        scenario: S,
        seed: 1,
        until: "1922-05-01",
        changes: [{ path, value }],
      }),
    );
  }

  // Arbitrary JSON at every write.
  const bodies = sample(fc.jsonValue({ maxDepth: 4 }), 240, 1);
  bodies.forEach((b, i) => {
    out.push(json("arbitrary JSON", endpoints[i % 3]!, JSON.stringify(b ?? null)));
  });
  // Near-valid requests with one field replaced by anything.
  const fields = ["kind", "scenario", "runs", "seed", "changes", "name", "until"];
  sample(fc.tuple(fc.constantFrom(...fields), fc.jsonValue({ maxDepth: 3 })), 160, 2).forEach(([k, v], i) => {
    const base =
      i % 2 === 0 ? { kind: "mc", scenario: S, runs: 3 } : { scenario: S, seed: 1, until: "1922-05-01" };
    out.push(
      json(`near-valid, ${k} replaced`, i % 2 === 0 ? "/api/experiments" : "/api/replay", {
        ...base,
        [k]: v,
      }),
    );
  });
  // Malformed and odd bodies.
  const raw = [
    "{",
    "[",
    "{kind: mc",
    "null",
    "true",
    "1e999999",
    '"\\ud800"',
    "\u0000",
    "{}",
    "[]",
    '{"__proto__": {"x": 1}}',
    '{"constructor": {"prototype": {"x": 1}}}',
    `{"a":${"[".repeat(5000)}${"]".repeat(5000)}}`,
    `${'{"a":'.repeat(2000)}1${"}".repeat(2000)}`,
  ];
  for (const [i, body] of raw.entries())
    for (const e of endpoints) out.push(json(`malformed body ${i}`, e, body));
  sample(fc.string({ maxLength: 200 }), 60, 3).forEach((b, i) => {
    out.push(json("random text as JSON", endpoints[i % 3]!, b));
  });
  // Oversized bodies.
  for (const size of [65 * 1024, 70 * 1024, 1024 * 1024])
    for (const e of endpoints) out.push(json(`a body of ${size} bytes`, e, `{"name":"${"x".repeat(size)}"}`));

  // Cross-site writes: wrong content types, foreign origins, cross-site fetch metadata.
  const types = [
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "",
    "application/jsonp",
    "text/json",
  ];
  for (const e of endpoints)
    for (const type of types)
      out.push({
        what: `write as ${type || "no type"}`,
        method: "POST",
        path: e,
        headers: type ? { "content-type": type } : {},
        body: "{}",
      });
  for (const e of endpoints)
    for (const origin of [
      "http://evil.example",
      "null",
      "http://127.0.0.1:1",
      "https://127.0.0.1",
      "file://",
    ])
      out.push(json(`write from origin ${origin}`, e, { scenario: S, seed: 1 }, { origin }));
  for (const e of endpoints)
    for (const site of ["cross-site", "same-site"])
      out.push(
        json(`write with Sec-Fetch-Site ${site}`, e, { scenario: S, seed: 1 }, { "sec-fetch-site": site }),
      );
  // Wrong host names (DNS rebinding).
  for (const host of ["evil.example", "127.0.0.1.evil.example", "192.0.2.7", "localhost.evil", ""])
    out.push({ what: `Host ${host}`, method: "GET", path: "/api/scenarios", headers: { host } });

  // Odd paths and methods.
  const paths = [
    "/api/../../etc/passwd",
    "/api/%2e%2e/%2e%2e/package.json",
    "/api/scenarios/..%2F..%2Fpackage.json",
    "/api/scenarios/%00",
    "/api/experiments/-1",
    "/api/experiments/0",
    "/api/experiments/1e3",
    "/api/experiments/99999999999999999999",
    "/api/experiments/__proto__",
    "/api/experiments/1/report",
    "/api/experiments/abc/events",
    "/api/experiments/123456/events",
    `/api/${"a".repeat(8000)}`,
    "/api/scenarios?__proto__[x]=1",
    "/api/openapi.json?x=%ZZ",
    "/api//experiments",
    "/api/experiments/1/resume/extra",
  ];
  for (const p of paths) out.push({ what: `GET ${p.slice(0, 40)}`, method: "GET", path: p });
  sample(fc.webSegment(), 60, 4).forEach((seg) => {
    out.push({
      what: "GET a random segment",
      method: "GET",
      path: `/api/experiments/${encodeURIComponent(seg)}`,
    });
  });
  for (const method of ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"])
    for (const e of [...endpoints, "/api/scenarios", "/api/health"])
      out.push({
        what: `${method} ${e}`,
        method,
        path: e,
        headers: { "content-type": "application/json" },
        body: "{}",
      });

  // Fill up to the size with more arbitrary JSON and fuzzed changes.
  let i = 0;
  const more = sample(fc.jsonValue({ maxDepth: 3 }), Math.max(0, size - out.length), 5);
  while (out.length < size) {
    out.push(json("more arbitrary JSON", endpoints[i % 3]!, JSON.stringify(more[i] ?? null)));
    i++;
  }
  return out;
}

describe(`HTTP battery: ${SIZE} hostile requests against a real server`, () => {
  beforeAll(async () => {
    server = await startServer({
      port: 0,
      host: "127.0.0.1",
      store: join(dir, "results.db"),
      workers: 1,
      limits: DEFAULT_LIMITS,
      dashboard: false,
    });
    port = Number(new URL(server.url).port);
  }, 60_000);
  afterAll(async () => {
    agent.destroy();
    healthAgent.destroy();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    "answers every one without a 5xx, each refusal saying why, while /api/health keeps answering",
    async () => {
      const requests = battery(SIZE);
      expect(requests.length).toBeGreaterThanOrEqual(SIZE);
      const health: number[] = [];
      let watching = true;
      const watcher = (async () => {
        while (watching) {
          const a = await send({ what: "health", method: "GET", path: "/api/health" }, healthAgent);
          expect(a.status).toBe(200);
          health.push(a.ms);
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
      const statuses = new Map<number, number>();
      const fivexx: string[] = [];
      const silent: string[] = [];
      let next = 0;
      const started = Date.now();
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < requests.length) {
            const r = requests[next++]!;
            const a = await send(r).catch((e: Error) => {
              throw new Error(`${r.what} (${r.method} ${r.path.slice(0, 80)}): ${e.message}`);
            });
            statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
            if (a.status >= 500) fivexx.push(`${a.status} ${r.what}: ${a.body.slice(0, 300)}`);
            if (a.status >= 400 && r.method !== "HEAD") {
              let error: unknown;
              try {
                error = (JSON.parse(a.body) as { error?: unknown }).error;
              } catch {
                error = undefined;
              }
              if (typeof error !== "string" || error.length < 5)
                silent.push(`${a.status} ${r.what}: ${a.body.slice(0, 200)}`);
            }
          }
        }),
      );
      watching = false;
      await watcher;
      const sorted = [...health].sort((a, b) => a - b);
      report("HTTP battery", {
        requests: requests.length,
        seconds: (Date.now() - started) / 1000,
        statuses: Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])),
        fivexx: fivexx.length,
        healthChecks: health.length,
        healthMedianMs: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
        healthMaxMs: Math.round(sorted.at(-1) ?? 0),
      });
      expect(fivexx).toEqual([]);
      expect(silent).toEqual([]);
      expect(health.length).toBeGreaterThan(5);
      // Not a speed test: the bound only catches a blocked event loop (work that should be on a worker thread
      // stalls health for the length of a replay batch, many seconds), with room for a loaded CI machine.
      expect(Math.max(...health)).toBeLessThan(5000);
    },
    120_000 + SIZE * 200,
  );

  it("started only the honest experiments, and runs what it accepted to the end", async () => {
    const list = (await send({ what: "list", method: "GET", path: "/api/experiments" })).body;
    const experiments = JSON.parse(list) as { name: string; total: number }[];
    // The small Monte Carlos (when not busy) and the attribution at the limit; nothing the battery forged.
    for (const e of experiments)
      expect(e.name).toMatch(/^(Monte Carlo, 4 runs|factor attribution, 700 runs)/);
  });
});
