/**
 * A battery of malformed, oversized and hostile requests: every one gets a 4xx with a JSON error, never a
 * 5xx, and nothing starts running. Hand-written cases name the field they expect to be blamed; fast-check
 * then throws arbitrary JSON and paths at every endpoint.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { testApp } from "./app.test-helpers.ts";
import { DEFAULT_LIMITS } from "./contract.ts";

const t = testApp({ maxConcurrentExperiments: 0 });
afterAll(() => t.close());

const S = "bolshevik-1922";
const mc = { kind: "mc", scenario: S, runs: 10 };

/** [what, method, path, body (string = raw), expected status, field blamed (if any)] */
const CASES: [string, string, string, unknown, number, string?][] = [
  ["malformed JSON", "POST", "/api/experiments", "{kind: mc", 400],
  ["empty body", "POST", "/api/experiments", "", 400],
  ["JSON array", "POST", "/api/experiments", [], 400],
  ["JSON string", "POST", "/api/experiments", '"mc"', 400],
  ["null", "POST", "/api/experiments", "null", 400],
  ["unknown kind", "POST", "/api/experiments", { ...mc, kind: "sweep" }, 400, "kind"],
  ["missing runs", "POST", "/api/experiments", { kind: "mc", scenario: S }, 400, "runs"],
  ["zero runs", "POST", "/api/experiments", { ...mc, runs: 0 }, 400, "runs"],
  ["negative runs", "POST", "/api/experiments", { ...mc, runs: -5 }, 400, "runs"],
  ["fractional runs", "POST", "/api/experiments", { ...mc, runs: 2.5 }, 400, "runs"],
  ["runs as text", "POST", "/api/experiments", { ...mc, runs: "100" }, 400, "runs"],
  [
    "too many runs",
    "POST",
    "/api/experiments",
    { ...mc, runs: DEFAULT_LIMITS.maxRunsPerVariant + 1 },
    400,
    "runs",
  ],
  ["absurd runs", "POST", "/api/experiments", { ...mc, runs: 1e308 }, 400, "runs"],
  [
    "attribution too large",
    "POST",
    "/api/experiments",
    { ...mc, kind: "attribute", runs: 2000 },
    400,
    "runs",
  ],
  ["negative seed", "POST", "/api/experiments", { ...mc, seed: -1 }, 400, "seed"],
  ["huge seed", "POST", "/api/experiments", { ...mc, seed: 2 ** 40 }, 400, "seed"],
  ["unknown field", "POST", "/api/experiments", { ...mc, workers: 64 }, 400, "workers"],
  [
    "prototype pollution",
    "POST",
    "/api/experiments",
    '{"kind":"mc","scenario":"x","runs":1,"__proto__":{"a":1}}',
    400,
  ],
  ["unknown scenario", "POST", "/api/experiments", { ...mc, scenario: "atlantis" }, 400, "scenario"],
  [
    "scenario as a path",
    "POST",
    "/api/experiments",
    { ...mc, scenario: "../../etc/passwd" },
    400,
    "scenario",
  ],
  [
    "scenario as a URL",
    "POST",
    "/api/experiments",
    { ...mc, scenario: "file:///etc/passwd" },
    400,
    "scenario",
  ],
  ["whatif without change", "POST", "/api/experiments", { ...mc, kind: "whatif" }, 400, "changes"],
  [
    "change to an unknown path",
    "POST",
    "/api/experiments",
    { ...mc, kind: "whatif", changes: [{ path: "mechanisms.telepathy.enabled", value: true }] },
    400,
    "changes",
  ],
  [
    "change out of range",
    "POST",
    "/api/experiments",
    { ...mc, changes: [{ path: "shocks.lenin-dies.probability", value: 7 }] },
    400,
    "changes",
  ],
  [
    "change of the wrong type",
    "POST",
    "/api/experiments",
    { ...mc, changes: [{ path: "mechanisms.patronage.enabled", value: "perhaps" }] },
    400,
    "changes",
  ],
  [
    "change with code in the path",
    "POST",
    "/api/experiments",
    { ...mc, changes: [{ path: "constructor.prototype.polluted", value: 1 }] },
    400,
    "changes.0.path",
  ],
  [
    "change value an object",
    "POST",
    "/api/experiments",
    { ...mc, changes: [{ path: "a", value: { b: 1 } }] },
    400,
  ],
  [
    "too many changes",
    "POST",
    "/api/experiments",
    {
      ...mc,
      changes: Array.from({ length: 65 }, () => ({ path: "mechanisms.files.enabled", value: false })),
    },
    400,
    "changes",
  ],
  [
    "oversized body",
    "POST",
    "/api/experiments",
    { ...mc, name: "x".repeat(DEFAULT_LIMITS.maxBodyBytes) },
    413,
  ],
  ["oversized replay", "POST", "/api/replay", `{"scenario":"${"a".repeat(200_000)}"}`, 413],
  ["replay without seed", "POST", "/api/replay", { scenario: S }, 400, "seed"],
  [
    "replay with a bad date",
    "POST",
    "/api/replay",
    { scenario: S, seed: 1, until: "next spring" },
    400,
    "until",
  ],
  ["replay of an unknown scenario", "POST", "/api/replay", { scenario: "nowhere", seed: 1 }, 400, "scenario"],
  ["experiment id not a number", "GET", "/api/experiments/abc", undefined, 400, "id"],
  ["experiment id zero", "GET", "/api/experiments/0", undefined, 400, "id"],
  ["experiment id negative", "GET", "/api/experiments/-3", undefined, 400, "id"],
  ["experiment id huge", "GET", "/api/experiments/99999999999999999999999", undefined, 400, "id"],
  ["unknown experiment", "GET", "/api/experiments/4242", undefined, 404, "id"],
  ["events of an unknown experiment", "GET", "/api/experiments/4242/events", undefined, 404, "id"],
  ["report of an unknown experiment", "GET", "/api/experiments/4242/report", undefined, 404, "id"],
  ["resume of an unknown experiment", "POST", "/api/experiments/4242/resume", undefined, 404, "id"],
  ["unknown scenario page", "GET", "/api/scenarios/..%2F..%2Fpackage.json", undefined, 404],
  ["path traversal", "GET", "/api/../../package.json", undefined, 404],
  ["unknown endpoint", "GET", "/api/shell?cmd=ls", undefined, 404],
  ["wrong method", "DELETE", "/api/scenarios", undefined, 404],
  ["a valid experiment while none may run", "POST", "/api/experiments", mc, 429],
  // The denial-of-service cases: valid by the schema, refused by the limits before anything runs.
  ...(
    [
      ["a replay to the end of time", [{ path: "calendar.end", value: "9999-12-31" }]],
      [
        "a replay of daily ticks for 99 years",
        [
          { path: "calendar.end", value: "2021-01-01" },
          { path: "calendar.tickDays", value: 1 },
        ],
      ],
      ["a coalition rule outside [1/2, 1)", [{ path: "mechanisms.coalitions.params.rule.den", value: 3 }]],
      [
        "every member an agent for 68 years",
        [
          { path: "members.fidelity", value: "individual" },
          { path: "calendar.end", value: "1990-01-01" },
        ],
      ],
      ["a congress every week", [{ path: "bodies.congress.meets.dates", value: "x" }]],
    ] as const
  ).map(([what, changes]): (typeof CASES)[number] => [
    what,
    "POST",
    "/api/replay",
    { scenario: S, seed: 1, changes },
    400,
    "changes",
  ]),
  [
    "a replay until an impossible date",
    "POST",
    "/api/replay",
    { scenario: S, seed: 1, until: "1925-02-30" },
    400,
    "until",
  ],
  [
    "a replay until day zero",
    "POST",
    "/api/replay",
    { scenario: S, seed: 1, until: "0000-00-00" },
    400,
    "until",
  ],
  [
    "an experiment to the end of time",
    "POST",
    "/api/experiments",
    { ...mc, changes: [{ path: "calendar.end", value: "9999-12-31" }] },
    400,
    "changes",
  ],
];

async function send(method: string, path: string, body: unknown): Promise<Response> {
  const init: RequestInit = { method, headers: { "content-type": "application/json" } };
  if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
  return t.app.request(path, init);
}

describe("bad requests get a 4xx that says why", () => {
  it.each(CASES)("%s", async (_what, method, path, body, status, field) => {
    const res = await send(method, path, body);
    expect(res.status).toBe(status);
    const error = (await res.json()) as { error: string; field?: string };
    expect(typeof error.error).toBe("string");
    expect(error.error.length).toBeGreaterThan(5);
    if (field) expect(error.field).toBe(field);
  });

  it("no case started an experiment", () => {
    expect(t.store.list()).toEqual([]);
  });

  it("a body without a JSON content type is refused, not guessed at", async () => {
    const res = await t.app.request("/api/experiments", { method: "POST", body: JSON.stringify(mc) });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

describe("an experiment estimated above the server's budget", () => {
  it("is refused before it starts, naming runs and the estimate", async () => {
    const small = testApp({ maxExperimentSeconds: 60 });
    const res = await small.json("/api/experiments", {
      kind: "whatif",
      scenario: S,
      runs: 200,
      changes: [{ path: "calendar.end", value: "1950-01-01" }],
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; field: string };
    expect(body.field).toBe("runs");
    expect(body.error).toMatch(
      /estimated at \d+ CPU-minutes of computing, more than this server's limit of 1 CPU-minute:/,
    );
    expect(small.store.list()).toEqual([]);
    await small.close();
  });
});

describe("a server on loopback answers only to loopback names", () => {
  it.each(["evil.example", "evil.example:5178", "127.0.0.1.evil.example", "192.0.2.7"])(
    "refuses Host: %s",
    async (host) => {
      const res = await t.app.request("/api/scenarios", { headers: { host } });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ field: "Host" });
    },
  );

  it.each(["localhost:5178", "127.0.0.1:5178", "[::1]:5178", "LOCALHOST"])(
    "answers Host: %s",
    async (host) => {
      expect((await t.app.request("/api/scenarios", { headers: { host } })).status).toBe(200);
    },
  );
});

describe("arbitrary input never gets a 5xx", () => {
  const endpoints = ["/api/experiments", "/api/replay", "/api/experiments/1/resume"];

  it("arbitrary JSON bodies", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...endpoints), fc.jsonValue(), async (path, body) => {
        const res = await send("POST", path, body);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });

  it("near-valid experiment requests with one field replaced by anything", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("kind", "scenario", "runs", "seed", "changes", "name"),
        fc.jsonValue(),
        async (key, value) => {
          const res = await send("POST", "/api/experiments", { ...mc, [key]: value });
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("arbitrary strings as bodies and as paths under /api", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), fc.webSegment(), async (body, segment) => {
        const a = await send("POST", "/api/experiments", body);
        expect(a.status).toBeLessThan(500);
        const b = await send("GET", `/api/experiments/${segment}`, undefined);
        expect(b.status).toBeLessThan(500);
        const c = await send("GET", `/api/scenarios/${segment}`, undefined);
        expect(c.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });
});
