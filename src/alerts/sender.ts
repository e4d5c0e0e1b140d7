// Drains the outbox: claims due alerts, posts each through its platform's transport within the platform's rate limits, records the outcome.
//
// Delivery is at least once, and at most twice per crash: an alert is marked sent only after its platform accepted
// it, so a process that dies between the two leaves it claimed; once the claim is `staleAfterMs` old another
// sender takes it over and posts it again, telling the transport it may be a repeat (Delivery.repeat). Transports
// that can make the repeat harmless do: Discord drops a second message with the same nonce, and the Slack transport
// looks in the channel's history for the alert before posting it again. Nothing is lost: an alert leaves the outbox
// only as sent, or as dead after a channel went away, a refusal, or too many failures (each logged).
import { setTimeout as sleep } from 'node:timers/promises';
import { log } from '../log.ts';
import type { Reply } from '../messages/reply.ts';
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

/** What each platform allows a bot to post; a platform not named here is not paced (the console). */
export const PLATFORM_LIMITS: Readonly<Record<string, PlatformLimits>> = {
  // chat.postMessage: about one message a second per channel (https://api.slack.com/methods/chat.postMessage#rate_limiting).
  slack: { channel: { max: 1, perMs: 1000 } },
  // 5 messages per 5 s per channel, and 50 requests a second per bot (https://discord.com/developers/docs/topics/rate-limits).
  discord: { channel: { max: 5, perMs: 5000 }, platform: { max: 50, perMs: 1000 } },
};

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
  limits?: Partial<Record<string, PlatformLimits>>;
  retry?: Partial<RetryPolicy>;
  /** Alerts under way at once, across channels (default 16). */
  concurrency?: number;
}

export interface Sender {
  /** Stops claiming, lets alerts under way finish, hands back those still waiting for their turn. */
  stop(): Promise<void>;
  /** Resolves once nothing is due and nothing is under way (alerts waiting for a retry later are not waited for). */
  drain(): Promise<void>;
}

/** A rate-limit wait longer than this (or than a quarter of staleAfterMs) goes back to the outbox rather than holding the claim. */
const MAX_HOLD_MS = 10_000;

export function startSender(options: SenderOptions): Sender {
  const { store, transports, worker } = options;
  const pollMs = options.pollMs ?? 1000;
  const staleAfterMs = options.staleAfterMs ?? 120_000;
  const now = options.now ?? Date.now;
  const concurrency = options.concurrency ?? 16;
  const retry = { ...RETRY, ...options.retry };
  const limits = { ...PLATFORM_LIMITS, ...options.limits };
  const maxHoldMs = Math.min(MAX_HOLD_MS, staleAfterMs / 4);
  const limiter = createLimiter();
  const stopping = new AbortController();
  const underWay = new Set<Promise<void>>();
  const iso = (ms: number) => new Date(ms).toISOString();

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
    const t = now();
    const alerts = await store.claimAlerts(worker, room, iso(t), iso(t - staleAfterMs));
    for (const alert of alerts) {
      const delivery: Promise<void> = deliver(alert).finally(() => {
        underWay.delete(delivery);
        poke();
      });
      underWay.add(delivery);
    }
    return alerts.length;
  }

  async function deliver(alert: OutboxAlert): Promise<void> {
    const where = { alert: alert.id, platform: alert.platform, channel: alert.channelId };
    try {
      const transport = transports[alert.platform];
      // Another process may post to this platform; this one keeps the alert for later.
      if (!transport) return await store.deferAlert(alert.id, `no ${alert.platform} transport in ${worker}`, iso(now() + retry.maxMs));
      if (!isReply(alert.payload)) return await store.markAlertFailed(alert.id, 'the payload is not a message', null);
      const { channel, platform } = limits[alert.platform] ?? {};
      const keys: LimitKey[] = [[channelKey(alert), channel], [alert.platform, platform]];
      const at = limiter.nextSlot(keys, now());
      if (at - now() > maxHoldMs) return await store.deferAlert(alert.id, 'waiting for the rate limit', iso(at));
      limiter.take(keys, at);
      if (!(await wait(at - now()))) return await store.deferAlert(alert.id, 'the sender stopped', iso(now()));
      const result = await post(transport, alert, alert.payload);
      limiter.answered(keys, at, now());
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
    const t = now();
    if (result.ok) return store.markAlertSent(alert.id, iso(t));
    const where = { alert: alert.id, platform: alert.platform, channel: alert.channelId, attempts: alert.attempts, error: result.error };
    if (result.gone) {
      log.warn(where, 'the channel no longer takes the bot\'s messages: its subscriptions are paused');
      await store.pauseChannel(alert.platform, alert.channelId, iso(t));
      return store.markAlertFailed(alert.id, result.error, null);
    }
    if (result.retryAfterMs !== undefined) {
      // Only what the limit covers waits: the channel, or the whole platform for a global limit.
      const until = t + result.retryAfterMs;
      limiter.block(result.global ? alert.platform : channelKey(alert), until);
      return store.deferAlert(alert.id, result.error, iso(until));
    }
    if (result.permanent || alert.attempts >= retry.maxAttempts) {
      log.error(where, 'alert given up');
      return store.markAlertFailed(alert.id, result.error, null);
    }
    log.warn(where, 'alert not delivered, will retry');
    return store.markAlertFailed(alert.id, result.error, iso(t + retryDelay(alert.attempts, retry)));
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
    await Promise.allSettled(underWay);
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
