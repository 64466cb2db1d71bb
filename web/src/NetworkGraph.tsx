// The patronage network at the scrubber's week: leaders (large circles) and regional party organisations
// (sized by membership) joined to the leader their secretary answers to; edge opacity shows his grip.
// Click a leader to highlight his regions; hover anything for details.
import { useEffect, useMemo, useRef, useState } from "react";
import type { Scenario } from "../../src/index.ts";
import type { Replay } from "../../src/replay/timeline.ts";
import { int, pct } from "./format.ts";
import { ANCHOR, HEIGHT, NetworkLayout, type Positions, WIDTH } from "./networkLayout.ts";
import { bodyNames, leadersOf } from "./people.ts";

interface Props {
  replay: Replay;
  scenario: Scenario;
  tick: number;
}

const L = (id: string) => `L:${id}`;
const R = (id: string) => `R:${id}`;
const GLIDE_MS = 280;

const regionRadius = (members: number) => 4 + Math.sqrt(Math.max(0, members)) / 22;
const leaderRadius = (power: number) => 14 + 20 * Math.sqrt(Math.min(Math.max(power, 0), 1.5) / 1.5);

export function NetworkGraph({ replay, scenario, tick }: Props) {
  const { network, result } = replay;
  const leaders = useMemo(() => leadersOf(scenario), [scenario]);
  const exec = bodyNames(scenario).executive;
  const colour = useMemo(() => new Map(leaders.map((l) => [l.id, l.color])), [leaders]);
  const layout = useMemo(
    () =>
      new NetworkLayout(
        network.leaders.map((l) => L(l.id)),
        network.regions.map((r) => R(r.id)),
      ),
    [network],
  );
  const [pos, setPos] = useState<Positions>({});
  const shown = useRef<Positions>({});
  const [selected, setSelected] = useState<string | null>(null);
  const [hover, setHover] = useState<string | null>(null);

  const t = Math.max(0, Math.min(tick, network.patron.length - 1));
  const patron = network.patron[t] ?? [];
  const members = network.members[t] ?? [];
  const control = network.control[t] ?? [];
  const secretary = network.secretary[t] ?? [];
  const date = result.series.dates[t] ?? "";
  const dead = useMemo(() => {
    const out = new Set<string>();
    for (const e of result.events) if (e.type === "death" && e.date <= date) out.add(e.person);
    return out;
  }, [result.events, date]);

  // Layout for this week, then glide from the shown positions to the new ones.
  useEffect(() => {
    const radii = new Map<string, number>();
    for (const l of network.leaders) {
      radii.set(L(l.id), leaderRadius(result.series.leaders[l.id]?.realPower[t] ?? 0));
    }
    network.regions.forEach((r, k) => {
      radii.set(R(r.id), regionRadius(network.members[t]?.[k] ?? 0));
    });
    const links = network.regions.map((r, k) => {
      const p = network.patron[t]?.[k] ?? -1;
      const leader = p >= 0 ? network.leaders[p] : undefined;
      return {
        region: R(r.id),
        target: leader ? L(leader.id) : ANCHOR,
        control: network.control[t]?.[k] ?? 0,
      };
    });
    const target = layout.step(radii, links);
    const from = shown.current;
    const start = performance.now();
    let frame = 0;
    const animate = (now: number) => {
      const k = Math.min(1, (now - start) / GLIDE_MS);
      const ease = k * (2 - k);
      const next: Positions = {};
      for (const [id, p] of Object.entries(target)) {
        const f = from[id] ?? p;
        next[id] = { x: f.x + (p.x - f.x) * ease, y: f.y + (p.y - f.y) * ease };
      }
      shown.current = next;
      setPos(next);
      if (k < 1) frame = requestAnimationFrame(animate);
    };
    frame = requestAnimationFrame(animate);
    return () => cancelAnimationFrame(frame);
  }, [layout, network, result.series.leaders, t]);

  const regionsOf = (leaderIndex: number) =>
    network.regions.map((r, k) => ({ ...r, k })).filter(({ k }) => patron[k] === leaderIndex);

  const info = (id: string | null) => {
    if (!id) return null;
    if (id.startsWith("R:")) {
      const k = network.regions.findIndex((r) => R(r.id) === id);
      const reg = network.regions[k];
      if (!reg) return null;
      const p = patron[k] ?? -1;
      const who = p >= 0 ? leaders[p]?.short : null;
      return (
        <>
          <b>{reg.name}</b>: {int(members[k] ?? 0)} members.{" "}
          {secretary[k] ? `Secretary: ${secretary[k]}. ` : ""}
          {who
            ? `Answers to ${who}; ${pct(control[k] ?? 0)} of its delegates expected to follow.`
            : "Its secretary answers to no leader."}
        </>
      );
    }
    if (id === ANCHOR) return <>Regions whose secretary answers to no leader gather here.</>;
    const idx = network.leaders.findIndex((l) => L(l.id) === id);
    const l = leaders[idx];
    if (!l) return null;
    const held = regionsOf(idx);
    const total = held.reduce((a, r) => a + (members[r.k] ?? 0), 0);
    return (
      <>
        <b>{l.name}</b>
        {dead.has(l.id) ? " (dead)" : ""}: {held.length} regions, {int(total)} members.
      </>
    );
  };

  const sel = selected ? network.leaders.findIndex((l) => l.id === selected) : -1;
  const selLeader = sel >= 0 ? leaders[sel] : undefined;
  const selRegions = sel >= 0 ? regionsOf(sel) : [];
  const selSeries = selLeader ? result.series.leaders[selLeader.id] : undefined;
  const seat = ["no seat", "candidate", "full member"][selSeries?.politburo[t] ?? 0] ?? "";

  const anchor = pos[ANCHOR];
  return (
    <section className="panel network" data-testid="network-graph" data-tick={t}>
      <header className="panel-head">
        <h2>Patronage network</h2>
        <span className="muted small">Click a leader to see his regions</span>
      </header>
      <div className="network-body">
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          aria-label="Network of leaders and the regional party organisations whose secretaries answer to them"
        >
          {/* biome-ignore lint/a11y/noStaticElementInteractions: a click on the background clears the selection */}
          <rect width={WIDTH} height={HEIGHT} fill="transparent" onClick={() => setSelected(null)} />
          {anchor && (
            // biome-ignore lint/a11y/noStaticElementInteractions: hover only shows the same text as the title
            <g className="anchor" onMouseEnter={() => setHover(ANCHOR)} onMouseLeave={() => setHover(null)}>
              <circle className="anchor-dot" cx={anchor.x} cy={anchor.y} r={5} />
              <text x={anchor.x} y={anchor.y + 18} textAnchor="middle">
                answering to no leader
              </text>
            </g>
          )}
          {network.regions.map((r, k) => {
            const p = pos[R(r.id)];
            const pIndex = patron[k] ?? -1;
            const leader = pIndex >= 0 ? network.leaders[pIndex] : undefined;
            const q = leader ? pos[L(leader.id)] : anchor;
            if (!p || !q) return null;
            const faded = sel >= 0 && pIndex !== sel;
            return (
              <line
                key={r.id}
                x1={p.x}
                y1={p.y}
                x2={q.x}
                y2={q.y}
                stroke={leader ? (colour.get(leader.id) ?? "#888") : "#b5b5b5"}
                strokeWidth={leader ? 2 : 1}
                strokeDasharray={leader ? undefined : "3 3"}
                opacity={faded ? 0.06 : leader ? 0.2 + 0.8 * (control[k] ?? 0) : 0.5}
              />
            );
          })}
          {network.regions.map((r, k) => {
            const p = pos[R(r.id)];
            if (!p) return null;
            const pIndex = patron[k] ?? -1;
            const leader = pIndex >= 0 ? network.leaders[pIndex] : undefined;
            const faded = sel >= 0 && pIndex !== sel;
            const rr = regionRadius(members[k] ?? 0);
            return (
              // biome-ignore lint/a11y/noStaticElementInteractions: hover only shows the same text as the title
              <g
                key={r.id}
                className={`region${faded ? " faded" : ""}`}
                onMouseEnter={() => setHover(R(r.id))}
                onMouseLeave={() => setHover(null)}
              >
                <title>
                  {`${r.name}\nSecretary: ${secretary[k] ?? "not named"}\nMembers: ${int(members[k] ?? 0)}\n`}
                  {leader
                    ? `Answers to: ${leaders[pIndex]?.short}\nControl: ${pct(control[k] ?? 0)}`
                    : "Answers to no leader"}
                </title>
                <circle
                  cx={p.x}
                  cy={p.y}
                  r={rr}
                  data-region={r.id}
                  data-patron={leader ? leader.id : "none"}
                  fill={leader ? (colour.get(leader.id) ?? "#999") : "#d0d0d0"}
                  fillOpacity={0.35 + 0.5 * (leader ? (control[k] ?? 0) : 0.5)}
                  stroke="#fff"
                />
                {((rr >= 13 && leader) || (sel >= 0 && pIndex === sel) || hover === R(r.id)) && (
                  <text x={p.x} y={p.y + rr + 10} textAnchor="middle" className="region-label">
                    {r.name.length > 18 ? `${r.name.slice(0, 17)}…` : r.name}
                  </text>
                )}
              </g>
            );
          })}
          {network.leaders.map((l, k) => {
            const p = pos[L(l.id)];
            const info2 = leaders[k];
            if (!p || !info2) return null;
            const r = leaderRadius(result.series.leaders[l.id]?.realPower[t] ?? 0);
            const isDead = dead.has(l.id);
            return (
              // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>
              <g
                key={l.id}
                className={`leader${isDead ? " dead" : ""}${selected === l.id ? " selected" : ""}`}
                role="button"
                tabIndex={0}
                aria-label={`${info2.name}: show his regions`}
                onClick={(e) => {
                  e.stopPropagation();
                  setSelected(selected === l.id ? null : l.id);
                }}
                onKeyDown={(e) => {
                  if (e.key === "Enter" || e.key === " ") setSelected(selected === l.id ? null : l.id);
                }}
                onMouseEnter={() => setHover(L(l.id))}
                onMouseLeave={() => setHover(null)}
              >
                <title>{`${info2.name}${isDead ? " (dead)" : ""}`}</title>
                <circle
                  cx={p.x}
                  cy={p.y}
                  r={r}
                  data-leader={l.id}
                  fill={isDead ? "#eee" : info2.color}
                  stroke={selected === l.id ? "#111" : "#fff"}
                  strokeWidth={selected === l.id ? 3 : 2}
                />
                <text x={p.x} y={p.y + 4} textAnchor="middle" className="leader-label">
                  {isDead ? `${info2.short} †` : info2.short}
                </text>
              </g>
            );
          })}
        </svg>
        <div className="network-info" aria-live="polite">
          {selLeader ? (
            <div className="leader-panel" data-testid="leader-panel">
              <h3>
                <span className="swatch" style={{ background: selLeader.color }} /> {selLeader.name}
                {dead.has(selLeader.id) ? " (dead)" : ""}
              </h3>
              <p>
                {exec}: {seat}. Clients: {int(selSeries?.clients[t] ?? 0)}. Regions held: {selRegions.length},
                with {int(selRegions.reduce((a, r) => a + (members[r.k] ?? 0), 0))} members.
              </p>
              {selRegions.length > 0 && (
                <p className="small">
                  {selRegions.map((r) => `${r.name} (${pct(control[r.k] ?? 0)})`).join(", ")}
                </p>
              )}
            </div>
          ) : (
            <p className="muted small">{info(hover) ?? "Hover over a circle for details."}</p>
          )}
          {selLeader && hover && <p className="muted small">{info(hover)}</p>}
        </div>
      </div>
    </section>
  );
}
