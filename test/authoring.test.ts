/**
 * The authoring guide (docs/authoring.md) and the tutorial scenario agree: the guide's final listing is the
 * shipped file, byte for byte; every step's fragment is part of it, in order; its targets listing is the
 * shipped targets file; the check errors it shows are the ones `check` gives; and the file checks, runs and
 * validates.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runScenario } from "../src/kernel/engine.ts";
import { compileScenario } from "../src/scenario/compile.ts";
import { parseScenario, ScenarioError } from "../src/scenario/load.ts";
import { scoreRun } from "../src/validation/score.ts";
import { parseTargets } from "../src/validation/targets.ts";

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8");
const guide = read("docs/authoring.md");
const tutorial = read("scenarios/tutorial.yaml");
const targets = read("validation/tutorial.targets.yaml");

/** The fenced block that follows a marker comment, without its fences. */
function blocksAfter(marker: string): string[] {
  const out: string[] = [];
  let at = guide.indexOf(marker);
  while (at >= 0) {
    const open = guide.indexOf("\n", guide.indexOf("```", at)) + 1;
    const close = guide.indexOf("```", open);
    out.push(guide.slice(open, close));
    at = guide.indexOf(marker, close);
  }
  return out;
}

describe("the authoring guide builds the shipped tutorial", () => {
  it("ends with the shipped file as its final listing", () => {
    const [final] = blocksAfter("<!-- final listing: scenarios/tutorial.yaml -->");
    expect(final).toBe(tutorial);
  });

  it("builds it in steps whose fragments are the file's parts, in order", () => {
    const steps = blocksAfter("<!-- step -->");
    expect(steps.length).toBe(7);
    let from = 0;
    for (const step of steps) {
      const at = tutorial.indexOf(step.trimEnd(), from);
      expect(at, step.slice(0, 60)).toBeGreaterThanOrEqual(0);
      from = at + step.trimEnd().length;
    }
    // The steps leave out only the header and the mechanisms switched off, which the final listing shows.
    expect(steps.join("").length).toBeGreaterThan(tutorial.length / 2);
  });

  it("shows the shipped targets file for it", () => {
    expect(blocksAfter("<!-- listing: validation/tutorial.targets.yaml -->")).toEqual([targets]);
  });

  it("shows the messages check really gives for the mistakes it makes", () => {
    const broken = tutorial
      .replace("    maxSeats: 7", "    maxSeat: 7")
      .replace(
        "organisation: { value: 0.6, range: [0.4, 0.8]",
        "organisation: { value: 0.9, range: [0.4, 0.8]",
      )
      .replace('jitterDays: 30, label: "dies', 'jitterDays: 30, probability: 1.5, label: "dies');
    let messages: string[] = [];
    try {
      parseScenario(broken, "vardenia.yaml");
    } catch (err) {
      expect(err).toBeInstanceOf(ScenarioError);
      messages = (err as ScenarioError).issues.map((i) => `${i.path}: ${i.message}`);
    }
    for (const shown of [
      "bodies[0]: unknown field(s): maxSeat (did you mean maxSeats?)",
      "people[0].attributes.organisation.value: value 0.9 must lie inside its range [0.4, 0.8]",
      "shocks[0].probability: must lie in [0, 1], got 1.5",
    ]) {
      expect(guide).toContain(shown);
      expect(messages).toContain(shown);
    }
  });

  it("gives a file that checks, runs and is scored against its targets", () => {
    const s = parseScenario(tutorial, "tutorial.yaml");
    expect(s.people.filter((p) => p.role === "leader")).toHaveLength(5);
    expect(s.regions).toHaveLength(4);
    expect(s.bodies.filter((b) => b.kind === "congress")).toHaveLength(1);
    const sc = compileScenario(s);
    const tf = parseTargets(targets, "tutorial.targets.yaml", {
      people: sc.people.map((p) => p.id),
      bodies: sc.bodies.map((b) => b.id),
      ladder: sc.ladder.map((r) => r.id),
    });
    const result = runScenario(sc, { seed: 1 });
    expect(result.series.dates.length).toBeGreaterThan(200);
    expect(scoreRun(result, tf.targets)).toHaveLength(tf.targets.length);
  });
});
