// One story, one alert: real feeds on 127.0.0.1 carrying one real article, the real scanner and OFAC list, a real store of each dialect, delivered to the console and the Slack and Discord stand-ins.
import { PLATFORM_LIMITS } from '../../adapters/platforms.ts';
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { consoleTransport } from '../../adapters/console/transport.ts';
import { discordAlertRest, discordTransport } from '../../adapters/discord/transport.ts';
import { slackAlertClient, slackTransport } from '../../adapters/slack/transport.ts';
import { newsAlerts } from '../../src/alerts/news-alerts.ts';
import { startSender } from '../../src/alerts/sender.ts';
import { TITLE_WINDOW_HOURS, canonicalLink, nearIdenticalTitles, titleKey } from '../../src/alerts/story.ts';
import { type Catalog, loadCatalog } from '../../src/designations/catalog.ts';
import type { Entity } from '../../src/designations/model.ts';
import { parseOfacList } from '../../src/designations/ofac-csv.ts';
import { type PollerOptions, pollDueFeeds } from '../../src/feeds/poller.ts';
import { anyAddress } from '../../src/feeds/ssrf.ts';
import type { Reply } from '../../src/messages/reply.ts';
import type { Store } from '../../src/store/store.ts';
import { type Dialect, type TestDatabase, postgres, sqlite } from '../helpers/databases.ts';
import { type DiscordStandIn, startDiscordStandIn } from '../helpers/discord-api.ts';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.ts';
import { type RssItem, rss } from '../helpers/feed-xml.ts';
import { sendAll } from '../helpers/outbox.ts';
import { type SlackApiStandIn, startSlackApi } from '../helpers/slack-api.ts';

const SDN = fileURLToPath(new URL('../../data/ofac-sdn', import.meta.url));
const article = (name: string) => readFileSync(new URL(`../fixtures/articles/${name}`, import.meta.url), 'utf8');
// AFP's report of OFAC's 10 Dec 2021 action: it names SEK STUDIO, a North Korean designation.
const AFP = article('us-hits-chinese-north-korean-firms.txt');
// Another story about North Korea the same day (the demo feed's summary, written for this project).
const SEK_ONLY =
  'SEK Studio, the Pyongyang animation house behind many North Korean cartoons, was among the entities the Treasury designated on Friday; officials said its work earns money for the government in Pyongyang.';
const TITLE = 'US hits Chinese, North Korean firms with sanctions';
const LINK = 'https://www.news.example/2021/12/10/us-hits-chinese-north-korean-firms';

const DISCORD_CHANNEL = '1000000000000000777';
const TOKEN = `MTE4NzQ2NTMwOTEyMzQ1Njc4OQ.GaBcDe.${'x'.repeat(38)}`;
const CHANNELS = [
  ['console', 'console'],
  ['slack', 'CNEWS'],
  ['discord', DISCORD_CHANNEL],
] as const;

let server: FeedServer;
let entities: Entity[];
let prefix = 0;

beforeAll(async () => {
  server = await startFeedServer();
  // The real SDN list's North Korean, Chinese and Bangladeshi designations: the ones these articles could name.
  entities = (await parseOfacList([SDN], 'sdn')).filter((e) => e.countries.some((c) => ['KP', 'CN', 'BD'].includes(c)));
});
afterAll(async () => {
  await server.close();
  for (const dialect of [sqlite, postgres]) if (dialect.available) await dialect.cleanup();
});

/** A bot's world: a store with the list and a channel of each platform following North Korea, polling feeds served here. */
interface World {
  store: Store;
  catalog: Catalog;
  clock: Date;
  /** Where its feeds are served. */
  base: string;
  /** Adds a feed and polls it once while it is empty: from then on, what it publishes is news. */
  feed(name: string): Promise<void>;
  publish(name: string, items: RssItem[]): void;
  /** Some minutes later, the feeds that are due polled: one at a time unless told, so that sources come in the order the feeds were added. */
  tick(minutes?: number, options?: Partial<PollerOptions>): Promise<void>;
  /** A channel's alerts in the outbox, oldest first. */
  outbox(channelId?: string): Promise<{ status: string; payload: Reply }[]>;
  stories(): Promise<{ channel: string; sources: string[] }[]>;
  /** The bot restarted: the store closed and opened again. */
  reopen(): Promise<void>;
}

/** JSON columns: SQLite gives the text, PostgreSQL the parsed jsonb. */
const json = <T>(value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as T;

async function seededWorld(db: TestDatabase): Promise<World> {
  const feeds = new Map<string, string>();
  const store = await db.open();
  const w: World = {
    store,
    catalog: await loadCatalog(store),
    clock: new Date('2021-12-10T19:00:00.000Z'),
    base: `/story-${++prefix}`,
    async feed(name) {
      const path = `${w.base}/${feeds.size}`;
      feeds.set(name, path);
      server.put(path, rss(name, []));
      await w.store.addFeed({ url: server.url(path), title: null, addedBy: 'config', addedInChannel: 'config', createdAt: w.clock.toISOString() });
      await w.tick();
    },
    publish: (name, items) => server.put(feeds.get(name)!, rss(name, items)),
    async tick(minutes = 0, options = {}) {
      w.clock = new Date(w.clock.getTime() + minutes * 60_000);
      const outcomes = await pollDueFeeds({ store: w.store, process: newsAlerts(w.store, w.catalog), fetchOptions: () => ({ guard: anyAddress }), now: () => w.clock, concurrency: 1, ...options });
      expect(outcomes.map((o) => o.error)).toEqual(outcomes.map(() => null));
    },
    async outbox(channelId = 'CNEWS') {
      const rows = await db.query('SELECT channel_id, status, payload FROM outbox ORDER BY id');
      return rows.filter((r) => r.channel_id === channelId).map((r) => ({ status: String(r.status), payload: json<Reply>(r.payload) }));
    },
    async stories() {
      const rows = await db.query('SELECT channel_id, sources FROM stories ORDER BY id');
      return rows.map((r) => ({ channel: String(r.channel_id), sources: json<string[]>(r.sources) }));
    },
    async reopen() {
      await w.store.close();
      w.store = await db.open();
      w.catalog = await loadCatalog(w.store);
    },
  };
  const now = w.clock.toISOString();
  await store.applyListVersion({ id: 'ofac-sdn', name: 'SDN List', source: SDN, versionDate: '2021-12-10', importedAt: now, entityCount: entities.length, contentHash: 'h' }, entities, []);
  await w.catalog.reload();
  for (const [platform, channelId] of CHANNELS) await store.addSubscription({ platform, channelId, kind: 'country', value: 'KP', createdBy: 'U1', createdAt: now });
  return w;
}

const hoursBefore = (date: Date, hours: number) => new Date(date.getTime() - hours * 3_600_000);
/** The article card's fields, by label. */
const sourcesOf = (reply: Reply) => reply.cards[0]!.fields.find((f) => f.label === 'Sources')?.value;
const titles = (alerts: { payload: Reply }[]) => alerts.map((a) => a.payload.cards[0]!.title);

let world: World | undefined;
afterEach(async () => {
  await world?.store.close();
  world = undefined;
});

for (const dialect of [sqlite, postgres] as Dialect[]) {
  describe.runIf(dialect.available)(`one story, one alert, on ${dialect.name}`, () => {
    it('alerts a channel once about a story three feeds carry (tracking parameters, a near-identical title), listing every source; a different story with a similar title alerts apart', async () => {
      world = await seededWorld(dialect.fresh());
      for (const name of ['World news', 'Asia wire', 'Gulf daily']) await world.feed(name);
      const at = world.clock;
      world.publish('World news', [{ title: TITLE, link: `${LINK}?utm_source=rss&utm_medium=feed`, guid: 'w-1', published: hoursBefore(at, 1), text: AFP }]);
      world.publish('Asia wire', [
        { title: TITLE, link: 'http://news.example/2021/12/10/us-hits-chinese-north-korean-firms/?fbclid=IwAR0x#comments', guid: 'a-1', published: hoursBefore(at, 1), text: AFP },
        // One word apart in eight: another story (here, another day's report on the studio alone).
        { title: 'US hits North Korean firm with sanctions', link: 'https://asia.example/n/991', guid: 'a-2', published: at, text: SEK_ONLY },
      ]);
      // Syndicated under the publisher's own link and a title that differs in case, punctuation and a suffix.
      world.publish('Gulf daily', [{ title: 'U.S. Hits Chinese, North Korean Firms With Sanctions - Gulf Daily', link: 'https://gulf.example/a/48213', guid: 'g-1', published: hoursBefore(at, 3), text: AFP }]);
      await world.tick(5);

      const alerts = await world.outbox();
      expect(titles(alerts)).toEqual([TITLE, 'US hits North Korean firm with sanctions']);
      expect(alerts.map((a) => sourcesOf(a.payload))).toEqual(['World news; Asia wire; Gulf daily', undefined]);
      expect(alerts[0]!.payload.cards.map((c) => c.title)).toContain('SEK STUDIO');
      // Each channel alike, each story once.
      expect((await world.outbox(DISCORD_CHANNEL)).map((a) => sourcesOf(a.payload))).toEqual(['World news; Asia wire; Gulf daily', undefined]);
      expect(await world.stories()).toHaveLength(2 * CHANNELS.length);
    });

    it('takes a near-identical title for the same story only within 48 hours; the same link at any time', async () => {
      world = await seededWorld(dialect.fresh());
      for (const name of ['World news', 'Gulf daily', 'Asia wire']) await world.feed(name);
      world.publish('World news', [{ title: TITLE, link: LINK, guid: 'w-1', published: world.clock, text: AFP }]);
      await world.tick(5);
      expect(await world.outbox()).toHaveLength(1);

      // Three days on, another feed runs the same headline over the same text: a story of its own by then.
      world.clock = new Date(world.clock.getTime() + (TITLE_WINDOW_HOURS + 24) * 3_600_000);
      world.publish('Gulf daily', [{ title: `${TITLE} - Gulf Daily`, link: 'https://gulf.example/a/50001', guid: 'g-9', published: world.clock, text: AFP }]);
      // The same page as the first, published then: the same story, whenever it turns up.
      world.publish('Asia wire', [{ title: 'Sanctions: what Friday’s US action means', link: `${LINK}/?utm_campaign=later`, guid: 'a-9', published: world.clock, text: AFP }]);
      await world.tick(5);
      const alerts = await world.outbox();
      expect(alerts.map((a) => [a.payload.cards[0]!.subtitle, sourcesOf(a.payload)])).toEqual([
        ['World news · 2021-12-10', 'World news; Asia wire'],
        ['Gulf daily · 2021-12-13', undefined],
      ]);
    });

    it('keeps each channel\'s stories across a restart: a pending alert gains the later source, a sent one is not repeated', async () => {
      world = await seededWorld(dialect.fresh());
      for (const name of ['World news', 'Gulf daily', 'Asia wire']) await world.feed(name);
      world.publish('World news', [{ title: TITLE, link: LINK, guid: 'w-1', published: world.clock, text: AFP }]);
      await world.tick(5);

      await world.reopen();
      world.publish('Gulf daily', [{ title: `${TITLE}!`, link: 'https://gulf.example/a/48213', guid: 'g-1', published: world.clock, text: AFP }]);
      await world.tick(5);
      const [pending, ...none] = await world.outbox();
      expect(none).toEqual([]);
      expect(pending).toMatchObject({ status: 'pending' });
      expect(sourcesOf(pending!.payload)).toBe('World news; Gulf daily');

      // Sent, then the bot restarts, and a third feed carries the story: recorded with the others, not sent again.
      const claimed = await world.store.claimAlerts('w', 10, world.clock.toISOString(), world.clock.toISOString());
      expect(claimed).toHaveLength(CHANNELS.length);
      for (const alert of claimed) await world.store.markAlertSent(alert.id, world.clock.toISOString());
      await world.reopen();
      world.publish('Asia wire', [{ title: TITLE, link: `${LINK}?ocid=asia`, guid: 'a-1', published: world.clock, text: AFP }]);
      await world.tick(5);
      const [sent, ...still] = await world.outbox();
      expect(still).toEqual([]);
      expect(sent!.status).toBe('sent');
      expect(sourcesOf(sent!.payload)).toBe('World news; Gulf daily');
      expect((await world.stories()).map((s) => s.sources)).toEqual(CHANNELS.map(() => ['World news', 'Gulf daily', 'Asia wire']));
    });

    it('makes one alert of a story that many feeds carry, recorded at once', async () => {
      world = await seededWorld(dialect.fresh());
      const names = Array.from({ length: 8 }, (_, i) => `Wire ${i + 1}`);
      for (const name of names) await world.feed(name);
      names.forEach((name, i) => world!.publish(name, [{ title: TITLE, link: `${LINK}?utm_source=wire${i}`, guid: `${i}`, published: world!.clock, text: AFP }]));
      await world.tick(5, { concurrency: names.length });
      const alerts = await world.outbox();
      expect(alerts).toHaveLength(1);
      expect(sourcesOf(alerts[0]!.payload)?.split('; ').sort()).toEqual([...names].sort());
    });
  });
}

describe('one story, one alert, in chat', () => {
  let slack: SlackApiStandIn;
  let discord: DiscordStandIn;
  beforeAll(async () => {
    [slack, discord] = await Promise.all([startSlackApi(), startDiscordStandIn()]);
  });
  afterAll(async () => {
    await Promise.all([slack.close(), discord.close()]);
  });

  function sender(store: Store, printed: PassThrough) {
    return startSender({
    limits: PLATFORM_LIMITS,
      store,
      transports: {
        console: consoleTransport(printed),
        slack: slackTransport(slackAlertClient({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.apiUrl })),
        discord: discordTransport(discordAlertRest({ DISCORD_API_URL: discord.url, DISCORD_TOKEN: TOKEN })),
      },
      worker: 'test',
      pollMs: 50,
    });
  }

  it('shows the console, Slack and Discord one message naming every feed that carried the story', async () => {
    world = await seededWorld(sqlite.fresh());
    for (const name of ['World news', 'Asia wire']) await world.feed(name);
    world.publish('World news', [{ title: TITLE, link: `${LINK}?utm_source=rss`, guid: 'w-1', published: world.clock, text: AFP }]);
    world.publish('Asia wire', [{ title: `${TITLE} | Asia Wire`, link: 'https://asia.example/n/1', guid: 'a-1', published: world.clock, text: AFP }]);
    await world.tick(5);
    const printed = new PassThrough();
    let output = '';
    printed.on('data', (d) => (output += d));
    const running = sender(world.store, printed);
    await sendAll(world.store, running);
    await running.stop();

    expect(output.match(/🔔/g)).toHaveLength(1);
    expect(output).toContain(`■ ${TITLE}  (World news · 2021-12-10)\n  Sources: World news; Asia wire\n  Source: ${LINK}?utm_source=rss`);
    const posted = slack.posted.filter((m) => m.channel === 'CNEWS');
    expect(posted).toHaveLength(1);
    const fields = (posted[0]!.blocks as { fields?: { text: string }[] }[]).flatMap((b) => b.fields ?? []).map((f) => f.text);
    expect(fields).toContain('Sources\nWorld news; Asia wire');
    const messages = discord.messages.filter((m) => m.channelId === DISCORD_CHANNEL);
    expect(messages).toHaveLength(1);
    const [card] = messages[0]!.body.embeds as { title: string; fields: { name: string; value: string }[] }[];
    expect(card).toMatchObject({ title: TITLE, fields: [{ name: 'Sources', value: 'World news; Asia wire' }] });
  }, 30_000);

  it('holds a poll\'s alerts until its slowest feed is in, with the sender running all along', async () => {
    world = await seededWorld(sqlite.fresh());
    const now = new Date();
    for (const name of ['Fast wire', 'Slow wire']) {
      const path = `${world.base}/${name === 'Fast wire' ? 'fast' : 'slow'}`;
      server.put(path, rss(name, [{ title: TITLE, link: `${LINK}?utm_source=${name[0]}`, guid: name, published: now, text: AFP }]));
      const { feed } = await world.store.addFeed({ url: server.url(path), title: null, addedBy: 'config', addedInChannel: 'config', createdAt: now.toISOString() });
      // Polled an hour ago, before the story broke.
      await world.store.updateFeed(feed.id, { lastSuccessAt: hoursBefore(now, 1).toISOString() });
    }
    server.delay((path) => (path.endsWith('/slow') ? 1500 : 0));
    const printed = new PassThrough();
    let output = '';
    printed.on('data', (d) => (output += d));
    const running = sender(world.store, printed);
    try {
      await pollDueFeeds({ store: world.store, process: newsAlerts(world.store, world.catalog), fetchOptions: () => ({ guard: anyAddress }) });
      await sendAll(world.store, running);
    } finally {
      server.delay(() => 0);
      await running.stop();
    }
    expect(output.match(/🔔/g)).toHaveLength(1);
    expect(output).toContain('Sources: Fast wire; Slow wire');
  }, 30_000);
});

describe('canonicalLink', () => {
  it('writes one page one way, without tracking parameters, fragment, www, AMP or trailing slash', () => {
    const same = [
      'https://www.news.example/world/us-sanctions?id=7&utm_source=twitter&utm_medium=social',
      'http://news.example/world/us-sanctions/?fbclid=IwAR2abc&id=7#top',
      'https://NEWS.example/world/us-sanctions?gclid=x&id=7&mc_cid=1&mc_eid=2&ref=rss&ref_src=twsrc&ocid=msn&cmpid=3',
      'https://amp.news.example/world/us-sanctions/amp?id=7&amp=1',
      'https://news.example/amp/world/us-sanctions?outputType=amp&id=7',
    ];
    expect(new Set(same.map(canonicalLink))).toEqual(new Set(['https://news.example/world/us-sanctions?id=7']));
    // What names the page stays, in one order.
    expect(canonicalLink('https://news.example/story?b=2&a=1&page=3')).toBe('https://news.example/story?a=1&b=2&page=3');
    expect(canonicalLink('https://news.example/story?id=7')).not.toBe(canonicalLink('https://news.example/story?id=8'));
    expect(canonicalLink('https://news.example/')).toBe('https://news.example');
    expect(canonicalLink('https://news.example:8443/a')).toBe('https://news.example:8443/a');
    expect([canonicalLink(null), canonicalLink('not a url'), canonicalLink('ftp://news.example/a')]).toEqual([null, null, null]);
  });
});

describe('titleKey and nearIdenticalTitles', () => {
  const same = (a: string, b: string) => nearIdenticalTitles(titleKey(a), titleKey(b));

  it('folds case, accents, punctuation and a publisher\'s name after a dash', () => {
    expect(titleKey('U.S. Hits  Chinese, North Korean Firms With Sanctions - BBC News')).toBe('us hits chinese north korean firms with sanctions');
    expect(titleKey('Pyongyang’s animation studio “SEK” | Reuters')).toBe('pyongyangs animation studio sek');
    expect(titleKey('Sanctions on Société Générale — Le Monde')).toBe('sanctions on societe generale');
    // Words after a dash that are not a name stay: they are the headline.
    expect(titleKey('Iran sanctions explained - what they mean')).toBe('iran sanctions explained what they mean');
  });

  it('takes titles a word added or dropped apart in eight or more words for one story, in order, and short titles only when equal', () => {
    expect(same(TITLE, 'US hits Chinese, North Korean firms with new sanctions')).toBe(true);
    expect(same('Treasury sanctions Burma military chiefs over the crackdown on protesters', 'Treasury sanctions Burma military chiefs over the violent crackdown on protesters')).toBe(true);
    // A word replaced is another story, until the titles run to sixteen words.
    expect(same(TITLE, 'US hits Chinese, North Korean officials with sanctions')).toBe(false);
    expect(same(`${TITLE} over forced labour, facial recognition and abuses in Xinjiang`, `${TITLE} over forced labour, facial recognition and repression in Xinjiang`)).toBe(true);
    expect(same(TITLE, 'US hits North Korean firm with sanctions')).toBe(false);
    expect(same('Treasury sanctions Burmese defence directorate', 'Treasury sanctions Iranian defence directorate')).toBe(false);
    expect(same('North Korea sanctions Chinese firms', 'Chinese firms sanction North Korea')).toBe(false);
    expect(same('Daily briefing', 'Daily briefing')).toBe(false);
    expect(same('Treasury sanctions Burmese defence directorate', 'TREASURY SANCTIONS BURMESE DEFENCE DIRECTORATE.')).toBe(true);
  });
});
