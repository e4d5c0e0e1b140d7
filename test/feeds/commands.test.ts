// `/sanctions feeds list|add|remove` on a real SQLite store, adding feeds served by a real HTTP server on 127.0.0.1.
import { DISCORD_SYNTAX } from '../../adapters/discord/syntax.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../commands/context.ts';
import { type FeedsOptions, MAX_FEEDS_PER_TENANT, feeds } from '../../commands/feeds.ts';
import { parseRequest } from '../../commands/request.ts';
import { sanctions } from '../../commands/sanctions.ts';
import { loadCatalog } from '../../src/designations/catalog.ts';
import { FROM_CONFIG } from '../../src/feeds/feed.ts';
import type { Store } from '../../src/store/store.ts';
import { type TestDatabase, sqlite } from '../helpers/databases.ts';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.ts';

let server: FeedServer;
let db: TestDatabase;
let store: Store;
let ctx: CommandContext;
const SHORT_FETCH: FeedsOptions = { fetch: { timeoutMs: 500 } };

beforeAll(async () => {
  server = await startFeedServer();
  db = sqlite.fresh();
  store = await db.open();
  // The test server is on 127.0.0.1: only FEED_ALLOW_PRIVATE lets a chat user add it.
  const settings = { allowPrivateFeeds: true, feedIntervalMinutes: 5 };
  ctx = { catalog: await loadCatalog(store), store, settings, platform: 'slack', tenant: 'slack:T1', channelId: 'C1', userId: 'U1', canManage: true };
});
afterAll(async () => {
  await store.close();
  await server.close();
  await sqlite.cleanup();
});

/** A deadline no healthy feed reaches on a busy machine: only the hanging one below is read with SHORT_FETCH. */
const run = (text: string, context = ctx, options: FeedsOptions = { fetch: { timeoutMs: 30_000 } }) => {
  const request = parseRequest(text);
  if (request.kind !== 'feeds') throw new Error(`not a feeds request: ${JSON.stringify(request)}`);
  return feeds(request, context, options);
};

describe('parseRequest', () => {
  it('reads the feeds actions', () => {
    expect(parseRequest('feeds')).toEqual({ kind: 'feeds', action: 'list' });
    expect(parseRequest('feeds list')).toEqual({ kind: 'feeds', action: 'list' });
    expect(parseRequest('feeds add https://example.org/rss')).toEqual({ kind: 'feeds', action: 'add', url: 'https://example.org/rss' });
    expect(parseRequest('FEEDS Remove https://example.org/rss')).toEqual({ kind: 'feeds', action: 'remove', url: 'https://example.org/rss' });
    expect(parseRequest('feeds add')).toEqual({ kind: 'invalid', problem: "feeds add needs the feed's URL." });
    expect(parseRequest('feeds delete x')).toMatchObject({ kind: 'invalid' });
  });
});

describe('/sanctions feeds', () => {
  it('says when it polls nothing', async () => {
    expect((await sanctions('feeds', ctx)).text).toBe('The bot polls no feeds. /sanctions feeds add <url> adds one.');
  });

  it('adds a feed after reading it once, with its title and item count, and records its items as seen', async () => {
    const url = server.url('/fixtures/guardian.rss');
    const reply = await run(`feeds add ${url}`);
    expect(reply).toMatchObject({ ephemeral: false });
    expect(reply.text).toMatch(new RegExp(`^Now polling The Guardian \\(${url.replace(/[.?]/g, '\\$&')}\\): 55 items there now\\.`));
    const [feed] = await store.feeds();
    expect(feed).toMatchObject({ url, title: 'The Guardian', addedBy: 'U1', addedInChannel: 'slack:C1', status: 'active' });
    expect(feed!.lastSuccessAt).not.toBeNull();
    expect((await db.query('SELECT count(*) AS n FROM seen_items'))[0]!.n).toBe(55);
    expect((await run(`feeds add ${url}`)).text).toBe(`The bot already polls The Guardian (${url}).`);
  });

  it('takes a link as Slack wraps it', async () => {
    const url = server.url('/fixtures/heise.atom');
    expect((await run(`feeds add <${url}|heise>`)).text).toMatch(/^Now polling heise developer neueste Meldungen/);
  });

  it('refuses private addresses for chat users unless FEED_ALLOW_PRIVATE is set', async () => {
    const guarded = { ...ctx, settings: undefined };
    const reply = await sanctions(`feeds add ${server.url('/fixtures/rss-1.rss')}`, guarded);
    expect(reply.text).toBe(`Nothing added: ${server.url('/fixtures/rss-1.rss')} could not be read (refused: private address 127.0.0.1).`);
    expect((await sanctions('feeds add http://169.254.169.254/latest/meta-data/', guarded)).text).toMatch(/\(refused: private address 169\.254\.169\.254\)\.$/);
  });

  it('refuses IPv6 that reaches IPv4 (NAT64, IPv4-compatible, 6to4, Teredo) and the TEST-NETs, naming them private or reserved', async () => {
    const guarded = { ...ctx, settings: undefined };
    const before = server.requests.length;
    for (const [url, reason] of [
      ['http://[64:ff9b::a00:8]/rss', 'private address 64:ff9b::a00:8 (NAT64, reaches 10.0.0.8)'],
      ['http://[::7f00:1]/rss', 'private address ::7f00:1 (IPv4-compatible, reaches 127.0.0.1)'],
      ['http://[2002:a00:8::1]/rss', 'reserved address 2002:a00:8::1 (6to4)'],
      ['http://[2001::a00:8]/rss', 'reserved address 2001::a00:8 (Teredo)'],
      ['http://192.0.2.1/rss', 'reserved address 192.0.2.1 (reserved for documentation or testing)'],
      ['http://198.51.100.1/rss', 'reserved address 198.51.100.1 (reserved for documentation or testing)'],
      ['http://203.0.113.1/rss', 'reserved address 203.0.113.1 (reserved for documentation or testing)'],
    ]) {
      expect((await sanctions(`feeds add ${url}`, guarded)).text).toBe(`Nothing added: ${url} could not be read (refused: ${reason}).`);
    }
    expect((await store.feeds()).map((f) => f.url)).not.toContain('http://192.0.2.1/rss');
    expect(server.requests.length).toBe(before);
  });

  it('refuses what is not an http(s) URL, and says why a feed could not be read', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://example.org/feed', 'example.org/feed']) {
      expect((await run(`feeds add ${url}`)).text).toBe(`"${url}" is not an http or https URL.`);
    }
    expect((await run(`feeds add ${server.url('/status/500')}`)).text).toMatch(/could not be read \(HTTP 500\)\.$/);
    expect((await run(`feeds add ${server.url('/malformed')}`)).text).toMatch(/could not be read \(not a feed: .*\)\.$/);
    expect((await run(`feeds add ${server.url('/hang')}`, ctx, SHORT_FETCH)).text).toMatch(/could not be read \(timed out after 0\.5 s\)\.$/);
    expect((await store.feeds()).map((f) => f.url)).not.toContain(server.url('/status/500'));
  });

  it('lets only channel managers add or remove, and anyone list', async () => {
    const guest = { ...ctx, canManage: false };
    expect((await run(`feeds add ${server.url('/fixtures/rss-1.rss')}`, guest)).text).toMatch(/^Only members who can manage this channel/);
    expect((await run(`feeds remove ${server.url('/fixtures/heise.atom')}`, guest)).text).toMatch(/^Only members who can manage this channel/);
    expect((await run('feeds', guest)).text).toMatch(/^The bot polls \d feeds:$/);
  });

  it('lists each feed with its status, last success and next poll', async () => {
    const [guardian, heise] = await store.feeds();
    await store.updateFeed(guardian!.id, { lastSuccessAt: '2021-12-10T12:00:00.000Z', nextPollAt: '2021-12-10T12:05:00.000Z' });
    await store.updateFeed(heise!.id, { status: 'failing', failures: 2, lastError: 'HTTP 503', nextPollAt: '2021-12-10T12:20:00.000Z' });
    const disabled = await store.addFeed({ url: 'https://example.org/gone.xml', title: null, addedBy: 'U2', addedInChannel: 'slack:C2', createdAt: '2021-12-01T00:00:00.000Z' });
    await store.updateFeed(disabled.feed.id, { status: 'disabled', failures: 10, lastError: 'host not found' });
    const reply = await run('feeds list');
    expect(reply).toMatchObject({ text: 'The bot polls 3 feeds:', ephemeral: true });
    expect(reply.notes).toEqual([
      `• The Guardian (${guardian!.url}): ok, last read 2021-12-10 12:00 UTC, next 2021-12-10 12:05 UTC`,
      expect.stringMatching(/^• heise developer neueste Meldungen \(.*\): failing \(2 failures in a row: HTTP 503\), last read \d{4}-.* UTC, next 2021-12-10 12:20 UTC$/),
      '• https://example.org/gone.xml: disabled after 10 failures in a row (host not found), never read yet; adding it again retries it',
    ]);
  });

  it('polls a disabled feed again when it is added again', async () => {
    const url = server.url('/later');
    const { feed } = await store.addFeed({ tenant: ctx.tenant, url, title: null, addedBy: 'U2', addedInChannel: 'slack:C2', createdAt: '2021-12-01T00:00:00.000Z' });
    await store.updateFeed(feed.id, { status: 'disabled', failures: 10, lastError: 'HTTP 404' });
    server.put('/later', '<rss version="2.0"><channel><title>Back</title><item><title>One</title><link>https://example.org/1</link></item></channel></rss>');
    expect((await run(`feeds add ${url}`)).text).toMatch(/^Polling again Back/);
    expect((await store.feeds()).find((f) => f.url === url)).toMatchObject({ status: 'active', failures: 0, lastError: null });
  });

  it('removes a feed added from chat, but not one from the configuration', async () => {
    const url = server.url('/fixtures/heise.atom');
    expect((await run(`feeds remove ${url}`)).text).toBe(`The bot no longer polls heise developer neueste Meldungen (${url}).`);
    expect((await run(`feeds remove ${url}`)).text).toBe(`The bot does not poll ${url}. /sanctions feeds lists those it does.`);
    await store.addFeed({ url: 'https://example.org/configured.xml', title: null, addedBy: FROM_CONFIG, addedInChannel: FROM_CONFIG, createdAt: '2021-12-01T00:00:00.000Z' });
    expect((await run('feeds remove https://example.org/configured.xml')).text).toMatch(/comes from the bot's configuration/);
    expect((await store.feeds()).map((f) => f.url)).toContain('https://example.org/configured.xml');
  });

  it('refuses a workspace more than its share of feeds, before fetching, and lets others add theirs', async () => {
    const crowded = { ...ctx, tenant: 'slack:TCROWDED' };
    for (let i = 0; i < MAX_FEEDS_PER_TENANT; i++) {
      await store.addFeed({ tenant: crowded.tenant, url: `https://example.org/${i}.xml`, title: null, addedBy: 'U1', addedInChannel: 'slack:C1', createdAt: '2021-12-01T00:00:00.000Z' });
    }
    const before = server.requests.length;
    expect((await run(`feeds add ${server.url('/fixtures/rss-1.rss')}`, crowded)).text).toBe(
      `Nothing added: feeds added here number ${MAX_FEEDS_PER_TENANT}, the most one workspace or server may add. Remove one first (/sanctions feeds remove <url>).`,
    );
    expect(server.requests.length).toBe(before);
    expect((await run(`feeds add ${server.url('/fixtures/rss-1.rss')}`, { ...ctx, tenant: 'slack:TROOMY' })).text).toMatch(/^Now polling/);
  });

  it('shows the feeds commands in help, in both syntaxes', async () => {
    expect((await sanctions('help', ctx)).notes.join('\n')).toMatch(/\/sanctions feeds add <url>, \/sanctions feeds remove <url>/);
    expect((await sanctions('help', { ...ctx, platform: 'discord', syntax: DISCORD_SYNTAX })).notes.join('\n')).toMatch(/\/sanctions-manage feeds action:add url:<url>/);
  });
});
