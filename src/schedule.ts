// A job on a node-cron schedule: one run at a time, a tick skipped where another process leads, a stop that waits for the run under way.
import cron from 'node-cron';
import { cronLogger, log } from './log.ts';

export interface JobOptions<T> {
  /** Names the job in node-cron and in the log (`feed poll`, `list refresh`). */
  name: string;
  /** node-cron expression of the ticks. */
  schedule: string;
  run: () => Promise<T>;
  /** Asked at each tick: false skips it (another process leads); default always. */
  shouldRun?: () => boolean;
}

export interface ScheduledJob<T> {
  /** Runs the job now, or joins the run under way. */
  runNow(): Promise<T>;
  /** Stops the schedule and waits for a run under way to finish. */
  stop(): Promise<void>;
}

export function scheduleJob<T>(options: JobOptions<T>): ScheduledJob<T> {
  let running: Promise<T> | null = null;
  const runNow = () => (running ??= options.run().finally(() => (running = null)));
  const task = cron.schedule(
    options.schedule,
    async () => {
      if (options.shouldRun && !options.shouldRun()) return;
      await runNow().catch((err: unknown) => log.error({ err }, `${options.name} tick failed`));
    },
    { name: options.name, noOverlap: true, logger: cronLogger(`${options.name} schedule`) },
  );
  return {
    runNow,
    async stop() {
      await task.destroy();
      await running?.catch(() => undefined);
    },
  };
}
