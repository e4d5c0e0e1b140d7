// The processes that share one database: one leader among them, through a lease in the store renewed while it lives and taken
// over once it lapses; how many of them there are, through a lease each; and work that one of them at a time may do.
//
// A lease rather than a PostgreSQL advisory lock: it works on SQLite too (where the one process always leads), it needs no
// connection held out of the pool, and its lapse is the same bounded wait whether the leader died, hung or lost the network.
// Leading only decides who does the work; what the work writes is deduplicated in the store, so two processes that overlap
// for a moment (a leader paused past its lease) repeat effort, never alerts.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { log } from './log.ts';
import type { Store } from './store/store.ts';

export interface LeaseOptions {
  store: Store;
  /** How long a lease lasts unrenewed: a dead process's lease is taken over, or stops counting, after this (plus at most renewMs). */
  ttlMs: number;
  /** How often a lease is renewed, and taken over when free; well under ttlMs, so that a failed renewal or two is survived. */
  renewMs: number;
  /** Who asks: unique per process, as `host:pid`. */
  holder: string;
}

export interface Leadership {
  /** Whether this process leads now. Turns false when renewals fail, before the lease could lapse for the others. */
  isLeader(): boolean;
  /** Stops renewing and gives the lease up, so that another process takes over at its next try rather than after ttlMs. */
  stop(): Promise<void>;
}

export interface Membership {
  /** The processes holding a membership now, this one included (1 until they have been counted). */
  members(): number;
  /** Gives the membership up: the others count one fewer at their next renewal. */
  stop(): Promise<void>;
}

/** Kept back from the end of a lease against clocks that run at slightly different rates. */
const MARGIN_MS = 1000;

/** Leads whatever `name` is (`leader`: feed polling, list refresh) while it holds the lease of that name. */
export function startLeadership(options: LeaseOptions & { name: string }): Leadership {
  const { name, holder } = options;
  let wasLeading = false;
  const lease = keepLease(options, name, async (held) => {
    if (held !== wasLeading) log.info({ lease: name, holder }, held ? 'took the lead' : 'gave up the lead');
    wasLeading = held;
  });
  return { isLeader: lease.held, stop: lease.stop };
}

/** Counts this process among the members of `group` (`sender`): a lease `group:holder` each, counted at every renewal. */
export function startMembership(options: LeaseOptions & { group: string }): Membership {
  const prefix = `${options.group}:`;
  let members = 1;
  const lease = keepLease(options, `${prefix}${options.holder}`, async () => {
    members = Math.max(1, await options.store.countLeases(prefix));
  });
  return { members: () => members, stop: lease.stop };
}

/** Runs `task` in one process at a time, holding lease `name` meanwhile; the others wait their turn (and find it done, if it is idempotent). */
export async function oneAtATime<T>(options: LeaseOptions & { name: string }, task: () => Promise<T>): Promise<T> {
  const lease = keepLease(options, options.name, async () => {});
  try {
    while (!lease.held()) await sleep(Math.min(100, options.renewMs));
    return await task();
  } finally {
    await lease.stop();
  }
}

/** Takes lease `name` and renews it every renewMs, telling `afterAttempt` whether it is held, until stopped. */
function keepLease(options: LeaseOptions, name: string, afterAttempt: (held: boolean) => Promise<void>): { held(): boolean; stop(): Promise<void> } {
  const { store, holder, ttlMs, renewMs } = options;
  if (!(renewMs > 0 && renewMs < ttlMs)) throw new Error(`lease ${name}: renewMs (${renewMs}) must be positive and under ttlMs (${ttlMs})`);
  const margin = Math.min(MARGIN_MS, ttlMs / 10);
  // Counted from before the database was asked, so never past the expiry it granted, whatever the two clocks say.
  let heldUntil = -Infinity;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const held = () => performance.now() < heldUntil;

  async function attempt(): Promise<void> {
    const asked = performance.now();
    try {
      heldUntil = (await store.acquireLease(name, holder, ttlMs)) ? asked + ttlMs - margin : -Infinity;
      await afterAttempt(held());
    } catch (err) {
      log.warn({ err, lease: name, holder }, 'could not renew or take a lease; holding it, if at all, only until it lapses');
    }
  }

  let running = attempt();
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = attempt().then(schedule);
    }, renewMs);
  };
  void running.then(schedule);

  return {
    held,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      heldUntil = -Infinity;
      try {
        await store.releaseLease(name, holder);
      } catch (err) {
        log.warn({ err, lease: name, holder }, 'could not give up a lease; it lapses by itself');
      }
    },
  };
}
