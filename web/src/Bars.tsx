// Horizontal share bars with 95% interval whiskers, single or paired (baseline vs changed), on a 0–100% scale.
import { pct } from "./format.ts";

export interface BarValue {
  share: number;
  lo: number;
  hi: number;
  n?: number;
}

export interface BarRow {
  label: string;
  values: (BarValue | null)[];
}

interface Props {
  rows: BarRow[];
  series: { name: string; className: string }[];
  testId?: string;
}

function Bar({ v, className }: { v: BarValue | null; className: string }) {
  const s = v && Number.isFinite(v.share) ? v : { share: 0, lo: 0, hi: 0 };
  // An interval may be missing (one run has none; JSON carries it as null): then no whisker is drawn.
  const ci = Number.isFinite(s.lo) && Number.isFinite(s.hi) && s.lo !== null && s.hi !== null;
  return (
    <div className="bar-line">
      <div className="bar-track">
        <div className={`bar-fill ${className}`} style={{ width: `${s.share * 100}%` }} />
        {ci && (
          <div
            className="bar-ci"
            style={{ left: `${s.lo * 100}%`, width: `${Math.max(0, s.hi - s.lo) * 100}%` }}
          />
        )}
      </div>
      <span className="bar-value">
        {pct(s.share)}{" "}
        <span className="muted small">{ci ? `(${pct(s.lo)}–${pct(s.hi)})` : "(no interval)"}</span>
      </span>
    </div>
  );
}

export function Bars({ rows, series, testId }: Props) {
  return (
    <div className="bars" data-testid={testId}>
      {series.length > 1 && (
        <div className="bars-key">
          {series.map((s) => (
            <span key={s.name}>
              <span className={`swatch ${s.className}`} /> {s.name}
            </span>
          ))}
          <span className="muted small">lines: 95% intervals</span>
        </div>
      )}
      {rows.map((r) => (
        <div className="bar-row" key={r.label}>
          <div className="bar-label">{r.label}</div>
          <div className="bar-group">
            {r.values.map((v, i) => (
              <Bar key={series[i]?.name ?? i} v={v} className={series[i]?.className ?? ""} />
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
