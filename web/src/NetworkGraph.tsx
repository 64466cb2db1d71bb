// The patronage network at the scrubber's week: leaders (large circles) and regional party organisations
// (sized by membership) joined to the leader their secretary answers to; edge opacity shows his grip.
// Named officials are small diamonds beside the leader they owe their career to (hollow once removed or
// expelled). Click a leader to highlight his regions and his men; hover anything for details.
import { useEffect, useMemo, useRef, useState } from "react";
import type { Scenario } from "../../src/index.ts";
import type { Replay } from "../../src/replay/timeline.ts";
import { int, listText, niceDate, pct } from "./format.ts";
import { ANCHOR, HEIGHT, NetworkLayout, type Positions, WIDTH } from "./networkLayout.ts";
import { bodyNames, leadersOf, personName } from "./people.ts";

interface Props {
  replay: Replay;
  scenario: Scenario;
  tick: number;
}

const L = (id: string) => `L:${id}`;
const R = (id: string) => `R:${id}`;
const O = (id: string) => `O:${id}`;
/** Half the diagonal of an official's diamond. */
const OFFICIAL_R = 5;
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
        (network.officials ?? []).map((o) => O(o.id)),
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
  const officials = network.officials ?? [];
  const officialPatron = network.officialPatron?.[t] ?? [];
  const officialStanding = network.officialStanding?.[t] ?? [];
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
    const officialLinks: { official: string; target: string }[] = [];
    (network.officials ?? []).forEach((o, k) => {
      radii.set(O(o.id), OFFICIAL_R);
      const p = network.officialPatron?.[t]?.[k] ?? -1;
      const leader = p >= 0 ? network.leaders[p] : undefined;
      if (leader && (network.officialStanding?.[t]?.[k] ?? -1) >= 0)
        officialLinks.push({ official: O(o.id), target: L(leader.id) });
    });
    const target = layout.step(radii, links, 80, officialLinks);
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

  // What became of an official, from the run's last removal of him up to this week.
  const standingText = (k: number) => {
    const s = officialStanding[k] ?? 0;
    if (s < 0) return "dead";
    if (s === 0) return "in good standing";
    const id = officials[k]?.id;
    const last = [...result.events]
      .reverse()
      .find((e) => e.type === "removal" && e.person === id && e.date <= date) as
      | { kind: string; rung: string }
      | undefined;
    const what: Record<string, string> = {
      office: "removed from his post",
      executive: `removed from the ${exec}`,
      committee: `removed from the ${bodyNames(scenario).committee}`,
      party: "expelled from the party",
      exile: "sent into internal exile",
      deportation: "deported",
      arrest: "arrested",
      trial: "tried",
      execution: "executed",
    };
    return last ? (what[last.kind] ?? `fallen (${last.rung})`) : "fallen";
  };
  const officialsOf = (leaderIndex: number) =>
    officials.map((o, k) => ({ ...o, k })).filter(({ k }) => officialPatron[k] === leaderIndex);

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
    if (id.startsWith("O:")) {
      const k = officials.findIndex((o) => O(o.id) === id);
      const o = officials[k];
      if (!o) return null;
      const p = officialPatron[k] ?? -1;
      const who = p >= 0 ? leaders[p]?.short : null;
      return (
        <>
          <b>{o.name}</b>: {who ? `${who}'s man` : "owes his career to no living leader"}; {standingText(k)}.
        </>
      );
    }
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

  // The "answering to no leader" label sits just outside the grey cluster round the anchor, never on it:
  // above the cluster's top edge, left-aligned; or, if a leader or his name is in the way there, to the right
  // of the cluster along the bottom edge.
  const anchorLabel = useMemo(() => {
    const a = pos[ANCHOR];
    if (!a) return null;
    let top = a.y - 5;
    let right = a.x + 5;
    network.regions.forEach((reg, k) => {
      const p = pos[R(reg.id)];
      if (!p || (patron[k] ?? -1) >= 0) return;
      const rr = regionRadius(members[k] ?? 0);
      top = Math.min(top, p.y - rr);
      right = Math.max(right, p.x + rr);
    });
    const w = 118;
    const h = 12;
    const blocked = (b: { x0: number; y0: number; x1: number; y1: number }) =>
      network.leaders.some((l) => {
        const p = pos[L(l.id)];
        if (!p) return false;
        const r = leaderRadius(result.series.leaders[l.id]?.realPower[t] ?? 0);
        // The circle and the name below it.
        const dx = Math.max(b.x0 - p.x, 0, p.x - b.x1);
        const dy = Math.max(b.y0 - p.y, 0, p.y - b.y1);
        const inName = b.x0 < p.x + 40 && p.x - 40 < b.x1 && b.y0 < p.y + r + 15 && p.y + r < b.y1;
        return dx * dx + dy * dy < (r + 2) * (r + 2) || inName;
      });
    const y = Math.max(h, top - 5);
    const above = { x: 6, y, box: { x0: 6, y0: y - h + 2, x1: 6 + w, y1: y + 2 } };
    const x = Math.min(WIDTH - w - 6, right + 6);
    const beside = { x, y: HEIGHT - 8, box: { x0: x, y0: HEIGHT - 8 - h + 2, x1: x + w, y1: HEIGHT - 6 } };
    return !blocked(above.box) || blocked(beside.box) ? above : beside;
  }, [pos, network, patron, members, result.series.leaders, t]);

  // Region labels only where they fit: the largest regions first (the selected leader's only, when one is
  // selected), each tried below, above, right and left of its circle, skipped if it would cover a leader,
  // a leader's name, another circle or a label already placed. The hovered region is always labelled.
  const labels = useMemo(() => {
    type Box = { x0: number; y0: number; x1: number; y1: number };
    const boxes: Box[] = [];
    const circles: { x: number; y: number; r: number; id: string }[] = [];
    const hit = (b: Box) => boxes.some((o) => b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1);
    const covers = (b: Box, own: string) =>
      circles.some((c) => {
        if (c.id === own) return false;
        const dx = Math.max(b.x0 - c.x, 0, c.x - b.x1);
        const dy = Math.max(b.y0 - c.y, 0, c.y - b.y1);
        return dx * dx + dy * dy < c.r * c.r * 0.8;
      });
    if (anchorLabel) boxes.push(anchorLabel.box);
    network.leaders.forEach((l) => {
      const p = pos[L(l.id)];
      if (!p) return;
      const r = leaderRadius(result.series.leaders[l.id]?.realPower[t] ?? 0);
      circles.push({ x: p.x, y: p.y, r, id: L(l.id) });
      const w = 7 * (leaders.find((x) => x.id === l.id)?.short.length ?? 6) + 10;
      boxes.push({ x0: p.x - w / 2, y0: p.y + r + 1, x1: p.x + w / 2, y1: p.y + r + 15 });
    });
    network.regions.forEach((reg, k) => {
      const p = pos[R(reg.id)];
      if (p) circles.push({ x: p.x, y: p.y, r: regionRadius(members[k] ?? 0), id: R(reg.id) });
    });
    const order = network.regions
      .map((reg, k) => ({ reg, k }))
      .filter(({ k }) => (sel >= 0 ? patron[k] === sel : (patron[k] ?? -1) >= 0))
      .sort((a, b) => (members[b.k] ?? 0) - (members[a.k] ?? 0) || a.k - b.k);
    const hovered = network.regions.findIndex((reg) => R(reg.id) === hover);
    if (hovered >= 0) {
      const reg = network.regions[hovered]!;
      order.splice(0, 0, { reg, k: hovered });
    }
    const out = new Map<string, { x: number; y: number; anchor: "start" | "middle" | "end"; text: string }>();
    for (const { reg, k } of order) {
      if (out.has(reg.id)) continue;
      const p = pos[R(reg.id)];
      if (!p) continue;
      const rr = regionRadius(members[k] ?? 0);
      const text = reg.name.length > 20 ? `${reg.name.slice(0, 19)}…` : reg.name;
      const w = text.length * 5.4 + 4;
      const h = 12;
      const tries = [
        {
          x: p.x,
          y: p.y + rr + 10,
          anchor: "middle" as const,
          b: [p.x - w / 2, p.y + rr, p.x + w / 2, p.y + rr + h],
        },
        {
          x: p.x,
          y: p.y - rr - 3,
          anchor: "middle" as const,
          b: [p.x - w / 2, p.y - rr - h, p.x + w / 2, p.y - rr],
        },
        {
          x: p.x + rr + 3,
          y: p.y + 3,
          anchor: "start" as const,
          b: [p.x + rr + 1, p.y - h / 2, p.x + rr + 1 + w, p.y + h / 2],
        },
        {
          x: p.x - rr - 3,
          y: p.y + 3,
          anchor: "end" as const,
          b: [p.x - rr - 1 - w, p.y - h / 2, p.x - rr - 1, p.y + h / 2],
        },
      ];
      for (const c of tries) {
        const [x0, y0, x1, y1] = c.b as [number, number, number, number];
        const b = { x0, y0, x1, y1 };
        const inside = x0 >= 0 && x1 <= WIDTH && y0 >= 0 && y1 <= HEIGHT;
        const forced = k === hovered;
        if (forced || (inside && !hit(b) && !covers(b, R(reg.id)))) {
          boxes.push(b);
          out.set(reg.id, { x: c.x, y: c.y, anchor: c.anchor, text });
          break;
        }
      }
    }
    return out;
  }, [pos, network, members, patron, sel, hover, leaders, result.series.leaders, t, anchorLabel]);

  // Officials' names where they fit: the hovered one always, then the selected leader's men (those still in
  // good standing first), each right or left of its diamond, skipped if it would cover a leader, a name or a
  // region's label already placed; the leader's panel lists them all.
  const officialLabels = useMemo(() => {
    type Box = { x0: number; y0: number; x1: number; y1: number };
    const boxes: Box[] = [];
    const hit = (b: Box) => boxes.some((o) => b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1);
    for (const l of labels.values()) {
      const w = l.text.length * 5.4 + 4;
      const x0 = l.anchor === "start" ? l.x : l.anchor === "end" ? l.x - w : l.x - w / 2;
      boxes.push({ x0, y0: l.y - 9, x1: x0 + w, y1: l.y + 3 });
    }
    network.leaders.forEach((l) => {
      const p = pos[L(l.id)];
      if (!p) return;
      const r = leaderRadius(result.series.leaders[l.id]?.realPower[t] ?? 0);
      boxes.push({ x0: p.x - r, y0: p.y - r, x1: p.x + r, y1: p.y + r + 15 });
    });
    const hovered = officials.findIndex((o) => O(o.id) === hover);
    const order = officials
      .map((o, k) => ({ o, k }))
      .filter(
        ({ k }) =>
          k === hovered || (sel >= 0 && officialPatron[k] === sel && (officialStanding[k] ?? -1) >= 0),
      )
      .sort(
        (a, b) =>
          Number(b.k === hovered) - Number(a.k === hovered) ||
          (officialStanding[a.k] ?? 0) - (officialStanding[b.k] ?? 0) ||
          a.k - b.k,
      );
    const out = new Map<string, { x: number; y: number; anchor: "start" | "end"; text: string }>();
    for (const { o, k } of order) {
      const p = pos[O(o.id)];
      if (!p) continue;
      const text = personName(scenario, o.id);
      const w = text.length * 5.2 + 4;
      const leader = network.leaders[officialPatron[k] ?? -1];
      const q = leader ? pos[L(leader.id)] : undefined;
      const rightFirst = !q || p.x >= q.x;
      const right = {
        x: p.x + OFFICIAL_R + 2,
        anchor: "start" as const,
        b: { x0: p.x + OFFICIAL_R + 1, y0: p.y - 6, x1: p.x + OFFICIAL_R + 1 + w, y1: p.y + 5 },
      };
      const left = {
        x: p.x - OFFICIAL_R - 2,
        anchor: "end" as const,
        b: { x0: p.x - OFFICIAL_R - 1 - w, y0: p.y - 6, x1: p.x - OFFICIAL_R - 1, y1: p.y + 5 },
      };
      for (const c of rightFirst ? [right, left] : [left, right]) {
        const inside = c.b.x0 >= 0 && c.b.x1 <= WIDTH && c.b.y0 >= 0 && c.b.y1 <= HEIGHT;
        if (k === hovered || (inside && !hit(c.b))) {
          boxes.push(c.b);
          out.set(o.id, { x: c.x, y: p.y + 3, anchor: c.anchor, text });
          break;
        }
      }
    }
    return out;
  }, [
    pos,
    labels,
    network,
    officials,
    officialPatron,
    officialStanding,
    sel,
    hover,
    scenario,
    result.series.leaders,
    t,
  ]);

  const anchor = pos[ANCHOR];
  // The picture in words: how many regional organisations answer to each leader this week.
  const perLeader = new Map<string, number>();
  let unattached = 0;
  for (const p of patron) {
    const leader = p >= 0 ? network.leaders[p] : undefined;
    if (leader) perLeader.set(leader.id, (perLeader.get(leader.id) ?? 0) + 1);
    else unattached++;
  }
  const shares = [...perLeader]
    .sort((a, b) => b[1] - a[1])
    .map(([id, n]) => `${leaders.find((l) => l.id === id)?.short ?? id}'s people run ${n}`);
  const networkSummary = `On ${niceDate(date)}, of ${patron.length} regional party organisations, ${
    shares.length ? listText(shares) : "none answers to a leader"
  }${unattached ? `; ${unattached} answer to no leader` : ""}.`;
  return (
    <section className="panel network" data-testid="network-graph" data-tick={t}>
      <header className="panel-head">
        <h2>Patronage network</h2>
        <span className="muted small">Click a leader to see his regions and his men</span>
      </header>
      <div className="network-body">
        <p className="visually-hidden" id="network-summary" data-testid="network-summary">
          {networkSummary}
        </p>
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          aria-label="Network of leaders and the regional party organisations whose secretaries answer to them"
          aria-describedby="network-summary"
        >
          {/* biome-ignore lint/a11y/noStaticElementInteractions: a click on the background clears the selection */}
          <rect width={WIDTH} height={HEIGHT} fill="transparent" onClick={() => setSelected(null)} />
          {anchor && (
            // biome-ignore lint/a11y/noStaticElementInteractions: hover only shows the same text as the title
            <g className="anchor" onMouseEnter={() => setHover(ANCHOR)} onMouseLeave={() => setHover(null)}>
              <circle className="anchor-dot" cx={anchor.x} cy={anchor.y} r={5} />
              {anchorLabel && (
                <text x={anchorLabel.x} y={anchorLabel.y} textAnchor="start">
                  answering to no leader
                </text>
              )}
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
                {labels.has(r.id) && (
                  <text
                    x={labels.get(r.id)!.x}
                    y={labels.get(r.id)!.y}
                    textAnchor={labels.get(r.id)!.anchor}
                    className="region-label"
                  >
                    {labels.get(r.id)!.text}
                  </text>
                )}
              </g>
            );
          })}
          {officials.map((o, k) => {
            const p = pos[O(o.id)];
            const standing = officialStanding[k] ?? -1;
            if (!p || standing < 0) return null;
            const pIndex = officialPatron[k] ?? -1;
            const leader = pIndex >= 0 ? network.leaders[pIndex] : undefined;
            const q = leader ? pos[L(leader.id)] : undefined;
            const c = leader ? (colour.get(leader.id) ?? "#888") : "#999";
            const faded = sel >= 0 && pIndex !== sel;
            const fallen = standing > 0;
            const label = officialLabels.get(o.id);
            return (
              // biome-ignore lint/a11y/noStaticElementInteractions: hover only shows the same text as the title
              <g
                key={o.id}
                className={`official${faded ? " faded" : ""}${fallen ? " fallen" : ""}`}
                onMouseEnter={() => setHover(O(o.id))}
                onMouseLeave={() => setHover(null)}
              >
                <title>{`${o.name}\n${leader ? `${leaders[pIndex]?.short}'s man` : "no patron"}\n${standingText(k)}`}</title>
                {q && (
                  <line
                    x1={p.x}
                    y1={p.y}
                    x2={q.x}
                    y2={q.y}
                    stroke={c}
                    strokeWidth={1}
                    strokeDasharray={fallen ? "2 2" : undefined}
                    opacity={faded ? 0.06 : 0.7}
                  />
                )}
                <rect
                  x={p.x - OFFICIAL_R / Math.SQRT2}
                  y={p.y - OFFICIAL_R / Math.SQRT2}
                  width={OFFICIAL_R * Math.SQRT2}
                  height={OFFICIAL_R * Math.SQRT2}
                  transform={`rotate(45 ${p.x} ${p.y})`}
                  data-official={o.id}
                  data-patron={leader ? leader.id : "none"}
                  data-standing={standing}
                  fill={fallen ? "#fff" : c}
                  stroke={fallen ? c : "#fff"}
                  strokeWidth={fallen ? 1.5 : 1}
                  opacity={faded ? 0.15 : 1}
                />
                {label && (
                  <text x={label.x} y={label.y} textAnchor={label.anchor} className="official-label">
                    {label.text}
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
                <text x={p.x} y={p.y + r + 12} textAnchor="middle" className="leader-label">
                  {isDead ? `${info2.short} †` : info2.short}
                </text>
              </g>
            );
          })}
        </svg>
        <ul className="network-legend small" aria-label="How to read the network">
          <li>
            <svg width="22" height="14" aria-hidden="true">
              <circle cx="5" cy="9" r="3" fill="#999" />
              <circle cx="15" cy="7" r="6" fill="#999" />
            </svg>
            Region: size = party members
          </li>
          <li>
            <svg width="22" height="14" aria-hidden="true">
              <circle cx="11" cy="7" r="6" fill="#666" />
            </svg>
            Leader: size = his power
          </li>
          <li>
            <svg width="26" height="14" aria-hidden="true">
              <line x1="1" y1="4" x2="25" y2="4" stroke="#666" strokeWidth="2" opacity="0.25" />
              <line x1="1" y1="11" x2="25" y2="11" stroke="#666" strokeWidth="2" />
            </svg>
            Line: faint to strong = how firmly the conference follows its secretary
          </li>
          <li>
            <svg width="26" height="14" aria-hidden="true">
              <rect x="4" y="3" width="7" height="7" transform="rotate(45 7.5 6.5)" fill="#666" />
              <rect
                x="16"
                y="3"
                width="7"
                height="7"
                transform="rotate(45 19.5 6.5)"
                fill="#fff"
                stroke="#666"
              />
            </svg>
            Named official beside his patron; hollow = removed or expelled
          </li>
          <li>
            <svg width="14" height="14" aria-hidden="true">
              <circle cx="7" cy="7" r="6" fill="#eee" stroke="#bbb" />
            </svg>
            Grey with † = has died
          </li>
          <li>
            <svg width="26" height="14" aria-hidden="true">
              <line x1="1" y1="7" x2="25" y2="7" stroke="#b5b5b5" strokeDasharray="3 3" />
            </svg>
            Grey region, dashed line = its secretary answers to no leader
          </li>
        </ul>
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
              {sel >= 0 && officialsOf(sel).length > 0 && (
                <p className="small" data-testid="leader-men">
                  His men:{" "}
                  {officialsOf(sel)
                    .map((o) =>
                      (officialStanding[o.k] ?? 0) === 0
                        ? personName(scenario, o.id)
                        : `${personName(scenario, o.id)} (${standingText(o.k)})`,
                    )
                    .join(", ")}
                  .
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
