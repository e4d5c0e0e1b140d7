// Posts alerts to Slack channels (chat.postMessage), and turns Slack's answers into what the sender does next.
import { webApi } from '@slack/bolt';
import type { Delivery, DeliveryResult, Transport } from '../../src/alerts/delivery.ts';
import type { Config } from '../../src/config.ts';
import { renderSlack } from './render.ts';

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
  'no_text',
  'too_many_attachments',
  'invalid_metadata_format',
  'invalid_metadata_schema',
  'metadata_too_large',
]);

/** How far back a repeat is looked for: one page of the channel's history since the alert was queued... */
const HISTORY_PAGE = 200;
/** ...less this much, in case this machine's clock runs ahead of Slack's. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * A Web API client for alerts: it neither waits out a 429 nor retries by itself, so the sender paces and retries
 * from the outbox, and one post never outlives its claim.
 */
export function slackAlertClient(config: Pick<Config, 'SLACK_BOT_TOKEN' | 'SLACK_API_URL'>): webApi.WebClient {
  return new webApi.WebClient(config.SLACK_BOT_TOKEN, {
    ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 10_000,
  });
}

export function slackTransport(client: webApi.WebClient): Transport {
  return async (channel, reply, delivery) => {
    try {
      if (delivery.repeat && (await alreadyPosted(client, channel, delivery))) return { ok: true };
      const { text, blocks } = renderSlack(reply);
      await client.chat.postMessage({
        channel,
        text,
        blocks,
        unfurl_links: false,
        unfurl_media: false,
        metadata: { event_type: ALERT_EVENT, event_payload: { dedupe_key: delivery.dedupeKey } },
      });
      return { ok: true };
    } catch (err) {
      return failure(err);
    }
  };
}

/**
 * Whether the channel already shows this alert (an earlier attempt posted it but died before recording it).
 * Needs the channels:history / groups:history scopes; without them, or past one page of history, the alert is
 * posted again: twice rather than never.
 */
async function alreadyPosted(client: webApi.WebClient, channel: string, delivery: Delivery): Promise<boolean> {
  try {
    const oldest = ((Date.parse(delivery.queuedAt) - CLOCK_SKEW_MS) / 1000).toFixed(6);
    const history = await client.conversations.history({ channel, oldest, include_all_metadata: true, limit: HISTORY_PAGE });
    return (history.messages ?? []).some((m) => {
      const payload = m.metadata?.event_payload as { dedupe_key?: unknown } | undefined;
      return m.metadata?.event_type === ALERT_EVENT && payload?.dedupe_key === delivery.dedupeKey;
    });
  } catch (err) {
    // A rate limit is the sender's to wait out; any other failure to look is not a reason to withhold the alert.
    if (err instanceof webApi.WebAPIRateLimitedError) throw err;
    return false;
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
