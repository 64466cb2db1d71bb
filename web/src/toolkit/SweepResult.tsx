// A sweep's design points, readably: one column per swept parameter (short names, full path on hover), the
// chance at each point as a bar with its 95% interval, sortable by any column.
import "./toolkit.css";
import { useState } from "react";
import { shortPath } from "../../../src/charts/frame.ts";
import type { ExperimentSummary } from "../../../src/index.ts";
import { pct } from "../format.ts";

type Summary = Extract<ExperimentSummary, { kind: "sweep" }>;

function valueText(v: unknown): string {
  if (typeof v === "boolean") return v ? "on" : "off";
  if (typeof v === "number") return String(Number(v.toPrecision(4)));
  return String(v);
}

export function SweepResult({ summary }: { summary: Summary }) {
  const paths = Object.keys(summary.points[0]?.point ?? {});
  const [sort, setSort] = useState<{ key: string; desc: boolean }>({ key: "#", desc: false });
  const rows = summary.points.map((p, i) => ({ i, ...p }));
  const value = (r: (typeof rows)[number], key: string): number | string =>
    key === "#" ? r.i : key === "chance" ? r.yes.share : (r.point[key] as number | string);
  rows.sort((a, b) => {
    const x = value(a, sort.key);
    const y = value(b, sort.key);
    const c = x < y ? -1 : x > y ? 1 : a.i - b.i;
    return sort.desc ? -c : c;
  });
  const header = (key: string, label: string, title?: string) => (
    <th
      key={key}
      scope="col"
      title={title}
      aria-sort={sort.key === key ? (sort.desc ? "descending" : "ascending") : "none"}
    >
      <button
        type="button"
        className="tk-sort"
        onClick={() => setSort({ key, desc: sort.key === key ? !sort.desc : key === "chance" })}
      >
        {label}
        {sort.key === key ? (sort.desc ? " ▼" : " ▲") : ""}
      </button>
    </th>
  );
  return (
    <div className="result" data-testid="sweep-result">
      <p>
        The chance of the question at each of the {summary.points.length} design points. Click a column to
        sort.
      </p>
      <div className="tk-scroll">
        <table className="table tk-sweep">
          <thead>
            <tr>
              {header("#", "#")}
              {paths.map((p) => header(p, shortPath(p), p))}
              {header("chance", "Chance (95% interval)")}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.i} data-point={r.i}>
                <td>{r.i}</td>
                {paths.map((p) => (
                  <td key={p}>{valueText(r.point[p])}</td>
                ))}
                <td className="tk-chance">
                  <span className="tk-bar" aria-hidden="true">
                    <span className="tk-bar-fill" style={{ width: `${r.yes.share * 100}%` }} />
                    <span
                      className="tk-bar-ci"
                      style={{
                        left: `${r.yes.lo * 100}%`,
                        width: `${Math.max(0, r.yes.hi - r.yes.lo) * 100}%`,
                      }}
                    />
                  </span>
                  {pct(r.yes.share)}{" "}
                  <span className="muted small">
                    ({pct(r.yes.lo)}–{pct(r.yes.hi)})
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
