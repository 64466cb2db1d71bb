import { describe, expect, it } from "vitest";
import { executorCases } from "./executor.cases.ts";
import { AffinityQueue, PoolExecutor } from "./pool.ts";

executorCases("worker pool, 1 thread", async () => new PoolExecutor(1));
executorCases("worker pool, 2 threads", async () => new PoolExecutor(2));

describe("AffinityQueue", () => {
  it("hands every task out once, each variant to one thread while the front allows, the front first otherwise", () => {
    const V = 4;
    const R = 3;
    const variants = Array.from({ length: V * R }, (_, i) => i % V);
    const queue = new AffinityQueue(variants);
    const lanes = [new Set<number>(), new Set<number>()];
    const order: number[] = [];
    const byLane: number[][] = [[], []];
    for (let turn = 0; queue.left > 0; turn++) {
      const lane = turn % 2;
      const j = queue.take(lanes[lane]!);
      lanes[lane]!.add(variants[j]!);
      order.push(j);
      byLane[lane]!.push(variants[j]!);
    }
    expect([...order].sort((a, b) => a - b)).toEqual([...variants.keys()]);
    // Thread 0 took variants 0 and 2, thread 1 variants 1 and 3: each compiled by one thread only.
    expect(new Set(byLane[0])).toEqual(new Set([0, 2]));
    expect(new Set(byLane[1])).toEqual(new Set([1, 3]));
    // The front is never left behind by more than the lookahead.
    expect(order.slice(0, 2)).toEqual([0, 1]);
  });

  it("takes the front task when no task of a compiled variant is near", () => {
    const queue = new AffinityQueue([0, 1, 2, 3]);
    expect(queue.take(new Set([9]))).toBe(0);
    expect(queue.take(new Set([3]))).toBe(3);
    expect(queue.take(new Set())).toBe(1);
    expect(queue.left).toBe(1);
  });
});
