import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bolshevikScenario } from "../../test/fixtures.ts";
import { batterySize, report } from "../../test/nightly.ts";
import { changedPrototypes, snapshotPrototypes } from "../../test/prototypes.ts";
import { ScenarioError } from "./load.ts";
import {
  applyPatch,
  applySet,
  applySets,
  assignmentProblem,
  MAX_PATH_INDEX,
  PathError,
  parsePath,
  parseValue,
} from "./patch.ts";

/** The error `work` throws, which must be a ScenarioError naming a field path. */
function refusal(work: () => unknown): ScenarioError {
  try {
    work();
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    const e = err as ScenarioError;
    expect(e.issues.length).toBeGreaterThan(0);
    for (const i of e.issues) expect(i.path.length + (i.line ?? 0)).toBeGreaterThan(0);
    return e;
  }
  return expect.unreachable("expected a ScenarioError") as never;
}

describe("scenario patches", () => {
  const base = bolshevikScenario();

  it("parses paths with names, ids and indices", () => {
    expect(parsePath("people[3].attributes.prestige")).toEqual(["people", 3, "attributes", "prestige"]);
    expect(parsePath("shocks.lenin-dies.probability")).toEqual(["shocks", "lenin-dies", "probability"]);
    expect(parsePath("a[0][12]")).toEqual(["a", 0, 12]);
  });

  it("refuses paths outside the grammar, saying why", () => {
    const cases: [string, RegExp][] = [
      ["", /empty/],
      ["a..b", /empty step between two dots/],
      [".calendar.end", /empty step at its start/],
      ["calendar.end.", /empty step at its end/],
      ["people[-1].name", /not a path step/],
      ["people[1.5].name", /not a path step/],
      ["people[01].name", /not a path step/],
      [`people[${MAX_PATH_INDEX + 1}]`, /larger than/],
      ["people[99999999999999999999]", /larger than/],
      ["__proto__.polluted", /prototype/],
      ["mechanisms.__proto__.x", /prototype/],
      ["constructor.prototype.x", /prototype/],
      ["sources.prototype", /prototype/],
      ["a b", /not a path step/],
      ["[0]", /not a path step/],
      ["a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q", /more than 16 steps/],
      ["a".repeat(400), /longer than/],
    ];
    for (const [path, why] of cases) {
      expect(() => parsePath(path), path).toThrow(PathError);
      expect(() => parsePath(path), path).toThrow(why);
    }
  });

  it("parses values as YAML scalars, or keeps a bare string", () => {
    expect(parseValue("false")).toBe(false);
    expect(parseValue("0.5")).toBe(0.5);
    expect(parseValue("[1, 2]")).toEqual([1, 2]);
    expect(parseValue("individual")).toBe("individual");
    expect(parseValue("*nope")).toBe("*nope");
  });

  it("switches every mechanism off by path, leaving the base scenario untouched", () => {
    for (const id of Object.keys(base.mechanisms)) {
      const s = applySet(base, `mechanisms.${id}.enabled`, false);
      expect(s.mechanisms[id as keyof typeof s.mechanisms].enabled).toBe(false);
    }
    // Untouched: every mechanism the file configures is still on (the return of the fallen and pre-emptive
    // force, absent, are off).
    const { rehabilitation, preemption, ...configured } = base.mechanisms;
    expect(Object.values(configured).every((m) => m.enabled)).toBe(true);
    expect(rehabilitation.enabled).toBe(false);
    expect(preemption.enabled).toBe(false);
  });

  it("addresses list items by id and sets an estimate's value", () => {
    const s = applySet(base, "people.trotsky.attributes.ruthlessness", 0.55);
    const t = s.people.find((p) => p.id === "trotsky")!;
    expect(t.attributes!.ruthlessness!.value).toBe(0.55);
    expect(t.attributes!.ruthlessness!.range).toEqual([0.2, 0.6]);
  });

  it("sets an optional field the schema has but the scenario leaves out, and adds a source key", () => {
    const s = applySet(base, "bodies.secretariat.maxSeats", 5);
    expect(s.bodies.find((b) => b.id === "secretariat")!.maxSeats).toBe(5);
    const t = applySet(base, "sources.new-key", "A new citation");
    expect(t.sources["new-key"]).toBe("A new citation");
  });

  it("rejects unknown paths and values outside their range, naming the field", () => {
    expect(() => applySet(base, "mechanisms.nonesuch.enabled", false)).toThrow(
      /no such field.*"mechanisms" has no field "nonesuch"/,
    );
    // In the schema, but missing here: a step of an official's absent attributes.
    expect(() => applySet(base, "people.kirov.attributes.prestige", 1)).toThrow(
      /no such field: "people.kirov.attributes.prestige"|"people.kirov.attributes" does not exist/,
    );
    expect(() => applySet(base, "people.nobody.name", "x")).toThrow(/"people.nobody" does not exist/);
    expect(() => applySet(base, "people[999].name", "x")).toThrow(/"people\[999\]" does not exist/);
    expect(() => applySet(base, "calendar.start.year", 1)).toThrow(/single value/);
    const e = refusal(() => applySet(base, "people.trotsky.attributes.ruthlessness", 0.99));
    expect(e.issues[0]!.path).toMatch(/people\[\d+\]\.attributes\.ruthlessness\.value/);
    expect(() => applySet(base, "members.fidelity", "molecular")).toThrow(/members\.fidelity/);
  });

  it("refuses prototype paths and values before writing anything, leaving the prototypes alone", () => {
    const before = snapshotPrototypes();
    for (const path of [
      "__proto__.hasOwnProperty",
      "__proto__.toString",
      "constructor.prototype.polluted",
      "people.__proto__.polluted",
      "mechanisms.patronage.__proto__.enabled",
    ]) {
      const e = refusal(() => applySet(base, path, 1));
      expect(e.issues[0]!.message).toMatch(/prototype/);
    }
    // A value that carries a prototype key, as YAML or JSON can write it.
    const hostile = parseValue('{"__proto__": {"polluted": 1}}');
    expect(() => applySet(base, "sources.x", hostile)).toThrow(/prototype/);
    expect(() => applyPatch(base, JSON.parse('{"mechanisms": {"__proto__": {"polluted": 1}}}'))).toThrow(
      /mechanisms.__proto__.*prototype/,
    );
    expect(() => applyPatch(base, JSON.parse('{"constructor": {"prototype": {"polluted": 1}}}'))).toThrow(
      /prototype/,
    );
    expect(changedPrototypes(before)).toEqual([]);
    // And the scenario still works afterwards.
    expect(applySet(base, "mechanisms.patronage.enabled", false).mechanisms.patronage.enabled).toBe(false);
  });

  it("tells a bad path from a bad value for files that list assignments", () => {
    expect(assignmentProblem(base, "mechanisms.patronage.enabled", false)).toBeNull();
    expect(assignmentProblem(base, "a..b", 1)?.at).toBe("path");
    expect(assignmentProblem(base, "mechanisms.nosuch", 1)?.at).toBe("path");
    expect(assignmentProblem(base, "people.nobody.name", 1)?.at).toBe("path");
    const v = assignmentProblem(base, "shocks.lenin-dies.probability", 3);
    expect(v?.at).toBe("value");
    expect(v?.message).toMatch(/shocks\[\d+\]\.probability/);
  });

  it("merges a patch file's mapping: nested fields, and list items by id", () => {
    const s = applyPatch(base, {
      mechanisms: { factionBan: { enabled: false }, testament: { params: { actOnAtFirstCongress: true } } },
      shocks: [{ id: "lenin-dies", probability: 0 }],
    });
    expect(s.mechanisms.factionBan.enabled).toBe(false);
    expect(s.mechanisms.testament.params.actOnAtFirstCongress).toBe(true);
    expect(s.mechanisms.testament.params.writePerYear).toEqual(base.mechanisms.testament.params.writePerYear);
    expect(s.shocks.find((x) => x.id === "lenin-dies")!.probability).toBe(0);
    expect(s.shocks.length).toBe(base.shocks.length);
    expect(() => applyPatch(base, [1, 2])).toThrow(/mapping/);
    expect(() =>
      applyPatch(base, { shocks: [{ id: "new-one", kind: "death", target: "nobody", date: "1925-01-01" }] }),
    ).toThrow(/unknown person "nobody"/);
    // A patch key that exists only on Object.prototype is an unknown field, not a merge into it.
    expect(() => applyPatch(base, { toString: { x: 1 } })).toThrow(/unknown field|toString/);
  });

  it("applies several assignments with one validation, the same as applying them one by one", () => {
    const sets = [
      { path: "mechanisms.files.enabled", value: false },
      { path: "people.stalin.attributes.ruthlessness", value: 0.8 },
      { path: "shocks.lenin-dies.probability", value: 0 },
    ];
    const one = sets.reduce((s, a) => applySet(s, a.path, a.value), base);
    expect(applySets(base, sets)).toEqual(one);
    expect(applySets(base, [])).toBe(base);
    expect(() => applySets(base, [...sets, { path: "mechanisms.nosuch", value: 1 }], "variant")).toThrow(
      /variant: mechanisms\.nosuch.*no such field/s,
    );
    expect(() => applySets(base, [{ path: "shocks.lenin-dies.probability", value: 3 }])).toThrow(
      ScenarioError,
    );
  });

  it("clips a huge value in the message", () => {
    const e = refusal(() => applySet(base, "people.nobody.name", "x".repeat(1_000_000)));
    expect(e.message.length).toBeLessThan(2000);
    const f = refusal(() => applySet(base, `people.${"y".repeat(250)}.name`, 1));
    expect(f.message.length).toBeLessThan(2000);
  });
});

/** Steps a hostile or careless path might hold. */
const STEPS = [
  "people",
  "mechanisms",
  "patronage",
  "params",
  "enabled",
  "calendar",
  "end",
  "sources",
  "stalin",
  "trotsky",
  "attributes",
  "prestige",
  "value",
  "range",
  "shocks",
  "lenin-dies",
  "probability",
  "regions",
  "members",
  "fidelity",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "length",
  "",
  " ",
  "0",
  "-1",
  "[0]",
  "[-1]",
  "[1.5]",
  "[99999999999]",
  "a[0]",
  "people[2]",
  "x".repeat(70),
];

/** Real assignments of the built-in scenario, in --set form (lists by id), each with its current value. */
function realAssignments(): [string, unknown][] {
  const out: [string, unknown][] = [];
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v))
      v.forEach((x, i) => {
        const id = x && typeof x === "object" && "id" in x ? String((x as { id: unknown }).id) : null;
        walk(x, id ? `${path}.${id}` : `${path}[${i}]`);
      });
    else if (v && typeof v === "object") {
      if ("value" in v && "range" in v) out.push([path, (v as { value: unknown }).value]);
      for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
    } else out.push([path, v]);
  };
  walk(bolshevikScenario(), "");
  return out;
}

function realPaths(): string[] {
  return realAssignments().map(([p]) => p);
}

const pathArb = fc.oneof(
  fc.constantFrom(...realPaths()),
  fc.constantFrom(...realPaths()),
  fc.array(fc.constantFrom(...STEPS), { minLength: 1, maxLength: 6 }).map((s) => s.join(".")),
  fc.array(fc.constantFrom(...STEPS), { minLength: 1, maxLength: 4 }).map((s) => s.join("")),
  fc.string({ maxLength: 40 }),
  fc.stringMatching(/^[a-z_.[\]0-9-]{0,30}$/),
);

const valueArb = fc.oneof(
  fc.constantFrom(0, 0.1, 0.3, 0.5, 0.9, 1, true, false, 7, "1925-01-01", "individual"),
  fc.constantFrom(0, 1, -1, 0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER, true, false, null, "", "x"),
  fc.double(),
  fc.string({ maxLength: 20 }),
  fc
    .constantFrom('{"__proto__": {"polluted": 1}}', "[1, 2]", "{a: 1}", "*nope", "9999-12-31")
    .map(parseValue),
  fc.jsonValue({ maxDepth: 3 }),
);

/** 1,000 assignments in `npm test`, 10,000 nightly; patch files a third of that. */
const ASSIGNMENTS = batterySize("APPARAT_FUZZ_PATCHES", 1000, 10_000);
const PATCHES = Math.ceil(ASSIGNMENTS / 3);

describe(`patch fuzz: ${ASSIGNMENTS} assignments and ${PATCHES} patch files`, () => {
  const base = bolshevikScenario();

  it("every assignment applies or is refused with a ScenarioError naming its field; the prototypes never change", () => {
    const before = snapshotPrototypes();
    let applied = 0;
    let refused = 0;
    fc.assert(
      fc.property(
        fc.oneof(fc.tuple(pathArb, valueArb), fc.constantFrom(...realAssignments())),
        ([path, value]) => {
          try {
            applySet(base, path, value);
            applied++;
          } catch (err) {
            if (!(err instanceof ScenarioError)) throw err;
            refused++;
            for (const issue of err.issues) expect(issue.path.length).toBeGreaterThan(0);
            expect(err.message.length).toBeLessThan(40_000);
          }
          expect(changedPrototypes(before)).toEqual([]);
        },
      ),
      { numRuns: ASSIGNMENTS, seed: 17 },
    );
    expect(applied + refused).toBe(ASSIGNMENTS);
    // Both sides are exercised: a patcher that refused everything would fail here.
    expect(applied).toBeGreaterThan(ASSIGNMENTS / 10);
    report("patch fuzz", { assignments: ASSIGNMENTS, applied, refused, crashes: 0, prototypeChanges: 0 });
  });

  it("every patch merges or is refused with a ScenarioError; the prototypes never change", () => {
    const before = snapshotPrototypes();
    const key = fc.constantFrom(...STEPS.filter((s) => s !== ""), "toString", "__proto__");
    const patchArb = fc.oneof(
      fc.dictionary(key, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.parse(JSON.stringify({ mechanisms: v }))),
      fc
        .tuple(key, key, fc.jsonValue({ maxDepth: 2 }))
        .map(([a, b, v]) =>
          JSON.parse(`{${JSON.stringify(a)}: {${JSON.stringify(b)}: ${JSON.stringify(v ?? null)}}}`),
        ),
    );
    fc.assert(
      fc.property(patchArb, (patch) => {
        try {
          applyPatch(base, patch);
        } catch (err) {
          if (!(err instanceof ScenarioError)) throw err;
        }
        expect(changedPrototypes(before)).toEqual([]);
      }),
      { numRuns: PATCHES, seed: 23 },
    );
  });
});
