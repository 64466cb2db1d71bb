/**
 * A progress bar with rate and ETA on stderr, drawn only on a terminal: piped output, `--json` and CI logs
 * stay clean.
 */
import { SingleBar } from "cli-progress";
import type { ExperimentProgress } from "./experiment.ts";

export interface ProgressView {
  start(label: string, p: ExperimentProgress): void;
  update(p: ExperimentProgress): void;
  stop(): void;
}

const rate = (p: ExperimentProgress) => {
  const s = (Date.now() - p.startedAt) / 1000;
  return s > 0 ? p.ranNow / s : 0;
};

/** A bar on stderr when it is a terminal and `quiet` is not set; otherwise nothing. */
export function progressView(quiet: boolean, stream: NodeJS.WriteStream = process.stderr): ProgressView {
  if (quiet || !stream.isTTY) return { start() {}, update() {}, stop() {} };
  const bar = new SingleBar({
    stream,
    format: "{label} [{bar}] {percentage}% | {value}/{total} runs | {rate} runs/s | ETA {eta_formatted}",
    barCompleteChar: "#",
    barIncompleteChar: "-",
    hideCursor: true,
    etaBuffer: 50,
  });
  return {
    start(label, p) {
      bar.start(p.total, p.done, { label, rate: "-" });
    },
    update(p) {
      bar.update(p.done, { rate: rate(p).toFixed(1) });
    },
    stop() {
      bar.stop();
    },
  };
}
