// The Lesson tab: a short guided sequence through the dashboard (replay, one lever, compare, the answer),
// one step at a time, each with a button that sets the dashboard up and questions for the class. The
// lesson is the scenario's own data. Printed, it becomes a worksheet with every step and its questions.
import { useState } from "react";
import type { LessonAction } from "../../src/lesson/lesson.ts";
import type { ScenarioDetail } from "../../src/server/contract.ts";

/** What the lesson's buttons ask of the dashboard. */
export type LessonActions = (action: LessonAction) => void;

interface Props {
  lesson: NonNullable<ScenarioDetail["lesson"]>;
  step: number;
  onStep(step: number): void;
  onAction: LessonActions;
}

export function LessonView({ lesson, step, onStep, onAction }: Props) {
  const [teacher, setTeacher] = useState(false);
  const last = lesson.steps.length - 1;
  const current = Math.min(Math.max(0, step), last);

  return (
    <div className="lesson" data-testid="lesson-view">
      <section className="panel lesson-intro" aria-labelledby="lesson-title">
        <h2 id="lesson-title">Lesson: {lesson.title}</h2>
        <p>{lesson.summary}</p>
        <div className="row">
          <label className="small">
            <input
              type="checkbox"
              data-testid="teacher-notes"
              checked={teacher}
              onChange={(e) => setTeacher(e.target.checked)}
            />{" "}
            Show the teacher's notes
          </label>
          <button type="button" className="screen-only" onClick={() => window.print()}>
            Print the worksheet
          </button>
        </div>
      </section>

      <nav className="lesson-steps" aria-label="Steps of the lesson">
        <ol>
          {lesson.steps.map((s, i) => (
            <li key={s.id}>
              <button
                type="button"
                data-testid={`lesson-step-${i + 1}`}
                aria-current={i === current ? "step" : undefined}
                className={`lesson-step-button${i === current ? " active" : ""}`}
                onClick={() => onStep(i)}
              >
                <span className="lesson-step-number">{i + 1}</span> {s.title}
              </button>
            </li>
          ))}
        </ol>
      </nav>

      {lesson.steps.map((s, i) => (
        <section
          key={s.id}
          className={`panel lesson-step${i === current ? " current" : ""}`}
          aria-labelledby={`lesson-step-title-${s.id}`}
          data-step={s.id}
          hidden={i !== current ? true : undefined}
        >
          <header className="panel-head">
            <h3 id={`lesson-step-title-${s.id}`}>
              Step {i + 1} of {lesson.steps.length}: {s.title}
            </h3>
          </header>
          <p>{s.do}</p>
          <p className="screen-only">
            <button
              type="button"
              className="primary"
              data-testid={`lesson-action-${s.action.kind}`}
              onClick={() => onAction(s.action)}
            >
              {s.button}
            </button>
          </p>
          <h4>Questions</h4>
          <ol className="lesson-questions">
            {s.questions.map((q) => (
              <li key={q}>{q}</li>
            ))}
          </ol>
          {teacher && s.teacher && (
            <aside className="teacher-note" data-testid="teacher-note">
              <b>For the teacher:</b> {s.teacher}
            </aside>
          )}
          <div className="row lesson-nav screen-only">
            <button type="button" disabled={i === 0} onClick={() => onStep(i - 1)}>
              ← Previous step
            </button>
            <button type="button" disabled={i === last} onClick={() => onStep(i + 1)}>
              Next step →
            </button>
          </div>
        </section>
      ))}
    </div>
  );
}

/** A reminder on the other tabs of where the class is in the lesson, with the way back. */
export function LessonBar(p: {
  lesson: NonNullable<ScenarioDetail["lesson"]>;
  step: number;
  onOpen(): void;
}) {
  const s = p.lesson.steps[p.step];
  if (!s) return null;
  return (
    <div className="lesson-bar screen-only" role="note" data-testid="lesson-bar">
      <span>
        Lesson, step {p.step + 1} of {p.lesson.steps.length}: <b>{s.title}</b>
      </span>
      <button type="button" className="link" onClick={p.onOpen}>
        Back to the questions
      </button>
    </div>
  );
}
