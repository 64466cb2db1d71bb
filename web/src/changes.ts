// Counterfactual changes as data (`{path, value}` like `--set`) and as plain words for the result sentences.
import type { Scenario } from "../../src/index.ts";
import type { Change, ScenarioDetail } from "../../src/server/contract.ts";
import { listText, pct, valueText, words } from "./format.ts";
import { personName } from "./people.ts";

/** Sets path to value, or drops the change when the value is the scenario's own. */
export function withChange(
  changes: Change[],
  path: string,
  value: Change["value"],
  original: unknown,
): Change[] {
  const rest = changes.filter((c) => c.path !== path);
  return value === original ? rest : [...rest, { path, value }];
}

export function changedValue(changes: Change[], path: string): Change["value"] | undefined {
  return changes.find((c) => c.path === path)?.value;
}

export function shockLabel(s: Scenario, shock: Scenario["shocks"][number]): string {
  const target = shock.target ? personName(s, shock.target) : null;
  const label = shock.label ?? words(shock.id);
  return target ? `${target}: ${label}` : label;
}

/** One change in words: "switching off Patronage", "setting X's ruthlessness to 0.5". */
export function describeChange(detail: ScenarioDetail, c: Change): string {
  const s = detail.scenario;
  const parts = c.path.split(".");
  if (parts[0] === "mechanisms" && parts[2] === "enabled") {
    const m = detail.mechanisms.find((x) => x.id === parts[1]);
    return `switching ${c.value ? "on" : "off"} ${m?.title ?? parts[1]}`;
  }
  if (parts[0] === "people" && parts[2] === "attributes" && parts[3]) {
    return `setting ${personName(s, parts[1] ?? null)}'s ${words(parts[3])} to ${valueText(c.value)}`;
  }
  if (parts[0] === "shocks" && parts[2] === "probability") {
    const shock = s.shocks.find((x) => x.id === parts[1]);
    const label = shock ? shockLabel(s, shock) : (parts[1] ?? "");
    return c.value === 0 ? `removing “${label}”` : `giving “${label}” a ${pct(Number(c.value))} chance`;
  }
  if (parts[0] === "offices" && parts[2] === "holder") {
    const office = s.offices.find((o) => o.id === parts[1]);
    return `making ${personName(s, String(c.value))} ${office?.name ?? parts[1]}`;
  }
  return `setting ${c.path} to ${valueText(c.value)}`;
}

export function describeChanges(detail: ScenarioDetail, cs: Change[]): string {
  const texts = cs.map((c) => describeChange(detail, c));
  return texts.length === 0 ? "changing nothing" : listText(texts);
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
