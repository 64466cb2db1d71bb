import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { apparatStatus } from "../../test/cli.ts";
import { parseScenario } from "../scenario/load.ts";
import { starterScenario } from "./newScenario.ts";

const tmp = mkdtempSync(join(tmpdir(), "apparat-new-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("apparat new", () => {
  it("the starting file is a valid scenario with the given id, commented", () => {
    const text = starterScenario("my-party");
    const s = parseScenario(text, "my-party.yaml");
    expect(s.id).toBe("my-party");
    expect(text.split("\n").filter((l) => l.trimStart().startsWith("#")).length).toBeGreaterThan(10);
  });

  it("writes NAME.yaml that check accepts, and refuses to overwrite it or to take a bad name", () => {
    const file = join(tmp, "my-party.yaml");
    const made = apparatStatus("new", "my-party", "--out", file);
    expect(made.status).toBe(0);
    expect(made.stdout).toContain(`apparat check ${file}`);
    expect(existsSync(file)).toBe(true);
    const checked = apparatStatus("check", file);
    expect(checked.status).toBe(0);
    expect(checked.stdout).toContain('valid scenario "my-party"');
    const again = apparatStatus("new", "my-party", "--out", file);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain("exists: choose another name or add --force");
    const bad = apparatStatus("new", "My_Party", "--out", join(tmp, "x.yaml"));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("must be lower-case letters, digits and dashes");
    expect(readFileSync(file, "utf8")).toBe(starterScenario("my-party"));
  });
});
