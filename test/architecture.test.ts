/**
 * The layers stay one-way: the kernel imports nothing outside itself (no Node module, no scenario code), has
 * no import circle, and the scenario layer reads only the kernel's data contract (the compiled scenario and
 * the calendar), never the engine.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(new URL("../src", import.meta.url).pathname);

/** Every source file under a folder (tests and shared test cases excluded). */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (name.endsWith(".ts") && !name.endsWith(".test.ts") && !name.includes(".cases.")) out.push(path);
  }
  return out;
}

/** The modules a file imports (static `import`/`export ... from`, type-only included), resolved. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^(?:import|export)[^;]*?from\s+"([^"]+)"/gms)].map((m) =>
    m[1]!.startsWith(".") ? resolve(dirname(file), m[1]!) : m[1]!,
  );
}

/** Strongly connected components with more than one file (Tarjan): each is an import circle. */
function circles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(relative(SRC, w));
    } while (w !== v);
    if (component.length > 1) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

const kernel = sources(join(SRC, "kernel"));
const scenario = sources(join(SRC, "scenario"));

describe("architecture", () => {
  it("the kernel has no import circle", () => {
    const graph = new Map(kernel.map((f) => [f, importsOf(f)]));
    expect(circles(graph)).toEqual([]);
  });

  it("the kernel imports nothing outside itself but its random-number library", () => {
    const outside = kernel.flatMap((f) =>
      importsOf(f)
        .filter((m) => (m.startsWith("/") ? !m.startsWith(join(SRC, "kernel")) : !m.startsWith("pure-rand")))
        .map((m) => `${relative(SRC, f)} -> ${m.startsWith("/") ? relative(SRC, m) : m}`),
    );
    expect(outside).toEqual([]);
  });

  it("the scenario layer reads only the kernel's data contract, never the engine", () => {
    const contract = new Set(["kernel/compiled.ts", "kernel/calendar.ts"]);
    const reaches = scenario.flatMap((f) =>
      importsOf(f)
        .filter((m) => m.startsWith(join(SRC, "kernel")) && !contract.has(relative(SRC, m)))
        .map((m) => `${relative(SRC, f)} -> ${relative(SRC, m)}`),
    );
    expect(reaches).toEqual([]);
  });

  it("the checks see real imports (a circle planted in a copy of the graph is found)", () => {
    const graph = new Map(kernel.map((f) => [f, importsOf(f)]));
    expect(graph.size).toBeGreaterThan(20);
    const world = kernel.find((f) => f.endsWith("kernel/world.ts"))!;
    const power = kernel.find((f) => f.endsWith("kernel/power.ts"))!;
    expect(graph.get(power)).toContain(world);
    graph.set(world, [...graph.get(world)!, power]);
    expect(circles(graph).length).toBe(1);
  });
});
