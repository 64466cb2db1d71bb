/**
 * The distributed queue's modules, loaded only when a queue is used: its packages (bullmq, ioredis) are
 * optional peer dependencies, so most installs do not have them. A missing one is reported with the command
 * that installs it, in the versions this release was tested with.
 */
import { readFileSync } from "node:fs";

/** The packages the queue needs; none of them is installed with apparat by default. */
export const QUEUE_PACKAGES = ["bullmq", "ioredis"] as const;

/** A package an optional feature needs is not installed. The message says what to install. */
export class MissingPackageError extends Error {
  override name = "MissingPackageError";
}

/** Whether `err` says that one of `packages` could not be found (as opposed to failing while loading). */
export function isMissingPackage(err: unknown, packages: readonly string[]): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (e?.code !== "ERR_MODULE_NOT_FOUND" && e?.code !== "MODULE_NOT_FOUND") return false;
  const message = String(e.message);
  return packages.some((p) => message.includes(`'${p}'`) || message.includes(`"${p}"`));
}

/** `bullmq@6.7.0 ioredis@5.11.1`: the versions package.json asks for. */
function pinned(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    peerDependencies?: Record<string, string>;
  };
  return QUEUE_PACKAGES.map((p) => `${p}@${pkg.peerDependencies?.[p] ?? "latest"}`).join(" ");
}

/** Runs `load`, turning "a queue package is missing" into a {@link MissingPackageError} saying what to install. */
export async function loadQueueModule<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    if (!isMissingPackage(err, QUEUE_PACKAGES)) throw err;
    throw new MissingPackageError(
      `the distributed queue (--queue, apparat worker) needs the optional packages ${QUEUE_PACKAGES.join(" and ")}, which are not installed: run npm install ${pinned()} where apparat is installed`,
      { cause: err },
    );
  }
}

/** The queue's submitting side (QueueExecutor and its helpers). */
export function loadQueue(): Promise<typeof import("./queue.ts")> {
  return loadQueueModule(() => import("./queue.ts"));
}

/** The queue's worker side (startQueueWorker). */
export function loadQueueWorker(): Promise<typeof import("./queueWorker.ts")> {
  return loadQueueModule(() => import("./queueWorker.ts"));
}
