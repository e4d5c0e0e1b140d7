// `npm start`'s console following North Korea while a feed it polls serves a 3.3 MB title of names and 3,000 items naming SEK Studio: it keeps answering, and prints a bounded number of alerts.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ALERTS_PER_CHANNEL_FEED_HOUR } from '../../src/feeds/limits.ts';
import { sqlite } from '../helpers/databases.ts';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** The judge's bound is 5 s; this one leaves room for a loaded machine, and still fails a bot that stalls. */
const ANSWER_WITHIN_MS = 15_000;

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
  await sqlite.cleanup();
});

function rss(items: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Hostile News</title>${items.join('\n')}</channel></rss>`;
}

function item(id: string, title: string, description = ''): string {
  return `<item><title>${title}</title><link>https://hostile.example/${id}</link><guid>${id}</guid><pubDate>${new Date().toUTCString()}</pubDate><description>${description}</description></item>`;
}

/** A 3.3 MB title of listed names, then 3,000 distinct items naming SEK Studio: 4.6 MB, under the 5 MB a feed may be. */
function hostileFeed(): string {
  const names = 'SEK Studio Korea Kwangson Banking Corp Kim Jong Un '.repeat(Math.ceil(3.3e6 / 52)).slice(0, 3.3e6);
  const items = Array.from({ length: 3_000 }, (_, i) => item(`story-${i}`, `SEK Studio animation report ${i}`, `Pyongyang's SEK Studio, named in report ${i}.`));
  return rss([item('huge', names), ...items]);
}

/** The bot's console, typed into line by line, its output collected. */
function startBot(env: NodeJS.ProcessEnv): { child: ChildProcessWithoutNullStreams; output: () => string; type: (line: string) => void } {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...env };
  for (const key of Object.keys(childEnv)) if (key.startsWith('SLACK_') || key.startsWith('DISCORD_')) delete childEnv[key];
  const child = spawn(process.execPath, ['--import', 'tsx', 'main.ts'], { cwd: root, env: childEnv });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', () => {});
  return { child, output: () => stdout, type: (line) => void child.stdin.write(`${line}\n`) };
}

async function until(condition: () => boolean, what: string, withinMs = 120_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(50);
  }
}

const statusReplies = (stdout: string) => stdout.split('■ Alert outbox').length - 1;

describe('the console while a feed floods', () => {
  it('answers every /sanctions status, and prints between 1 and 100 entity cards from that feed, then a summary', async () => {
    const db = sqlite.fresh();
    server.put('/hostile', rss([item('calm-1', 'Weather in Seoul')]));
    const bot = startBot({ DATABASE_URL: db.url, FEED_ALLOW_PRIVATE: 'true', POLL_SCHEDULE: '* * * * * *' });
    bot.type('/sanctions subscribe country:North Korea');
    bot.type(`/sanctions feeds add ${server.url('/hostile')}`);
    await until(() => /Now polling Hostile News/.test(bot.output()), 'the feed to be added');

    // The feed turns hostile, and is due at once.
    server.put('/hostile', hostileFeed());
    const file = new Database(db.url.slice('file:'.length));
    file.pragma('busy_timeout = 5000');
    file.prepare('UPDATE feeds SET next_poll_at = ? WHERE url = ?').run(new Date().toISOString(), server.url('/hostile'));
    file.close();

    const waits: number[] = [];
    const summary = /…and \d+ more articles from Hostile News mentioning SEK STUDIO in the last hour\./;
    while (!summary.test(bot.output())) {
      const answered = statusReplies(bot.output());
      const asked = Date.now();
      bot.type('/sanctions status');
      await until(() => statusReplies(bot.output()) > answered, 'a status reply', ANSWER_WITHIN_MS);
      waits.push(Date.now() - asked);
      await sleep(200);
      if (waits.length > 600) throw new Error('no summary after 600 statuses');
    }
    bot.type('/sanctions status');
    bot.type('exit');
    const code = await new Promise((resolve) => bot.child.on('close', resolve));
    const stdout = bot.output();
    expect(code).toBe(0);
    console.log(`status answered ${waits.length} times during the flood; slowest ${Math.max(...waits)} ms`);

    const fromFeed = stdout.split('🔔').filter((alert) => /\(Hostile News/.test(alert));
    // Each alert: the article's card, then one card per entity it names.
    const entityCards = fromFeed.reduce((n, alert) => n + (alert.match(/^■ /gm) ?? []).length - 1, 0);
    expect(fromFeed).toHaveLength(MAX_ALERTS_PER_CHANNEL_FEED_HOUR);
    expect(entityCards).toBeGreaterThanOrEqual(1);
    expect(entityCards).toBeLessThanOrEqual(100);
    expect(stdout.match(new RegExp(summary, 'g'))).toHaveLength(1);
    expect(stdout).toMatch(/■ News feeds {2}\(3 ok, 0 failing, 0 disabled, 1 flooding\)/);
    expect(stdout).toMatch(/Hostile News \(http:\/\/127\.0\.0\.1:\d+\/hostile\): ok, .*; FLOODING, last .*: more than 500 items in the feed, only the first read/);
  }, 300_000);
});
