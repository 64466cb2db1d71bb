// The Replay tab: pick a scenario and a seed, run one history in the browser, then scrub through it with the
// narrative, the power charts and the patronage network all following the same week.
import { type Dispatch, type SetStateAction, useMemo, useState } from "react";
import { describeOutcome, namesOf, summaryLine } from "../../src/index.ts";
import type { ScenarioDetail, ScenarioListing } from "../../src/server/contract.ts";
import type { LocalRun } from "./engine.ts";
import { momentText, niceDates } from "./format.ts";
import { Narrative } from "./Narrative.tsx";
import { NetworkGraph } from "./NetworkGraph.tsx";
import { PowerCharts } from "./PowerCharts.tsx";
import { type RunStatus, RunStatusLine } from "./RunStatus.tsx";
import { comparisonOf, storyOf } from "./story.ts";
import { Timeline } from "./Timeline.tsx";

/** The top of the printed handout (hidden on screen): what this is, and how to get it back. */
function HandoutHead({ title, seed, changed }: { title: string; seed: number; changed: boolean }) {
  return (
    <header className="print-only handout-head">
      <h1>
        {title}: one possible history (seed {seed}
        {changed ? ", with counterfactual changes" : ""})
      </h1>
      <p>
        Made with Apparat, an agent-based model of how administrative power becomes absolute power. This is
        one course of events the model allows, not the historical record; entries marked “the historical
        record” are what really happened. Printed {momentText(new Date().toISOString())}. To replay it:{" "}
        {window.location.href}
      </p>
    </header>
  );
}

interface Props {
  listing: ScenarioListing[];
  scenarioId: string;
  onScenario(id: string): void;
  detail: ScenarioDetail | null;
  seed: number;
  onSeed(seed: number): void;
  status: RunStatus;
  onRun(seed?: number): void;
  changed: LocalRun | null;
  showChanged: boolean;
  onShowChanged(v: boolean): void;
  tick: number;
  onTick: Dispatch<SetStateAction<number>>;
}

const SEED_MAX = 2 ** 31 - 1;

export function ReplayView(p: Props) {
  const [playing, setPlaying] = useState(false);
  const [showRecord, setShowRecord] = useState(true);
  const base = p.status.state === "done" ? p.status.run : null;
  const run = p.showChanged && p.changed ? p.changed : base;
  const scenario = p.detail?.scenario ?? null;
  const record = p.detail?.history ?? null;
  const comparison = useMemo(
    () => (run && scenario ? comparisonOf(run.replay.result, scenario, record) : null),
    [run, scenario, record],
  );
  const story = useMemo(
    () => (run && scenario ? storyOf(run.replay.result, scenario, comparison) : []),
    [run, scenario, comparison],
  );
  const marks = useMemo(() => story.filter((l) => l.key), [story]);
  const recordMarks = useMemo(
    () => (showRecord ? story.filter((l) => l.kind === "record" && record) : []),
    [story, showRecord, record],
  );
  const dates = run?.replay.result.series.dates ?? [];
  const tick = Math.min(p.tick, Math.max(0, dates.length - 1));

  return (
    <div className="replay">
      <form
        className="controls"
        onSubmit={(e) => {
          e.preventDefault();
          p.onRun();
        }}
      >
        <label>
          Scenario{" "}
          <select
            data-testid="scenario-select"
            value={p.scenarioId}
            onChange={(e) => p.onScenario(e.target.value)}
          >
            {p.listing.map((s) => (
              <option key={s.id} value={s.id} title={s.description}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
        <label title="The same seed always gives the same history; another seed, another roll of the dice.">
          Seed{" "}
          <input
            type="number"
            data-testid="seed-input"
            min={0}
            max={SEED_MAX}
            step={1}
            value={p.seed}
            onChange={(e) => {
              const v = Math.floor(Number(e.target.value));
              if (Number.isFinite(v) && v >= 0 && v <= SEED_MAX) p.onSeed(v);
            }}
          />
        </label>
        <button
          type="button"
          data-testid="random-seed-button"
          onClick={() => {
            const seed = Math.floor(Math.random() * 100000);
            p.onSeed(seed);
            p.onRun(seed);
          }}
        >
          Random seed
        </button>
        <button type="submit" className="primary" data-testid="run-button" disabled={!scenario}>
          Run history
        </button>
        <button
          type="button"
          data-testid="print-handout"
          disabled={!run}
          title="A printable handout of this history: the whole narrative with the record, the charts at the last week"
          onClick={() => {
            setPlaying(false);
            p.onTick(Math.max(0, dates.length - 1));
            // Let the charts and the network draw the last week before the browser lays out the print.
            window.setTimeout(() => window.print(), 400);
          }}
        >
          Print a handout
        </button>
        <RunStatusLine status={p.status} />
      </form>

      {p.changed && (
        <div className="banner" role="status">
          <span>
            {p.showChanged
              ? "You are looking at the history with your counterfactual changes."
              : "You ran a counterfactual with changes to this history."}
          </span>
          <button type="button" data-testid="toggle-changed" onClick={() => p.onShowChanged(!p.showChanged)}>
            {p.showChanged ? "Show the unchanged history" : "Show the changed history"}
          </button>
        </div>
      )}

      {run && scenario ? (
        <>
          <HandoutHead title={scenario.title} seed={run.seed} changed={run.changes.length > 0} />
          <p className="outcome" data-testid="outcome">
            {niceDates(describeOutcome(run.replay.result.outcome, namesOf(scenario)))}
          </p>
          {comparison && showRecord && (
            <p className="divergence" data-testid="divergence">
              {summaryLine(comparison)}
            </p>
          )}
          <Timeline
            dates={dates}
            tick={tick}
            onTick={p.onTick}
            playing={playing}
            onPlaying={setPlaying}
            marks={marks}
            recordMarks={recordMarks}
          />
          <div className="replay-grid">
            <Narrative
              lines={story}
              tick={tick}
              onTick={p.onTick}
              hasRecord={record !== null}
              showRecord={showRecord}
              onShowRecord={setShowRecord}
            />
            <PowerCharts replay={run.replay} scenario={scenario} tick={tick} />
            <NetworkGraph replay={run.replay} scenario={scenario} tick={tick} />
          </div>
        </>
      ) : (
        <p className="placeholder">
          {p.status.state === "running" ? "Running the history…" : "Press “Run history” to play one history."}
        </p>
      )}
    </div>
  );
}
