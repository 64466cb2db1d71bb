import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseScenario, ScenarioError } from "./load.ts";
import { scenarioJsonSchema } from "./schema.ts";
import {
  allowedRange,
  editDistance,
  fieldsAt,
  nearestName,
  type SchemaNode,
  unknownFieldsMessage,
} from "./suggest.ts";

describe("nearest names", () => {
  it("counts edits, a swap of neighbours as one, whatever the case", () => {
    expect(editDistance("maxSeat", "maxSeats")).toBe(1);
    expect(editDistance("tickdays", "tickDays")).toBe(0);
    expect(editDistance("probabilty", "probability")).toBe(1);
    expect(editDistance("ruhtlessness", "ruthlessness")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("is a metric's first properties: zero only for equal names, symmetric", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, a)).toBe(0);
        expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });

  it("suggests only a name near enough to be a slip", () => {
    expect(nearestName("maxSeat", ["seats", "maxSeats", "candidates"])).toBe("maxSeats");
    expect(nearestName("colour", ["seats", "maxSeats"])).toBeNull();
    expect(nearestName("sets", ["seats", "sets2"])).toBe("seats");
  });
});

describe("reading the format's JSON Schema", () => {
  const root = scenarioJsonSchema() as SchemaNode;

  it("knows the fields of a body, of a person's attributes and of a mechanism's parameters", () => {
    expect(fieldsAt(root, ["bodies", 0])).toEqual(expect.arrayContaining(["maxSeats", "electedBy", "meets"]));
    expect(fieldsAt(root, ["people", 3, "attributes"])).toContain("ruthlessness");
    expect(fieldsAt(root, ["mechanisms", "coalitions", "params"])).toContain("contenderAmbition");
    expect(unknownFieldsMessage(root, ["bodies", 0], ["maxSeat", "wibble"])).toBe(
      "unknown field(s): maxSeat (did you mean maxSeats?), wibble",
    );
  });

  it("states the allowed range of a number", () => {
    expect(allowedRange(root, ["shocks", 0, "probability"])).toBe("[0, 1]");
    expect(allowedRange(root, ["calendar", "tickDays"])).toBe("above 0");
    expect(allowedRange(root, ["title"])).toBeNull();
  });
});

describe("check errors", () => {
  const file = (body: string) => `schemaVersion: 2
id: toy
title: Toy
sources: { t: test }
calendar: { start: "2001-01-01", end: "2002-01-01", tickDayz: 7 }
${body}`;

  it("name the nearest allowed field and the allowed range, with the line", () => {
    try {
      parseScenario(
        file('shocks:\n  - { id: s, kind: economic, date: "2001-02-01", severity: 1.5 }\n'),
        "toy.yaml",
      );
      throw new Error("expected an error");
    } catch (err) {
      expect(err).toBeInstanceOf(ScenarioError);
      const issues = (err as ScenarioError).issues;
      expect(issues).toContainEqual(
        expect.objectContaining({ line: 5, message: "unknown field(s): tickDayz (did you mean tickDays?)" }),
      );
      expect(issues).toContainEqual(
        expect.objectContaining({ path: "shocks[0].severity", message: "must lie in [-1, 1], got 1.5" }),
      );
    }
  });
});
