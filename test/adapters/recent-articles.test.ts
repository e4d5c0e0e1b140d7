// Subscribing in Slack and Discord is never met with silence (issue #15): the real poller reads real feed XML from 127.0.0.1
// before any channel follows anything, then signed commands through the stand-ins subscribe; each workspace or server is
// shown the recent articles of the operator's feeds and of its own, never those of another's. SQLite, and PostgreSQL with TEST_DATABASE_URL.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDiscord, startDiscord } from '../../adapters/discord/discord.ts';
import { escapeDiscord } from '../../adapters/discord/render.ts';
import { type RunningSlack, startSlack } from '../../adapters/slack/slack.ts';
import type { CommandDeps } from '../../commands/context.ts';
import { newsAlerts } from '../../src/alerts/news-alerts.ts';
import { loadCatalog } from '../../src/designations/catalog.ts';
import { importList } from '../../src/designations/import.ts';
import { pollDueFeeds } from '../../src/feeds/poller.ts';
import { fetchOptionsFor } from '../../src/feeds/sources.ts';
import type { Store } from '../../src/store/store.ts';
import { chatSettings } from '../helpers/chat-settings.ts';
import { dialects } from '../helpers/databases.ts';
import { type DiscordStandIn, messageProblems as discordProblems, startDiscordStandIn } from '../helpers/discord-api.ts';
import { APP_ID, CHANNEL_MANAGER, type SigningKeys, postInteraction, signingKeys, slashCommand } from '../helpers/discord-interactions.ts';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.ts';
import { rss } from '../helpers/feed-xml.ts';
import { type SlackApiStandIn, startSlackApi } from '../helpers/slack-api.ts';
import { messageProblems as slackProblems } from '../helpers/slack-blocks.ts';
import { postToSlackApp, slashCommandBody } from '../helpers/slack-signing.ts';

const data = (path: string) => fileURLToPath(new URL(`../../data/${path}`, import.meta.url));
/** The bundled demo's world news: real RSS whose articles name SHOHRAT Zakir, TUNIYAZ Erken, SENSETIME and SEK STUDIO. */
const DEMO_NEWS = readFileSync(data('feeds/demo-world-news.rss'), 'utf8');
const SECRET = randomBytes(16).toString('hex');
const DISCORD_TOKEN = `MTE4NzQ2NTMwOTEyMzQ1Njc4OQ.GaBcDe.${'x'.repeat(38)}`;
const TEAM = 'T0RECENT';
const SLACK_ADMIN = 'URECENTADMIN';
const GUILD = '1300000000000000303';
/** Titles of articles only a tenant's own feed carries, written to ping and format if they were not escaped. */
const SLACK_OWN = '<!channel> Shohrat Zakir *visits* Urumqi <@UOTHER>';
const DISCORD_OWN = '@everyone Shohrat Zakir seen in Kashgar <@&1300000000000000999> **now**';

let feeds: FeedServer;
let slackApi: SlackApiStandIn;
let discordApi: DiscordStandIn;
let keys: SigningKeys;
let published = 0;

const article = (title: string, text: string) => {
  published += 1;
  return { title, link: `https://tenant-news.example/${published}`, guid: `recent-${published}`, published: new Date(), text };
};

beforeAll(async () => {
  [feeds, slackApi, discordApi] = await Promise.all([startFeedServer(), startSlackApi(), startDiscordStandIn()]);
  slackApi.users.set(SLACK_ADMIN, { is_admin: true, team_id: TEAM });
  keys = signingKeys();
});

afterAll(async () => {
  await Promise.all([feeds?.close(), slackApi?.close(), discordApi?.close()]);
});

for (const dialect of dialects) {
  describe.runIf(dialect.available)(`recent articles on subscribing, on ${dialect.name}`, () => {
    let store: Store;
    let slack: RunningSlack;
    let discord: RunningDiscord;
    let responses = 0;
    const where = `${dialect.name}-${randomBytes(3).toString('hex')}`;
    const slackChannel = `C0${where.toUpperCase().replace(/\W/g, '')}`;
    const discordChannel = `13000000000000${String(Date.now() % 100_000).padStart(5, '0')}`;

    /** `/sanctions <text>` from the workspace's admin, signed: the reply, from the acknowledgement or, when late, the response URL. */
    async function inSlack(text: string): Promise<Record<string, unknown>> {
      const responseId = `recent-${where}-${++responses}`;
      const body = slashCommandBody({ text, user_id: SLACK_ADMIN, channel_id: slackChannel, team_id: TEAM, response_url: slackApi.responseUrl(responseId) });
      const res = await postToSlackApp(`http://127.0.0.1:${slack.port}/slack/events`, body, { secret: SECRET });
      expect(res.status).toBe(200);
      if (res.body) return JSON.parse(res.body) as Record<string, unknown>;
      return (await slackApi.waitForAccepted(`/response/${responseId}`, 30_000)).body;
    }

    /** A `/sanctions-manage` subcommand from a channel manager in the server, signed: the reply, deferred or not. */
    async function inDiscord(subcommand: string, options: { name: string; value: string }[]): Promise<Record<string, unknown>> {
      const payload = slashCommand('sanctions-manage', subcommand, options, { guildId: GUILD, channelId: discordChannel, permissions: CHANNEL_MANAGER });
      const { status, body } = await postInteraction(`http://127.0.0.1:${discord.port}/interactions`, payload, keys);
      expect(status).toBe(200);
      if (body.type === 4) return body.data as Record<string, unknown>;
      const edit = await discordApi.waitFor((c) => c.method === 'PATCH' && c.path.includes(String(payload.token)));
      return edit.body as Record<string, unknown>;
    }

    beforeAll(async () => {
      const db = dialect.fresh();
      store = await db.open();
      await importList(store, 'ofac-csv', [data('ofac-sdn-history/sdn-2021-12-10/sdn.csv')], { versionDate: '2021-12-10' });
      await importList(store, 'ofac-cons-csv', [data('ofac-cons/cons_prim.csv'), data('ofac-cons/cons_add.csv')]);
      const catalog = await loadCatalog(store);
      const deps: CommandDeps = { catalog, store, settings: { allowPrivateFeeds: true, feedIntervalMinutes: 5 } };
      slack = await startSlack(chatSettings({ SLACK_BOT_TOKEN: 'xoxb-recent', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slackApi.apiUrl }), deps, { port: 0, host: '127.0.0.1' });
      const discordConfig = chatSettings({ DISCORD_TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_GATEWAY: 'off', DISCORD_API_URL: discordApi.url });
      discord = await startDiscord(discordConfig, deps, { port: 0, host: '127.0.0.1' });

      // The operator's feed, and one feed each the workspace and the server add from chat, read once with nothing new.
      const path = (name: string) => `/${where}/${name}.xml`;
      feeds.put(path('operator'), rss('Operator news', []));
      feeds.put(path('slack'), rss('Workspace wire', [article('Weather', 'Nothing listed here.')]));
      feeds.put(path('discord'), rss('Server wire', [article('Markets', 'Nothing listed here either.')]));
      await store.addFeed({ url: feeds.url(path('operator')), title: null, addedBy: 'config', addedInChannel: 'config', createdAt: new Date().toISOString() });
      expect(JSON.stringify(await inSlack(`feeds add ${feeds.url(path('slack'))}`))).toContain('Now polling Workspace wire');
      expect(JSON.stringify(await inDiscord('feeds', [{ name: 'action', value: 'add' }, { name: 'url', value: feeds.url(path('discord')) }]))).toContain('Now polling Server wire');
      const poll = (minutesAhead: number) =>
        pollDueFeeds({ store, process: newsAlerts(store, catalog), fetchOptions: (f) => fetchOptionsFor(f, true), now: () => new Date(Date.now() + minutesAhead * 60_000) });
      await poll(10);

      // Then their articles, read while no channel follows anything.
      feeds.put(path('operator'), DEMO_NEWS);
      feeds.put(path('slack'), rss('Workspace wire', [article(SLACK_OWN, 'Shohrat Zakir, the Xinjiang official sanctioned on Friday, visited Urumqi.')]));
      feeds.put(path('discord'), rss('Server wire', [article(DISCORD_OWN, 'Shohrat Zakir, the Xinjiang official sanctioned on Friday, was seen in Kashgar.')]));
      expect(await store.subscriptions()).toEqual([]);
      const outcomes = await poll(20);
      expect(outcomes.map((o) => [o.newItems, o.alerts, o.error])).toEqual([[4, 0, null], [1, 0, null], [1, 0, null]]);
    }, 120_000);

    afterAll(async () => {
      await slack?.stop();
      await discord?.stop();
      await store?.close();
      await dialect.cleanup();
    });

    it("shows a Slack channel's second subscription the recent articles, marked as read before, escaped, and not the server's own", async () => {
      const first = await inSlack('subscribe country:North Korea');
      expect(JSON.stringify(first)).toContain('North Korean cartoon studio hit by new US sanctions');
      const second = await inSlack('subscribe country:China');
      expect(slackProblems(second)).toEqual([]);
      expect(second.response_type).toBe('in_channel');
      const shown = JSON.stringify(second);
      expect(shown).toContain('This channel now follows country China (CN).');
      expect(shown).toContain('Recent articles that named what it follows (read in the last 3 days, before it subscribed; new ones will alert)');
      for (const named of ['US sanctions Xinjiang officials and a Bangladeshi police unit on Human Rights Day', 'TUNIYAZ, Erken, ZAKIR, Shohrat', 'Facial recognition firm SenseTime', 'SENSETIME GROUP LIMITED']) {
        expect(shown).toContain(named);
      }
      // Its own feed's article, pinging no one: Slack's control sequences arrive as text.
      expect(shown).toContain('&lt;!channel&gt; Shohrat Zakir');
      expect(shown).not.toMatch(/<!channel>|<@UOTHER>/);
      expect(shown).not.toContain('Kashgar');
      // Subscribing again to what it follows shows nothing again.
      expect(JSON.stringify(await inSlack('subscribe country:China'))).not.toContain('Recent articles');
    });

    it("shows a Discord channel the operator's and its own server's recent articles, without mentions, and not the workspace's own", async () => {
      await inDiscord('subscribe', [{ name: 'program', value: 'DPRK3' }]);
      const message = await inDiscord('subscribe', [{ name: 'country', value: 'China' }]);
      expect(discordProblems(message)).toEqual([]);
      expect(message.allowed_mentions).toEqual({ parse: [] });
      const content = String(message.content);
      expect(content).toContain('Recent articles that named what it follows');
      expect(content).toContain(escapeDiscord('US sanctions Xinjiang officials and a Bangladeshi police unit on Human Rights Day'));
      expect(content).toContain(escapeDiscord('Facial recognition firm SenseTime put on US investment blacklist'));
      expect(content).toContain(escapeDiscord(DISCORD_OWN));
      expect(content).not.toMatch(/(^|[^\u200b])@everyone|<@&\d/);
      expect(content).not.toContain('Urumqi');
    });
  });
}
