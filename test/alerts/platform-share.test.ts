// A platform's per-bot limit shared among the processes sending for the bot: each sender keeps to its share, as the Discord stand-in sees the posts arrive.
import { PLATFORM_LIMITS } from '../../adapters/platforms.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordAlertRest, discordTransport } from '../../adapters/discord/transport.ts';
import type { NewOutboxAlert } from '../../src/alerts/outbox.ts';
import { startSender } from '../../src/alerts/sender.ts';
import { type DiscordStandIn, startDiscordStandIn } from '../helpers/discord-api.ts';
import { sqlite } from '../helpers/databases.ts';
import { sendAll } from '../helpers/outbox.ts';

const TOKEN = `MTE4NzQ2NTMwOTEyMzQ1Njc4OQ.GaBcDe.${'x'.repeat(38)}`;
/** The bot's limit, every channel together (Discord's is 50 a second; smaller here to keep the test short). */
const PER_BOT = { max: 20, perMs: 1000 };
const ALERTS = 10;
/** Room for a post's trip to the stand-in: the limiter counts from when it sends, the stand-in from when it receives. */
const ARRIVAL_MS = 150;

let discord: DiscordStandIn;

beforeAll(async () => {
  discord = await startDiscordStandIn();
});
afterAll(async () => {
  await discord.close();
  await sqlite.cleanup();
});

/** The most posts that arrived within any `perMs` window. */
function busiestWindow(times: number[], perMs: number): number {
  return Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + perMs).length));
}

async function postTimes(share: number): Promise<number[]> {
  const store = await sqlite.fresh().open();
  const before = discord.calls.length;
  const alerts: NewOutboxAlert[] = Array.from({ length: ALERTS }, (_, i) => ({
    platform: 'discord',
    channelId: String(1_500_000_000_000_000_000n / 1000n + BigInt(i)),
    dedupeKey: `share-${share}-${i}`,
    payload: { text: `alert ${i}`, cards: [], notes: [], ephemeral: false },
  }));
  await store.enqueueAlerts(alerts, new Date().toISOString());
  const sender = startSender({
    store,
    transports: { discord: discordTransport(discordAlertRest({ DISCORD_API_URL: discord.url, DISCORD_TOKEN: TOKEN })) },
    worker: `share-${share}`,
    pollMs: 20,
    limits: { ...PLATFORM_LIMITS, discord: { platform: PER_BOT } },
    platformShare: () => share,
  });
  await sendAll(store, sender);
  await sender.stop();
  await store.close();
  return discord.calls.slice(before).filter((c) => c.method === 'POST' && c.status === 200).map((c) => c.at);
}

describe('a sender among several', () => {
  it('keeps to its share of the per-bot limit', async () => {
    const alone = await postTimes(1);
    expect(alone).toHaveLength(ALERTS);
    // Alone, the ten go out at once: well within the bot's twenty a second.
    expect(busiestWindow(alone, PER_BOT.perMs)).toBe(ALERTS);

    // One of four processes: five a second, so the ten take a second (less the time the first posts took to arrive).
    const quarter = await postTimes(0.25);
    expect(quarter).toHaveLength(ALERTS);
    expect(busiestWindow(quarter, PER_BOT.perMs - ARRIVAL_MS)).toBeLessThanOrEqual(PER_BOT.max / 4);
    expect(Math.max(...quarter) - Math.min(...quarter)).toBeGreaterThanOrEqual(PER_BOT.perMs - ARRIVAL_MS);
  });
});
