#!/usr/bin/env node
// The `apparat` command. An installed package runs its compiled JavaScript (dist/); a source checkout, where
// src/ sits beside this folder, runs the TypeScript sources through tsx (a development dependency), so an
// edit takes effect without a build step.
import { existsSync } from "node:fs";

const source = new URL("../src/cli/main.ts", import.meta.url);
if (existsSync(source)) {
  const { register } = await import("tsx/esm/api");
  register();
  await import(source.href);
} else {
  await import("../dist/cli/main.js");
}
