// Who is who in a scenario, from its data only: the leaders (with a stable colour each), short and full names,
// the names of the bodies the charts speak of, and outcome labels with ids replaced by names.
import { namesOf, type Scenario } from "../../src/index.ts";

/** Colour-blind-friendly palette (Okabe–Ito and Tableau hues); leader k always gets colour k. */
const PALETTE = [
  "#0072b2",
  "#d55e00",
  "#009e73",
  "#cc79a7",
  "#e69f00",
  "#56b4e9",
  "#8c564b",
  "#6b6b6b",
  "#9467bd",
  "#bcbd22",
];

export interface LeaderInfo {
  id: string;
  name: string;
  short: string;
  color: string;
}

export function leadersOf(s: Scenario): LeaderInfo[] {
  const names = namesOf(s);
  return s.people
    .filter((p) => p.role === "leader")
    .map((p, k) => ({
      id: p.id,
      name: p.name,
      short: names.person(p.id),
      color: PALETTE[k % PALETTE.length]!,
    }));
}

export function colorOf(leaders: LeaderInfo[], id: string): string {
  return leaders.find((l) => l.id === id)?.color ?? "#888";
}

/** Short name of any person by id (surname), falling back to the id. */
export function personName(s: Scenario, id: string | null): string {
  return namesOf(s).person(id);
}

export function fullName(s: Scenario, id: string): string {
  return s.people.find((p) => p.id === id)?.name ?? id;
}

/** Names of the committee and the executive body (for chart labels), from the scenario's bodies. */
export function bodyNames(s: Scenario): { committee: string; executive: string; congress: string } {
  const of = (kind: string, fallback: string) => s.bodies.find((b) => b.kind === kind)?.name ?? fallback;
  return {
    committee: of("committee", "Committee"),
    executive: of("executive", "Executive"),
    congress: of("congress", "Congress"),
  };
}

/** "sole leader: <id>" -> "Sole leader: <name>"; "collective" -> "Collective leadership". */
export function outcomeText(s: Scenario, label: string): string {
  const m = /^(sole leader|dominant leader): (.+)$/.exec(label);
  if (m) return `${m[1] === "sole leader" ? "Sole leader" : "Dominant leader"}: ${personName(s, m[2]!)}`;
  if (label === "collective") return "Collective leadership";
  if (label === "none") return "No leadership";
  return label;
}

/** "a>b>c" of ids -> "A → B → C". */
export function orderText(s: Scenario, order: string): string {
  if (order === "(none)") return "nobody lost his seat";
  return order
    .split(">")
    .map((id) => personName(s, id))
    .join(" → ");
}
