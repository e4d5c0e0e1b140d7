// Refreshes the lists on a node-cron schedule (on the elected process only), and has every process pick up a list version another one imported.
import cron from 'node-cron';
import { cronLogger, log } from '../log.ts';
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
  let running: Promise<RefreshOutcome[]> | null = null;
  const refreshNow = () => (running ??= refreshLists(options.sources, options).finally(() => (running = null)));
  const checkNow = () => options.catalog.reloadIfStale();
  const refresh = cron.schedule(
    options.schedule,
    async () => {
      if (options.shouldRun && !options.shouldRun()) return;
      await refreshNow().catch((err: unknown) => log.error({ err }, 'list refresh tick failed'));
    },
    { name: 'list-refresh', noOverlap: true, logger: cronLog },
  );
  const watch = cron.schedule(
    options.watchSchedule ?? '* * * * *',
    () => checkNow().catch((err: unknown) => log.warn({ err }, 'could not check for new list versions')),
    { name: 'list-watch', noOverlap: true, logger: cronLog },
  );
  return {
    refreshNow,
    checkNow,
    async stop() {
      await Promise.all([refresh.destroy(), watch.destroy()]);
      await running?.catch(() => undefined);
    },
  };
}

const cronLog = cronLogger('list refresh schedule');
