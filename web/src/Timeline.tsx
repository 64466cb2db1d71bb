// The timeline scrubber: a range over the run's weeks, play/pause, the current date, and the key events
// (congresses, deaths, removals) marked on the track; clicking a mark jumps to it.
import { type Dispatch, type SetStateAction, useEffect } from "react";
import { niceDate } from "./format.ts";
import type { StoryLine } from "./story.ts";

interface Props {
  dates: string[];
  tick: number;
  onTick: Dispatch<SetStateAction<number>>;
  playing: boolean;
  onPlaying(p: boolean): void;
  marks: StoryLine[];
  /** The record's events, marked under the slider at their own dates. */
  recordMarks?: StoryLine[];
}

const MARK_CLASS: Record<string, string> = {
  congress: "mark-congress",
  death: "mark-death",
  removal: "mark-removal",
  "sole-leader": "mark-sole",
  "sole-leadership-lapsed": "mark-lapse",
};

export function Timeline({ dates, tick, onTick, playing, onPlaying, marks, recordMarks = [] }: Props) {
  const last = Math.max(0, dates.length - 1);

  useEffect(() => {
    if (!playing) return;
    const timer = window.setInterval(() => onTick((t) => Math.min(last, t + 1)), 90);
    return () => window.clearInterval(timer);
  }, [playing, onTick, last]);

  useEffect(() => {
    if (playing && tick >= last) onPlaying(false);
  }, [playing, tick, last, onPlaying]);

  const play = () => {
    if (!playing && tick >= last) onTick(0);
    onPlaying(!playing);
  };

  return (
    <div className="timeline">
      <button
        type="button"
        className="play"
        data-testid="play-button"
        aria-label={playing ? "Pause" : "Play the history week by week"}
        onClick={play}
      >
        {playing ? "❚❚ Pause" : "▶ Play"}
      </button>
      <div className={`track${recordMarks.length ? " with-record" : ""}`}>
        <input
          type="range"
          data-testid="timeline"
          aria-label="Week of the history"
          min={0}
          max={last}
          step={1}
          value={tick}
          onChange={(e) => {
            onPlaying(false);
            onTick(Number(e.target.value));
          }}
        />
        <div className="marks" aria-hidden="true">
          {marks.map((m, i) => (
            <button
              type="button"
              tabIndex={-1}
              // biome-ignore lint/suspicious/noArrayIndexKey: marks never reorder
              key={i}
              className={`mark ${MARK_CLASS[m.type] ?? ""}`}
              style={{ left: `calc(8px + (100% - 16px) * ${last ? m.tick / last : 0})` }}
              title={`${niceDate(m.date)}: ${m.text}`}
              onClick={() => {
                onPlaying(false);
                onTick(m.tick);
              }}
            />
          ))}
        </div>
        {recordMarks.length > 0 && (
          <div className="marks marks-record" aria-hidden="true" data-testid="record-marks">
            {recordMarks.map((m, i) => (
              <button
                type="button"
                tabIndex={-1}
                // biome-ignore lint/suspicious/noArrayIndexKey: marks never reorder
                key={i}
                className={`mark mark-record verdict-${m.note?.verdict ?? "on-time"}`}
                style={{ left: `calc(8px + (100% - 16px) * ${last ? m.tick / last : 0})` }}
                title={`The record, ${niceDate(m.date)}: ${m.text} ${m.note?.text ?? ""}`}
                onClick={() => {
                  onPlaying(false);
                  onTick(m.tick);
                }}
              />
            ))}
          </div>
        )}
      </div>
      <div className="timeline-date" data-testid="timeline-date" data-date={dates[tick] ?? ""}>
        {niceDate(dates[tick])}
        <span className="muted small">
          {" "}
          week {tick + 1} of {dates.length}
        </span>
      </div>
    </div>
  );
}
