// The URL hash holds the tab and the settings a teacher would share: "#replay?seed=7&set=path%3Dvalue".
import type { Change } from "../../src/server/contract.ts";

export const TABS = [
  "lesson",
  "replay",
  "counterfactuals",
  "experiments",
  "play",
  "mechanisms",
  "about",
] as const;
export type Tab = (typeof TABS)[number];

export interface Route {
  tab: Tab;
  seed: number | null;
  scenario: string | null;
  changes: Change[];
  /** A game in a leader's seat: his id and the moves so far (JSON), for a shareable link. */
  play?: { as: string; moves: string } | null;
}

function parseValue(text: string): Change["value"] {
  if (text === "true") return true;
  if (text === "false") return false;
  const n = Number(text);
  return text.trim() !== "" && Number.isFinite(n) ? n : text;
}

export function readRoute(hash: string = window.location.hash): Route {
  const [head = "", query = ""] = hash.replace(/^#/, "").split("?");
  // With no tab named, the dashboard opens on the replay, the first thing anyone wants to see.
  const tab = (TABS as readonly string[]).includes(head) ? (head as Tab) : "replay";
  const params = new URLSearchParams(query);
  const seedText = params.get("seed");
  const seed = seedText !== null && /^\d+$/.test(seedText) ? Number(seedText) : null;
  const changes: Change[] = [];
  for (const set of params.getAll("set")) {
    const eq = set.indexOf("=");
    if (eq > 0) changes.push({ path: set.slice(0, eq), value: parseValue(set.slice(eq + 1)) });
  }
  const as = params.get("as");
  const route: Route = { tab, seed, scenario: params.get("scenario"), changes };
  if (as) route.play = { as, moves: params.get("moves") ?? "[]" };
  return route;
}

export function writeRoute(r: Route): void {
  const params = new URLSearchParams();
  if (r.scenario) params.set("scenario", r.scenario);
  if (r.seed !== null) params.set("seed", String(r.seed));
  for (const c of r.changes) params.append("set", `${c.path}=${String(c.value)}`);
  if (r.tab === "play" && r.play) {
    params.set("as", r.play.as);
    params.set("moves", r.play.moves);
  }
  const query = params.toString();
  const hash = `#${r.tab}${query ? `?${query}` : ""}`;
  if (hash !== window.location.hash) window.history.replaceState(null, "", hash);
}
