import { describe, expect, it } from "vitest";
import { isMissingPackage, loadQueue, loadQueueModule, MissingPackageError } from "./optionalQueue.ts";

async function importError(specifier: string): Promise<unknown> {
  try {
    await import(/* @vite-ignore */ specifier);
  } catch (err) {
    return err;
  }
  throw new Error(`${specifier} imported`);
}

describe("the optional queue packages", () => {
  it("tells a missing package from other failures", async () => {
    const missing = await importError("apparat-no-such-package");
    expect(isMissingPackage(missing, ["apparat-no-such-package"])).toBe(true);
    expect(isMissingPackage(missing, ["bullmq", "ioredis"])).toBe(false);
    expect(isMissingPackage(new Error("Cannot find package 'bullmq'"), ["bullmq"])).toBe(false);
    expect(isMissingPackage(null, ["bullmq"])).toBe(false);
  });

  it("names the packages and the command that installs them, in the versions package.json pins", async () => {
    const err = Object.assign(new Error("Cannot find package 'bullmq' imported from /x/queue.js"), {
      code: "ERR_MODULE_NOT_FOUND",
    });
    const failure = loadQueueModule(() => Promise.reject(err));
    await expect(failure).rejects.toThrow(MissingPackageError);
    await expect(failure).rejects.toThrow(
      /--queue, apparat worker\) needs the optional packages bullmq and ioredis, .*npm install bullmq@6\.7\.0 ioredis@5\.11\.1/,
    );
  });

  it("passes any other loading error through unchanged", async () => {
    const err = new SyntaxError("bad module");
    await expect(loadQueueModule(() => Promise.reject(err))).rejects.toBe(err);
  });

  it("loads the queue where its packages are installed (a development checkout)", async () => {
    const queue = await loadQueue();
    expect(queue.redisOptions("redis://127.0.0.1:6390")).toEqual({ host: "127.0.0.1", port: 6390 });
  });
});
