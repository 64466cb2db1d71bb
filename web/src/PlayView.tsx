// The Play tab: take a leader's seat. The engine replays the game from its moves in a Web Worker at every
// turn, so the page holds only the scenario, the seed, the leader and the moves: a saved file and a shared
// link are the same thing. The panel shows what the leader knows (rivals as he perceives them); the end shows
// the real state.
import { useEffect, useRef, useState } from "react";
import { compareWithRecord, describeOutcome, namesOf, rowText, summaryLine } from "../../src/index.ts";
import type { Action } from "../../src/kernel/decisions/action.ts";
import type { PlayState } from "../../src/kernel/decisions/session.ts";
import type { ScenarioDetail } from "../../src/server/contract.ts";
import { playLocal } from "./engine.ts";
import { WholeNumberInput } from "./WholeNumberInput.tsx";

interface Props {
  detail: ScenarioDetail;
  seed: number;
  onSeed(seed: number): void;
  /** The game in the link, if any. */
  initial: { as: string; moves: Action[] } | null;
  /** Called with the game so far, for the link. */
  onGame(game: { as: string; moves: Action[] } | null): void;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const SEED_MAX = 2 ** 31 - 1;

export function PlayView({ detail, seed, onSeed, initial, onGame }: Props) {
  const scenario = detail.scenario;
  const leaders = scenario.people.filter((p) => p.role === "leader");
  const [as, setAs] = useState(initial?.as ?? leaders[1]?.id ?? leaders[0]?.id ?? "");
  const [state, setState] = useState<PlayState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const names = namesOf(scenario);

  const go = (game: { seed: number; as: string; moves: Action[] }, finish = false) => {
    setBusy(true);
    setError(null);
    playLocal(scenario, game.seed, game.as, game.moves, finish).then(
      (s) => {
        setState(s);
        setBusy(false);
        onGame({ as: s.as, moves: s.moves });
      },
      (e: unknown) => {
        setBusy(false);
        setError(e instanceof Error ? e.message : String(e));
      },
    );
  };

  // A shared link starts its game at once.
  const started = useRef(false);
  useEffect(() => {
    if (started.current || !initial) return;
    started.current = true;
    go({ seed, as: initial.as, moves: initial.moves });
  });

  const save = () => {
    if (!state) return;
    const data = { format: 1, scenario: scenario.id, seed: state.seed, as: state.as, moves: state.moves };
    const url = URL.createObjectURL(
      new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: "application/json" }),
    );
    const a = document.createElement("a");
    a.href = url;
    a.download = `${scenario.id}-${state.as}-seed${state.seed}.json`;
    a.click();
    URL.revokeObjectURL(url);
  };
  const load = (f: File) =>
    f.text().then((text) => {
      try {
        const g = JSON.parse(text) as { seed?: unknown; as?: unknown; moves?: unknown };
        if (!Number.isSafeInteger(g.seed) || typeof g.as !== "string" || !Array.isArray(g.moves))
          throw new Error("not a saved game: it needs seed, as and moves");
        onSeed(g.seed as number);
        setAs(g.as);
        go({ seed: g.seed as number, as: g.as, moves: g.moves as Action[] });
      } catch (e) {
        setError(`${f.name}: ${e instanceof Error ? e.message : String(e)}`);
      }
    });

  return (
    <div className="play" data-testid="play-view">
      <form
        className="controls"
        onSubmit={(e) => {
          e.preventDefault();
          go({ seed, as, moves: [] });
        }}
      >
        <label>
          Leader{" "}
          <select data-testid="play-leader" value={as} onChange={(e) => setAs(e.target.value)}>
            {leaders.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <WholeNumberInput
          label="Seed"
          testId="play-seed"
          value={seed}
          min={0}
          onChange={(n) => onSeed(Math.min(SEED_MAX, n))}
        />
        <button type="submit" className="primary" data-testid="play-start" disabled={busy}>
          New game
        </button>
        <button type="button" data-testid="play-save" disabled={!state} onClick={save}>
          Save
        </button>
        <button type="button" data-testid="play-load" onClick={() => file.current?.click()}>
          Load…
        </button>
        <input
          ref={file}
          type="file"
          accept="application/json,.json"
          hidden
          data-testid="play-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) load(f);
            e.target.value = "";
          }}
        />
        {state && (
          <button
            type="button"
            data-testid="play-link"
            onClick={() => navigator.clipboard?.writeText(window.location.href)}
            title={window.location.href}
          >
            Copy link
          </button>
        )}
      </form>
      {error && (
        <p className="error" role="alert" data-testid="play-error">
          {error}
        </p>
      )}
      {busy && (
        <p className="muted" role="status">
          The engine is replaying the game…
        </p>
      )}
      {!state && !busy && (
        <p className="placeholder">
          Choose a leader and a seed, then start: every other leader plays by the model's own rules.
        </p>
      )}
      {state && <Panel state={state} date={state.end?.until ?? state.view.date} />}
      {state && !state.over && (
        <section className="panel" data-testid="play-choices">
          <div className="panel-head">
            <h2>Your move ({state.view.date})</h2>
            <button
              type="button"
              data-testid="play-finish"
              disabled={busy}
              onClick={() => go({ seed: state.seed, as: state.as, moves: state.moves }, true)}
            >
              Play the rest by instinct
            </button>
          </div>
          <div className="cards">
            {state.choices.map((c) => (
              <button
                type="button"
                key={JSON.stringify(c.action)}
                className="card"
                data-testid="play-choice"
                data-kind={c.action.kind}
                disabled={busy}
                onClick={() => go({ seed: state.seed, as: state.as, moves: [...state.moves, c.action] })}
              >
                <strong>{c.label}</strong>
                {c.odds !== null && <span className="odds"> {pct(c.odds)}</span>}
                <span className="muted">{c.explain}</span>
              </button>
            ))}
          </div>
        </section>
      )}
      {state?.end && (
        <section className="panel" data-testid="play-end">
          <div className="panel-head">
            <h2>The game ends ({state.end.until})</h2>
          </div>
          <p className="outcome" data-testid="play-outcome">
            {describeOutcome(state.end.outcome, names)}
          </p>
          <table className="figures">
            <thead>
              <tr>
                <th>leader</th>
                <th>real power</th>
                <th>as you saw it</th>
                <th>steps down</th>
              </tr>
            </thead>
            <tbody>
              {state.end.real
                .filter((r) => r.power > 0.005 || r.id === state.as)
                .map((r) => {
                  const seen =
                    r.id === state.as
                      ? state.view.perceived
                      : state.view.rivals.find((x) => x.id === r.id)?.perceived;
                  return (
                    <tr key={r.id}>
                      <td>{r.name}</td>
                      <td>{pct(r.power)}</td>
                      <td>{seen === undefined ? "—" : pct(seen)}</td>
                      <td>{r.rung}</td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
          {detail.history &&
            (() => {
              const cmp = compareWithRecord(detail.history, state.end.events, {
                firstCongressNumber: scenario.bodies.find((b) => b.kind === "congress")?.firstNumber ?? 1,
                runEnd: state.end.until,
              });
              const rows = cmp.rows
                .filter((r) => r.record.role === "outcome")
                .sort((a, b) => a.record.date.localeCompare(b.record.date));
              return (
                <details data-testid="play-record">
                  <summary>{summaryLine(cmp)}</summary>
                  <ul>
                    {rows.map((r) => (
                      <li key={r.record.id}>
                        {r.record.date} {r.record.text}: {rowText(r)}
                      </li>
                    ))}
                  </ul>
                </details>
              );
            })()}
          <p className="muted">
            Your moves: {state.moves.length}; carried out:{" "}
            {state.results.filter((r) => r.startsWith("done") || r.startsWith("tabled")).length}; refused:{" "}
            {state.results.filter((r) => r.startsWith("refused")).length}.
          </p>
        </section>
      )}
    </div>
  );
}

function Panel({ state, date }: { state: PlayState; date: string }) {
  const v = state.view;
  const last = state.results.at(-1);
  return (
    <section className="panel" data-testid="play-panel">
      <div className="panel-head">
        <h2>
          {v.name}, {date}
        </h2>
      </div>
      {last && <p data-testid="play-last">Your last move: {last}</p>}
      <dl className="facts">
        <dt>Offices</dt>
        <dd>{v.offices.join(", ") || "none"}</dd>
        <dt>Seats</dt>
        <dd>{v.seats.join(", ") || "none"}</dd>
        <dt>Votes you can count on</dt>
        <dd>
          {v.committeeVotes.yours} of {v.committeeVotes.total} in the committee, {v.topBody.yours} of{" "}
          {v.topBody.total} in the top body
        </dd>
        <dt>Allies</dt>
        <dd>{v.allies.join(", ") || "none"}</dd>
        <dt>Threats</dt>
        <dd>{v.threats.join("; ") || "no motion against you"}</dd>
        <dt>Coming</dt>
        <dd>
          {v.meetings
            .slice(0, 5)
            .map((m) => `${m.body} ${m.date}`)
            .join("; ") || "no session in the next three months"}
        </dd>
      </dl>
      <table className="figures" data-testid="play-rivals">
        <caption>
          Power as you read it
          {v.papers ? ` (${v.papers} controls the papers: his strength reaches you slowly)` : ""}
        </caption>
        <thead>
          <tr>
            <th>leader</th>
            <th>power</th>
            <th>ruling</th>
            <th>steps down</th>
            <th>file</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>
              <strong>{v.name} (you)</strong>
            </td>
            <td>{pct(v.perceived)}</td>
            <td>{v.inRuling ? "yes" : ""}</td>
            <td>{v.rung || ""}</td>
            <td />
          </tr>
          {v.rivals
            .filter((r) => r.perceived >= 0.005 || r.ruling)
            .map((r) => (
              <tr key={r.id}>
                <td>{r.name}</td>
                <td>{pct(r.perceived)}</td>
                <td>{r.ruling ? "yes" : ""}</td>
                <td>{r.rung || ""}</td>
                <td>{r.dossier === null ? "unseen" : pct(r.dossier)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
}
