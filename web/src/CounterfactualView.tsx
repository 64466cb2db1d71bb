// The Counterfactuals tab: switch mechanisms off, move leaders' attributes within their ranges, remove shocks,
// then run one changed history in the browser (beside the unchanged one) or compare over many seeds on the server.
import { describeOutcome, namesOf } from "../../src/index.ts";
import type { Change, Limits, ScenarioDetail } from "../../src/server/contract.ts";
import { CompareChart } from "./CompareChart.tsx";
import { capitalise, changedValue, describeChange, shockLabel, withChange } from "./changes.ts";
import { ExperimentFeedback, NoQuestion } from "./ExperimentProgress.tsx";
import type { LocalRun } from "./engine.ts";
import { niceDate, niceDates, valueText, words } from "./format.ts";
import { leadersOf } from "./people.ts";
import { WhatIfResult } from "./Summaries.tsx";
import { type ExperimentHandle, isBusy } from "./useExperiment.ts";
import { WholeNumberInput } from "./WholeNumberInput.tsx";

export type CfLocal =
  | { state: "idle" }
  | { state: "running" }
  | { state: "done"; baseline: LocalRun; changed: LocalRun }
  | { state: "error"; message: string };

interface Props {
  detail: ScenarioDetail;
  seed: number;
  changes: Change[];
  onChanges(c: Change[]): void;
  local: CfLocal;
  onRunLocal(): void;
  whatif: ExperimentHandle;
  whatifChanges: Change[] | null;
  onRunServer(runs: number): void;
  runs: number;
  onRuns(n: number): void;
  limits: Limits | null;
}

function decimalsFor(span: number): number {
  return span <= 0 ? 2 : Math.max(2, Math.ceil(-Math.log10(span / 100)));
}

export function CounterfactualView(p: Props) {
  const s = p.detail.scenario;
  const names = namesOf(s);
  const set = (path: string, value: Change["value"], original: unknown) =>
    p.onChanges(withChange(p.changes, path, value, original));
  const leaders = leadersOf(s);
  const running = isBusy(p.whatif.state);

  return (
    <div className="cf" data-testid="counterfactual-view">
      <div className="cf-builder">
        <section className="panel">
          <h2>Mechanisms</h2>
          <p className="muted small">Untick a mechanism to take it out of the model.</p>
          <ul className="mech-list">
            {p.detail.mechanisms.map((m) => {
              const on = changedValue(p.changes, m.switch) ?? m.enabled;
              return (
                <li key={m.id}>
                  <label title={m.description}>
                    <input
                      type="checkbox"
                      data-testid={`cf-mechanism-${m.id}`}
                      checked={on === true}
                      onChange={(e) => set(m.switch, e.target.checked, m.enabled)}
                    />{" "}
                    <b>{m.title}</b>
                    <span className="muted small"> — {m.description}</span>
                  </label>
                </li>
              );
            })}
          </ul>
        </section>

        <section className="panel">
          <h2>Scheduled events</h2>
          <p className="muted small">Untick an event so that it never happens, or give it a chance.</p>
          <ul className="shock-list">
            {s.shocks.map((sh) => {
              const path = `shocks.${sh.id}.probability`;
              const prob = Number(changedValue(p.changes, path) ?? sh.probability);
              return (
                <li key={sh.id}>
                  <label>
                    <input
                      type="checkbox"
                      data-testid={`cf-shock-${sh.id}`}
                      checked={prob > 0}
                      onChange={(e) => set(path, e.target.checked ? 1 : 0, sh.probability)}
                    />{" "}
                    {shockLabel(s, sh)} <span className="muted small">({niceDate(sh.date)})</span>
                  </label>
                  <input
                    type="range"
                    data-testid={`cf-shock-${sh.id}-probability`}
                    aria-label={`Chance that ${shockLabel(s, sh)} happens`}
                    min={0}
                    max={1}
                    step={0.05}
                    value={prob}
                    onChange={(e) => set(path, Number(e.target.value), sh.probability)}
                  />
                  <span className="num">{Math.round(prob * 100)}%</span>
                </li>
              );
            })}
          </ul>
          <h2>Office holders at the start</h2>
          <ul className="office-list">
            {s.offices
              .filter((o) => o.holder)
              .map((o) => {
                const path = `offices.${o.id}.holder`;
                const holder = String(changedValue(p.changes, path) ?? o.holder);
                return (
                  <li key={o.id}>
                    <label>
                      {o.name}{" "}
                      <select
                        data-testid={`cf-office-${o.id}`}
                        value={holder}
                        onChange={(e) => set(path, e.target.value, o.holder)}
                      >
                        {s.people.map((pp) => (
                          <option key={pp.id} value={pp.id}>
                            {pp.name}
                          </option>
                        ))}
                      </select>
                    </label>
                  </li>
                );
              })}
          </ul>
        </section>

        <section className="panel attrs">
          <h2>Leaders' attributes</h2>
          <p className="muted small">
            Each estimate can move within the range the sources allow; the mark ◆ is the scenario's value.
          </p>
          <div className="leader-cards">
            {leaders.map((l) => {
              const person = s.people.find((x) => x.id === l.id);
              // Estimates only (positions on further policy axes are a record of their own).
              const attrs = Object.entries(person?.attributes ?? {}).filter(
                (
                  e,
                ): e is [string, { value: number; range: [number, number]; source: string; note?: string }] =>
                  typeof e[1] === "object" && e[1] !== null && "range" in e[1],
              );
              const changedCount = attrs.filter(
                ([name, est]) =>
                  Number(changedValue(p.changes, `people.${l.id}.attributes.${name}`) ?? est.value) !==
                  est.value,
              ).length;
              return (
                <details key={l.id} className="leader-card">
                  <summary>
                    <span className="swatch" style={{ background: l.color }} /> {l.name}{" "}
                    <span className={changedCount > 0 ? "badge changed" : "muted small"}>
                      {changedCount > 0 ? `${changedCount} changed` : `${attrs.length} attributes`}
                    </span>
                  </summary>
                  {attrs.map(([name, est]) => {
                    const path = `people.${l.id}.attributes.${name}`;
                    const [lo, hi] = est.range;
                    const v = Number(changedValue(p.changes, path) ?? est.value);
                    const dec = decimalsFor(hi - lo);
                    const changed = v !== est.value;
                    return (
                      <label
                        key={name}
                        className={`attr${changed ? " changed" : ""}`}
                        title={`${est.note ?? ""} Source: ${est.source ?? "—"}`.trim()}
                      >
                        <span className="attr-name">{words(name)}</span>
                        <input
                          type="range"
                          data-testid={`cf-attr-${l.id}-${name}`}
                          min={lo}
                          max={hi}
                          step="any"
                          disabled={hi <= lo}
                          value={v}
                          onChange={(e) => set(path, Number(Number(e.target.value).toFixed(dec)), est.value)}
                        />
                        <span className="num">{valueText(v)}</span>
                        <span className="muted small range">
                          ◆ {valueText(est.value)} [{valueText(lo)}–{valueText(hi)}]
                        </span>
                      </label>
                    );
                  })}
                </details>
              );
            })}
          </div>
        </section>
      </div>

      <aside className="cf-side">
        <section className="panel">
          <h2>Your changes</h2>
          {p.changes.length === 0 ? (
            <p className="muted" data-testid="cf-changes" data-count={0}>
              No changes yet: this is the history as the scenario has it.
            </p>
          ) : (
            <ul className="changes" data-testid="cf-changes" data-count={p.changes.length}>
              {p.changes.map((c) => (
                <li key={c.path}>
                  {capitalise(describeChange(p.detail, c))}{" "}
                  <button
                    type="button"
                    className="link"
                    aria-label="Undo this change"
                    onClick={() => p.onChanges(p.changes.filter((x) => x.path !== c.path))}
                  >
                    undo
                  </button>
                  <code className="small muted">
                    {c.path}={String(c.value)}
                  </code>
                </li>
              ))}
            </ul>
          )}
          <button
            type="button"
            data-testid="cf-reset"
            disabled={p.changes.length === 0}
            onClick={() => p.onChanges([])}
          >
            Reset all changes
          </button>
        </section>

        <section className="panel">
          <h2>One history</h2>
          <p className="muted small">Seed {p.seed} (set on the Replay tab), with and without your changes.</p>
          <button
            type="button"
            className="primary"
            data-testid="cf-run-local"
            disabled={p.local.state === "running"}
            onClick={p.onRunLocal}
          >
            Run one history in the browser
          </button>
          {p.local.state === "running" && <p className="muted">Running…</p>}
          {p.local.state === "error" && (
            <p className="error" role="alert" data-testid="cf-local-error">
              These changes cannot run: {p.local.message}
            </p>
          )}
          {p.local.state === "done" && (
            <div data-testid="cf-local-result">
              <div className="side-by-side">
                <div>
                  <h4>As in the scenario</h4>
                  <p data-testid="cf-outcome-baseline" data-digest={p.local.baseline.digest}>
                    {niceDates(describeOutcome(p.local.baseline.replay.result.outcome, names))}
                  </p>
                </div>
                <div>
                  <h4>With your changes</h4>
                  <p data-testid="cf-outcome-changed" data-digest={p.local.changed.digest}>
                    {niceDates(describeOutcome(p.local.changed.replay.result.outcome, names))}
                  </p>
                </div>
              </div>
              <CompareChart
                baseline={p.local.baseline.replay}
                changed={p.local.changed.replay}
                scenario={s}
                leader={p.detail.factors?.question.leader}
              />
              <p className="muted small">The Replay tab now shows this changed history; switch back there.</p>
            </div>
          )}
        </section>

        <section className="panel">
          <h2>Many histories</h2>
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              p.onRunServer(p.runs);
            }}
          >
            <WholeNumberInput label="Runs" testId="cf-runs" value={p.runs} min={1} onChange={p.onRuns} />
            <button
              type="submit"
              className="primary"
              data-testid="cf-run-server"
              disabled={running || !p.detail.factors}
            >
              Compare over many seeds on the server
            </button>
          </form>
          {!p.detail.factors && <NoQuestion id={s.id} />}
          <p className="muted small">
            Each seed is run twice, with and without your changes, so the difference is a fair comparison.
          </p>
          <ExperimentFeedback state={p.whatif.state} errorTestId="cf-server-error" />
          {p.whatif.state.phase === "done" && p.whatif.state.detail?.summary.kind === "whatif" && (
            <WhatIfResult
              detail={p.detail}
              summary={p.whatif.state.detail.summary}
              changes={p.whatifChanges}
            />
          )}
        </section>
      </aside>
    </div>
  );
}
