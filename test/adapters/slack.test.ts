// The Slack adapter end to end: the real Bolt app on 127.0.0.1, signed slash commands as Slack sends them, and a stand-in Web API.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { managerCheck } from '../../adapters/slack/managers.ts';
import { type RunningSlack, type SlackDeps, startSlack } from '../../adapters/slack/slack.ts';
import { chatSettings } from '../helpers/chat-settings.ts';
import { type Catalog, loadCatalog } from '../../src/designations/catalog.ts';
import { importList } from '../../src/designations/import.ts';
import type { Store } from '../../src/store/store.ts';
import { sqlite } from '../helpers/databases.ts';
import { storeWithHistory } from '../helpers/designation-history.ts';
import { REVOKED_TOKEN, type SlackApiStandIn, startSlackApi } from '../helpers/slack-api.ts';
import { messageProblems } from '../helpers/slack-blocks.ts';
import { type PostOptions, postToSlackApp, slashCommandBody } from '../helpers/slack-signing.ts';
import { startSocketMode } from '../helpers/slack-socket.ts';

const SDN_2021_12_10 = fileURLToPath(new URL('../../data/ofac-sdn-history/sdn-2021-12-10/sdn.csv', import.meta.url));
const SECRET = randomBytes(16).toString('hex');
const MANAGER = 'UMANAGER1';
const MEMBER = 'UMEMBER1';

let api: SlackApiStandIn;
let store: Store;
let catalog: Catalog;

beforeAll(async () => {
  api = await startSlackApi();
  api.users.set(MEMBER, {});
  store = await sqlite.fresh().open();
  await importList(store, 'ofac-csv', [SDN_2021_12_10], { versionDate: '2021-12-10' });
  catalog = await loadCatalog(store);
});

afterAll(async () => {
  await api?.close();
  await store?.close();
  await sqlite.cleanup();
});

const httpConfig = () =>
  chatSettings({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SECRET, SLACK_MANAGER_IDS: MANAGER, SLACK_API_URL: api.apiUrl });

let responses = 0;
/** A fresh response URL on the stand-in, for one command. */
const nextResponseId = () => `r${++responses}`;

interface Sent {
  status: number;
  body: string;
  ms: number;
  responsePath: string;
  /** The acknowledgement's body as a Slack message. */
  message: () => Record<string, unknown>;
}

type CommandOptions = PostOptions & { responseId?: string };

async function command(slack: RunningSlack, text: string, user: string, channel: string, options: CommandOptions = {}): Promise<Sent> {
  const responseId = options.responseId ?? nextResponseId();
  const responsePath = `/response/${responseId}`;
  const body = slashCommandBody({ text, user_id: user, channel_id: channel, response_url: api.responseUrl(responseId) });
  const res = await postToSlackApp(`http://127.0.0.1:${slack.port}/slack/events`, body, { secret: SECRET, ...options });
  return { ...res, responsePath, message: () => JSON.parse(res.body) as Record<string, unknown> };
}

const firstBlock = (message: Record<string, unknown>) => (message.blocks as unknown[] | undefined)?.[0];
const usersInfoFor = (user: string) => api.callsTo('/api/users.info').filter((c) => c.body.user === user);
const followed = (channel: string) => store.subscriptions({ platform: 'slack', channelId: channel });

describe('the Slack adapter over HTTP', () => {
  let slack: RunningSlack;
  const send = (text: string, user: string, channel: string, options?: PostOptions) => command(slack, text, user, channel, options);

  beforeAll(async () => {
    slack = await startSlack(httpConfig(), { catalog, store }, { port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await slack?.stop();
  });

  it('listens on the port it was given (0: a free one) and says which', () => {
    expect(slack.port).toBeGreaterThan(0);
  });

  it('answers a lookup in the acknowledgement, as Block Kit with the entity, to the asker only', async () => {
    const sent = await send('SEK Studio', MEMBER, 'C0LOOKUP');
    expect(sent.status).toBe(200);
    const message = sent.message();
    expect(messageProblems(message)).toEqual([]);
    expect(message.response_type).toBe('ephemeral');
    expect(firstBlock(message)).toMatchObject({ type: 'header', text: { type: 'plain_text', text: 'SEK STUDIO' } });
    const rest = (message.blocks as unknown[]).slice(1);
    expect(JSON.stringify(rest)).toContain('North Korea');
    expect(JSON.stringify(rest)).toContain('ofac-sdn-34022');
    expect(JSON.stringify(rest)).toContain('<https://sanctionssearch.ofac.treas.gov/Details.aspx?id=34022|Source: sanctionssearch.ofac.treas.gov>');
    expect(message.text).toContain('SEK STUDIO');
    expect(api.callsTo(sent.responsePath)).toEqual([]);
    // A lookup does not need to know who may manage the channel.
    expect(usersInfoFor(MEMBER)).toEqual([]);
  });

  it('answers a name it does not know plainly, to the asker only', async () => {
    const message = (await send('Xqzzyv Blorptastic', MEMBER, 'C0LOOKUP')).message();
    expect(messageProblems(message)).toEqual([]);
    expect(message.response_type).toBe('ephemeral');
    expect(message.text).toContain('No designated entity matches');
  });

  it('shares a lookup with the whole channel when asked to', async () => {
    const message = (await send('share SEK Studio', MEMBER, 'C0LOOKUP')).message();
    expect(messageProblems(message)).toEqual([]);
    expect(message.response_type).toBe('in_channel');
    expect(firstBlock(message)).toMatchObject({ type: 'header', text: { text: 'SEK STUDIO' } });
  });

  it('refuses a subscription from a member who cannot manage the channel, and stores nothing', async () => {
    const message = (await send('subscribe country:North Korea', MEMBER, 'C0MEMBER')).message();
    expect(message.response_type).toBe('ephemeral');
    expect(message.text).toContain('Only members who can manage this channel');
    expect(await followed('C0MEMBER')).toEqual([]);
    expect(usersInfoFor(MEMBER)).toHaveLength(1);
  });

  it('treats a member users.info cannot tell about as not allowed', async () => {
    const message = (await send('subscribe country:North Korea', 'UGHOST1', 'C0GHOST')).message();
    expect(message.text).toContain('Only members who can manage this channel');
    expect(usersInfoFor('UGHOST1')[0]?.accepted).toBe(false);
    expect(await followed('C0GHOST')).toEqual([]);
  });

  it('subscribes the channel for a manager on SLACK_MANAGER_IDS, without asking Slack', async () => {
    const message = (await send('subscribe country:North Korea', MANAGER, 'C0MANAGER')).message();
    expect(message.response_type).toBe('in_channel');
    expect(message.text).toContain('This channel now follows country North Korea (KP)');
    expect(await followed('C0MANAGER')).toMatchObject([{ kind: 'country', value: 'KP', createdBy: MANAGER }]);
    expect(usersInfoFor(MANAGER)).toEqual([]);
  });

  it('subscribes the channel for a workspace admin, asking users.info once for a while', async () => {
    api.users.set('UADMIN1', { is_admin: true });
    api.users.set('UOWNER1', { is_owner: true });
    expect((await send('subscribe program:DPRK3', 'UADMIN1', 'C0ADMIN')).message().text).toContain('now follows program DPRK3');
    expect((await send('subscribe entity:ofac-sdn-34022', 'UADMIN1', 'C0ADMIN')).message().text).toContain('now follows entity SEK STUDIO');
    expect((await send('subscribe country:China', 'UOWNER1', 'C0ADMIN')).message().text).toContain('now follows country China');
    expect((await followed('C0ADMIN')).map((s) => `${s.kind}:${s.value}:${s.createdBy}`)).toEqual([
      'program:DPRK3:UADMIN1',
      'entity:ofac-sdn-34022:UADMIN1',
      'country:CN:UOWNER1',
    ]);
    expect(usersInfoFor('UADMIN1')).toHaveLength(1);
  });

  it('rejects unsigned, tampered and wrongly signed requests with 401, changing nothing', async () => {
    const tampered = slashCommandBody({ text: 'subscribe country:Iran', user_id: MANAGER, channel_id: 'C0REJECT', response_url: api.responseUrl('tampered') });
    const attempts = [
      await send('subscribe country:Iran', MANAGER, 'C0REJECT', { secret: '' }),
      await send('help', MANAGER, 'C0REJECT', { sendBody: tampered }),
      await send('subscribe country:Iran', MANAGER, 'C0REJECT', { secret: randomBytes(16).toString('hex') }),
    ];
    expect(attempts.map((a) => [a.status, a.body])).toEqual([
      [401, ''],
      [401, ''],
      [401, ''],
    ]);
    expect(await followed('C0REJECT')).toEqual([]);
    expect([...attempts.map((a) => a.responsePath), '/response/tampered'].flatMap((path) => api.callsTo(path))).toEqual([]);
  });

  it('rejects a request signed more than five minutes ago, and takes one from four minutes ago', async () => {
    const now = Math.floor(Date.now() / 1000);
    const stale = await send('subscribe country:Iran', MANAGER, 'C0STALE', { timestamp: now - 5 * 60 - 5 });
    expect(stale.status).toBe(401);
    expect(await followed('C0STALE')).toEqual([]);
    const recent = await send('subscribe country:Iran', MANAGER, 'C0STALE', { timestamp: now - 4 * 60 });
    expect(recent.status).toBe(200);
    expect(await followed('C0STALE')).toHaveLength(1);
  });

  it('waits out a 429 from users.info (Retry-After: 1), retries, and answers once', async () => {
    api.users.set('UADMIN2', { is_admin: true });
    api.rateLimit('/api/users.info', 1);
    const sent = await send('subscribe country:Burma', 'UADMIN2', 'C0LIMITED');
    expect(sent.status).toBe(200);
    expect(sent.message().text).toMatch(/now follows country Myanmar.*\(MM\)/);
    expect(usersInfoFor('UADMIN2').map((c) => c.status)).toEqual([429, 200]);
    expect(sent.ms).toBeGreaterThanOrEqual(1000);
    expect(api.callsTo(sent.responsePath)).toEqual([]);
    expect(await followed('C0LIMITED')).toHaveLength(1);
  });
});

describe('status and history over HTTP', () => {
  let slack: RunningSlack;
  let held: SlackDeps;
  const send = (text: string, user: string) => command(slack, text, user, 'C0STATUS');

  beforeAll(async () => {
    held = await storeWithHistory();
    const { feed } = await held.store.addFeed({ url: 'https://intranet.example.org/press.xml', title: 'Ministry press', addedBy: MANAGER, addedInChannel: 'slack:C0STATUS', createdAt: new Date().toISOString() });
    await held.store.updateFeed(feed.id, { status: 'failing', failures: 1, lastError: 'HTTP 503' });
    slack = await startSlack(httpConfig(), held, { port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await slack?.stop();
    await held?.store.close();
  });

  it('answers status to the asker, with where lists come from and why feeds fail only for managers', async () => {
    api.users.set('UMEMBER2', {});
    const asMember = await send('status', 'UMEMBER2');
    const message = asMember.message();
    expect(messageProblems(message)).toEqual([]);
    expect(message.response_type).toBe('ephemeral');
    const shown = JSON.stringify(message.blocks);
    expect(shown).toContain('version of 2021-12-10');
    expect(shown).toContain('Ministry press');
    expect(shown).toContain('failing (1 failure in a row)');
    expect(shown).not.toMatch(/intranet\.example\.org|HTTP 503|ofac-sdn-history/);
    // Whether the member may manage the channel decides what is shown.
    expect(usersInfoFor('UMEMBER2')).toHaveLength(1);

    const asManager = JSON.stringify((await send('status', MANAGER)).message().blocks);
    expect(asManager).toContain('https://intranet.example.org/press.xml');
    expect(asManager).toContain('HTTP 503');
    expect(asManager).toContain('data/ofac-sdn-history/sdn-2021-12-10/sdn.csv');
  });

  it('lets a manager, and only a manager, add a feed', async () => {
    expect((await send('feeds add http://127.0.0.1:9/rss', MEMBER)).message().text).toContain('Only members who can manage this channel');
    // Past the permission check: refused for its address (FEED_ALLOW_PRIVATE is not set), before anything is fetched.
    expect((await send('feeds add http://127.0.0.1:9/rss', MANAGER)).message().text).toMatch(/could not be read \(refused: private address 127\.0\.0\.1\)/);
  });

  it("answers history with SEK STUDIO's designation on 10 Dec 2021", async () => {
    const message = (await send('history SEK Studio', MEMBER)).message();
    expect(messageProblems(message)).toEqual([]);
    expect(message.response_type).toBe('ephemeral');
    expect(firstBlock(message)).toMatchObject({ type: 'header', text: { text: 'SEK STUDIO' } });
    expect(JSON.stringify(message.blocks)).toContain('Designated 2021-12-10\\nAdded to OFAC SDN List under DPRK3');
  });
});

/** Holds the event loop, as a search over a far bigger catalog would: Catalog.search is synchronous. */
function holdEventLoop(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

describe('the Slack adapter when an answer takes time', () => {
  let slack: RunningSlack;
  const send = (text: string, user: string, channel: string, options?: CommandOptions) => command(slack, text, user, channel, options);

  beforeAll(async () => {
    const slowCatalog: Catalog = {
      ...catalog,
      search: (query, options) => {
        holdEventLoop(400);
        return catalog.search(query, options);
      },
    };
    const failingStore: Store = {
      ...store,
      subscriptions: async () => {
        throw new Error('database is locked');
      },
    };
    const deps: SlackDeps = { catalog: slowCatalog, store: failingStore };
    slack = await startSlack(httpConfig(), deps, { port: 0, host: '127.0.0.1', ackAfterMs: 200 });
  });
  afterAll(async () => {
    await slack?.stop();
  });

  it('acknowledges a slow lookup with an empty body, then answers through the response URL', async () => {
    const sent = await send('SEK Studio', MEMBER, 'C0SLOW');
    expect([sent.status, sent.body]).toEqual([200, '']);
    const answer = await api.waitForAccepted(sent.responsePath);
    expect(answer.body.response_type).toBe('ephemeral');
    expect(firstBlock(answer.body)).toMatchObject({ type: 'header', text: { text: 'SEK STUDIO' } });
    expect(api.callsTo(sent.responsePath)).toHaveLength(1);
  });

  it('acknowledges within ackAfterMs while users.info is slow, and the subscription arrives later', async () => {
    api.users.set('UADMIN3', { is_admin: true });
    // Slower than any busy machine's acknowledgement: the test is of the order of events.
    api.delay('/api/users.info', 5000);
    try {
      const sent = await send('subscribe country:Iran', 'UADMIN3', 'C0SLOWADMIN');
      expect([sent.status, sent.body]).toEqual([200, '']);
      // Acknowledged before users.info could have answered.
      expect(sent.ms).toBeLessThan(5000);
      const answer = await api.waitForAccepted(sent.responsePath);
      expect(answer.body).toMatchObject({ response_type: 'in_channel', text: expect.stringContaining('now follows country Iran') });
      expect(await followed('C0SLOWADMIN')).toHaveLength(1);
    } finally {
      api.delay('/api/users.info', 0);
    }
  });

  it('retries a response URL that answers 429, and the reply arrives once', async () => {
    const responseId = nextResponseId();
    api.rateLimit(`/response/${responseId}`, 1);
    const { responsePath } = await send('SEK Studio', MEMBER, 'C0SLOW', { responseId });
    await api.waitForAccepted(responsePath);
    expect(api.callsTo(responsePath).map((c) => c.status)).toEqual([429, 200]);
  });

  it('turns a failure inside a command into a short ephemeral reply, without the error', async () => {
    const message = (await send('subscriptions', MEMBER, 'C0BROKEN')).message();
    expect(messageProblems(message)).toEqual([]);
    expect(message.response_type).toBe('ephemeral');
    expect(message.text).toMatch(/^Something went wrong/);
    expect(JSON.stringify(message)).not.toMatch(/database is locked|Error|\bat /);
  });
});

describe('who may manage a channel', () => {
  const TEAM = { teamId: 'T0TEST' };
  it('asks users.info again once its answer is five minutes old, and never keeps a failure', async () => {
    const client = new webApi.WebClient('xoxb-test-token', { slackApiUrl: api.apiUrl, retryConfig: { retries: 0 } });
    let now = 0;
    const canManage = managerCheck([MANAGER], client, () => now);
    api.users.set('UADMIN9', { is_primary_owner: true });
    expect(await canManage('UADMIN9', TEAM)).toBe(true);
    api.users.set('UADMIN9', {});
    now += 4 * 60_000;
    expect(await canManage('UADMIN9', TEAM)).toBe(true);
    now += 2 * 60_000;
    expect(await canManage('UADMIN9', TEAM)).toBe(false);
    expect(usersInfoFor('UADMIN9')).toHaveLength(2);

    expect(await canManage('UADMIN8', TEAM)).toBe(false);
    api.users.set('UADMIN8', { is_admin: true });
    expect(await canManage('UADMIN8', TEAM)).toBe(true);
    expect(await canManage(MANAGER, TEAM)).toBe(true);
    expect(usersInfoFor(MANAGER)).toEqual([]);
  });

  it("refuses an admin of another workspace reaching the channel through Slack Connect (users.info gives the user's team)", async () => {
    const client = new webApi.WebClient('xoxb-test-token', { slackApiUrl: api.apiUrl, retryConfig: { retries: 0 } });
    const canManage = managerCheck([], client);
    api.users.set('UEXTADMIN', { is_admin: true, is_owner: true, team_id: 'T0OTHER' });
    expect(await canManage('UEXTADMIN', TEAM)).toBe(false);
    expect(await canManage('UEXTADMIN', { teamId: 'T0OTHER' })).toBe(true);
    // Enterprise Grid: an admin of the organisation administers its workspaces.
    api.users.set('UORGADMIN', { is_admin: true, team_id: 'T0SISTER', enterprise_user: { enterprise_id: 'E0ORG' } });
    expect(await canManage('UORGADMIN', { teamId: 'T0TEST', enterpriseId: 'E0ORG' })).toBe(true);
    expect(await canManage('UORGADMIN', TEAM)).toBe(false);
  });
});

describe('starting the Slack adapter', () => {
  it('fails with Slack\'s answer when the bot token is refused, before serving anything', async () => {
    const config = chatSettings({ SLACK_BOT_TOKEN: `${REVOKED_TOKEN}-1`, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: api.apiUrl });
    await expect(startSlack(config, { catalog, store }, { port: 0, host: '127.0.0.1' })).rejects.toThrow(/invalid_auth/);
  });

  it('ships a manifest that sends /sanctions, interactivity and events to the path the app serves', () => {
    const manifest = readFileSync(fileURLToPath(new URL('../../adapters/slack/manifest.yml', import.meta.url)), 'utf8');
    expect(manifest).toMatch(/^\s+- command: \/sanctions$/m);
    expect(manifest.match(/https:\/\/YOUR-HOST\/slack\/events$/gm)).toHaveLength(3);
    for (const scope of ['commands', 'chat:write', 'chat:write.public', 'users:read']) expect(manifest).toMatch(new RegExp(`^\\s+- ${scope}(\\s|$)`, 'm'));
  });
});

describe('the Slack adapter in Socket Mode', () => {
  it('connects through apps.connections.open and answers a slash command in the envelope ack', async () => {
    const socket = await startSocketMode();
    api.socketUrl = socket.url;
    const config = chatSettings({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_APP_TOKEN: 'xapp-1-A0TEST-1-secret', SLACK_API_URL: api.apiUrl });
    const slack = await startSlack(config, { catalog, store });
    try {
      expect(slack.port).toBeNull();
      expect(api.callsTo('/api/apps.connections.open').at(-1)?.headers.authorization).toBe('Bearer xapp-1-A0TEST-1-secret');
      const payload = Object.fromEntries(
        new URLSearchParams(slashCommandBody({ text: 'share SEK Studio', user_id: MEMBER, channel_id: 'C0SOCKET', response_url: api.responseUrl('socket') })),
      );
      socket.send({ envelope_id: 'env-1', type: 'slash_commands', accepts_response_payload: true, payload });
      const ack = await socket.ackFor('env-1');
      expect(messageProblems(ack.payload ?? {})).toEqual([]);
      expect(ack.payload?.response_type).toBe('in_channel');
      expect(firstBlock(ack.payload ?? {})).toMatchObject({ type: 'header', text: { text: 'SEK STUDIO' } });
    } finally {
      // Bolt's stop() starts the close handshake without waiting for it to end.
      await slack.stop();
      await socket.closedByClient;
      await socket.close();
    }
  });
});
