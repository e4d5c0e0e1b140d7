// Scale-out on PostgreSQL: alerts per second delivered by 1 and 3 real bot processes, and how long a new leader takes over from a killed one.
//
// `benchScale()` returns markdown lines for BENCHMARKS.md and docs/scaling.md; run this file directly to print them. It needs a
// PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL (each run in a fresh schema, dropped afterwards). The bot processes are
// `main.ts` as `npm start` runs it, posting to the loopback stand-ins for Slack's and Discord's APIs, which enforce each
// platform's per-channel pace (Slack one message a second, Discord five per five seconds) as the real ones do.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { newsAlerts } from '../src/alerts/news-alerts.ts';
import type { NewOutboxAlert } from '../src/alerts/outbox.ts';
import { loadCatalog } from '../src/designations/catalog.ts';
import { importList } from '../src/designations/import.ts';
import type { Feed } from '../src/feeds/feed.ts';
import { openStore } from '../src/store/open.ts';
import type { Store } from '../src/store/store.ts';
import { type BotProcess, type BotSettings, startBots, stopBots } from '../test/helpers/bot-processes.ts';
import { startDiscordStandIn } from '../test/helpers/discord-api.ts';
import { startFeedServer } from '../test/helpers/feed-server.ts';
import { startSlackApi } from '../test/helpers/slack-api.ts';
import { measuredBy, percentile } from './bench-report.ts';

const SDN_2021_12_10 = fileURLToPath(new URL('../data/ofac-sdn-history/sdn-2021-12-10/sdn.csv', import.meta.url));
const ARTICLE = fileURLToPath(new URL('../test/fixtures/articles/us-hits-chinese-north-korean-firms.txt', import.meta.url));
/** One quiet feed on 127.0.0.1, so that no process polls the default feeds on the Internet. */
const QUIET_FEED = '/fixtures/guardian.rss';

interface DeliveryRun {
  platform: 'slack' | 'discord';
  processes: number;
  alerts: number;
  channels: number;
  /** How long the stand-in takes to answer a post (an Internet round trip), ms. */
  answerMs: number;
  seconds: number;
  /** Messages the platform shows (a repeat carries the same nonce or history entry and shows once). */
  shown: number;
  /** Posts answered 429 because the channel's pace was exceeded. */
  refused: number;
}

interface Takeover {
  leaseSeconds: number;
  schedule: string;
  /** From the SIGKILL to another process holding the lease. */
  leaseMs: number;
  /** From the SIGKILL to the new leader's request for the feed the dead one was polling. */
  pollMs: number;
}

const fmt = (n: number, digits = 1) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export async function benchScale(options: { log?: (line: string) => void } = {}): Promise<string[]> {
  const log = options.log ?? (() => {});
  const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!base) return ['Scale-out was not measured: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL URL.'];
  const schema = `bench_scale_${Date.now().toString(36)}`;
  const url = new URL(base);
  url.searchParams.set('schema', schema);
  const store = await openStore(url.href);
  const admin = new pg.Client({ connectionString: base, options: `-c search_path=${schema}` });
  await admin.connect();
  try {
    log('importing the SDN list of 10 Dec 2021');
    await importList(store, 'ofac-csv', [SDN_2021_12_10], { versionDate: '2021-12-10' });
    const payload = await realAlertPayload(store);
    const feeds = await startFeedServer();
    const settings = (slackApiUrl: string, discordApiUrl: string, env: Record<string, string> = {}): BotSettings => ({
      databaseUrl: url.href,
      slackApiUrl,
      discordApiUrl,
      feeds: [feeds.url(QUIET_FEED)],
      env,
    });

    const runs: DeliveryRun[] = [];
    const plan = [
      { platform: 'slack', alerts: 2000, channels: 1000, answerMs: 0 },
      { platform: 'slack', alerts: 2000, channels: 1000, answerMs: 150 },
      { platform: 'discord', alerts: 1000, channels: 500, answerMs: 0 },
      // One busy channel: its alerts go one at a time, in order, at the channel's pace, however many processes send.
      { platform: 'slack', alerts: 20, channels: 1, answerMs: 0 },
    ] as const;
    for (const run of plan) {
      for (const processes of [1, 3]) {
        log(`delivering ${run.alerts} ${run.platform} alerts over ${run.channels} channels with ${processes} process(es), answers after ${run.answerMs} ms`);
        runs.push(await deliver({ ...run, processes }, store, admin, payload, settings));
      }
    }

    const takeovers: Takeover[] = [];
    for (const [leaseSeconds, schedule, trials] of [[30, '* * * * *', 1], [5, '* * * * * *', 3]] as const) {
      for (let i = 0; i < trials; i++) {
        log(`killing the leader: lease ${leaseSeconds} s, schedule ${schedule}`);
        takeovers.push(await takeover(leaseSeconds, schedule, admin, settings));
      }
    }
    await feeds.close();
    const version = String((await admin.query('SHOW server_version')).rows[0]?.server_version ?? '?').split(' ')[0];
    return report(runs, takeovers, version!);
  } finally {
    await store.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}

/** An alert as the pipeline builds it for a real article naming four designees: what every delivered message carries. */
async function realAlertPayload(store: Store): Promise<unknown> {
  const now = new Date().toISOString();
  await store.addSubscription({ platform: 'slack', channelId: 'CPAYLOAD', kind: 'country', value: 'KP', createdBy: 'bench', createdAt: now });
  const text = readFileSync(ARTICLE, 'utf8');
  const item = { key: 'bench', title: 'US hits Chinese, North Korean firms with sanctions', link: 'https://news.example.org/bench', published: now, summary: text, content: '', feedTitle: 'Bench News' };
  const feed = { url: 'https://news.example.org/rss', title: 'Bench News' } as Feed;
  const [alert] = await newsAlerts(store, await loadCatalog(store))(feed, [item]);
  await store.removeSubscription({ platform: 'slack', channelId: 'CPAYLOAD', kind: 'country', value: 'KP' });
  if (!alert) throw new Error('the article named no designee: no alert to measure with');
  return alert.payload;
}

/** Starts the processes, then queues every alert at once and times the outbox until it is empty. */
async function deliver(
  run: Omit<DeliveryRun, 'seconds' | 'shown' | 'refused'>,
  store: Store,
  admin: pg.Client,
  payload: unknown,
  settings: (slack: string, discord: string, env?: Record<string, string>) => BotSettings,
): Promise<DeliveryRun> {
  const [slack, discord] = await Promise.all([startSlackApi(), startDiscordStandIn()]);
  slack.enforcePostInterval(1000);
  discord.enforceChannelPace(5, 5000);
  if (run.answerMs) slack.delay('/api/chat.postMessage', run.answerMs);
  await admin.query('DELETE FROM outbox');
  // A short lease, so that every process has counted the others (its share of Discord's per-bot limit) within a second.
  const bots = await startBots(run.processes, settings(slack.apiUrl, discord.url, { LEADER_LEASE_SECONDS: '3' }));
  try {
    while (Number((await admin.query(`SELECT count(*) AS n FROM leases WHERE name LIKE 'sender:%'`)).rows[0].n) < run.processes) await sleep(50);
    await sleep(1500);
    const channel = (i: number) => (run.platform === 'slack' ? `CBENCH${i}` : String(1_400_000_000_000_000_000n / 1000n + BigInt(i)));
    const alerts: NewOutboxAlert[] = Array.from({ length: run.alerts }, (_, i) => ({
      platform: run.platform,
      channelId: channel(i % run.channels),
      dedupeKey: `${run.platform}:bench:${run.processes}:${run.answerMs}:${i}`,
      payload,
    }));
    const start = performance.now();
    await store.enqueueAlerts(alerts, new Date().toISOString());
    while ((await store.outboxDepth()).pending > 0) await sleep(50);
    const seconds = (performance.now() - start) / 1000;
    const shown = run.platform === 'slack' ? slack.posted.length : discord.messages.length;
    const refused = run.platform === 'slack' ? slack.paceViolations.length : discord.paceViolations.length;
    return { ...run, seconds, shown, refused };
  } finally {
    await stopBots(bots);
    await Promise.all([slack.close(), discord.close()]);
  }
}

/** Three processes; the leader is killed (SIGKILL) while its request for a feed is held; timed until another leads and polls it. */
async function takeover(
  leaseSeconds: number,
  schedule: string,
  admin: pg.Client,
  settings: (slack: string, discord: string, env?: Record<string, string>) => BotSettings,
): Promise<Takeover> {
  const [slack, discord, feeds] = await Promise.all([startSlackApi(), startDiscordStandIn(), startFeedServer()]);
  // A feed that never answers: the leader is killed waiting on it; only when each request comes in is wanted.
  const path = '/hang';
  const arrivals: number[] = [];
  feeds.delay((p) => {
    if (p === path) arrivals.push(performance.now());
    return 0;
  });
  // Only this feed, due now, and never polled: the leader polls it at its first tick.
  await admin.query('DELETE FROM feeds');
  await admin.query('DELETE FROM leases');
  const env = { POLL_SCHEDULE: schedule, LEADER_LEASE_SECONDS: String(leaseSeconds) };
  const bots: BotProcess[] = await startBots(3, { ...settings(slack.apiUrl, discord.url, env), feeds: [feeds.url(path)] });
  try {
    while (!arrivals.length) await sleep(20);
    const holder = async () => String((await admin.query(`SELECT holder FROM leases WHERE name = 'leader'`)).rows[0]?.holder ?? '');
    const dead = await holder();
    const leader = bots.find((b) => b.holder === dead);
    if (!leader) throw new Error(`the lease holder ${dead} is none of the bots`);
    leader.child.kill('SIGKILL');
    const killed = performance.now();
    let leaseMs = NaN;
    while (arrivals.length < 2) {
      const now = await holder();
      if (Number.isNaN(leaseMs) && now && now !== dead) leaseMs = performance.now() - killed;
      await sleep(20);
    }
    return { leaseSeconds, schedule, leaseMs, pollMs: arrivals[1]! - killed };
  } finally {
    await stopBots(bots);
    await Promise.all([slack.close(), discord.close(), feeds.close()]);
  }
}

function report(runs: DeliveryRun[], takeovers: Takeover[], postgresVersion: string): string[] {
  const rate = (platform: string, answerMs: number, processes: number) =>
    runs.find((r) => r.platform === platform && r.answerMs === answerMs && r.processes === processes && r.channels > 1)!;
  const speedup = (platform: string, answerMs: number) => rate(platform, answerMs, 1).seconds / rate(platform, answerMs, 3).seconds;
  const rows = runs.map(
    (r) =>
      `| ${r.platform} | ${r.processes} | ${r.alerts.toLocaleString('en')} over ${r.channels.toLocaleString('en')} channels | ${r.answerMs ? `${r.answerMs} ms` : 'at once'} | ${fmt(r.seconds)} s | **${fmt(r.alerts / r.seconds, 0)}** | ${r.shown.toLocaleString('en')} | ${r.refused} |`,
  );
  const groups = [...new Set(takeovers.map((t) => `${t.leaseSeconds}|${t.schedule}`))].map((key) => takeovers.filter((t) => `${t.leaseSeconds}|${t.schedule}` === key));
  const takeoverRows = groups.map((g) => {
    const lease = g.map((t) => t.leaseMs / 1000).sort((a, b) => a - b);
    const poll = g.map((t) => t.pollMs / 1000).sort((a, b) => a - b);
    const span = (xs: number[]) => (xs.length > 1 ? `${fmt(xs[0]!)}-${fmt(percentile(xs, 1))} s` : `${fmt(xs[0]!)} s`);
    return `| ${g[0]!.leaseSeconds} s | \`${g[0]!.schedule}\` | ${g.length} | ${span(lease)} | ${span(poll)} |`;
  });
  return [
    `${measuredBy('`scripts/bench-scale.ts`')} PostgreSQL ${postgresVersion}.`,
    'Real bot processes (`main.ts`, Slack over HTTP and the Discord interactions endpoint) on one PostgreSQL on the same machine,',
    'posting to stand-ins for Slack\'s and Discord\'s APIs on 127.0.0.1 that refuse (429) a post that breaks the platform\'s per-channel',
    'pace, as the platforms do. Every alert is queued at once (one real alert, an article naming four designees, rendered per platform);',
    'the time is from queuing to an empty outbox. Each channel\'s alerts go out in order, one at a time, whichever process sends them:',
    'the alerts are spread over many channels, as they are over many servers and workspaces.',
    '',
    '| platform | processes | alerts | stand-in answers | time | alerts/s | messages shown | refused (429) |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `When each post takes 150 ms (an Internet round trip: waiting dominates, 16 posts under way per process), three processes deliver`,
    `${fmt(speedup('slack', 150))}× as fast as one. When the stand-in answers at once, the work is all CPU, and on this machine every process,`,
    `PostgreSQL and the stand-ins share its cores: three deliver ${fmt(speedup('slack', 0))}× as fast as one. Discord allows a bot 50 requests a second`,
    'whatever the number of processes: each keeps to its share (1/n of it, n counted through the processes\' leases), so three are',
    'no faster than one there. One busy channel gets one message a second, in order, however many processes send.',
    '',
    'Taking over: three processes, the leader killed (SIGKILL) while its request for a feed was held unanswered; timed to another',
    'process holding the lease, and to the new leader requesting that feed.',
    '',
    '| lease (LEADER_LEASE_SECONDS) | poll schedule (POLL_SCHEDULE) | trials | lease taken over after | feed polled again after |',
    '|---|---|---|---|---|',
    ...takeoverRows,
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const lines = await benchScale({ log: (line) => console.error(line) });
  console.log(lines.join('\n'));
}
