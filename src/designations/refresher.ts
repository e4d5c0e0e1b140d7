// Refreshes the lists on a node-cron schedule (on the elected process only), and has every process pick up a list version another one imported.
import { scheduleJob } from '../schedule.ts';
import type { ListSource } from './list-sources.ts';
import { type RefreshOptions, type RefreshOutcome, refreshLists } from './refresh.ts';

export interface ListRefresherOptions extends RefreshOptions {
  sources: readonly ListSource[];
  /** node-cron expression of the refresh; default daily (DEFAULT_REFRESH_SCHEDULE). */
  schedule: string;
  /** Asked at each tick: only the process it says yes on refreshes (the leader, with several); default always. */
  shouldRun?: () => boolean;
  /** How often every process looks for a list version imported elsewhere; default every minute. */
  watchSchedule?: string;
}

export interface ListRefresher {
  /** Refreshes now, or joins the refresh running. */
  refreshNow(): Promise<RefreshOutcome[]>;
  /** Reloads the catalog if another process imported a new list version; true when it did. */
  checkNow(): Promise<boolean>;
  /** Stops both schedules and waits for a running refresh to finish. */
  stop(): Promise<void>;
}

export function startListRefresher(options: ListRefresherOptions): ListRefresher {
  const refresh = scheduleJob({ name: 'list refresh', schedule: options.schedule, shouldRun: options.shouldRun, run: () => refreshLists(options.sources, options) });
  const watch = scheduleJob({ name: 'list watch', schedule: options.watchSchedule ?? '* * * * *', run: () => options.catalog.reloadIfStale() });
  return {
    refreshNow: refresh.runNow,
    checkNow: watch.runNow,
    async stop() {
      await Promise.all([refresh.stop(), watch.stop()]);
    },
  };
}
