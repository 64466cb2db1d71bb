// The run's events as a narrative (the library's own sentences, with the tick each happened at) and the
// key events worth marking on the timeline: congresses, deaths, removals, sole leadership.
import { describeEvent, namesOf, type RunResult, type Scenario } from "../../src/index.ts";

export interface StoryLine {
  tick: number;
  date: string;
  text: string;
  type: string;
  key: boolean;
}

const KEY_TYPES = new Set(["congress", "death", "removal", "sole-leader"]);

export function storyOf(result: RunResult, scenario: Scenario): StoryLine[] {
  const names = namesOf(scenario);
  const out: StoryLine[] = [];
  for (const e of result.events) {
    const text = describeEvent(e, names);
    if (text) out.push({ tick: e.tick, date: e.date, text, type: e.type, key: KEY_TYPES.has(e.type) });
  }
  return out;
}
