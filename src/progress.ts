// Progress of long jobs (imports): a bar on a terminal, nothing when output is piped or logged.
import cliProgress from 'cli-progress';

/** Told how far a job is: `done` of `total` steps of the stage named `label`. */
export type ProgressListener = (label: string, done: number, total: number) => void;

let bar: cliProgress.SingleBar | null = null;
let barLabel = '';

/** Draws one bar on stderr per stage, when stderr is a terminal. */
export const terminalProgress: ProgressListener = (label, done, total) => {
  if (!process.stderr.isTTY || total <= 0) return;
  if (!bar || barLabel !== label) {
    bar?.stop();
    barLabel = label;
    bar = new cliProgress.SingleBar(
      { format: `${label.padEnd(24)} [{bar}] {percentage}% {value}/{total}`, stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
  }
  bar.update(done);
  if (done >= total) {
    bar.stop();
    bar = null;
  }
};
