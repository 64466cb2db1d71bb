/**
 * The mechanism catalogue: for each mechanism, its switch, what it does, its parameters (value, range, source)
 * and the evidence behind it, with source keys resolved to citations. Feeds `apparat mechanisms` and reports.
 */
import { z } from "zod";
import { type Bibliography, citeKeys, type Reference } from "../bibliography/bibliography.ts";
import { MECHANISMS } from "../kernel/engine.ts";
import { type Estimate, mechanismsSchema, type Scenario } from "../scenario/schema.ts";

export interface ParameterInfo {
  name: string;
  description: string;
  value: number | boolean | string | Record<string, unknown>;
  range: [number, number] | null;
  source: string | null;
  note: string | null;
}

export interface MechanismInfo {
  id: string;
  switch: string;
  enabled: boolean;
  title: string;
  description: string;
  parameters: ParameterInfo[];
  evidence: { source: string; citation: string; note: string }[];
  /**
   * Every source key behind the mechanism (evidence and parameters), with its citation: the full reference
   * (author, title, year, link) where the bibliography has the key, else the scenario's short description.
   */
  sources: { key: string; citation: string; reference: Reference | null }[];
}

type JsonNode = { description?: string; properties?: Record<string, JsonNode> };

function isEstimate(x: unknown): x is Estimate {
  return !!x && typeof x === "object" && "value" in x && "range" in x;
}

function flatten(name: string, value: unknown, describe: (n: string) => string): ParameterInfo[] {
  if (isEstimate(value)) {
    return [
      {
        name,
        description: describe(name),
        value: value.value,
        range: value.range,
        source: value.source,
        note: value.note ?? null,
      },
    ];
  }
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.some(([, v]) => isEstimate(v)))
      return entries.flatMap(([k, v]) => flatten(`${name}.${k}`, v, describe));
  }
  return [
    {
      name,
      description: describe(name),
      value: value as ParameterInfo["value"],
      range: null,
      source: null,
      note: null,
    },
  ];
}

/**
 * Describes every mechanism of the model as the scenario configures it; with a bibliography, sources come
 * as full references.
 *
 * @example
 * for (const m of mechanismCatalogue(scenario)) console.log(m.switch, m.enabled, m.title);
 */
export function mechanismCatalogue(s: Scenario, bibliography: Bibliography | null = null): MechanismInfo[] {
  const schema = z.toJSONSchema(mechanismsSchema, { io: "input", unrepresentable: "any" }) as JsonNode;
  const short = (key: string) => (Object.hasOwn(s.sources, key) ? s.sources[key]! : "(undefined source key)");
  const cite = (key: string) => citeKeys([key], bibliography, short)[0]!.citation;
  return MECHANISMS.map((m) => {
    const config = s.mechanisms[m.id];
    const paramSchema = schema.properties?.[m.id]?.properties?.params;
    const describe = (name: string) => {
      let node: JsonNode | undefined = paramSchema;
      for (const part of name.split(".")) node = node?.properties?.[part];
      return node?.description ?? "";
    };
    const parameters = Object.entries(config.params ?? {}).flatMap(([k, v]) => flatten(k, v, describe));
    const evidence = config.evidence.map((e) => ({
      source: e.source,
      citation: cite(e.source),
      note: e.note,
    }));
    const keys = new Set<string>();
    for (const e of config.evidence) keys.add(e.source);
    for (const p of parameters) for (const k of (p.source ?? "").split(";")) if (k.trim()) keys.add(k.trim());
    return {
      id: m.id,
      switch: `mechanisms.${m.id}.enabled`,
      enabled: config.enabled,
      title: m.title,
      description: m.description,
      parameters,
      evidence,
      sources: citeKeys([...keys].sort(), bibliography, short),
    };
  });
}
