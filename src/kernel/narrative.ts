/** Turns the event log into a readable, dated narrative. Pure, so the web dashboard can use it too. */
import type { SimEvent } from "./events.ts";
import type { Outcome } from "./outcome.ts";

/** Names of everything a scenario defines, by id. */
export interface Names {
  person(id: string | null): string;
  /** A ladder step as a phrase after a name ("is expelled from the party"). */
  rung(id: string): string;
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
  people: readonly {
    id: string;
    name: string;
    shortName?: string | undefined;
    attributes?: { prestige?: { value: number } };
  }[];
  offices: readonly { id: string; name: string }[];
  bodies: readonly { id: string; name: string; kind: string; firstNumber?: number | undefined }[];
  regions: readonly { id: string; name: string }[];
  ladder?: readonly { id: string; kind: string }[] | undefined;
}

/** What each kind of ladder step does, as a phrase after the person's name. */
const KIND_TEXT: Record<string, string> = {
  office: "is stripped of his offices",
  executive: "is removed from the top body",
  committee: "is removed from the Central Committee",
  party: "is expelled from the party",
  exile: "is sent into internal exile",
  deportation: "is deported abroad",
  arrest: "is arrested",
  trial: "is put on trial and convicted",
  execution: "is executed",
};

export function namesOf(s: NamedScenario): Names {
  const people = new Map(s.people.map((p) => [p.id, p.shortName ?? p.name.split(" ").at(-1)!]));
  const offices = new Map(s.offices.map((o) => [o.id, o.name]));
  const bodies = new Map(s.bodies.map((b) => [b.id, b.name]));
  const regions = new Map(s.regions.map((r) => [r.id, r.name]));
  const congress = s.bodies.find((b) => b.kind === "congress");
  const kinds = new Map((s.ladder ?? []).map((r) => [r.id, r.kind]));
  return {
    person: (id) => (id === null ? "an unnamed official" : (people.get(id) ?? id)),
    rung: (id) => {
      const kind = kinds.get(id);
      if (kind === "executive" && bodies.has(id)) return `is removed from the ${bodies.get(id)}`;
      return RUNG_TEXT[id] ?? (kind ? KIND_TEXT[kind] : undefined) ?? `is removed (${id})`;
    },
    post: (kind, id) => {
      const [base, tag] = id.split(":");
      const map = kind === "office" ? offices : kind === "region" ? regions : bodies;
      const name = map.get(base!) ?? base!;
      return tag === "candidate" ? `${name} (candidate)` : name;
    },
    congressNumber: (n) => `${ordinal((congress?.firstNumber ?? 1) + n - 1)} ${congress?.name ?? "Congress"}`,
    founder: () => {
      const standing = (p: NamedScenario["people"][number]) => p.attributes?.prestige?.value ?? 0;
      const top = [...s.people].sort((a, b) => standing(b) - standing(a))[0];
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
      return `${who(e.person)} ${n.rung(e.rung)}${by}.`;
    }
    case "vote": {
      const score = `${e.for}–${e.against}${e.abstain ? `, ${e.abstain} abstaining` : ""}`;
      if (e.motion === "political-report")
        return `The congress ${e.passed ? "approves" : "rejects"} the political report of ${people(e.proposers)}, ${score}.`;
      if (e.motion === "enlarge-committee")
        return verbose || !e.passed
          ? `The congress ${e.passed ? "approves" : "rejects"} enlarging the Central Committee, ${score}.`
          : null;
      const swing = e.swing?.length
        ? `; ${people(e.swing)} cast the deciding ${e.swing.length > 1 ? "votes" : "vote"}`
        : "";
      if (e.motion.startsWith("appeal:"))
        return `${n.post("body", e.body)} ${e.passed ? "upholds" : "rejects"} the appeal of ${people(e.proposers)}, ${score}${swing}.`;
      if (!e.passed && e.motion.startsWith("remove:"))
        return `A motion against ${who(e.target)} fails in the ${n.post("body", e.body)}, ${score}: its sponsors lose face${swing}.`;
      if (swing && e.motion.startsWith("remove:"))
        return `The ${n.post("body", e.body)} votes ${score} against ${who(e.target)}${swing}.`;
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
    case "session":
      return `${people(e.convenedBy)} ${e.convenedBy.length > 1 ? "have" : "has"} the ${n.post("body", e.body)} convened in extraordinary session.`;
    case "reversal":
      return `The ${n.post("body", e.body)} overturns the decision against ${who(e.person)}, a defeat for ${people(e.overturned)}.`;
    case "office-created":
      return `The post of ${n.post("office", e.office)} is created${e.person ? `; ${who(e.person)} takes it` : ""}.`;
    case "office-abolished":
      return `The post of ${n.post("office", e.office)} is abolished${e.person ? `; ${who(e.person)} loses it` : ""}.`;
    case "transfer":
      if (e.to === null) return `${who(e.from)} gives up the post of ${n.post("office", e.office)}.`;
      return `${who(e.to)} takes over as ${n.post("office", e.office)}${e.from ? ` from ${who(e.from)}` : ""}.`;
    case "backing":
      if (e.backs === null) return verbose ? `${who(e.person)} no longer backs ${who(e.before)}.` : null;
      return e.before === null
        ? verbose
          ? `${who(e.person)} backs ${who(e.backs)}.`
          : null
        : `${who(e.person)} swings from ${who(e.before)} to ${who(e.backs)}.`;
    case "courting":
      return verbose || e.accepted
        ? `${who(e.by)} courts ${who(e.to)} with a concession on the line; ${e.accepted ? "he comes over" : "he holds back"}.`
        : null;
    case "force":
      return `${who(e.by)} puts armed force behind ${people(e.side)} in the ${n.post("body", e.body)}.`;
    case "coup":
      return `With ${who(e.force)}'s men, ${people(e.by)} ${e.by.length > 1 ? "have" : "has"} ${people(e.against)} arrested.`;
    case "repudiation":
      return `${people(e.by)} repudiate${e.by.length > 1 ? "" : "s"} ${who(e.founder)}'s legacy${e.losers.length ? `; ${people(e.losers)} lose standing` : ""}.`;
    case "rehabilitation":
      return `The ${n.post("body", e.body)} restores ${who(e.person)}${e.restored.length ? ` to the ${list(e.restored.map((b) => n.post("body", b)))}` : ""}, pressed by ${people(e.by.filter((x) => x !== e.person))}.`;
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
