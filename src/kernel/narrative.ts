/** Turns the event log into a readable, dated narrative. Pure, so the web dashboard can use it too. */
import type { SimEvent } from "./events.ts";
import type { Outcome } from "./outcome.ts";

/** Names of everything a scenario defines, by id. */
export interface Names {
  person(id: string | null): string;
  /** A ladder step as a phrase after a name ("is expelled from the party"). */
  rung(id: string): string;
  /** What a motion asks, as the end of "a motion ..." ("to expel <him> from the party"). */
  motion(motion: string, who: string): string;
  post(kind: "office" | "region" | "body", id: string): string;
  congressNumber(n: number): string;
  /** Name of the leader of the highest standing (the founder, where there is one). */
  founder(): string;
  /** Names of the bodies the sole-leadership test looks at: the executive and the committee. */
  executive: string;
  committee: string;
}

/** "1st", "2nd", "11th", "23rd". */
export function ordinal(n: number): string {
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

const ORDINAL_WORDS = [
  "first",
  "second",
  "third",
  "fourth",
  "fifth",
  "sixth",
  "seventh",
  "eighth",
  "ninth",
  "tenth",
];
/** "first" to "tenth" in words, then "11th". */
export const ordinalWord = (n: number) => ORDINAL_WORDS[n - 1] ?? ordinal(n);

export function namesOf(s: NamedScenario): Names {
  const people = new Map(s.people.map((p) => [p.id, p.shortName ?? p.name.split(" ").at(-1)!]));
  const offices = new Map(s.offices.map((o) => [o.id, o.name]));
  const bodies = new Map(s.bodies.map((b) => [b.id, b.name]));
  const regions = new Map(s.regions.map((r) => [r.id, r.name]));
  const congress = s.bodies.find((b) => b.kind === "congress");
  const kinds = new Map((s.ladder ?? []).map((r) => [r.id, r.kind]));
  const bodyOfKind = (kind: string, fallback: string) =>
    s.bodies.find((b) => b.kind === kind)?.name ?? fallback;
  return {
    person: (id) => (id === null ? "an unnamed official" : (people.get(id) ?? id)),
    rung: (id) => {
      const kind = kinds.get(id);
      if (kind === "executive" && bodies.has(id)) return `is removed from the ${bodies.get(id)}`;
      return RUNG_TEXT[id] ?? (kind ? KIND_TEXT[kind] : undefined) ?? `is removed (${id})`;
    },
    motion: (motion, who) => {
      const [verb, step] = motion.split(":");
      const kind = step ? (kinds.get(step) ?? RUNG_KIND[step]) : undefined;
      if (verb === "remove" && kind === "executive")
        return `to remove ${who} from the ${bodies.get(step!) ?? bodyOfKind("executive", "executive body")}`;
      const known = verb === "remove" && kind ? KIND_MOTION[kind] : undefined;
      return known ? known(who) : `on ${motion.replace(/[:-]/g, " ")} concerning ${who}`;
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
    executive: bodyOfKind("executive", "executive"),
    committee: bodyOfKind("committee", "committee"),
  };
}

const listFormat = new Intl.ListFormat("en-GB", { style: "long", type: "conjunction" });
const list = (xs: string[]): string => listFormat.format(xs);
const count = (x: number) => x.toLocaleString("en-US");

/** How much of his work a person can still do, in words (capacity is a share in [0, 1]). */
export function capacityWords(capacity: number): string {
  if (capacity <= 0.05) return "he can no longer work";
  if (capacity < 0.35) return "he can do little work";
  if (capacity < 0.65) return "he can do about half his work";
  if (capacity < 0.95) return "he can do most of his work";
  return "he is back at full strength";
}

/** The kinds of the version-1 ladder's steps, for logs written without the scenario's ladder. */
const RUNG_KIND: Record<string, string> = {
  office: "office",
  politburo: "executive",
  "central-committee": "committee",
  expulsion: "party",
  "internal-exile": "exile",
  deportation: "deportation",
};

const RUNG_TEXT: Record<string, string> = {
  office: "is stripped of his offices",
  politburo: "is removed from the Politburo",
  "central-committee": "is removed from the Central Committee",
  expulsion: "is expelled from the party",
  "internal-exile": "is sent into internal exile",
  deportation: "is deported abroad",
};

/** What a removal motion asks, by the kind of step ("to expel <him> from the party"). */
const KIND_MOTION: Record<string, (who: string) => string> = {
  office: (who) => `to strip ${who} of his offices`,
  committee: (who) => `to remove ${who} from the Central Committee`,
  party: (who) => `to expel ${who} from the party`,
  exile: (who) => `to send ${who} into internal exile`,
  deportation: (who) => `to deport ${who}`,
  arrest: (who) => `to arrest ${who}`,
  trial: (who) => `to put ${who} on trial`,
  execution: (who) => `to have ${who} shot`,
};

const LAPSE_TEXT: Record<string, (n: Names) => string> = {
  gone: () => "he is no longer among the contenders for power",
  "rival-in-executive": (n) => `a rival holds a full seat in the ${n.executive} again`,
  "needs-consent": () => "he can no longer rule without the consent of others",
  "executive-majority": (n) => `his supporters have lost their majority in the ${n.executive}`,
  "committee-majority": (n) => `his supporters have lost their majority in the ${n.committee}`,
};

/** What an event's sentence depends on beyond the event: what came before it in the same run. */
export interface StoryContext {
  /** sole-leader: he has met the test before in this run. */
  again?: boolean;
  /** alliance-formed (ruling): the round of alliances it opens, from 1, or the round it repeats. */
  round?: number;
  /** alliance-formed (ruling): the same leaders ruled together before. */
  reformed?: boolean;
}

/** One readable sentence for an event, or null for events the short narrative leaves out. */
export function describe(e: SimEvent, n: Names, verbose = false, ctx: StoryContext = {}): string | null {
  const who = (id: string | null) => n.person(id);
  const people = (ids: string[]) => list(ids.map(who));
  switch (e.type) {
    case "incapacitation":
      return `${who(e.person)}: ${e.label ?? "falls ill"}; ${capacityWords(e.capacity)}.`;
    case "recovery":
      return `${who(e.person)}: ${e.label ?? "recovers"}; ${capacityWords(e.capacity)}.`;
    case "death":
      return e.label ? `${who(e.person)} ${e.label}.` : `${who(e.person)} dies.`;
    case "shock":
      return `A shock to the country: ${e.label ?? e.id}.`;
    case "congress":
      return `The ${n.congressNumber(e.number)} opens: ${count(e.delegates)} voting delegates for ${count(e.members)} party members.`;
    case "membership":
      return verbose ? `The party has ${count(e.members)} members.` : null;
    case "alliance-formed": {
      if (e.kind !== "ruling") return `${people(e.members)} stand together in opposition.`;
      const against = e.against.length ? ` against ${people(e.against)}` : "";
      if (ctx.reformed) return `${people(e.members)} form their ruling alliance again${against}.`;
      const round = ctx.round ? `${capitalise(ordinalWord(ctx.round))} round of alliances: ` : "";
      return `${round}${people(e.members)} form a ruling alliance${against}.`;
    }
    case "alliance-broken":
      if (e.kind === "opposition")
        return verbose ? `The opposition of ${people(e.members)} breaks up.` : null;
      if (e.reason === "defection" && e.by)
        return `${who(e.by)} breaks with ${people(e.members.filter((m) => m !== e.by))}.`;
      return `The alliance of ${people(e.members)} dissolves.`;
    case "removal": {
      const by = e.by.length ? `, at the demand of ${people(e.by)}` : "";
      const offices = e.kind === "office" ? e.lost.map((id) => n.post("office", id)) : [];
      const what = offices.length
        ? `loses his ${offices.length > 1 ? "posts" : "post"} as ${list(offices)}`
        : n.rung(e.rung);
      const man = e.patron ? `, as ${who(e.patron)}'s man` : "";
      return `${who(e.person)} ${what}${man}${by}.`;
    }
    case "vote": {
      const score = `${count(e.for)} for, ${count(e.against)} against${e.abstain ? `, ${count(e.abstain)} abstaining` : ""}`;
      if (e.motion === "political-report")
        return `The congress ${e.passed ? "backs" : "rejects"} the leadership's report, given by ${people(e.proposers)}: ${score}.`;
      if (e.motion === "enlarge-committee")
        return verbose || !e.passed
          ? `The congress ${e.passed ? "votes" : "refuses"} to enlarge the ${n.committee}: ${score}.`
          : null;
      if (e.motion === "elect-committee")
        return verbose || !e.passed
          ? `The congress ${e.passed ? "elects" : "refuses"} the leadership's candidates for the ${n.committee}'s remaining seats, put forward by ${people(e.proposers)}: ${score}.`
          : null;
      const swing = e.swing?.length
        ? `; ${people(e.swing)} cast the deciding ${e.swing.length > 1 ? "votes" : "vote"}`
        : "";
      const body = n.post("body", e.body);
      const [verb, what = ""] = e.motion.split(":");
      const by = people(e.proposers);
      switch (verb) {
        case "appeal":
          return `The ${body} ${e.passed ? "upholds" : "rejects"} the appeal of ${by}: ${score}${swing}.`;
        case "line":
          if (e.passed) return verbose ? `The ${body} adopts the line of ${by}: ${score}.` : null;
          return `The ${body} rejects the turn of the line that ${by} ${e.proposers.length > 1 ? "propose" : "proposes"}: ${score}${swing}.`;
        case "confirm": {
          const region = n.post("region", what);
          if (e.passed)
            return verbose
              ? `The ${body} confirms a new secretary for the ${region} party organisation: ${score}.`
              : null;
          const held = e.target ? `, and keeps ${who(e.target)}'s man there` : "";
          return `The ${body} refuses to confirm the nominee of ${by} for the ${region} party organisation${held}: ${score}${swing}.`;
        }
        case "appoint":
          if (e.passed && !verbose) return null;
          return `The ${body} ${e.passed ? "appoints" : "refuses to appoint"} ${who(e.target)} as ${n.post("office", what)}: ${score}.`;
        case "elect":
          return verbose
            ? `The ${body} votes on the members of the ${n.post("body", what)}: ${score}.`
            : null;
        case "testament":
          return `The ${body} ${e.passed ? "votes" : "refuses"} to remove ${who(e.target)} from his offices, as ${n.founder()}'s letter asks: ${score}.`;
        case "endorse":
          return `The ${body} ${e.passed ? "endorses" : "refuses to endorse"} the arrests ordered by ${by}${e.target ? `, ${who(e.target)}'s among them` : ""}: ${score}${swing}${e.passed ? "" : "; the arrested are released"}.`;
        case "repudiate-legacy":
          return `The ${body} ${e.passed ? "votes" : "refuses"} to repudiate ${n.founder()}'s legacy: ${score}.`;
      }
      const motion = n.motion(e.motion, who(e.target));
      if (!e.passed)
        return `A motion ${motion} fails in the ${body}, ${score}: those who proposed it lose face${swing}.`;
      if (swing && e.motion.startsWith("remove:")) return `The ${body} votes ${motion}: ${score}${swing}.`;
      return verbose ? `The ${body} votes ${motion}: ${score}.` : null;
    }
    case "election":
      if (e.added === 0)
        return verbose ? `The ${n.post("body", e.electedBody)} is re-elected with ${e.seats} seats.` : null;
      return `The ${n.post("body", e.electedBody)} grows to ${e.seats} seats (${e.added} new).`;
    case "appointment": {
      const client = e.patron && e.patron !== e.person ? ` (${who(e.patron)}'s protégé)` : "";
      if (e.post.kind === "region") {
        if (!verbose && e.person === null) return null;
        const appointee = e.person ? `${who(e.person)}${client}` : `A nominee of ${who(e.by)}`;
        return `${appointee} takes over the ${n.post("region", e.post.id)} party organisation.`;
      }
      if (e.post.kind === "body") {
        const [body, tag] = e.post.id.split(":");
        const name = n.post("body", body!);
        if (tag === "candidate")
          return `${who(e.person)}${client} becomes a candidate member of the ${name}.`;
        if (e.by && e.body)
          return `The ${n.post("body", e.body)} co-opts ${who(e.person)}${client} into the ${name}, on ${who(e.by)}'s nomination.`;
        return `${who(e.person)}${client} joins the ${name}.`;
      }
      return `${who(e.person)}${client} becomes ${n.post("office", e.post.id)}.`;
    }
    case "sole-leader":
      return ctx.again
        ? `${who(e.person)} is sole leader again.`
        : `${who(e.person)} becomes sole leader: no rival keeps a full seat in the ${n.executive}, and his supporters hold majorities there and in the ${n.committee}.`;
    case "sole-leadership-lapsed":
      return `${who(e.person)} is no longer sole leader: ${(LAPSE_TEXT[e.reason] ?? (() => e.reason))(n)}.`;
    case "enrolment":
      return `${who(e.by)} launches a mass enrolment of new party members: ${count(e.recruits)} join over ${e.weeks} weeks.`;
    case "platform":
      return `${people(e.leaders)} ${e.leaders.length > 1 ? "issue" : "issues"} an opposition platform; ${count(e.sympathisers)} members rally to it.`;
    case "factionalism-charge":
      return `${people(e.by)} ${e.by.length > 1 ? "accuse" : "accuses"} ${people(e.against)} of factionalism, which the party has banned${e.expelled ? `; ${count(e.expelled)} of ${e.against.length > 1 ? "their" : "his"} supporters are expelled` : ""}.`;
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
    case "truce-broken":
      return `${who(e.person)} breaks the truce and takes up opposition again.`;
    case "resistance":
      return `${who(e.person)} calls on armed force to resist removal, and ${e.succeeded ? "prevails" : "fails"}.`;
    case "line-shift": {
      if (!verbose) return null;
      const side = e.to > e.from ? "right" : "left";
      return `${who(e.person)} moves to the ${side} on economic policy (from ${e.from} to ${e.to}, where -1 is far left and +1 far right).`;
    }
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
    case "patron-change":
      if (e.cause === "pressure")
        return `${who(e.to)}, who holds ${who(e.person)}'s file, presses him into his camp.`;
      return e.cause === "recantation"
        ? verbose
          ? `${who(e.person)} now answers to ${who(e.to)}.`
          : null
        : `${who(e.person)}, left without a patron by ${who(e.from)}'s fall, goes over to ${who(e.to)}.`;
    case "restraint":
      return `${people(e.by)} ${e.by.length > 1 ? "hold" : "holds"} back a move against ${who(e.target)}: with him gone, ${e.by.length > 1 ? "their" : "his"} partners would no longer need ${e.by.length > 1 ? "them" : "him"}.`;
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

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** One event of a run with its sentence in context (null where the short narrative leaves it out). */
export interface StoryEvent {
  event: SimEvent;
  text: string | null;
}

/**
 * Every event of a run with its sentence, told in order: a leader who meets the sole-leadership test a
 * second time is "sole leader again", and each new line-up of rulers opens a numbered round of alliances.
 *
 * @example
 * for (const { event, text } of tell(result.events, namesOf(scenario))) if (text) console.log(event.date, text);
 */
export function tell(events: SimEvent[], n: Names, verbose = false): StoryEvent[] {
  const soleBefore = new Set<string>();
  const lineUps: string[] = [];
  return events.map((e) => {
    const ctx: StoryContext = {};
    if (e.type === "sole-leader") {
      ctx.again = soleBefore.has(e.person);
      soleBefore.add(e.person);
    } else if (e.type === "alliance-formed" && e.kind === "ruling") {
      const key = [...e.members].sort().join(",");
      const seen = lineUps.indexOf(key);
      if (seen >= 0) ctx.reformed = true;
      else ctx.round = lineUps.push(key);
    }
    return { event: e, text: describe(e, n, verbose, ctx) };
  });
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
  return tell(events, n, verbose).flatMap(({ event, text }) => (text ? [`${event.date}  ${text}`] : []));
}
