// The dashboard shell: loads the scenario from the server, holds the shared state (seed, changes, runs,
// experiments) so it survives switching tabs, keeps tab and settings in the URL hash, and lays out the tabs.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import type { Action } from "../../src/kernel/decisions/action.ts";
import type { LessonAction } from "../../src/lesson/lesson.ts";
import type { Change, Limits, ScenarioDetail, ScenarioListing } from "../../src/server/contract.ts";
import { About } from "./About.tsx";
import { ApiFailure, api } from "./api.ts";
import { type CfLocal, CounterfactualView } from "./CounterfactualView.tsx";
import { ExperimentsView } from "./ExperimentsView.tsx";
import { EngineError, runLocal } from "./engine.ts";
import { LessonBar, LessonView } from "./LessonView.tsx";
import { MechanismsView } from "./MechanismsView.tsx";
import { PlayView } from "./PlayView.tsx";
import { ReplayView } from "./ReplayView.tsx";
import type { RunStatus } from "./RunStatus.tsx";
import { readRoute, TABS, type Tab, writeRoute } from "./route.ts";
import { panelId, TabList, tabId } from "./TabList.tsx";
import { useExperiment } from "./useExperiment.ts";

const TAB_LABELS: Record<Tab, string> = {
  lesson: "Lesson",
  replay: "Replay",
  counterfactuals: "Counterfactuals",
  experiments: "Experiments",
  play: "Play",
  mechanisms: "Mechanisms & sources",
  about: "About",
};

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function App() {
  const initial = useMemo(() => readRoute(), []);
  const [tab, setTab] = useState<Tab>(initial.tab);
  const [listing, setListing] = useState<ScenarioListing[]>([]);
  const [scenarioId, setScenarioId] = useState<string | null>(null);
  const [detail, setDetail] = useState<ScenarioDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [limits, setLimits] = useState<Limits | null>(null);
  const [seed, setSeed] = useState(initial.seed ?? 1);
  const [changes, setChanges] = useState<Change[]>(initial.changes);
  const [status, setStatus] = useState<RunStatus>({ state: "idle" });
  const [tick, setTick] = useState(0);
  const [local, setLocal] = useState<CfLocal>({ state: "idle" });
  const [showChanged, setShowChanged] = useState(false);
  const [cfRuns, setCfRuns] = useState(100);
  const [whatifChanges, setWhatifChanges] = useState<Change[] | null>(null);
  const [version, bump] = useReducer((x: number) => x + 1, 0);
  const whatif = useExperiment(bump);
  const mc = useExperiment(bump);
  const attr = useExperiment(bump);
  const resumed = useExperiment(bump);
  const [game, setGame] = useState<{ as: string; moves: Action[] } | null>(() => {
    if (!initial.play) return null;
    try {
      const moves = JSON.parse(initial.play.moves) as unknown;
      return Array.isArray(moves) ? { as: initial.play.as, moves: moves as Action[] } : null;
    } catch {
      return null;
    }
  });
  // The link's game, read once: later moves change the link, not the game the tab started from.
  const [initialGame] = useState(game);
  const [lessonStep, setLessonStep] = useState(0);
  const [lessonStarted, setLessonStarted] = useState(false);
  const runCounter = useRef(0);
  const seedRef = useRef(seed);
  seedRef.current = seed;

  // Scenarios and limits, once.
  useEffect(() => {
    api.scenarios().then(
      (xs) => {
        setListing(xs);
        const wanted = xs.find((x) => x.id === initial.scenario) ?? xs.find((x) => x.isDefault) ?? xs[0];
        setScenarioId(wanted?.id ?? null);
        if (!wanted) setLoadError("The server offers no scenarios.");
      },
      (e: unknown) => setLoadError(errorText(e)),
    );
    api.limits().then(setLimits, () => setLimits(null));
  }, [initial.scenario]);

  const runReplay = useCallback((d: ScenarioDetail, s: number) => {
    const mine = ++runCounter.current;
    setStatus({ state: "running", seed: s });
    runLocal(d.scenario, s, []).then(
      (run) => {
        if (mine !== runCounter.current) return;
        setStatus({ state: "done", run });
        setShowChanged(false);
        setTick(run.replay.result.series.dates.length - 1);
      },
      (e: unknown) => {
        if (mine !== runCounter.current) return;
        setStatus({
          state: "error",
          seed: s,
          message: errorText(e),
          issues: e instanceof EngineError ? e.issues : [],
        });
      },
    );
  }, []);

  // The scenario's detail; the first history runs as soon as it arrives.
  useEffect(() => {
    if (!scenarioId) return;
    let live = true;
    setDetail(null);
    api.scenario(scenarioId).then(
      (d) => {
        if (!live) return;
        setDetail(d);
        setLoadError(null);
        runReplay(d, seedRef.current);
      },
      (e: unknown) => live && setLoadError(e instanceof ApiFailure ? e.message : errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [scenarioId, runReplay]);
  useEffect(
    () =>
      writeRoute({
        tab,
        seed,
        scenario: scenarioId,
        changes,
        play: game ? { as: game.as, moves: JSON.stringify(game.moves) } : null,
      }),
    [tab, seed, scenarioId, changes, game],
  );
  useEffect(() => {
    const onHash = () => {
      const r = readRoute();
      setTab(r.tab);
      if (r.seed !== null) setSeed(r.seed);
    };
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);

  const chooseScenario = (id: string) => {
    setChanges([]);
    setLocal({ state: "idle" });
    setScenarioId(id);
  };

  const runCounterfactual = (runSeed = seed, runChanges = changes) => {
    if (!detail) return;
    setLocal({ state: "running" });
    Promise.all([
      runLocal(detail.scenario, runSeed, []),
      runLocal(detail.scenario, runSeed, runChanges),
    ]).then(
      ([baseline, changed]) => {
        runCounter.current++;
        setLocal({ state: "done", baseline, changed });
        setStatus({ state: "done", run: baseline });
        setShowChanged(true);
        setTick(changed.replay.result.series.dates.length - 1);
      },
      (e: unknown) => setLocal({ state: "error", message: errorText(e) }),
    );
  };

  const changedRun = local.state === "done" ? local.changed : null;

  // The lesson's buttons set the dashboard up as a step needs it, then show the tab it happens on.
  const lessonAction = (a: LessonAction) => {
    if (!detail) return;
    setLessonStarted(true);
    if (a.kind === "replay") {
      setSeed(a.seed);
      setShowChanged(false);
      runReplay(detail, a.seed);
      setTab("replay");
    } else if (a.kind === "counterfactual") {
      setSeed(a.seed);
      setChanges(a.changes);
      runCounterfactual(a.seed, a.changes);
      setTab("counterfactuals");
    } else if (a.kind === "compare") {
      setChanges(a.changes);
      setCfRuns(a.runs);
      setWhatifChanges(a.changes);
      whatif.start({
        kind: "whatif",
        scenario: detail.scenario.id,
        runs: a.runs,
        seed: a.seed,
        changes: a.changes,
      });
      setTab("counterfactuals");
    } else setTab("experiments");
  };

  return (
    <div className="app">
      <header className="top">
        <div className="brand">
          <h1>Apparat</h1>
          <span className="muted">{detail?.scenario.title ?? "agent-based history"}</span>
        </div>
        <TabList tabs={TABS} labels={TAB_LABELS} selected={tab} onSelect={setTab} />
      </header>

      <main className="content">
        <div className="tab-panel" role="tabpanel" id={panelId(tab)} aria-labelledby={tabId(tab)}>
          {loadError && (
            <p className="error" role="alert" data-testid="load-error">
              Cannot load the scenario: {loadError}
            </p>
          )}
          {!detail && !loadError && <p className="placeholder">Loading the scenario…</p>}
          {detail?.lesson && lessonStarted && tab !== "lesson" && (
            <LessonBar lesson={detail.lesson} step={lessonStep} onOpen={() => setTab("lesson")} />
          )}
          {detail && tab === "lesson" && detail.lesson && (
            <LessonView
              lesson={detail.lesson}
              step={lessonStep}
              onStep={setLessonStep}
              onAction={lessonAction}
            />
          )}
          {detail && tab === "lesson" && !detail.lesson && (
            <p className="placeholder">This scenario has no lesson yet.</p>
          )}
          {detail && tab === "replay" && (
            <ReplayView
              listing={listing}
              scenarioId={scenarioId ?? ""}
              onScenario={chooseScenario}
              detail={detail}
              seed={seed}
              onSeed={setSeed}
              status={status}
              onRun={(s) => runReplay(detail, s ?? seed)}
              changed={changedRun}
              showChanged={showChanged}
              onShowChanged={setShowChanged}
              tick={tick}
              onTick={setTick}
            />
          )}
          {detail && tab === "counterfactuals" && (
            <CounterfactualView
              detail={detail}
              seed={seed}
              changes={changes}
              onChanges={setChanges}
              local={local}
              onRunLocal={() => runCounterfactual()}
              whatif={whatif}
              whatifChanges={whatifChanges}
              onRunServer={(runs) => {
                setWhatifChanges(changes);
                whatif.start({ kind: "whatif", scenario: detail.scenario.id, runs, seed, changes });
              }}
              runs={cfRuns}
              onRuns={setCfRuns}
              limits={limits}
            />
          )}
          {detail && tab === "experiments" && (
            <ExperimentsView
              detail={detail}
              mc={mc}
              attr={attr}
              resumed={resumed}
              onStartMc={(runs, s) =>
                mc.start({ kind: "mc", scenario: detail.scenario.id, runs, seed: s, changes: [] })
              }
              onStartAttr={(runs, s) =>
                attr.start({ kind: "attribute", scenario: detail.scenario.id, runs, seed: s, changes: [] })
              }
              version={version}
              limits={limits}
            />
          )}
          {detail && tab === "play" && (
            <PlayView detail={detail} seed={seed} onSeed={setSeed} initial={initialGame} onGame={setGame} />
          )}
          {detail && tab === "mechanisms" && <MechanismsView detail={detail} />}
          {tab === "about" && <About detail={detail} />}
        </div>
      </main>

      <footer className="footer">
        <span>
          Apparat — an agent-based model; every history here is one possible course of events, not a record.
        </span>
        <span>
          <button type="button" className="link" onClick={() => setTab("about")}>
            About &amp; how to read the charts
          </button>{" "}
          · <a href={api.openApiUrl}>API (OpenAPI)</a>
        </span>
      </footer>
    </div>
  );
}
