import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bolshevik, bolshevikScenario } from "../../test/fixtures.ts";
import { runScenario } from "../kernel/engine.ts";
import { compareWithRecord } from "./compare.ts";
import { HistoryError, historyIdsOf, parseHistory } from "./record.ts";

const FILE = new URL("../../validation/bolshevik-1922.history.yaml", import.meta.url);
const text = readFileSync(FILE, "utf8");

function errorOf(yaml: string): HistoryError {
  try {
    parseHistory(yaml, "h.yaml", historyIdsOf(bolshevikScenario()));
  } catch (e) {
    if (e instanceof HistoryError) return e;
    throw e;
  }
  throw new Error("expected a HistoryError");
}

const one = (match: string, extra = "") => `schemaVersion: 1
scenario: bolshevik-1922
events:
  - id: x
    date: "1926-07-23"
    text: "something"
    source: "W-CC14"
    role: outcome
    match: ${match}
${extra}`;

describe("the historical record file", () => {
  it("loads the Bolshevik record, every match naming ids the scenario has", () => {
    const h = parseHistory(text, "bolshevik-1922.history.yaml", historyIdsOf(bolshevikScenario()));
    expect(h.scenario).toBe("bolshevik-1922");
    expect(h.events.length).toBeGreaterThan(40);
    expect(h.events.some((e) => e.role === "input")).toBe(true);
  });

  it("names file, line and field for a wrong value, an unknown id, a field that does not apply", () => {
    const wrongType = errorOf(one("{ type: purge, person: trotsky }"));
    expect(wrongType.message).toMatch(/h\.yaml:9:\d+ {2}events\[0\]\.match\.type: must be an event type/);
    const unknown = errorOf(one("{ type: removal, person: beria, rung: politburo }"));
    expect(unknown.message).toMatch(/events\[0\]\.match\.person: unknown person "beria" in the scenario/);
    const misplaced = errorOf(one("{ type: death, person: lenin, rung: politburo }"));
    expect(misplaced.message).toMatch(/events\[0\]\.match\.rung: does not apply to a death event/);
    const extra = errorOf(one("{ type: death, person: lenin }", "    colour: red"));
    expect(extra.message).toMatch(/unknown field\(s\): colour/);
  });

  it("keeps its events in date order", () => {
    const two = `${one("{ type: death, person: lenin }")}  - id: y
    date: "1926-01-01"
    text: "earlier"
    source: "k"
    role: input
    match: { type: death, person: frunze }
`;
    expect(errorOf(two).message).toMatch(
      /events\[1\]\.date: 1926-01-01 comes before the previous event's date/,
    );
  });

  // The scenario schedules these (strokes, deaths, congresses, a crisis): whatever the dice, a run repeats
  // them within a month of the record, unless its man has died a natural death first (the model's yearly
  // hazard). Any other miss is a wrong match in the file, not the model.
  it("finds every scheduled event of the record in every run, within a month", () => {
    const h = parseHistory(text, "h", historyIdsOf(bolshevikScenario()));
    const scenario = bolshevikScenario();
    const first = scenario.bodies.find((b) => b.kind === "congress")!.firstNumber!;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const run = runScenario(bolshevik(), { seed });
      const diedEarly = new Set(
        run.events.flatMap((e) => (e.type === "death" && e.cause === "natural" ? [e.person] : [])),
      );
      const cmp = compareWithRecord(h, run.events, {
        firstCongressNumber: first,
        runEnd: scenario.calendar.end,
      });
      for (const row of cmp.rows.filter((r) => r.record.role === "input")) {
        if (row.record.match.person && diedEarly.has(row.record.match.person)) continue;
        expect(row.match, `${row.record.id}, seed ${seed}`).not.toBeNull();
        expect(Math.abs(row.months!), `${row.record.id}, seed ${seed}`).toBeLessThanOrEqual(1);
      }
    }
  });
});
