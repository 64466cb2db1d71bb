/**
 * A queue worker as its own process, for the queue tests (standing in for `apparat worker --queue URL`).
 * Usage: `node --import tsx test/queueWorkerProcess.ts URL QUEUE`. Prints "ready" once taking jobs and
 * "batch N" after each batch of N runs; exits cleanly on SIGTERM.
 */
import { startQueueWorker } from "../src/runner/queueWorker.ts";

const [url, queueName] = process.argv.slice(2);
if (!url || !queueName) {
  console.error("usage: queueWorkerProcess.ts URL QUEUE");
  process.exit(2);
}

const worker = await startQueueWorker(url, {
  queueName,
  concurrency: 1,
  onBatch: (n) => process.stdout.write(`batch ${n}\n`),
});
process.stdout.write("ready\n");

process.once("SIGTERM", () => {
  worker.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
