/** Essay files: the shipped one applies cleanly; bad ones name the file, line and field. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bolshevikScenario } from "../../test/fixtures.ts";
import { DataFileError } from "../scenario/fileError.ts";
import { parseEssay } from "./essay.ts";

const scenario = bolshevikScenario();
const SHIPPED = readFileSync(new URL("../../factors/essay/bolshevik-1922.yaml", import.meta.url), "utf8");

describe("essay files", () => {
  it("the shipped file names the sources' posts, each what-if applying cleanly to the scenario", () => {
    const e = parseEssay(SHIPPED, "essay.yaml", scenario);
    expect(e.postFactor).toBe("general-secretary");
    expect(e.whatifs.filter((w) => w.kind === "whole-post")).toHaveLength(1);
    const paths = e.whatifs.flatMap((w) => w.set.map((a) => a.path));
    for (const office of [
      "general-secretary",
      "nationalities-commissar",
      "inspectorate-commissar",
      "orgburo-liaison",
    ])
      expect(paths).toContain(`offices.${office}.holder`);
    expect(e.groupings).toHaveLength(1);
  });

  it("rejects an assignment that does not apply, naming the line and the field", () => {
    const bad = SHIPPED.replace("value: zinoviev }", "value: nobody }");
    let error: unknown;
    try {
      parseEssay(bad, "essay.yaml", scenario);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataFileError);
    expect(String((error as Error).message)).toMatch(
      /essay\.yaml:\d+:\d+ +whatifs\[0\]\.set\[0\]\.value: .*unknown person "nobody"/,
    );
  });

  it("rejects an unknown new holder and a missing kind", () => {
    expect(() =>
      parseEssay(SHIPPED.replace("newHolder: kamenev", "newHolder: nobody"), "e.yaml", scenario),
    ).toThrow(/"nobody" is not a leader/);
    expect(() => parseEssay(SHIPPED.replace("    kind: other\n", ""), "e.yaml", scenario)).toThrow(/kind/);
  });
});
