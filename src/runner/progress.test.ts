/** The progress bar draws rate and ETA on a terminal and stays silent otherwise. */
import { describe, expect, it } from "vitest";
import { progressView } from "./progress.ts";

function fakeStream(isTTY: boolean) {
  const out: string[] = [];
  const stream = {
    isTTY,
    columns: 120,
    write: (s: string) => {
      out.push(s);
      return true;
    },
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
    clearScreenDown: () => true,
    on: () => stream,
    removeListener: () => stream,
  };
  return { stream: stream as unknown as NodeJS.WriteStream, out };
}

describe("progressView", () => {
  const p = { done: 0, total: 100, ranNow: 0, startedAt: Date.now() - 2000 };

  it("on a terminal, draws the bar with runs, rate and ETA", () => {
    const { stream, out } = fakeStream(true);
    const view = progressView(false, stream);
    view.start("#1 mc", p);
    view.update({ ...p, done: 40, ranNow: 40 });
    view.stop();
    const text = out.join("");
    expect(text).toContain("#1 mc");
    expect(text).toMatch(/40\/100 runs/);
    expect(text).toMatch(/\d+\.\d runs\/s/);
    expect(text).toContain("ETA");
  });

  it("writes nothing when quiet (--json) or when the stream is not a terminal", () => {
    for (const [quiet, tty] of [
      [true, true],
      [false, false],
    ] as const) {
      const { stream, out } = fakeStream(tty);
      const view = progressView(quiet, stream);
      view.start("x", p);
      view.update({ ...p, done: 50, ranNow: 50 });
      view.stop();
      expect(out.join("")).toBe("");
    }
  });
});
