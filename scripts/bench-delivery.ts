// Delivery: alerts per second from the outbox, through startSender and the real Slack and Discord transports, to the stand-ins on 127.0.0.1 with the platforms' rate limits in force.
//
// `benchDelivery()` returns markdown lines for BENCHMARKS.md; run this file directly to print them. The outbox is a
// SQLite file, and a PostgreSQL schema too when TEST_DATABASE_URL is set. The alerts are real article alerts (a
// fixture article scanned against the bundled lists), the same message to many channels.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { discordAlertRest, discordTransport } from '../adapters/discord/transport.ts';
import { slackAlertClient, slackTransport } from '../adapters/slack/transport.ts';
import { articleAlerts } from '../src/alerts/article-alerts.ts';
import type { NewOutboxAlert } from '../src/alerts/outbox.ts';
import { PLATFORM_LIMITS } from '../adapters/platforms.ts';
import { startSender } from '../src/alerts/sender.ts';
import { parseBundledLists } from '../src/designations/bundled.ts';
import { buildMentionIndex } from '../src/mentions/mention-index.ts';
import { scanArticle } from '../src/mentions/scan.ts';
import { type Dialect, dialects } from '../test/helpers/databases.ts';
import { startDiscordStandIn } from '../test/helpers/discord-api.ts';
import { sendAll } from '../test/helpers/outbox.ts';
import { startSlackApi } from '../test/helpers/slack-api.ts';
import { cpuClock, measuredBy } from './bench-report.ts';

const ARTICLES = fileURLToPath(new URL('../test/fixtures/articles', import.meta.url));
const DISCORD_TOKEN = `MTE4NzQ2NTMwOTEyMzQ1Njc4OQ.GaBcDe.${'x'.repeat(38)}`;

interface Scenario {
  label: string;
  platform: 'slack' | 'discord';
  channels: number;
  perChannel: number;
}

const SCENARIOS: Scenario[] = [
  { label: 'Slack, 200 channels × 2 alerts', platform: 'slack', channels: 200, perChannel: 2 },
  { label: 'Discord, 200 channels × 2 alerts', platform: 'discord', channels: 200, perChannel: 2 },
  { label: 'Slack, one channel × 6 alerts', platform: 'slack', channels: 1, perChannel: 6 },
  { label: 'Discord, one channel × 10 alerts', platform: 'discord', channels: 1, perChannel: 10 },
];

/** The least time the platform's limits allow for the scenario, the first message going at once. */
function fastest(s: Scenario): number {
  const { channel, platform } = PLATFORM_LIMITS[s.platform]!;
  const windows = (messages: number, w: { max: number; perMs: number } | undefined) => (w ? ((Math.ceil(messages / w.max) - 1) * w.perMs) / 1000 : 0);
  return Math.max(windows(s.perChannel, channel), windows(s.channels * s.perChannel, platform));
}

/** One real article alert, as the poller would queue it: a fixture article's mentions of the bundled lists. */
async function articlePayload(): Promise<unknown> {
  const entities = await parseBundledLists();
  const byId = new Map(entities.map((e) => [e.id, e]));
  const file = readdirSync(ARTICLES).sort()[0]!;
  const text = readFileSync(`${ARTICLES}/${file}`, 'utf8');
  const mentions = scanArticle(buildMentionIndex(entities), text);
  const subscription = { id: 1, tenant: 'slack:T0', platform: 'slack', channelId: 'C0', kind: 'entity' as const, value: mentions[0]!.entityId, createdBy: 'U1', createdAt: new Date().toISOString(), pausedAt: null };
  const article = { key: `https://example.org/${file}`, title: text.split('\n')[0]!, link: `https://example.org/${file}`, published: null, source: 'Fixture' };
  return articleAlerts(article, mentions, [subscription], (id) => byId.get(id))[0]!.payload;
}

interface Outcome {
  seconds: number;
  cpuSeconds: number;
  /** Alerts the platform accepted: all of them, unless a message was refused. */
  sent: number;
  /** Posts answered 429 (the sender went over a limit). */
  rejected: number;
}

async function deliver(dialect: Dialect, scenario: Scenario, payload: unknown): Promise<Outcome> {
  const [slack, discord] = await Promise.all([startSlackApi(), startDiscordStandIn()]);
  // The stand-ins refuse what the platforms would: a second Slack post to a channel within a second, a sixth Discord one within five.
  slack.enforcePostInterval(1000);
  discord.enforceChannelPace(5, 5000);
  const db = dialect.fresh();
  const store = await db.open();
  try {
    const alerts: NewOutboxAlert[] = [];
    for (let c = 0; c < scenario.channels; c++) {
      const channelId = scenario.platform === 'slack' ? `C${c}` : String(1_000_000_000_000_000_000n + BigInt(c));
      for (let n = 0; n < scenario.perChannel; n++) alerts.push({ platform: scenario.platform, channelId, dedupeKey: `${scenario.platform}:${channelId}:bench:${n}`, payload });
    }
    await store.enqueueAlerts(alerts, new Date().toISOString());
    const cpu = cpuClock();
    const started = performance.now();
    const sender = startSender({
      limits: PLATFORM_LIMITS,
      store,
      transports: {
        slack: slackTransport(slackAlertClient({ SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: slack.apiUrl })),
        discord: discordTransport(discordAlertRest({ DISCORD_API_URL: discord.url, DISCORD_TOKEN })),
      },
      worker: 'bench',
    });
    await sendAll(store, sender, 300_000);
    const seconds = (performance.now() - started) / 1000;
    await sender.stop();
    const rejected = slack.calls.filter((c) => c.status === 429).length + discord.calls.filter((c) => c.status === 429).length;
    const [row] = await db.query("SELECT count(*) AS sent FROM outbox WHERE status = 'sent'");
    return { seconds, cpuSeconds: cpu(), sent: Number(row!.sent), rejected };
  } finally {
    await store.close();
    await Promise.all([slack.close(), discord.close()]);
  }
}

export async function benchDelivery(options: { log?: (line: string) => void } = {}): Promise<string[]> {
  const log = options.log ?? (() => {});
  const fmt = (n: number, d = 1) => n.toFixed(d);
  const payload = await articlePayload();
  const rows: string[] = [];
  try {
    for (const dialect of dialects.filter((d) => d.available)) {
      for (const scenario of SCENARIOS) {
        const outcome = await deliver(dialect, scenario, payload);
        const alerts = scenario.channels * scenario.perChannel;
        log(`delivery ${dialect.name}, ${scenario.label}: ${JSON.stringify(outcome)}`);
        rows.push(
          `| ${dialect.name === 'sqlite' ? 'SQLite file' : 'PostgreSQL'} | ${scenario.label} | ${alerts} | ${outcome.sent === alerts ? 'all' : `**${outcome.sent}**`} | ${fmt(outcome.seconds)} s | ${fmt(outcome.sent / outcome.seconds)} | ${fmt(fastest(scenario))} s | ${fmt(outcome.cpuSeconds)} s | ${outcome.rejected} |`,
        );
      }
    }
  } finally {
    await Promise.all(dialects.filter((d) => d.available).map((d) => d.cleanup()));
  }
  const postgres = dialects.some((d) => d.name === 'postgres' && d.available);
  return [
    '## Delivery',
    '',
    measuredBy('`npm run bench` (`scripts/bench-delivery.ts`)'),
    'Alerts queued in the outbox, then delivered by `startSender` (its defaults: 64 under way) through the real Slack and',
    'Discord transports to the stand-ins of their APIs on 127.0.0.1, in the same process. The stand-ins answer 429 to a',
    'second Slack message to a channel within a second and to a sixth Discord message to a channel within five seconds;',
    "the stand-in holds the bot to Discord's 50 requests a second, and the sender keeps alerts to 40 of them (10 in any quarter second). Each alert is a real article alert (a fixture",
    'article scanned against the bundled lists, with its entity card). Wall time from the sender\'s start to an empty',
    'outbox, against the least the limits allow, the first message going at once; CPU time of the whole process, stand-ins',
    `included.${postgres ? '' : ' PostgreSQL was not measured (TEST_DATABASE_URL unset).'}`,
    '',
    '| outbox | alerts to | alerts | delivered | wall time | alerts/s | the limits allow | CPU time | 429s |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const lines = await benchDelivery({ log: (line) => console.error(line) });
  console.log(lines.join('\n'));
}
