// Posts alerts to Discord channels (POST /channels/{id}/messages), and turns Discord's answers into what the sender does next.
import { createHash } from 'node:crypto';
import { DiscordAPIError, HTTPError, RESTJSONErrorCodes, RateLimitError, type REST, Routes } from 'discord.js';
import type { DeliveryResult, Transport } from '../../src/alerts/delivery.ts';
import type { DiscordSettings } from './settings.ts';
import { renderReply } from './render.ts';
import { discordRest } from './rest.ts';

/** Unknown Channel, Missing Access, Missing Permissions: the bot can no longer post there. */
const GONE_CODES = new Set<number | string>([RESTJSONErrorCodes.UnknownChannel, RESTJSONErrorCodes.MissingAccess, RESTJSONErrorCodes.MissingPermissions]);

/** Discord's longest nonce. */
const NONCE_LENGTH = 25;

/**
 * A REST client for alerts. discord.js's own queue would wait out a 429 (and retry 5xx) inside one request, holding
 * the outbox claim for as long as Discord asks; instead a rate limit on /channels routes, whether met or foreseen
 * from the bucket headers, is thrown as a RateLimitError and handed to the sender, which defers the alert in the
 * outbox and blocks only that channel (or every channel, for the global limit).
 */
export function discordAlertRest(config: Pick<DiscordSettings, 'DISCORD_API_URL' | 'DISCORD_TOKEN'>): REST {
  const rest = discordRest(config, { rejectOnRateLimit: ['/channels'], retries: 0, timeout: 10_000 });
  // discord.js forgets the token after any 401, and every later post then fails without being tried: the sender waits
  // after a 401 instead (an unauthorized delivery), then tries again with the same token.
  const setToken = rest.setToken.bind(rest);
  rest.setToken = (token: string) => (token ? setToken(token) : rest);
  return rest;
}

export function discordTransport(rest: REST): Transport {
  return async (channelId, reply, delivery) => {
    // enforce_nonce: Discord answers a second post with the same nonce (within minutes) with the first message.
    const body = { ...renderReply(reply), nonce: nonce(delivery.dedupeKey), enforce_nonce: true };
    try {
      await rest.post(Routes.channelMessages(channelId), { body });
      return { ok: true };
    } catch (err) {
      return failure(err);
    }
  };
}

function nonce(dedupeKey: string): string {
  return createHash('sha256').update(dedupeKey).digest('base64url').slice(0, NONCE_LENGTH);
}

function failure(err: unknown): DeliveryResult {
  if (err instanceof RateLimitError) return { ok: false, error: `rate limited (${err.scope})`, retryAfterMs: err.retryAfter, global: err.global };
  if (err instanceof DiscordAPIError) {
    const error = `${err.status} ${err.code}: ${err.message}`;
    if (err.status === 401) return { ok: false, error, unauthorized: true };
    const gone = err.status === 403 || err.status === 404 || GONE_CODES.has(err.code);
    // 400 and the like: this message is refused as it is; 408 and 5xx may pass later.
    const permanent = !gone && err.status >= 400 && err.status < 500 && err.status !== 408;
    return { ok: false, error, gone, permanent };
  }
  if (err instanceof HTTPError) return { ok: false, error: `HTTP ${err.status} ${err.message}` };
  return { ok: false, error: err instanceof Error ? err.message : String(err) };
}
