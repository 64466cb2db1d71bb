import type { Reporter, TestModule } from "vitest/node";

/** Prints one closing line, `N passed, N failed, N skipped`, that CI can read. */
export default class CountReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
      // A module that failed to load, or whose hooks failed, may report no failed test: count it as one.
      const anyFailed = [...m.children.allTests()].some((t) => t.result().state === "failed");
      if (m.state() === "failed" && !anyFailed) failed++;
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
