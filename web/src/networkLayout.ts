// Deterministic force layout of the patronage network (d3-force). Each leader has a fixed slot on a ring;
// the more regions he holds, the nearer the centre he is pulled, so a dominant leader's cluster fills the
// middle of the panel while his rivals stay spread around it. Regions are pulled towards the leader their
// secretary answers to (unattached ones towards an "independent" anchor), collide so clusters breathe, and a
// bounding force keeps every node inside the panel. Each scrubber move re-runs a fixed number of ticks,
// warm-started from the previous positions, so nodes glide; d3-force has no randomness of its own here, so
// the same sequence of weeks always gives the same pictures. Named officials are small nodes held close to
// the leader they owe their career to, so a leader's machine is visible round him and a man who goes over
// to another patron visibly crosses the panel.
import {
  type Force,
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

export const WIDTH = 560;
export const HEIGHT = 500;
export const ANCHOR = "independent";
/** Space kept free at the edges (leader labels sit below their circles). */
const PAD = 6;
const LABEL_SPACE = 16;

export interface LayoutNode extends SimulationNodeDatum {
  id: string;
  kind: "leader" | "region" | "anchor" | "official";
  r: number;
  /** Where the node is pulled to (leaders: their ring slot, moved inwards with their share of regions). */
  tx: number;
  ty: number;
  /** Unit direction of a leader's ring slot. */
  ux: number;
  uy: number;
}

type LayoutLink = SimulationLinkDatum<LayoutNode> & { strength: number };

export interface Positions {
  [id: string]: { x: number; y: number };
}

const CX = WIDTH / 2;
const CY = HEIGHT / 2;
const RING_X = WIDTH / 2 - 60;
const RING_Y = HEIGHT / 2 - 55;

export class NetworkLayout {
  readonly nodes: LayoutNode[];
  readonly #sim: Simulation<LayoutNode, LayoutLink>;
  readonly #byId: Map<string, LayoutNode>;
  #steps = 0;

  constructor(leaderIds: string[], regionIds: string[], officialIds: string[] = []) {
    const leaders: LayoutNode[] = leaderIds.map((id, k) => {
      const a = (2 * Math.PI * k) / leaderIds.length - Math.PI / 2;
      const ux = Math.cos(a);
      const uy = Math.sin(a);
      const x = CX + RING_X * ux;
      const y = CY + RING_Y * uy;
      return { id, kind: "leader", r: 20, x, y, tx: x, ty: y, ux, uy };
    });
    const regions: LayoutNode[] = regionIds.map((id, k) => {
      const a = (2 * Math.PI * k) / regionIds.length;
      const x = CX + 0.6 * RING_X * Math.cos(a);
      const y = CY + 0.6 * RING_Y * Math.sin(a);
      return { id, kind: "region", r: 8, x, y, tx: CX, ty: CY, ux: 0, uy: 0 };
    });
    const officials: LayoutNode[] = officialIds.map((id, k) => {
      const a = (2 * Math.PI * k) / Math.max(1, officialIds.length) + 0.3;
      const x = CX + 0.3 * RING_X * Math.cos(a);
      const y = CY + 0.3 * RING_Y * Math.sin(a);
      return { id, kind: "official", r: 4, x, y, tx: CX, ty: CY, ux: 0, uy: 0 };
    });
    const ax = 46;
    const ay = HEIGHT - 50;
    const anchor: LayoutNode = {
      id: ANCHOR,
      kind: "anchor",
      r: 6,
      x: ax,
      y: ay,
      fx: ax,
      fy: ay,
      tx: ax,
      ty: ay,
      ux: 0,
      uy: 0,
    };
    this.nodes = [...leaders, ...regions, ...officials, anchor];
    this.#byId = new Map(this.nodes.map((n) => [n.id, n]));
    const nodes = this.nodes;
    const bound: Force<LayoutNode, LayoutLink> = () => {
      for (const n of nodes) {
        if (n.kind === "anchor") continue;
        const below = n.kind === "leader" ? LABEL_SPACE : 0;
        n.x = Math.max(n.r + PAD, Math.min(WIDTH - n.r - PAD, n.x ?? CX));
        n.y = Math.max(n.r + PAD, Math.min(HEIGHT - n.r - PAD - below, n.y ?? CY));
      }
    };
    this.#sim = forceSimulation<LayoutNode, LayoutLink>(this.nodes)
      .stop()
      .force(
        "charge",
        forceManyBody<LayoutNode>()
          .strength((n) =>
            n.kind === "leader" ? -420 : n.kind === "region" ? -28 : n.kind === "official" ? -12 : 0,
          )
          .distanceMax(260),
      )
      .force(
        "collide",
        forceCollide<LayoutNode>((n) => (n.kind === "leader" ? n.r + 14 : n.r + 3)).iterations(2),
      )
      .force("bound", bound);
  }

  /**
   * Sets radii and links for one week, runs the simulation a fixed number of ticks, returns positions.
   * `officialLinks` tie each named official to his patron (or to nothing: he then drifts near the centre).
   */
  step(
    radii: Map<string, number>,
    links: { region: string; target: string; control: number }[],
    ticks = 80,
    officialLinks: { official: string; target: string }[] = [],
  ) {
    for (const [id, r] of radii) {
      const n = this.#byId.get(id);
      if (n) n.r = r;
    }
    // A leader's share of the regions pulls his ring slot towards the centre.
    const held = new Map<string, number>();
    for (const l of links) held.set(l.target, (held.get(l.target) ?? 0) + 1);
    const total = Math.max(1, links.length);
    for (const n of this.nodes) {
      if (n.kind !== "leader") continue;
      const share = (held.get(n.id) ?? 0) / total;
      const k = 1 - Math.min(1, share * 1.6);
      n.tx = CX + RING_X * k * n.ux;
      n.ty = CY + RING_Y * k * n.uy;
    }
    // forceX/forceY cache their targets when set, so set them again with this week's targets.
    this.#sim
      .force(
        "x",
        forceX<LayoutNode>((n) => n.tx).strength((n) => (n.kind === "leader" ? 0.25 : 0.01)),
      )
      .force(
        "y",
        forceY<LayoutNode>((n) => n.ty).strength((n) => (n.kind === "leader" ? 0.25 : 0.01)),
      );
    const linkData: LayoutLink[] = links.map((l) => ({
      source: l.region,
      target: l.target,
      strength: l.control,
    }));
    for (const l of officialLinks) linkData.push({ source: l.official, target: l.target, strength: 1 });
    this.#sim.force(
      "link",
      forceLink<LayoutNode, LayoutLink>(linkData)
        .id((n) => n.id)
        .distance((l) => {
          const t = l.target as LayoutNode;
          const s = l.source as LayoutNode;
          if (s.kind === "official") return t.r + 10;
          return t.kind === "anchor" ? 40 : t.r + s.r + 14;
        })
        .strength((l) => 0.2 + 0.5 * l.strength),
    );
    this.#sim.alpha(this.#steps === 0 ? 1 : 0.6);
    const n = this.#steps === 0 ? 300 : ticks;
    this.#steps++;
    for (let i = 0; i < n; i++) this.#sim.tick();
    const out: Positions = {};
    for (const node of this.nodes) out[node.id] = { x: node.x ?? CX, y: node.y ?? CY };
    return out;
  }
}
