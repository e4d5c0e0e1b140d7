// Drains the outbox: claims due alerts, posts each through its platform's transport within the platform's rate limits, records the outcome.
//
// Delivery is at least once, and at most twice per crash: an alert is marked sent only after its platform accepted
// it, so a process that dies between the two leaves it claimed; once the claim is `staleAfterMs` old another
// sender takes it over and posts it again, telling the transport it may be a repeat (Delivery.repeat). Transports
// that can make the repeat harmless do: Discord drops a second message with the same nonce, and the Slack transport
// looks in the channel's history for the alert before posting it again. Nothing is lost: an alert leaves the outbox
// only as sent, or as dead after a channel went away, a refusal, or too many failures (each logged).
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { log } from '../log.ts';
import { type Reply, textReply } from '../messages/reply.ts';
import type { Store } from '../store/store.ts';
import type { DeliveryResult, Transport } from './delivery.ts';
import type { OutboxAlert } from './outbox.ts';
import { type LimitKey, type Window, createLimiter } from './rate-limit.ts';

export interface PlatformLimits {
  /** Messages to one channel. */
  channel?: Window;
  /** Messages to the whole platform, every channel together. */
  platform?: Window;
}

export interface RetryPolicy {
  /** The wait after a first failure, doubled after each further one... */
  baseMs: number;
  /** ...up to this. */
  maxMs: number;
  /** An alert that failed this many times is given up (dead). */
  maxAttempts: number;
}

/** 5 s, 10 s, 20 s ... capped at an hour: twelve attempts span about two and a half hours. */
export const RETRY: RetryPolicy = { baseMs: 5_000, maxMs: 3_600_000, maxAttempts: 12 };

export function retryDelay(attempts: number, policy: RetryPolicy = RETRY): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
}

export interface SenderOptions {
  store: Store;
  /** By platform name, as alerts name it (`slack`, `discord`, `console`). */
  transports: Partial<Record<string, Transport>>;
  /** Names this sender in its claims: unique per process. */
  worker: string;
  /** How often to look for due alerts when there is nothing to do (default 1 s). */
  pollMs?: number;
  /**
   * A claim this old is taken for its sender's death, and the alert is taken over (default 2 min). Must exceed a
   * transport's request timeout, or a slow post is taken over while it is still under way.
   */
  staleAfterMs?: number;
  /** Milliseconds since the epoch (default Date.now). */
  now?: () => number;
  /** What each platform allows a bot to post, from its adapter; a platform not named is not paced (the console). */
  limits?: Partial<Record<string, PlatformLimits>>;
  retry?: Partial<RetryPolicy>;
  /** Alerts under way at once, across channels (default 64): most of them wait for their channel's rate-limit slot, which costs only a timer. */
  concurrency?: number;
  /**
   * The part of each platform-wide limit (Discord's per-bot limit) this process may use: 1 when it sends alone, 1/n when
   * n processes send for the same bot (default 1).
   */
  platformShare?: () => number;
  /** ADMIN_CHANNEL: told once a day per platform and reason when a platform refuses an alert for good (it is not retried). */
  adminChannel?: { platform: string; channelId: string } | null;
}

export interface Sender {
  /** Stops claiming, lets alerts under way finish, hands back those still waiting for their turn. */
  stop(): Promise<void>;
  /** Resolves once nothing is due and nothing is under way (alerts waiting for a retry later are not waited for). */
  drain(): Promise<void>;
}

/** A rate-limit wait longer than this (or than a quarter of staleAfterMs) goes back to the outbox rather than holding the claim. */
const MAX_HOLD_MS = 10_000;
/** After a platform refused the bot's credentials, its alerts wait this long before one is tried again (not counted as an attempt). */
export const CREDENTIALS_WAIT_MS = 10 * 60_000;
/** The clock going back by more than this is taken for a jump (a step of the system clock), not for jitter. */
const CLOCK_JUMP_MS = 1000;

export function startSender(options: SenderOptions): Sender {
  const { store, transports, worker } = options;
  const pollMs = options.pollMs ?? 1000;
  const staleAfterMs = options.staleAfterMs ?? 120_000;
  const now = options.now ?? Date.now;
  const concurrency = options.concurrency ?? 64;
  const retry = { ...RETRY, ...options.retry };
  const limits = options.limits ?? {};
  const platformShare = options.platformShare ?? (() => 1);
  const shared = (window: Window | undefined): Window | undefined =>
    window && { max: Math.max(1, Math.floor(window.max * platformShare())), perMs: window.perMs };
  const maxHoldMs = Math.min(MAX_HOLD_MS, staleAfterMs / 4);
  // The furthest ahead this sender stamps a time in the outbox (a retry, a deferral, a claim); a time stamped further
  // ahead than that and another staleAfterMs (clocks of processes may differ that much) was stamped by a clock that
  // has since gone back, and is not waited for.
  const horizonMs = Math.max(retry.maxMs, staleAfterMs);
  const stopping = new AbortController();
  // Each delivery waiting for its rate-limit slot listens for the stop: as many listeners as deliveries under way.
  setMaxListeners(concurrency + 8, stopping.signal);
  /** Deliveries under way, by alert id. */
  const underWay = new Map<number, Promise<void>>();
  const iso = (ms: number) => new Date(ms).toISOString();

  // The limiter's times are this clock's: once it has gone back, they would hold channels back by as much, so they
  // are forgotten (at worst a message goes early and the platform's 429 paces it).
  let limiter = createLimiter();
  let lastReading = now();
  const clock = () => {
    const t = now();
    if (t < lastReading - CLOCK_JUMP_MS) limiter = createLimiter();
    lastReading = t;
    return t;
  };
  const defer = (alert: OutboxAlert, reason: string, until: number) =>
    store.deferAlert(alert.id, reason, iso(Math.min(until, clock() + horizonMs)));

  // The loop naps between claims; a finished delivery (its channel's next alert may now be due) or drain() wakes it.
  let poked = false;
  let wake = () => {};
  const poke = () => {
    poked = true;
    wake();
  };
  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      if (poked || stopping.signal.aborted) return resolve();
      const timer = setTimeout(() => wake(), ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).then(() => {
      poked = false;
      wake = () => {};
    });

  // drain() waits for a claim that found nothing with nothing under way, in a round that began after it was called.
  let round = 0;
  let idleWaiters: { after: number; resolve: () => void }[] = [];
  const idle = (r: number) => {
    const [done, waiting] = partition(idleWaiters, (w) => w.after < r);
    idleWaiters = waiting;
    for (const w of done) w.resolve();
  };

  async function claim(): Promise<number> {
    const room = concurrency - underWay.size;
    if (room <= 0) return 0;
    const t = clock();
    const alerts = await store.claimAlerts(worker, room, iso(t), iso(t - staleAfterMs), iso(t + horizonMs + staleAfterMs));
    // An alert still under way here looks stale only because the clock jumped ahead: its delivery records the outcome.
    for (const alert of alerts.filter((a) => !underWay.has(a.id))) {
      const delivery: Promise<void> = deliver(alert).finally(() => {
        underWay.delete(alert.id);
        poke();
      });
      underWay.set(alert.id, delivery);
    }
    return alerts.length;
  }

  async function deliver(alert: OutboxAlert): Promise<void> {
    const where = { alert: alert.id, platform: alert.platform, channel: alert.channelId };
    try {
      const transport = transports[alert.platform];
      // Another process may post to this platform; this one keeps the alert for later.
      if (!transport) return await defer(alert, `no ${alert.platform} transport in ${worker}`, clock() + retry.maxMs);
      if (!isReply(alert.payload)) return await store.markAlertFailed(alert.id, 'the payload is not a message', null);
      const { channel, platform } = limits[alert.platform] ?? {};
      const keys: LimitKey[] = [[channelKey(alert), channel], [alert.platform, shared(platform)]];
      const at = limiter.nextSlot(keys, clock());
      if (at - clock() > maxHoldMs) return await defer(alert, 'waiting for the rate limit', at);
      limiter.take(keys, at);
      if (!(await wait(at - clock()))) return await defer(alert, 'the sender stopped', clock());
      const result = await post(transport, alert, alert.payload);
      limiter.answered(keys, at, clock());
      await record(alert, result);
    } catch (err) {
      // Unrecorded, the claim goes stale and the alert is taken over: a repeat at worst, never a loss.
      log.error({ err, ...where }, 'could not record the delivery of an alert');
    }
  }

  /** Waits `ms`, or less if the sender stops: then false. */
  async function wait(ms: number): Promise<boolean> {
    if (ms > 0) await sleep(ms, undefined, { signal: stopping.signal }).catch(() => {});
    return !stopping.signal.aborted;
  }

  async function post(transport: Transport, alert: OutboxAlert, message: Reply): Promise<DeliveryResult> {
    const delivery = { dedupeKey: alert.dedupeKey, repeat: alert.attempts > 1, queuedAt: alert.createdAt };
    try {
      return await transport(alert.channelId, message, delivery);
    } catch (err) {
      // Transports map the failures they know; anything else (a network error, a bug) is worth another try.
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  }

  async function record(alert: OutboxAlert, result: DeliveryResult): Promise<void> {
    const t = clock();
    if (result.ok) return store.markAlertSent(alert.id, iso(t));
    const where = { alert: alert.id, platform: alert.platform, channel: alert.channelId, attempts: alert.attempts, error: result.error };
    if (result.gone) {
      log.warn(where, 'the channel no longer takes the bot\'s messages: its subscriptions are paused');
      await store.pauseChannel(alert.platform, alert.channelId, iso(t));
      return store.markAlertFailed(alert.id, result.error, null);
    }
    if (result.unauthorized) {
      // A platform-wide wait, as for a global rate limit: the operator mends the token, or the platform takes it again.
      log.error(where, `${alert.platform} refused the bot's credentials: its alerts wait, tried again every ${CREDENTIALS_WAIT_MS / 60_000} minutes`);
      limiter.block(alert.platform, t + CREDENTIALS_WAIT_MS);
      return defer(alert, result.error, t + CREDENTIALS_WAIT_MS);
    }
    if (result.retryAfterMs !== undefined) {
      // Only what the limit covers waits: the channel, or the whole platform for a global limit.
      const until = t + result.retryAfterMs;
      limiter.block(result.global ? alert.platform : channelKey(alert), until);
      return defer(alert, result.error, until);
    }
    if (result.permanent) {
      log.error(where, 'alert refused by the platform, given up');
      await tellAdmin(alert, result.error, t);
      return store.markAlertFailed(alert.id, result.error, null);
    }
    if (alert.attempts >= retry.maxAttempts) {
      log.error(where, 'alert given up');
      return store.markAlertFailed(alert.id, result.error, null);
    }
    log.warn(where, 'alert not delivered, will retry');
    return store.markAlertFailed(alert.id, result.error, iso(t + retryDelay(alert.attempts, retry)));
  }

  /** A refusal no retry can cure needs the operator (a scope to add, a message the bot should not have built): said once a day per reason. */
  async function tellAdmin(alert: OutboxAlert, error: string, t: number): Promise<void> {
    const admin = options.adminChannel;
    if (!admin) return log.error({ platform: alert.platform, error }, 'no ADMIN_CHANNEL is set to tell that alerts are refused');
    const day = iso(t).slice(0, 10);
    const notice = textReply(`${alert.platform} refused an alert to channel ${alert.channelId} (${error}), and will refuse it however often it is sent: it was given up. Alerts refused for the same reason today are not told again.`, false);
    const dedupeKey = `${admin.platform}:${admin.channelId}:refused:${alert.platform}:${error}:${day}`;
    try {
      await store.enqueueAlerts([{ platform: admin.platform, channelId: admin.channelId, dedupeKey, payload: notice }], iso(t));
    } catch (err) {
      log.error({ err, platform: alert.platform, error }, 'could not tell the admin channel that alerts are refused');
    }
  }

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      const r = ++round;
      let claimed: number;
      try {
        claimed = await claim();
      } catch (err) {
        log.error({ err }, 'could not claim alerts');
        await nap(pollMs);
        continue;
      }
      if (claimed === 0 && underWay.size === 0) idle(r);
      if (claimed === 0) await nap(pollMs);
    }
    await Promise.allSettled(underWay.values());
    idle(Infinity);
  })();

  return {
    async stop() {
      stopping.abort();
      poke();
      await loop;
    },
    drain() {
      if (stopping.signal.aborted) return Promise.resolve();
      return new Promise((resolve) => {
        idleWaiters.push({ after: round, resolve });
        poke();
      });
    },
  };
}

function channelKey(alert: Pick<OutboxAlert, 'platform' | 'channelId'>): string {
  return `${alert.platform}:${alert.channelId}`;
}

/** Alerts are Replies today; anything else (a payload from a newer version, a damaged row) cannot be rendered. */
function isReply(payload: unknown): payload is Reply {
  const p = payload as Partial<Reply> | null;
  return typeof p?.text === 'string' && Array.isArray(p.cards) && Array.isArray(p.notes);
}

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}
