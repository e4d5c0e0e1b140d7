// Daily digests through the platforms: subscribed by a signed Slack slash command and a signed Discord interaction, taken by the scheduler on an injected clock, delivered by the real sender to the Slack and Discord stand-ins.
import { PLATFORM_LIMITS } from '../../adapters/platforms.ts';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, MANAGE_COMMAND } from '../../adapters/discord/definitions.ts';
import { type RunningDiscord, startDiscord } from '../../adapters/discord/discord.ts';
import { fitsWhole } from '../../adapters/discord/render.ts';
import { discordAlertRest, discordTransport } from '../../adapters/discord/transport.ts';
import { fitsOneMessage } from '../../adapters/slack/render.ts';
import { type RunningSlack, startSlack } from '../../adapters/slack/slack.ts';
import { slackAlertClient, slackTransport } from '../../adapters/slack/transport.ts';
import { canonicalTimeZone } from '../../src/alerts/digest.ts';
import { takeDueDigests } from '../../src/alerts/digest-scheduler.ts';
import type { NewOutboxAlert } from '../../src/alerts/outbox.ts';
import { type Sender, startSender } from '../../src/alerts/sender.ts';
import { chatSettings } from '../helpers/chat-settings.ts';
import type { Reply } from '../../src/messages/reply.ts';
import { dialects } from '../helpers/databases.ts';
import { type DiscordStandIn, choiceProblems, commandProblems, messageProblems as discordProblems, startDiscordStandIn } from '../helpers/discord-api.ts';
import { CHANNEL_MANAGER, type OptionValue, type SigningKeys, postInteraction, signingKeys, slashCommand } from '../helpers/discord-interactions.ts';
import { BY_ALIAS, BY_NAME, type NewsWorld, SEK, newsWorld } from '../helpers/news-world.ts';
import { sendAll } from '../helpers/outbox.ts';
import { type SlackApiStandIn, startSlackApi } from '../helpers/slack-api.ts';
import { messageProblems as slackProblems } from '../helpers/slack-blocks.ts';
import { postToSlackApp, slashCommandBody } from '../helpers/slack-signing.ts';

const SECRET = randomBytes(16).toString('hex');
const MANAGER = 'UMANAGER1';
const TOKEN = `MTE4NzQ2NTMwOTEyMzQ1Njc4OQ.GaBcDe.${'x'.repeat(38)}`;
const HOUR = 3_600_000;
/** How each platform's adapter measures a message, as the bot hands it to the digests. */
const DIGEST_FITS = { slack: fitsOneMessage, discord: fitsWhole };
/** Links of the stand-in news items, as a digest item carries them. */
const LINK = /https:\/\/news\.example\/story-\d+/g;

/** What reached one channel's digest, read back from the messages as the platform holds them. */
interface Received {
  /** Each message's heading (the notification text). */
  headings: string[];
  /** Per entity id: the article links under it, and how many messages it appeared in. */
  entities: Map<string, { links: Set<string>; messages: number }>;
  /** Whether any item was summarised as "And more" rather than shown. */
  summarised: boolean;
}

function received(messages: { heading: string; entities: { id: string; items: { label: string; text: string }[] }[] }[]): Received {
  const entities = new Map<string, { links: Set<string>; messages: number }>();
  for (const message of messages) {
    for (const entity of message.entities) {
      const seen = entities.get(entity.id) ?? { links: new Set<string>(), messages: 0 };
      seen.messages += 1;
      for (const item of entity.items) for (const link of item.text.match(LINK) ?? []) seen.links.add(link);
      entities.set(entity.id, seen);
    }
  }
  const summarised = messages.some((m) => m.entities.some((e) => e.items.some((i) => i.label === 'And more')));
  return { headings: messages.map((m) => m.heading), entities, summarised };
}

/** Per entity id, the article links of the alerts held for one channel (an article alert's entity cards carry a footer, the article card its link). */
function held(alerts: NewOutboxAlert[], platform: string, channelId: string): { count: number; entities: Map<string, Set<string>> } {
  const mine = alerts.filter((a) => a.platform === platform && a.channelId === channelId);
  const entities = new Map<string, Set<string>>();
  for (const alert of mine) {
    const [article, ...cards] = (alert.payload as Reply).cards;
    for (const card of cards.filter((c) => c.footer)) entities.set(card.footer!, (entities.get(card.footer!) ?? new Set()).add(article!.url!));
  }
  return { count: mine.length, entities };
}

describe.each(dialects.filter((d) => d.available))('daily digests through Slack and Discord on $name', (dialect) => {
  let slackApi: SlackApiStandIn;
  let discordApi: DiscordStandIn;
  let world: NewsWorld;
  let slack: RunningSlack;
  let discord: RunningDiscord;
  let keys: SigningKeys;
  let endpoint: string;
  let sender: Sender;
  let commands = 0;

  beforeAll(async () => {
    [slackApi, discordApi] = await Promise.all([startSlackApi(), startDiscordStandIn()]);
    world = await newsWorld(await dialect.fresh().open(), []);
    keys = signingKeys();
    const config = chatSettings({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_MANAGER_IDS: MANAGER,
      SLACK_API_URL: slackApi.apiUrl,
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: '1187465309123456789',
      DISCORD_PUBLIC_KEY: keys.publicKeyHex,
      DISCORD_GATEWAY: 'off',
      DISCORD_API_URL: discordApi.url,
    });
    slack = await startSlack(config, world, { port: 0, host: '127.0.0.1' });
    discord = await startDiscord(config, world, { port: 0, host: '127.0.0.1' });
    endpoint = `http://127.0.0.1:${discord.port}/interactions`;
    sender = startSender({
    limits: PLATFORM_LIMITS,
      store: world.store,
      transports: { slack: slackTransport(slackAlertClient(config)), discord: discordTransport(discordAlertRest(config)) },
      worker: `digest-${dialect.name}`,
      pollMs: 20,
    });
  });

  afterAll(async () => {
    await sender?.stop();
    await Promise.all([slack?.stop(), discord?.stop()]);
    await Promise.all([slackApi?.close(), discordApi?.close()]);
    await world?.store.close();
    await dialect.cleanup();
  });

  /** `/sanctions <text>` from a channel manager, signed as Slack signs it; the reply's text. */
  async function slackCommand(text: string, channel: string): Promise<string> {
    const responseId = `digest-${++commands}`;
    const body = slashCommandBody({ text, user_id: MANAGER, channel_id: channel, response_url: slackApi.responseUrl(responseId) });
    const res = await postToSlackApp(`http://127.0.0.1:${slack.port}/slack/events`, body, { secret: SECRET });
    expect(res.status).toBe(200);
    // Answered in the acknowledgement, or (when slow) through the response URL.
    const message = (res.body ? JSON.parse(res.body) : (await slackApi.waitForAccepted(`/response/${responseId}`)).body) as { text: string };
    return message.text;
  }

  /** `/sanctions-manage subscribe ...` from a member with Manage Channels, signed as Discord signs it; the reply's content. */
  async function discordSubscribe(channelId: string, options: OptionValue[]): Promise<string> {
    const payload = slashCommand(MANAGE_COMMAND, 'subscribe', options, { permissions: CHANNEL_MANAGER, channelId });
    const { status, body } = await postInteraction(endpoint, payload, keys);
    expect(status).toBe(200);
    if (body.type === 4) return body.data.content;
    // Deferred (privately): a reply for the channel follows through the interaction's webhook, a private one is edited in.
    const answer = await discordApi.waitFor((c) => c.path.includes(String(payload.token)) && ((c.method === 'POST' && c.path.endsWith(String(payload.token))) || c.method === 'PATCH'), 10_000);
    if (answer.method === 'PATCH' && /posted for the channel/.test((answer.body as { content: string }).content)) {
      const follow = await discordApi.waitFor((c) => c.method === 'POST' && c.path.endsWith(String(payload.token)), 10_000);
      return (follow.body as { content: string }).content;
    }
    return (answer.body as { content: string }).content;
  }

  /** What the channel follows and when its digest comes, without what names the channel or who asked. */
  async function delivery(platform: string, channelId: string) {
    const subs = await world.store.subscriptions({ platform, channelId });
    const schedules = await world.store.digestSchedules({ platform, channelId });
    return {
      subscriptions: subs.map((s) => ({ kind: s.kind, value: s.value, delivery: s.delivery, listDelivery: s.listDelivery })),
      schedules: schedules.map((s) => ({ time: s.time, timeZone: s.timeZone })),
    };
  }

  function slackDigest(channel: string): Received {
    type Block = { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { type: string; text: string }[] };
    const messages = slackApi.posted.filter((m) => m.channel === channel);
    for (const m of messages) expect(slackProblems({ text: m.text, blocks: m.blocks })).toEqual([]);
    return received(
      messages.map((m) => {
        // An entity's blocks run from its header to the next: the last context's last element is the footer, its id.
        const runs: Block[][] = [];
        for (const block of m.blocks as Block[]) {
          if (block.type === 'header') runs.push([]);
          runs.at(-1)?.push(block);
        }
        const entities = runs.map((run) => ({
          id: run.filter((b) => b.type === 'context').at(-1)!.elements!.at(-1)!.text,
          items: run.flatMap((b) => b.fields ?? []).map((f) => ({ label: f.text.split('\n')[0]!, text: f.text })),
        }));
        expect(JSON.stringify(m.blocks)).not.toContain('not shown');
        return { heading: m.text, entities };
      }),
    );
  }

  function discordDigest(channelId: string): Received {
    type Embed = { footer?: { text: string }; fields?: { name: string; value: string }[] };
    const messages = discordApi.messages.filter((m) => m.channelId === channelId);
    for (const m of messages) expect(discordProblems(m.body)).toEqual([]);
    return received(
      messages.map((m) => ({
        heading: String(m.body.content),
        entities: (m.body.embeds as Embed[]).map((e) => {
          // Whole: no item clipped by the renderer's share of the 6,000 characters.
          for (const f of e.fields ?? []) expect(f.value.endsWith('…')).toBe(false);
          return { id: e.footer!.text, items: (e.fields ?? []).map((f) => ({ label: f.name, text: f.value })) };
        }),
      })),
    );
  }

  /** Every held alert arrived, under its entity, each entity in one message only, nothing summarised away. */
  function expectDigestOf(got: Received, expected: ReturnType<typeof held>, zone: RegExp): void {
    expect(got.summarised).toBe(false);
    expect([...got.entities.keys()].sort()).toEqual([...expected.entities.keys()].sort());
    for (const [id, links] of expected.entities) expect(got.entities.get(id)).toEqual({ links, messages: 1 });
    const n = got.headings.length;
    got.headings.forEach((heading, i) => {
      expect(heading).toMatch(/^Daily digest for \d{4}-\d{2}-\d{2} /);
      expect(heading).toMatch(zone);
      expect(heading).toContain(`${expected.count} alerts about ${expected.entities.size} entit`);
      if (n > 1) expect(heading).toContain(`part ${i + 1} of ${n}`);
      else expect(heading).not.toContain('part ');
    });
  }

  it('registers digest, tz and lists on /sanctions-manage subscribe only, as Discord accepts them, and completes tz', async () => {
    expect(commandProblems(COMMANDS)).toEqual([]);
    const manage = COMMANDS.find((c) => c.name === MANAGE_COMMAND)!;
    const optionsOf = (name: string) => (manage.options!.find((o) => o.name === name) as { options: { name: string }[] }).options.map((o) => o.name);
    expect(optionsOf('subscribe')).toEqual(['country', 'program', 'list', 'entity', 'digest', 'tz', 'lists']);
    expect(optionsOf('unsubscribe')).toEqual(['country', 'program', 'list', 'entity']);

    const typing = async (value: string) => {
      const payload = slashCommand(MANAGE_COMMAND, 'subscribe', [{ name: 'digest', value: '09:00' }, { name: 'tz', value, focused: true }], { type: 4, permissions: CHANNEL_MANAGER });
      const { body } = await postInteraction(endpoint, payload, keys);
      expect(body.type).toBe(8);
      expect(choiceProblems(body.data)).toEqual([]);
      return (body.data.choices as { name: string; value: string }[]).map((c) => c.value);
    };
    expect(await typing('berlin')).toEqual(['Europe/Berlin']);
    expect((await typing('new y'))[0]).toBe('America/New_York');
    expect((await typing('europe/')).every((z) => z.startsWith('Europe/'))).toBe(true);
    const any = await typing('');
    expect(any).toHaveLength(25);
    expect(any[0]).toBe('UTC');
    expect(await typing('Mars/Olympus')).toEqual([]);
    // A zone Intl knows by another name leads as the name the subscription will show.
    expect((await typing('asia/kolkata'))[0]).toBe(canonicalTimeZone('Asia/Kolkata'));
  });

  /** A reply's first line as written: Slack's entities and look-alikes, Discord's escapes and zero-width spaces undone (help lines follow a problem on Discord). */
  const LOOKALIKES: Record<string, string> = { '\u2217': '*', '\u02cd': '_', '\u223c': '~', '\u02cb': '`', '&lt;': '<', '&gt;': '>', '&amp;': '&' };
  const words = (reply: string) =>
    reply
      .split('\n')[0]!
      .replace(/\u200b/g, '')
      .replace(/\\(.)/g, '$1')
      .replace(/[\u2217\u02cd\u223c\u02cb]|&(lt|gt|amp);/g, (c) => LOOKALIKES[c]!);

  it('takes the options on Discord as the text syntax on Slack takes them, refusing the same mistakes', async () => {
    const [slackChannel, discordChannel] = ['C0SAME', '1187465309333333300'];
    const same = async (text: string, options: OptionValue[]) => {
      const [bySlack, byDiscord] = [await slackCommand(`subscribe ${text}`, slackChannel), await discordSubscribe(discordChannel, options)];
      expect(words(byDiscord)).toBe(words(bySlack));
      expect(await delivery('discord', discordChannel)).toEqual(await delivery('slack', slackChannel));
      return words(bySlack);
    };
    const entity: OptionValue = { name: 'entity', value: 'SEK Studio' };
    expect(await same('entity:SEK Studio tz:Asia/Tokyo', [entity, { name: 'tz', value: 'Asia/Tokyo' }])).toContain('tz: and lists: go with digest:<HH:MM>.');
    expect(await same('entity:SEK Studio lists:digest', [entity, { name: 'lists', value: 'digest' }])).toContain('tz: and lists: go with digest:<HH:MM>.');
    expect(await same('entity:SEK Studio digest:25:00', [entity, { name: 'digest', value: '25:00' }])).toContain('HH:MM');
    expect(await same('entity:SEK Studio digest:07:30 tz:Mars/Olympus', [entity, { name: 'digest', value: '07:30' }, { name: 'tz', value: 'Mars/Olympus' }])).toContain('not a time zone');
    expect((await delivery('discord', discordChannel)).subscriptions).toEqual([]);

    const digest = [entity, { name: 'digest', value: '07:30' }, { name: 'tz', value: 'asia/tokyo' }, { name: 'lists', value: 'digest' }];
    expect(await same('entity:SEK Studio digest:07:30 tz:asia/tokyo lists:digest', digest)).toMatch(/in the daily digest, list changes too\. Its digest comes daily at 07:30 Asia\/Tokyo\.$/);
    expect((await delivery('discord', discordChannel)).subscriptions).toEqual([{ kind: 'entity', value: SEK, delivery: 'digest', listDelivery: 'digest' }]);
    expect(await same('entity:SEK Studio digest:off', [entity, { name: 'digest', value: 'off' }])).toContain('each alert at once');
    expect((await delivery('discord', discordChannel)).subscriptions).toEqual([{ kind: 'entity', value: SEK, delivery: 'immediate', listDelivery: 'immediate' }]);
  });

  it('holds the alerts, and delivers one digest per channel grouped by entity, a big one in several messages within limits, once', async () => {
    const before = new Date();
    const channels = { slackOne: 'C0DIGEST1', slackMany: 'C0DIGEST2', discordOne: '1187465309333333301', discordMany: '1187465309333333302' };
    expect(await slackCommand('subscribe entity:SEK Studio digest:09:00 tz:Europe/Berlin', channels.slackOne)).toMatch(/Its digest comes daily at 09:00 Europe\/Berlin\.$/);
    expect(await slackCommand('subscribe country:North Korea digest:18:00 tz:Europe/Berlin', channels.slackMany)).toMatch(/Its digest comes daily at 18:00 Europe\/Berlin\.$/);
    expect(await discordSubscribe(channels.discordOne, [{ name: 'entity', value: 'SEK Studio' }, { name: 'digest', value: '07:30' }, { name: 'tz', value: 'Asia/Tokyo' }])).toContain('Its digest comes daily at 07:30 Asia/Tokyo.');
    expect(await discordSubscribe(channels.discordMany, [{ name: 'country', value: 'KP' }, { name: 'digest', value: '9:15' }, { name: 'tz', value: 'Asia/Singapore' }])).toContain('Its digest comes daily at 09:15 Asia/Singapore.');

    // Two reports of SEK Studio, then thirty North Korean organisations named three to an article, each in two articles.
    const organisations = world.catalog
      .entities()
      .filter((e) => e.type === 'organization' && e.id !== SEK)
      .slice(0, 30);
    const reports = [BY_NAME, BY_ALIAS, ...Array.from({ length: 20 }, (_, n) => {
      const named = [0, 1, 2].map((k) => organisations[(3 * n + k) % 30]!.name);
      return `${named[0]}, ${named[1]} and ${named[2]} moved money through Pyongyang last year, the Treasury said.`;
    })];
    const alerts: NewOutboxAlert[] = [];
    for (const report of reports) alerts.push(...(await world.publish(report)));
    await world.store.enqueueAlerts(alerts, new Date().toISOString());
    expect(alerts.filter((a) => Object.values(channels).includes(a.channelId)).every((a) => a.digest)).toBe(true);
    const expected = {
      slackOne: held(alerts, 'slack', channels.slackOne),
      slackMany: held(alerts, 'slack', channels.slackMany),
      discordOne: held(alerts, 'discord', channels.discordOne),
      discordMany: held(alerts, 'discord', channels.discordMany),
    };
    expect([...expected.slackOne.entities]).toEqual([[SEK, new Set(['https://news.example/story-1', 'https://news.example/story-2'])]]);
    expect(expected.discordOne.entities).toEqual(expected.slackOne.entities);
    // The scanner finds most of the thirty; enough that neither platform holds them in one message.
    expect(expected.slackMany.entities.size).toBeGreaterThanOrEqual(25);
    expect(expected.discordMany.entities).toEqual(expected.slackMany.entities);

    // Held: the sender has nothing to post.
    await sendAll(world.store, sender);
    expect(slackApi.posted.filter((m) => m.channel.startsWith('C0DIGEST'))).toEqual([]);
    expect(discordApi.messages.filter((m) => Object.values(channels).includes(m.channelId))).toEqual([]);

    // Nothing is due before the digest time comes round; a day and an hour later every channel's has.
    expect(await takeDueDigests({ store: world.store, now: () => before, fits: DIGEST_FITS })).toBe(0);
    const later = before.getTime() + 25 * HOUR;
    const queued = await takeDueDigests({ store: world.store, now: () => new Date(later), fits: DIGEST_FITS });
    const started = performance.now();
    await sendAll(world.store, sender);
    const sendMs = performance.now() - started;

    const got = {
      slackOne: slackDigest(channels.slackOne),
      slackMany: slackDigest(channels.slackMany),
      discordOne: discordDigest(channels.discordOne),
      discordMany: discordDigest(channels.discordMany),
    };
    expectDigestOf(got.slackOne, expected.slackOne, /\(Europe\/Berlin\)/);
    expectDigestOf(got.slackMany, expected.slackMany, /\(Europe\/Berlin\)/);
    expectDigestOf(got.discordOne, expected.discordOne, /\\\(Asia\/Tokyo\\\)/);
    expectDigestOf(got.discordMany, expected.discordMany, /\\\(Asia\/Singapore\\\)/);
    expect([got.slackOne.headings.length, got.discordOne.headings.length]).toEqual([1, 1]);
    expect(got.slackMany.headings.length).toBeGreaterThan(1);
    expect(got.discordMany.headings.length).toBeGreaterThan(1);
    expect(queued).toBe(Object.values(got).reduce((n, g) => n + g.headings.length, 0));
    console.info(
      `digest on ${dialect.name}: ${expected.slackMany.entities.size} entities in ${got.slackMany.headings.length} Slack and ${got.discordMany.headings.length} Discord messages; ${queued} messages sent in ${Math.round(sendMs)} ms`,
    );

    // A second tick, and the next minute's, send nothing more.
    const [slackPosts, discordPosts] = [slackApi.posted.length, discordApi.messages.length];
    expect(await takeDueDigests({ store: world.store, now: () => new Date(later), fits: DIGEST_FITS })).toBe(0);
    expect(await takeDueDigests({ store: world.store, now: () => new Date(later + 60_000), fits: DIGEST_FITS })).toBe(0);
    await sendAll(world.store, sender);
    expect([slackApi.posted.length, discordApi.messages.length]).toEqual([slackPosts, discordPosts]);
  });
});
