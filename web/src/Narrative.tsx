// The narrative of one history: every event up to the scrubber's date shown, later ones greyed; the list
// keeps the latest event at the scrubber in view, and clicking an entry moves the scrubber to its date.
import { useEffect, useRef } from "react";
import { niceDate } from "./format.ts";
import type { StoryLine } from "./story.ts";

interface Props {
  lines: StoryLine[];
  tick: number;
  onTick(t: number): void;
}

export function Narrative({ lines, tick, onTick }: Props) {
  const list = useRef<HTMLOListElement>(null);
  let current = -1;
  lines.forEach((l, i) => {
    if (l.tick <= tick) current = i;
  });

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
    <section className="panel narrative-panel">
      <header className="panel-head">
        <h2>What happened</h2>
        <span className="muted small">
          {current + 1} of {lines.length} events
        </span>
      </header>
      <ol className="narrative" data-testid="narrative" ref={list}>
        {lines.map((l, i) => (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one run never reorder
            key={i}
            data-date={l.date}
            data-tick={l.tick}
            className={`${l.tick > tick ? "future" : ""}${i === current ? " current" : ""}${l.key ? " landmark" : ""}`}
          >
            <button type="button" onClick={() => onTick(l.tick)}>
              <time dateTime={l.date}>{niceDate(l.date)}</time>
              <span>{l.text}</span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
