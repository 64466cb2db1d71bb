// The narrative of one history: every event up to the scrubber's date shown, later ones in grey; the list
// keeps the latest event at the scrubber in view, and choosing an entry moves the scrubber to its date.
// Where the scenario has a historical record, its events stand between the run's at their own dates, and
// each says how this run compares (a switch hides them).
import { useEffect, useRef } from "react";
import { niceDate } from "./format.ts";
import type { StoryLine } from "./story.ts";

interface Props {
  lines: StoryLine[];
  tick: number;
  onTick(t: number): void;
  /** Whether the scenario has a record to show, and whether it is shown. */
  hasRecord: boolean;
  showRecord: boolean;
  onShowRecord(v: boolean): void;
}

const VERDICT_TEXT: Record<string, string> = {
  "on-time": "close to the record",
  early: "earlier than the record",
  late: "later than the record",
  missing: "not in this run",
};

// Class names are prefixed so no global rule (a legend swatch, a chart key) can ever apply to an item.
function storyClass(line: StoryLine, future: boolean, current: boolean): string {
  const names = ["narrative-item", `narrative-${line.kind}`];
  if (future) names.push("narrative-future");
  if (current) names.push("narrative-current");
  if (line.key) names.push("narrative-key");
  return names.join(" ");
}

export function Narrative({ lines, tick, onTick, hasRecord, showRecord, onShowRecord }: Props) {
  const list = useRef<HTMLOListElement>(null);
  const shown = showRecord ? lines : lines.filter((l) => l.kind === "run");
  let current = -1;
  shown.forEach((l, i) => {
    if (l.tick <= tick) current = i;
  });
  const runEvents = lines.filter((l) => l.kind === "run");
  const past = runEvents.filter((l) => l.tick <= tick).length;

  useEffect(() => {
    const el = list.current;
    if (!el) return;
    const item = el.children[Math.max(0, current)] as HTMLElement | undefined;
    if (!item) return;
    const top = item.offsetTop - el.offsetTop;
    const target = top - el.clientHeight + item.offsetHeight + 8;
    if (top < el.scrollTop || top + item.offsetHeight > el.scrollTop + el.clientHeight) {
      el.scrollTop = Math.max(0, current < 0 ? 0 : target);
    }
  }, [current]);

  return (
    <section className="panel narrative-panel" aria-labelledby="narrative-title">
      <header className="panel-head">
        <h2 id="narrative-title">What happened</h2>
        <span className="muted small">
          {past} of {runEvents.length} events
        </span>
      </header>
      {hasRecord && (
        <label className="record-switch small">
          <input
            type="checkbox"
            data-testid="show-record"
            checked={showRecord}
            onChange={(e) => onShowRecord(e.target.checked)}
          />{" "}
          Show the historical record beside this run
        </label>
      )}
      <ol className="narrative" data-testid="narrative" ref={list} aria-label="Events of this history">
        {shown.map((l, i) => (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one run never reorder
            key={i}
            data-date={l.date}
            data-tick={l.tick}
            data-kind={l.kind}
            data-verdict={l.note?.verdict}
            className={storyClass(l, l.tick > tick, i === current)}
          >
            <button type="button" onClick={() => onTick(l.tick)}>
              <time dateTime={l.date}>
                {niceDate(l.date)}
                {l.kind === "record" && <span className="record-tag"> · the historical record</span>}
              </time>
              <span className="narrative-text">{l.text}</span>
              {l.note && (
                <span className={`record-note verdict-${l.note.verdict}`}>
                  {l.note.text}
                  {l.kind === "record" && (
                    <span className="visually-hidden"> ({VERDICT_TEXT[l.note.verdict]})</span>
                  )}{" "}
                  <span className="source-key">[{l.note.source}]</span>
                </span>
              )}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
