// The Discord adapter end to end: signed interactions to the real endpoint on a real catalog, replies checked against a stand-in for Discord's REST API.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/messages/reply.ts';
import { COMMANDS, MANAGE_COMMAND } from '../../adapters/discord/definitions.ts';
import { type RunningDiscord, startDiscord } from '../../adapters/discord/discord.ts';
import { callbackResponder } from '../../adapters/discord/gateway.ts';
import { handleInteraction } from '../../adapters/discord/interactions.ts';
import { registerCommands } from '../../adapters/discord/register.ts';
import { LIMITS, escapeDiscord, renderReply } from '../../adapters/discord/render.ts';
import { discordRest } from '../../adapters/discord/rest.ts';
import { type ChatSettings as Config, chatSettings } from '../helpers/chat-settings.ts';
import { type Catalog, loadCatalog } from '../../src/designations/catalog.ts';
import { importList } from '../../src/designations/import.ts';
import type { Store } from '../../src/store/store.ts';
import { type DiscordStandIn, messageProblems, startDiscordStandIn } from '../helpers/discord-api.ts';
import { ADMINISTRATOR, APP_ID, CHANNEL_MANAGER, GUILD_ID, MEMBER, type SigningKeys, postInteraction, signingKeys, slashCommand } from '../helpers/discord-interactions.ts';
import { sqlite } from '../helpers/databases.ts';
import { storeWithHistory } from '../helpers/designation-history.ts';

const SDN_2021_12_10 = fileURLToPath(new URL('../../data/ofac-sdn-history/sdn-2021-12-10/sdn.csv', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const TOKEN = `MTE4NzQ2NTMwOTEyMzQ1Njc4OQ.GaBcDe.${'x'.repeat(38)}`;

let api: DiscordStandIn;
let store: Store;
let catalog: Catalog;
let keys: SigningKeys;
let config: Config;
let bot: RunningDiscord;
let endpoint: string;
const others: RunningDiscord[] = [];

function configFor(env: Record<string, string> = {}): Config {
  return chatSettings({
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_PUBLIC_KEY: keys.publicKeyHex,
    DISCORD_GATEWAY: 'off',
    DISCORD_API_URL: api.url,
    ...env,
  });
}

/** The endpoint of another bot on the same catalog, with its own store and deferral time. */
async function botWith(deps: { store: Store }, deferAfterMs: number): Promise<string> {
  const other = await startDiscord(config, { catalog, ...deps }, { port: 0, host: '127.0.0.1', deferAfterMs });
  others.push(other);
  return `http://127.0.0.1:${other.port}/interactions`;
}

/** The webhook route of an interaction's original response, as the stand-in records it (decoded). */
const original = (token: unknown) => decodeURIComponent(Routes.webhookMessage(APP_ID, String(token), '@original'));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The real store, each call answered `ms` later (a database far away), or failing. */
function slowed(real: Store, ms: number, fail?: keyof Store): Store {
  return new Proxy(real, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        await sleep(ms);
        if (key === fail) throw new Error(`connection to db.internal:5432 lost\n    at Pool.query (pg-pool/index.js:45:11)`);
        return value.apply(target, args);
      };
    },
  });
}

beforeAll(async () => {
  api = await startDiscordStandIn();
  store = await sqlite.fresh().open();
  await importList(store, 'ofac-csv', [SDN_2021_12_10], { versionDate: '2021-12-10' });
  catalog = await loadCatalog(store);
  keys = signingKeys();
  config = configFor();
  bot = await startDiscord(config, { catalog, store }, { port: 0, host: '127.0.0.1' });
  endpoint = `http://127.0.0.1:${bot.port}/interactions`;
});

afterAll(async () => {
  for (const running of [bot, ...others]) await running?.stop();
  await api?.close();
  await store?.close();
  await sqlite.cleanup();
});

describe('the HTTP interactions endpoint', () => {
  it('answers a signed PING with a PONG', async () => {
    const res = await postInteraction(endpoint, { id: '1187465309111111111', application_id: APP_ID, type: 1, token: 'abc', version: 1 }, keys);
    expect(res).toEqual({ status: 200, body: { type: 1 } });
  });

  it('refuses unsigned, badly signed and tampered requests with 401', async () => {
    const payload = slashCommand('sanctions', 'lookup', [{ name: 'name', value: 'SEK Studio' }], { permissions: MEMBER });
    expect((await postInteraction(endpoint, payload, keys, { unsigned: true })).status).toBe(401);
    expect((await postInteraction(endpoint, payload, keys, { signWith: signingKeys().privateKey })).status).toBe(401);
    const innocent = slashCommand('sanctions', 'help', [], { permissions: MEMBER });
    expect((await postInteraction(endpoint, payload, keys, { signedBody: JSON.stringify(innocent) })).status).toBe(401);
    expect((await fetch(endpoint, { method: 'POST', body: '{"type":1}', headers: { 'x-signature-ed25519': 'zz', 'x-signature-timestamp': '1' } })).status).toBe(401);
  });

  it('serves only POST /interactions', async () => {
    expect((await fetch(endpoint)).status).toBe(405);
    expect((await fetch(endpoint.replace('/interactions', '/other'), { method: 'POST' })).status).toBe(404);
  });

  it('answers a lookup with the designation as an embed, only to the asker unless shared', async () => {
    const payload = slashCommand('sanctions', 'lookup', [{ name: 'name', value: 'SEK Studio' }], { permissions: MEMBER });
    const { status, body } = await postInteraction(endpoint, payload, keys);
    expect(status).toBe(200);
    expect(body.type).toBe(4);
    expect(messageProblems(body.data)).toEqual([]);
    expect(body.data.flags).toBe(64);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    const [card] = body.data.embeds;
    expect(card.title).toBe('SEK STUDIO');
    expect(card.footer.text).toBe('ofac-sdn-34022');
    expect(card.fields).toContainEqual({ name: 'Listed', value: 'OFAC SDN List — DPRK3' });

    const shared = slashCommand('sanctions', 'lookup', [{ name: 'name', value: 'SEK Studio' }, { name: 'share', value: true }], { permissions: MEMBER });
    const sharedAnswer = await postInteraction(endpoint, shared, keys);
    expect(sharedAnswer.body.data.flags).toBeUndefined();
    expect(sharedAnswer.body.data.embeds[0].title).toBe('SEK STUDIO');
  });

  it('answers in a DM, where the payload has a user and no member', async () => {
    const { body } = await postInteraction(endpoint, slashCommand('sanctions', 'help'), keys);
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
    expect(body.data.content).toMatch(/^sanctions-bot looks up/);
  });

  it('completes country, program and entity options as the user types', async () => {
    const typing = (name: string, value: string) =>
      postInteraction(endpoint, slashCommand(MANAGE_COMMAND, 'subscribe', [{ name, value, focused: true }], { type: 4, permissions: CHANNEL_MANAGER }), keys);
    const country = await typing('country', 'nor');
    expect(country.body.type).toBe(8);
    expect(country.body.data.choices).toContainEqual(expect.objectContaining({ value: 'KP', name: expect.stringMatching(/Korea/) }));
    expect(country.body.data.choices.length).toBeLessThanOrEqual(25);
    expect((await typing('program', 'dprk')).body.data.choices).toContainEqual({ name: 'DPRK3', value: 'DPRK3' });
    expect((await typing('entity', 'SEK Stud')).body.data.choices).toContainEqual(expect.objectContaining({ value: 'ofac-sdn-34022' }));
  });

  it('lets only members who may manage the channel change its subscriptions, whatever Discord showed them', async () => {
    const channelId = '1187465309222222222';
    const subscribe = (permissions: string) =>
      postInteraction(endpoint, slashCommand(MANAGE_COMMAND, 'subscribe', [{ name: 'country', value: 'North Korea' }], { permissions, channelId }), keys);

    const refused = await subscribe(MEMBER);
    expect(refused.body.data).toMatchObject({ flags: 64, content: expect.stringMatching(/^Only members who can manage this channel/) });
    expect(await store.subscriptions({ platform: 'discord', channelId })).toEqual([]);

    const done = await subscribe(CHANNEL_MANAGER);
    expect(done.body.data.flags).toBeUndefined();
    expect(done.body.data.content).toMatch(/now follows country North Korea \\\(KP\\\)/);
    expect((await store.subscriptions({ platform: 'discord', channelId })).map((s) => [s.kind, s.value, s.createdBy])).toEqual([
      ['country', 'KP', '1187465309000000001'],
    ]);

    const admin = await postInteraction(endpoint, slashCommand(MANAGE_COMMAND, 'subscribe', [{ name: 'program', value: 'DPRK3' }], { permissions: ADMINISTRATOR, channelId }), keys);
    expect(admin.body.data.content).toMatch(/now follows program DPRK3/);
    const list = await postInteraction(endpoint, slashCommand('sanctions', 'subscriptions', [], { permissions: MEMBER, channelId }), keys);
    expect(list.body.data.content).toMatch(/follows 2 subscriptions/);
  });

  it('lists feeds for everyone and lets only managers add or remove them', async () => {
    const list = await postInteraction(endpoint, slashCommand('sanctions', 'feeds', [], { permissions: MEMBER }), keys);
    expect(list.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(list.body.data.content).toMatch(/polls no feeds/);
    const add = (permissions: string, url: string) =>
      postInteraction(endpoint, slashCommand(MANAGE_COMMAND, 'feeds', [{ name: 'action', value: 'add' }, { name: 'url', value: url }], { permissions }), keys);
    expect((await add(MEMBER, 'https://news.example.org/rss')).body.data.content).toMatch(/^Only members who can manage/);
    // A feed added from chat may not reach loopback: refused before anything is fetched or stored.
    const refused = await add(CHANNEL_MANAGER, 'http://127.0.0.1:9/rss');
    expect(refused.body.data.content).toMatch(/refused|private|loopback/i);
    expect(await store.feeds()).toEqual([]);
  });

  it('turns a failing command into a short ephemeral apology, not a stack trace', async () => {
    const failing = await botWith({ store: slowed(store, 0, 'subscriptions') }, 2_000);
    const { body } = await postInteraction(failing, slashCommand('sanctions', 'subscriptions', [], { permissions: MEMBER }), keys);
    expect(body).toMatchObject({ type: 4, data: { flags: 64, content: 'Something went wrong answering that. Please try again in a moment.' } });
  });
});

describe('status and history', () => {
  let held: { store: Store; catalog: Catalog };
  let withHistory: string;
  beforeAll(async () => {
    held = await storeWithHistory();
    const { feed } = await held.store.addFeed({ url: 'https://intranet.example.org/press.xml', title: 'Ministry press', addedBy: 'U1', addedInChannel: 'discord:1', createdAt: new Date().toISOString() });
    await held.store.updateFeed(feed.id, { status: 'failing', failures: 1, lastError: 'HTTP 503' });
    withHistory = await botWith(held, 2_000);
  });
  afterAll(async () => {
    await held?.store.close();
  });

  it('registers /sanctions status and /sanctions history name:', () => {
    const open = COMMANDS.find((c) => c.name === 'sanctions')!;
    expect(open.options?.map((o) => o.name)).toEqual(expect.arrayContaining(['status', 'history']));
    expect(open.options?.find((o) => o.name === 'history')).toMatchObject({ options: [{ name: 'name', required: true }] });
  });

  it('answers status to the asker, with feed URLs and errors only for members who may manage the channel', async () => {
    const asMember = (await postInteraction(withHistory, slashCommand('sanctions', 'status', [], { permissions: MEMBER }), keys)).body;
    expect(asMember.type).toBe(4);
    expect(messageProblems(asMember.data)).toEqual([]);
    expect(asMember.data.flags).toBe(64);
    expect(asMember.data.embeds.map((e: { title: string }) => e.title)).toEqual(['Lists', 'News feeds', 'Alert outbox', undefined]);
    const [lists, feeds] = asMember.data.embeds;
    expect(lists.fields[0].value).toMatch(/^version of 2021-12-10, /);
    // As the renderer escapes it for Discord's markdown.
    expect(feeds.fields).toEqual([{ name: 'Ministry press', value: 'failing \\(1 failure in a row\\), never read yet, next at the next tick' }]);
    expect(JSON.stringify(asMember.data)).not.toMatch(/intranet|HTTP 503|ofac-sdn-history/);

    const asManager = JSON.stringify((await postInteraction(withHistory, slashCommand('sanctions', 'status', [], { permissions: CHANNEL_MANAGER }), keys)).body.data);
    expect(asManager).toContain('HTTP 503');
    expect(asManager).toContain('intranet.example.org/press.xml');
  });

  it("answers history with SEK STUDIO's designation on 10 Dec 2021", async () => {
    const payload = slashCommand('sanctions', 'history', [{ name: 'name', value: 'SEK Studio' }], { permissions: MEMBER });
    const { body } = await postInteraction(withHistory, payload, keys);
    expect(messageProblems(body.data)).toEqual([]);
    expect(body.data.flags).toBe(64);
    const [card] = body.data.embeds;
    expect(card.title).toBe('SEK STUDIO');
    expect(card.fields).toContainEqual({ name: 'Designated 2021-12-10', value: 'Added to OFAC SDN List under DPRK3' });
  });
});

describe('replies that take longer than Discord waits', () => {
  it('defers privately, then posts a public reply for the channel as a follow-up through the webhook', async () => {
    const slow = await botWith({ store: slowed(store, 300) }, 50);
    const payload = slashCommand(MANAGE_COMMAND, 'subscribe', [{ name: 'entity', value: 'SEK Studio' }], { permissions: CHANNEL_MANAGER });
    const { body } = await postInteraction(slow, payload, keys);
    // A deferral fixes who sees what replaces it: private, until the command has said who its reply is for.
    expect(body).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await api.waitFor((c) => c.method === 'PATCH' && c.path === original(payload.token));
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ content: expect.stringMatching(/posted for the channel/) });
    const follow = await api.waitFor((c) => c.method === 'POST' && c.path === decodeURIComponent(Routes.webhook(APP_ID, String(payload.token))));
    expect(follow.status).toBe(200);
    expect(follow.body).toMatchObject({ allowed_mentions: { parse: [] }, content: expect.stringMatching(/now follows entity SEK STUDIO \\\(ofac-sdn-34022\\\)/) });
    expect(follow.body).not.toHaveProperty('flags');
    expect(edit.authorization).toBeUndefined();
  });

  it("never shows the channel a manager's deferred failure: it replaces the private deferral", async () => {
    const slow = await botWith({ store: slowed(store, 300) }, 50);
    const payload = slashCommand(MANAGE_COMMAND, 'feeds', [{ name: 'action', value: 'add' }, { name: 'url', value: 'http://127.0.0.1:9/feed.xml' }], { permissions: CHANNEL_MANAGER });
    expect((await postInteraction(slow, payload, keys)).body).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await api.waitFor((c) => c.method === 'PATCH' && c.path === original(payload.token));
    expect(String((edit.body as { content: string }).content).replace(/\\/g, '')).toMatch(/^Nothing added: <http:\/\/127\.0\.0\.1:9\/feed\.xml> could not be read/);
    // Nothing was posted beside it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(api.calls.filter((c) => c.path === decodeURIComponent(Routes.webhook(APP_ID, String(payload.token))))).toEqual([]);
  });

  it('defers ephemerally when the reply is for the asker only', async () => {
    const slow = await botWith({ store: slowed(store, 300) }, 50);
    const payload = slashCommand('sanctions', 'subscriptions', [], { permissions: MEMBER });
    expect((await postInteraction(slow, payload, keys)).body).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await api.waitFor((c) => c.method === 'PATCH' && c.path.includes(payload.token as string));
    expect(edit.body).toMatchObject({ content: expect.stringMatching(/follows nothing yet/) });
    expect(edit.body).not.toHaveProperty('flags');
  });

  it('waits out a 429 and delivers the edit exactly once', async () => {
    const slow = await botWith({ store: slowed(store, 200) }, 50);
    const payload = slashCommand('sanctions', 'subscriptions', [], { permissions: MEMBER });
    api.rateLimitNext(1, 0.3);
    await postInteraction(slow, payload, keys);
    const delivered = await api.waitFor((c) => c.path.includes(payload.token as string) && c.status === 200);
    const tries = api.calls.filter((c) => c.path.includes(payload.token as string));
    expect(tries.map((c) => c.status)).toEqual([429, 200]);
    expect(delivered.at - tries[0]!.at).toBeGreaterThanOrEqual(300);
  });
});

describe('the gateway path', () => {
  // Logging in needs Discord's WebSocket gateway, which is not stood in for here; what the gateway
  // hands over is the raw INTERACTION_CREATE payload, answered by the same handler through the callback route.
  it('answers a raw interaction through POST /interactions/{id}/{token}/callback', async () => {
    const rest = discordRest(config);
    const payload = slashCommand('sanctions', 'lookup', [{ name: 'name', value: 'SEK Studio' }, { name: 'share', value: true }], { permissions: MEMBER });
    const interaction = payload as unknown as Parameters<typeof handleInteraction>[0];
    await handleInteraction(interaction, { catalog, store, rest, deferAfterMs: 2_000 }, callbackResponder(rest, interaction));
    const callback = await api.waitFor((c) => c.path === Routes.interactionCallback(interaction.id, interaction.token));
    expect(callback.status).toBe(204);
    expect(callback.body).toMatchObject({ type: 4, data: { allowed_mentions: { parse: [] }, embeds: [expect.objectContaining({ title: 'SEK STUDIO' })] } });
  });
});

describe('registering the commands', () => {
  it('PUTs the definitions to the guild route when DISCORD_GUILD_ID is set', async () => {
    const registration = await registerCommands(configFor({ DISCORD_GUILD_ID: GUILD_ID }));
    expect(registration).toEqual({ route: Routes.applicationGuildCommands(APP_ID, GUILD_ID), names: ['sanctions', 'sanctions-manage'] });
    const put = api.calls.find((c) => c.method === 'PUT' && c.path === registration.route)!;
    expect(put.status).toBe(200);
    expect(put.authorization).toBe(`Bot ${TOKEN}`);
    const [open, manage] = put.body as Record<string, unknown>[];
    expect(open).not.toHaveProperty('default_member_permissions');
    expect(manage).toMatchObject({ name: 'sanctions-manage', default_member_permissions: '16' });
    expect(manage).not.toHaveProperty('contexts');
  });

  it('registers globally from `npm run register-commands` without a guild, and names missing settings', async () => {
    const script = fileURLToPath(new URL('../../scripts/register-commands.ts', import.meta.url));
    const cwd = mkdtempSync(join(tmpdir(), 'register-commands-'));
    const env = { PATH: process.env.PATH, LOG_LEVEL: 'silent', DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: api.url };
    const { stdout } = await promisify(execFile)(TSX, [script], { env, cwd });
    expect(stdout).toBe(`Registered /sanctions and /sanctions-manage at /applications/${APP_ID}/commands\n`);
    const put = api.calls.find((c) => c.method === 'PUT' && c.path === Routes.applicationCommands(APP_ID))!;
    expect(put.body).toEqual(COMMANDS);

    await expect(registerCommands(chatSettings({}))).rejects.toThrow(/^Set DISCORD_TOKEN and DISCORD_APPLICATION_ID/);
  });
});

describe('rendering', () => {
  const hostile = '@everyone @here <!channel> <@123> <@!123> <@&456> <#789> [click](https://evil.example) **bold** `code`\u0007\u202e';

  function checkSafe(json: string): void {
    expect(json).not.toMatch(/@(everyone|here)/);
    expect(json).not.toMatch(/<[@#!&:/]/);
    expect(json).not.toMatch(/(^|[^\\])\]\(/);
    expect(json).not.toMatch(/\\u0007|\\u202e|\u202e/);
  }

  it('keeps a hostile 10,000-character reply within limits, with no live mention or masked link', async () => {
    const long = `${hostile} ${'x'.repeat(10_000)}`;
    const plain: Reply = { text: long, cards: [], notes: [hostile], ephemeral: false };
    const cards: Reply = {
      text: long,
      cards: Array.from({ length: 12 }, (_, i) => ({
        title: `${hostile} ${'T'.repeat(300)}`,
        subtitle: long,
        url: i % 2 ? 'javascript:alert(1)' : 'https://ofac.treasury.gov/recent-actions/20211210',
        fields: Array.from({ length: 30 }, (_, j) => ({ label: `${hostile} ${j}`, value: long })),
        footer: `${hostile} ${'f'.repeat(3000)}`,
      })),
      notes: [hostile, long],
      ephemeral: true,
    };
    const rest = discordRest(config);
    for (const [i, reply] of [plain, cards].entries()) {
      const message = renderReply(reply);
      expect(messageProblems(message)).toEqual([]);
      checkSafe(JSON.stringify(message));
      const { flags: _, ...edit } = message;
      // The stand-in takes it as Discord would.
      await rest.patch(Routes.webhookMessage(APP_ID, `render-${i}`, '@original'), { body: edit, auth: false });
    }
    const message = renderReply(cards);
    expect(message.embeds).toHaveLength(LIMITS.embeds);
    expect(message.embeds![0]!.url).toBe('https://ofac.treasury.gov/recent-actions/20211210');
    expect(message.flags).toBe(64);
    expect(renderReply(plain).content).toHaveLength(LIMITS.content);
    expect(renderReply(plain).content!.endsWith('…')).toBe(true);
  });

  it('escapes markdown and defuses mentions but keeps the words', () => {
    expect(escapeDiscord('**Bank** _Melli_ ~x~ `y` ||z|| > q [a](b)')).toBe('\\*\\*Bank\\*\\* \\_Melli\\_ \\~x\\~ \\`y\\` \\|\\|z\\|\\| \\> q \\[a\\]\\(b\\)');
    expect(escapeDiscord('# Heading\n- item\nA-B')).toBe('\\# Heading\n\\- item\nA-B');
    expect(escapeDiscord('@everyone <@123> a\u0000b\u202e')).toBe('@\u200beveryone <\u200b@123\\> ab');
  });

  it('never cuts a surrogate pair in half', () => {
    for (const prefix of ['', 'a']) {
      const content = renderReply({ text: prefix + '😀'.repeat(1500), cards: [], notes: [], ephemeral: true }).content!;
      expect(content.length).toBeLessThanOrEqual(LIMITS.content);
      expect(content).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    }
  });
});
