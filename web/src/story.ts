// The run's events as a narrative (the library's own sentences, with the tick each happened at) and the
// key events worth marking on the timeline: congresses, deaths, removals, sole leadership.
import { namesOf, type RunResult, type Scenario, tell } from "../../src/index.ts";

export interface StoryLine {
  tick: number;
  date: string;
  text: string;
  type: string;
  key: boolean;
}

const KEY_TYPES = new Set(["congress", "death", "removal", "sole-leader", "sole-leadership-lapsed"]);

export function storyOf(result: RunResult, scenario: Scenario): StoryLine[] {
  const names = namesOf(scenario);
  const out: StoryLine[] = [];
  for (const { event: e, text } of tell(result.events, names)) {
    if (text) out.push({ tick: e.tick, date: e.date, text, type: e.type, key: KEY_TYPES.has(e.type) });
  }
  return out;
}
