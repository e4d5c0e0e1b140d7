// Posts alerts to Slack channels (chat.postMessage), and turns Slack's answers into what the sender does next.
import { setTimeout as sleep } from 'node:timers/promises';
import { webApi } from '@slack/bolt';
import type { Delivery, DeliveryResult, Transport } from '../../src/alerts/delivery.ts';
import type { SlackSettings } from './settings.ts';
import { renderSlackMessages } from './render.ts';

/** The message metadata event every alert carries: how a repeat is recognised in the channel's history. */
export const ALERT_EVENT = 'sanctions_alert';

/** The channel is gone, archived, or the bot is out of it or may not post there: pause it rather than retry. */
const GONE = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'channel_is_archived',
  'restricted_action',
  'restricted_action_read_only_channel',
]);

/** Slack refused the bot's token: no alert goes until it is mended. */
const UNAUTHORIZED = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive']);

/** Slack refused the message itself: sending the same one again cannot help. */
const REFUSED = new Set([
  'invalid_arguments',
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'msg_blocks_too_long',
  // The app lacks a scope, or the workspace's key management or admins bar it: only the operator can mend these.
  'missing_scope',
  'ekm_access_denied',
  'team_access_not_granted',
  'no_text',
  'too_many_attachments',
  'invalid_metadata_format',
  'invalid_metadata_schema',
  'metadata_too_large',
]);

/** Between the parts of one alert: Slack takes about one message a second in a channel. */
const PART_GAP_MS = 1100;
/** Alerts remembered as partly posted: a bound, should a platform refuse second parts for long. */
const MAX_PARTLY_POSTED = 1000;

/**
 * How far back a repeat is looked for: one page of the channel's history since the alert was queued, of the 15
 * messages that apps outside the Marketplace may read a minute (https://api.slack.com/changelog/2025-05-terms-rate-limit-update-and-faq)...
 */
const HISTORY_PAGE = 15;
/** ...less this much, in case this machine's clock runs ahead of Slack's. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * A Web API client for alerts: it neither waits out a 429 nor retries by itself, so the sender paces and retries
 * from the outbox, and one post never outlives its claim.
 */
export function slackAlertClient(config: Pick<SlackSettings, 'SLACK_BOT_TOKEN' | 'SLACK_API_URL'>): webApi.WebClient {
  return new webApi.WebClient(config.SLACK_BOT_TOKEN, {
    ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 10_000,
  });
}

export function slackTransport(client: webApi.WebClient, options: { partGapMs?: number } = {}): Transport {
  const partGapMs = options.partGapMs ?? PART_GAP_MS;
  // The parts of an alert this process posted before a later part failed (a rate limit, an outage): not posted again.
  const partlyPosted = new Map<string, Set<string>>();
  return async (channel, reply, delivery) => {
    const parts = renderSlackMessages(reply);
    const keys = parts.map((_, i) => partKey(delivery.dedupeKey, i));
    const posted = partlyPosted.get(delivery.dedupeKey) ?? new Set<string>();
    try {
      if (delivery.repeat) for (const key of await alreadyPosted(client, channel, delivery)) posted.add(key);
      // In order, each part once: a repeat posts only the parts an earlier attempt did not.
      for (const [i, { text, blocks }] of parts.entries()) {
        if (posted.has(keys[i]!)) continue;
        if (posted.size) await sleep(partGapMs);
        await client.chat.postMessage({
          channel,
          text,
          blocks,
          unfurl_links: false,
          unfurl_media: false,
          metadata: { event_type: ALERT_EVENT, event_payload: { dedupe_key: keys[i]! } },
        });
        posted.add(keys[i]!);
      }
      partlyPosted.delete(delivery.dedupeKey);
      return { ok: true };
    } catch (err) {
      const result = failure(err);
      if (posted.size && !result.ok && !result.gone && !result.permanent && partlyPosted.size < MAX_PARTLY_POSTED) partlyPosted.set(delivery.dedupeKey, posted);
      else partlyPosted.delete(delivery.dedupeKey);
      return result;
    }
  };
}

/** The metadata key of an alert's part: the alert's own for the first (or only) message, numbered after. */
function partKey(dedupeKey: string, i: number): string {
  return i === 0 ? dedupeKey : `${dedupeKey}#${i + 1}`;
}

/**
 * The parts of this alert the channel already shows (an earlier attempt posted them but died before recording it).
 * Needs the channels:history / groups:history scopes and, in a public channel, the bot to be a member (Slack answers
 * not_in_channel where it posts uninvited with chat:write.public); without them, or past one page of history, the
 * alert is posted again: twice rather than never.
 */
async function alreadyPosted(client: webApi.WebClient, channel: string, delivery: Delivery): Promise<Set<string>> {
  try {
    const oldest = ((Date.parse(delivery.queuedAt) - CLOCK_SKEW_MS) / 1000).toFixed(6);
    const history = await client.conversations.history({ channel, oldest, include_all_metadata: true, limit: HISTORY_PAGE });
    return new Set(
      (history.messages ?? []).flatMap((m) => {
        const key = (m.metadata?.event_payload as { dedupe_key?: unknown } | undefined)?.dedupe_key;
        return m.metadata?.event_type === ALERT_EVENT && typeof key === 'string' ? [key] : [];
      }),
    );
  } catch (err) {
    // A rate limit is the sender's to wait out; any other failure to look is not a reason to withhold the alert.
    if (err instanceof webApi.WebAPIRateLimitedError) throw err;
    return new Set();
  }
}

function failure(err: unknown): DeliveryResult {
  if (err instanceof webApi.WebAPIRateLimitedError) return { ok: false, error: 'ratelimited', retryAfterMs: err.retryAfter * 1000 };
  if (err instanceof webApi.WebAPIPlatformError) {
    const error = err.data.error;
    return { ok: false, error, unauthorized: UNAUTHORIZED.has(error), gone: GONE.has(error), permanent: REFUSED.has(error) };
  }
  if (err instanceof webApi.WebAPIHTTPError) return { ok: false, error: `HTTP ${err.statusCode} ${err.statusMessage}`, unauthorized: err.statusCode === 401 };
  return { ok: false, error: err instanceof Error ? err.message : String(err) };
}
