/** Turns the event log into a readable, dated narrative. Pure, so the web dashboard can use it too. */
import type { SimEvent } from "./events.ts";
import type { Outcome } from "./outcome.ts";

/** Names of everything a scenario defines, by id. */
export interface Names {
  person(id: string | null): string;
  post(kind: "office" | "region" | "body", id: string): string;
  congressNumber(n: number): string;
  /** Name of the leader of the highest standing (the founder, where there is one). */
  founder(): string;
}

function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  return `${n}${teen ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th")}`;
}

/** The parts of a scenario that things are named from (a validated scenario has them all). */
export interface NamedScenario {
  people: readonly { id: string; name: string; attributes?: { prestige: { value: number } } }[];
  offices: readonly { id: string; name: string }[];
  bodies: readonly { id: string; name: string; kind: string; firstNumber?: number | undefined }[];
  regions: readonly { id: string; name: string }[];
}

export function namesOf(s: NamedScenario): Names {
  const people = new Map(s.people.map((p) => [p.id, p.name.split(" ").at(-1)!]));
  const offices = new Map(s.offices.map((o) => [o.id, o.name]));
  const bodies = new Map(s.bodies.map((b) => [b.id, b.name]));
  const regions = new Map(s.regions.map((r) => [r.id, r.name]));
  const congress = s.bodies.find((b) => b.kind === "congress");
  return {
    person: (id) => (id === null ? "an unnamed official" : (people.get(id) ?? id)),
    post: (kind, id) => {
      const [base, tag] = id.split(":");
      const map = kind === "office" ? offices : kind === "region" ? regions : bodies;
      const name = map.get(base!) ?? base!;
      return tag === "candidate" ? `${name} (candidate)` : name;
    },
    congressNumber: (n) => `${ordinal((congress?.firstNumber ?? 1) + n - 1)} ${congress?.name ?? "Congress"}`,
    founder: () => {
      const leaders = s.people.filter((p) => p.attributes);
      const top = leaders.sort((a, b) => b.attributes!.prestige.value - a.attributes!.prestige.value)[0];
      return top ? (people.get(top.id) ?? top.id) : "The founder";
    },
  };
}

function list(xs: string[]): string {
  if (xs.length <= 1) return xs.join("");
  return `${xs.slice(0, -1).join(", ")} and ${xs.at(-1)}`;
}

const RUNG_TEXT: Record<string, string> = {
  office: "is stripped of his offices",
  politburo: "is removed from the Politburo",
  "central-committee": "is removed from the Central Committee",
  expulsion: "is expelled from the party",
  "internal-exile": "is sent into internal exile",
  deportation: "is deported abroad",
};

/** One readable sentence for an event, or null for events the short narrative leaves out. */
export function describe(e: SimEvent, n: Names, verbose = false): string | null {
  const who = (id: string | null) => n.person(id);
  const people = (ids: string[]) => list(ids.map(who));
  switch (e.type) {
    case "incapacitation":
      return `${who(e.person)}: ${e.label ?? "falls ill"} (able to work ${Math.round(e.capacity * 100)}%).`;
    case "recovery":
      return `${who(e.person)}: ${e.label ?? "recovers"} (able to work ${Math.round(e.capacity * 100)}%).`;
    case "death":
      return e.label ? `${who(e.person)} ${e.label}.` : `${who(e.person)} dies.`;
    case "shock":
      return `Shock: ${e.label ?? e.id}.`;
    case "congress":
      return `The ${n.congressNumber(e.number)} opens: ${e.delegates} voting delegates for ${e.members.toLocaleString("en-US")} members.`;
    case "membership":
      return verbose ? `The party has ${e.members.toLocaleString("en-US")} members.` : null;
    case "alliance-formed":
      if (e.kind === "ruling")
        return `${people(e.members)} form a ruling alliance${e.against.length ? ` against ${people(e.against)}` : ""}.`;
      return `${people(e.members)} stand together in opposition.`;
    case "alliance-broken":
      if (e.kind === "opposition")
        return verbose ? `The opposition of ${people(e.members)} breaks up.` : null;
      if (e.reason === "defection" && e.by)
        return `${who(e.by)} breaks with ${people(e.members.filter((m) => m !== e.by))}.`;
      return `The alliance of ${people(e.members)} dissolves.`;
    case "removal": {
      const by = e.by.length ? `, on the motion of ${people(e.by)}` : "";
      return `${who(e.person)} ${RUNG_TEXT[e.rung] ?? e.rung}${by}.`;
    }
    case "vote": {
      const score = `${e.for}–${e.against}${e.abstain ? `, ${e.abstain} abstaining` : ""}`;
      if (e.motion === "political-report")
        return `The congress ${e.passed ? "approves" : "rejects"} the political report of ${people(e.proposers)}, ${score}.`;
      if (e.motion === "enlarge-committee")
        return verbose || !e.passed
          ? `The congress ${e.passed ? "approves" : "rejects"} enlarging the Central Committee, ${score}.`
          : null;
      if (!e.passed) return `A motion against ${who(e.target)} fails, ${score}: its sponsors lose face.`;
      return verbose
        ? `${n.post("body", e.body)} votes ${score} for "${e.motion}" against ${who(e.target)}.`
        : null;
    }
    case "election":
      if (e.added === 0)
        return verbose ? `${n.post("body", e.electedBody)} re-elected with ${e.seats} seats.` : null;
      return `${n.post("body", e.electedBody)} enlarged to ${e.seats} seats (${e.added} new).`;
    case "appointment": {
      const client = e.patron && e.patron !== e.person ? ` (${who(e.patron)}'s client)` : "";
      if (e.post.kind === "region") {
        if (!verbose && e.person === null) return null;
        return `${e.person ? who(e.person) : `A nominee of ${who(e.by)}`}${e.person ? client : ""} takes over the ${n.post("region", e.post.id)} party organisation.`;
      }
      if (e.post.kind === "body") return `${who(e.person)}${client} joins the ${n.post("body", e.post.id)}.`;
      return `${who(e.person)}${client} becomes ${n.post("office", e.post.id)}.`;
    }
    case "sole-leader":
      return `${who(e.person)} now meets the sole-leadership test.`;
    case "enrolment":
      return `${who(e.by)} launches an enrolment campaign: ${e.recruits.toLocaleString("en-US")} recruits over ${e.weeks} weeks.`;
    case "platform":
      return `${people(e.leaders)} ${e.leaders.length > 1 ? "issue" : "issues"} an opposition platform; ${e.sympathisers.toLocaleString("en-US")} members rally to it.`;
    case "factionalism-charge":
      return `${people(e.by)} ${e.by.length > 1 ? "charge" : "charges"} ${people(e.against)} with factionalism${e.expelled ? `; ${e.expelled.toLocaleString("en-US")} supporters are expelled` : ""}.`;
    case "testament": {
      const fate = {
        written: "writes a testament recommending the removal of",
        published: "'s testament is published: it condemns",
        read: "'s testament is read only to the delegations: it condemns",
        suppressed: "'s testament is suppressed: it condemned",
      }[e.fate];
      return `${n.founder()}${e.fate === "written" ? " " : ""}${fate} ${who(e.target)}.`;
    }
    case "resignation-offer":
      return `${who(e.person)} offers to resign; the offer is ${e.accepted ? "accepted" : "refused"}.`;
    case "recantation":
      return `${who(e.person)} recants and submits${e.readmitted ? ", and is readmitted to the party" : ""}.`;
    case "resistance":
      return `${who(e.person)} calls on armed force to resist removal, and ${e.succeeded ? "prevails" : "fails"}.`;
    case "line-shift":
      return verbose
        ? `${who(e.person)} moves his line from ${e.from} to ${e.to} (left -1 … right +1).`
        : null;
    case "legacy":
      return `${who(e.founder)}'s legacy is open to claim${e.absent.length ? `; ${people(e.absent)} missed the funeral` : ""}.`;
  }
}

/** The run's outcome as one sentence. */
export function describeOutcome(o: Outcome, n: Names): string {
  switch (o.kind) {
    case "sole-leader":
      return `${n.person(o.leader)} is sole leader from ${o.date}.`;
    case "dominant-leader":
      return `No sole leader: ${n.person(o.leader)} dominates, but rivals keep seats or majorities elude him.`;
    case "collective":
      return `No sole leader: collective leadership of ${list(o.rulingCoalition.map((i) => n.person(i)))}.`;
    case "none":
      return "No leadership remains.";
  }
}

/** The narrative as dated lines. */
export function narrate(events: SimEvent[], n: Names, verbose = false): string[] {
  const out: string[] = [];
  for (const e of events) {
    const text = describe(e, n, verbose);
    if (text) out.push(`${e.date}  ${text}`);
  }
  return out;
}
