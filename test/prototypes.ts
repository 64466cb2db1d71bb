/**
 * The oracle of the hostile-input batteries: the shared prototypes every object inherits from are exactly as
 * they were. A snapshot records each own property (name, value, getter and setter) of the built-in
 * prototypes; `changedPrototypes` lists what differs from it.
 */

const WATCHED: [string, object][] = [
  ["Object.prototype", Object.prototype],
  ["Array.prototype", Array.prototype],
  ["Function.prototype", Function.prototype],
  ["String.prototype", String.prototype],
  ["Number.prototype", Number.prototype],
  ["Boolean.prototype", Boolean.prototype],
];

type Snapshot = Map<string, Map<PropertyKey, PropertyDescriptor>>;

/** Every own property of the watched prototypes, with its descriptor. */
export function snapshotPrototypes(): Snapshot {
  const out: Snapshot = new Map();
  for (const [name, proto] of WATCHED) {
    const props = new Map<PropertyKey, PropertyDescriptor>();
    for (const key of Reflect.ownKeys(proto)) props.set(key, Object.getOwnPropertyDescriptor(proto, key)!);
    out.set(name, props);
  }
  return out;
}

/** What differs from the snapshot: added, removed or changed properties, and a changed prototype chain. */
export function changedPrototypes(before: Snapshot): string[] {
  const changes: string[] = [];
  if (Object.getPrototypeOf(Object.prototype) !== null) changes.push("Object.prototype has a prototype");
  for (const [name, proto] of WATCHED) {
    const was = before.get(name)!;
    const now = new Set<PropertyKey>(Reflect.ownKeys(proto));
    for (const key of now) {
      const d = Object.getOwnPropertyDescriptor(proto, key)!;
      const old = was.get(key);
      if (!old) changes.push(`${name}.${String(key)} added`);
      else if (old.value !== d.value || old.get !== d.get || old.set !== d.set || old.writable !== d.writable)
        changes.push(`${name}.${String(key)} changed`);
    }
    for (const key of was.keys()) if (!now.has(key)) changes.push(`${name}.${String(key)} removed`);
  }
  // A property on a prototype shows on a fresh object even if the snapshot missed it.
  const probe = {} as Record<string, unknown>;
  for (const key of ["polluted", "isAdmin", "x", "a", "0"])
    if (probe[key] !== undefined) changes.push(`{}.${key}`);
  return changes;
}
