// Deterministic force layout of the patronage network (d3-force): leaders repel each other, each region is
// pulled towards the leader its secretary answers to, unattached regions towards an "independent" anchor.
// Each scrubber move re-runs a fixed number of ticks, warm-started from the previous positions.
import {
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY,
  type Simulation,
  type SimulationLinkDatum,
  type SimulationNodeDatum,
} from "d3-force";

export const WIDTH = 640;
export const HEIGHT = 470;
export const ANCHOR = "independent";

export interface LayoutNode extends SimulationNodeDatum {
  id: string;
  kind: "leader" | "region" | "anchor";
  r: number;
}

type LayoutLink = SimulationLinkDatum<LayoutNode> & { strength: number };

export interface Positions {
  [id: string]: { x: number; y: number };
}

export class NetworkLayout {
  readonly nodes: LayoutNode[];
  readonly #sim: Simulation<LayoutNode, LayoutLink>;
  readonly #byId: Map<string, LayoutNode>;

  constructor(leaderIds: string[], regionIds: string[]) {
    const cx = WIDTH / 2;
    const cy = HEIGHT / 2 - 20;
    const leaders: LayoutNode[] = leaderIds.map((id, k) => {
      const a = (2 * Math.PI * k) / leaderIds.length - Math.PI / 2;
      return { id, kind: "leader", r: 20, x: cx + 150 * Math.cos(a), y: cy + 130 * Math.sin(a) };
    });
    const regions: LayoutNode[] = regionIds.map((id, k) => {
      const a = (2 * Math.PI * k) / regionIds.length;
      return { id, kind: "region", r: 8, x: cx + 210 * Math.cos(a), y: cy + 180 * Math.sin(a) };
    });
    const anchor: LayoutNode = {
      id: ANCHOR,
      kind: "anchor",
      r: 6,
      x: 60,
      y: HEIGHT - 40,
      fx: 60,
      fy: HEIGHT - 40,
    };
    this.nodes = [...leaders, ...regions, anchor];
    this.#byId = new Map(this.nodes.map((n) => [n.id, n]));
    this.#sim = forceSimulation<LayoutNode, LayoutLink>(this.nodes)
      .stop()
      .force(
        "charge",
        forceManyBody<LayoutNode>().strength((n) =>
          n.kind === "leader" ? -520 : n.kind === "region" ? -45 : 0,
        ),
      )
      .force(
        "collide",
        forceCollide<LayoutNode>((n) => n.r + 4),
      )
      .force(
        "x",
        forceX<LayoutNode>(cx).strength((n) => (n.kind === "leader" ? 0.06 : 0.03)),
      )
      .force(
        "y",
        forceY<LayoutNode>(cy).strength((n) => (n.kind === "leader" ? 0.09 : 0.04)),
      );
  }

  /** Sets radii and links for one week, runs the simulation a fixed number of ticks, returns positions. */
  step(radii: Map<string, number>, links: { region: string; target: string; control: number }[], ticks = 60) {
    for (const [id, r] of radii) {
      const n = this.#byId.get(id);
      if (n) n.r = r;
    }
    const linkData: LayoutLink[] = links.map((l) => ({
      source: l.region,
      target: l.target,
      strength: l.control,
    }));
    this.#sim.force(
      "link",
      forceLink<LayoutNode, LayoutLink>(linkData)
        .id((n) => n.id)
        .distance((l) => ((l.target as LayoutNode).kind === "anchor" ? 45 : 30 + (l.target as LayoutNode).r))
        .strength((l) => 0.15 + 0.5 * l.strength),
    );
    this.#sim.alpha(0.6);
    for (let i = 0; i < ticks; i++) this.#sim.tick();
    const out: Positions = {};
    for (const n of this.nodes) {
      n.x = Math.max(n.r + 30, Math.min(WIDTH - n.r - 30, n.x ?? 0));
      n.y = Math.max(n.r + 8, Math.min(HEIGHT - n.r - 16, n.y ?? 0));
      out[n.id] = { x: n.x, y: n.y };
    }
    return out;
  }
}
