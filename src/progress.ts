// Progress of long jobs (imports): a bar on a terminal, nothing when output is piped or logged.
import cliProgress from 'cli-progress';

/** Told how far a job is: `done` of `total` steps of the stage named `label`; `detail` says which part of it, when the steps are no count to show. */
export type ProgressListener = (label: string, done: number, total: number, detail?: string) => void;

let bar: cliProgress.SingleBar | null = null;
let barLabel = '';

/** Draws one bar on stderr per stage, when stderr is a terminal. */
export const terminalProgress: ProgressListener = (label, done, total, detail) => {
  if (!process.stderr.isTTY || total <= 0) return;
  if (!bar || barLabel !== label) {
    bar?.stop();
    barLabel = label;
    bar = new cliProgress.SingleBar(
      { format: `${label.padEnd(24)} [{bar}] {percentage}% {detail}`, stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { detail: '' });
  }
  bar.update(done, { detail: detail ?? `${done}/${total}` });
  if (done >= total) {
    bar.stop();
    bar = null;
  }
};
