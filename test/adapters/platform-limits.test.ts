// What Slack and Discord refuse, refused by their stand-ins, and what the transports and the sender make of it: long alerts in parts, refusals told to ADMIN_CHANNEL once.
import { PLATFORM_LIMITS } from '../../adapters/platforms.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderReply } from '../../adapters/discord/render.ts';
import { discordRest } from '../../adapters/discord/rest.ts';
import { discordAlertRest, discordTransport } from '../../adapters/discord/transport.ts';
import { MESSAGE_TEXT_BUDGET, messageText } from '../../adapters/slack/render.ts';
import { slackAlertClient, slackTransport } from '../../adapters/slack/transport.ts';
import { startSender } from '../../src/alerts/sender.ts';
import type { Card, Reply } from '../../src/messages/reply.ts';
import type { Store } from '../../src/store/store.ts';
import { type TestDatabase, sqlite } from '../helpers/databases.ts';
import { type DiscordStandIn, GLOBAL_PER_SECOND, INITIAL_RESPONSE_MS, INTERACTION_TOKEN_MS, messageProblems as discordProblems, snowflakeTime, startDiscordStandIn } from '../helpers/discord-api.ts';
import { APP_ID, slashCommand } from '../helpers/discord-interactions.ts';
import { sendAll } from '../helpers/outbox.ts';
import { type SlackApiStandIn, startSlackApi } from '../helpers/slack-api.ts';
import { MAX_BLOCK_TEXT, blockTextTotal } from '../helpers/slack-blocks.ts';

const TOKEN = `MTE4NzQ2NTMwOTEyMzQ1Njc4OQ.GaBcDe.${'x'.repeat(38)}`;

let slack: SlackApiStandIn;
let discord: DiscordStandIn;
let db: TestDatabase;
let store: Store;

beforeAll(async () => {
  [slack, discord] = await Promise.all([startSlackApi(), startDiscordStandIn()]);
});
afterAll(async () => {
  await Promise.all([slack.close(), discord.close()]);
  await sqlite.cleanup();
});
beforeEach(async () => {
  db = sqlite.fresh();
  store = await db.open();
  return () => store.close();
});

const client = () => slackAlertClient({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.apiUrl });
const post = (body: Record<string, unknown>) => client().apiCall('chat.postMessage', body).catch((err: { data?: { error?: string } }) => err.data);

/** A list-change alert at its largest: ten entities, each with long fields. */
function bigAlert(): Reply {
  const card = (i: number): Card => ({
    title: `Entity ${i}`,
    subtitle: `designated 2024-04-02 · Organization`,
    url: `https://sanctionssearch.ofac.treas.gov/Details.aspx?id=${i}`,
    fields: Array.from({ length: 6 }, (_, j) => ({ label: `Field ${j}`, value: `${'A long listing remark. '.repeat(20)}${i}-${j}` })),
    footer: `ofac-sdn-${i}`,
  });
  return { text: 'OFAC SDN, 2024-04-02: 10 new designations', cards: Array.from({ length: 10 }, (_, i) => card(i)), notes: [], ephemeral: false };
}

describe('the Slack stand-in refuses what Slack refuses', () => {
  it('refuses a message of more than 12,000 characters of block text (msg_blocks_too_long), within every other limit', async () => {
    const section = (n: number) => ({ type: 'section', text: { type: 'plain_text', text: 'x'.repeat(n) } });
    const blocks = [...Array.from({ length: 4 }, () => section(3000)), section(1)];
    expect(blockTextTotal(blocks)).toBe(MAX_BLOCK_TEXT + 1);
    expect(await post({ channel: 'CLIMIT1', text: 'x', blocks })).toMatchObject({ ok: false, error: 'msg_blocks_too_long' });
    expect(await post({ channel: 'CLIMIT1', text: 'x', blocks: blocks.slice(0, 4) })).toMatchObject({ ok: true });
  });

  it('refuses conversations.history where the bot is not a member, and holds apps outside the Marketplace to its tier', async () => {
    // A stand-in of its own, on a clock the test moves: the tier holds every later look at any history.
    const tiered = await startSlackApi();
    let now = Date.now();
    tiered.clock(() => now);
    try {
      const web = slackAlertClient({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: tiered.apiUrl });
      tiered.setChannel('CUNINVITED', { member: false });
      const history = (channel: string, limit = 200) => web.conversations.history({ channel, limit }).catch((err: { data?: { error?: string }; code?: string }) => err.data ?? err.code);
      expect(await history('CUNINVITED')).toMatchObject({ ok: false, error: 'not_in_channel' });
      now += 60_000;
      for (let i = 0; i < 20; i++, now += 1000) await web.chat.postMessage({ channel: 'CHISTORY', text: `m${i}` });
      const page = (await history('CHISTORY')) as { messages: unknown[] };
      expect(page.messages).toHaveLength(15);
      expect(await history('CHISTORY')).toBe('slack_webapi_rate_limited_error');
      now += 60_000;
      expect(((await history('CHISTORY')) as { messages: unknown[] }).messages).toHaveLength(15);
      // Approved for the Marketplace: Tier 3, 50 a minute, pages as long as asked.
      tiered.marketplaceApp(true);
      now += 60_000;
      expect(((await history('CHISTORY')) as { messages: unknown[] }).messages).toHaveLength(20);
      expect(tiered.callsTo('/api/conversations.history').filter((c) => c.status === 429)).toHaveLength(1);
    } finally {
      await tiered.close();
    }
  });

  it('answers 429 with Retry-After past a method\'s tier, per workspace token, and one post a second a channel', async () => {
    const tiered = await startSlackApi();
    let now = Date.now();
    tiered.clock(() => now);
    try {
      const call = (token: string, method: string, body: Record<string, unknown>) =>
        fetch(`${tiered.apiUrl}${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      // chat.update is Tier 3: 50 a minute; the 51st waits for the oldest to leave the minute.
      const posted = await (await call('xoxb-a', 'chat.postMessage', { channel: 'CTIER', text: 'x' })).json();
      for (let i = 0; i < 50; i++, now += 100) expect((await call('xoxb-a', 'chat.update', { channel: 'CTIER', ts: posted.ts, text: `e${i}` })).status).toBe(200);
      const over = await call('xoxb-a', 'chat.update', { channel: 'CTIER', ts: posted.ts, text: 'over' });
      expect(over.status).toBe(429);
      expect(await over.json()).toEqual({ ok: false, error: 'ratelimited' });
      expect(over.headers.get('retry-after')).toBe('55');
      // Another workspace's token has a minute of its own.
      expect((await call('xoxb-b', 'chat.update', { channel: 'CTIER', ts: posted.ts, text: 'b' })).status).toBe(200);
      now += 55_000;
      expect((await call('xoxb-a', 'chat.update', { channel: 'CTIER', ts: posted.ts, text: 'later' })).status).toBe(200);
      // apps.connections.open is Tier 1: once a minute.
      expect((await call('xapp-a', 'apps.connections.open', {})).status).toBe(200);
      expect((await call('xapp-a', 'apps.connections.open', {})).status).toBe(429);
      // chat.postMessage: a second message to one channel within a second is refused, another channel is not.
      expect((await call('xoxb-a', 'chat.postMessage', { channel: 'CTIER', text: 'again' })).status).toBe(200);
      expect((await call('xoxb-a', 'chat.postMessage', { channel: 'CTIER', text: 'too soon' })).status).toBe(429);
      expect((await call('xoxb-a', 'chat.postMessage', { channel: 'COTHER', text: 'elsewhere' })).status).toBe(200);
      now += 1000;
      expect((await call('xoxb-a', 'chat.postMessage', { channel: 'CTIER', text: 'a second on' })).status).toBe(200);
    } finally {
      await tiered.close();
    }
  });
});

describe('the Slack stand-in\'s response URLs', () => {
  it('takes 5 posts to a response_url within 30 minutes, as Slack does, and refuses the rest', async () => {
    let now = Date.now();
    slack.clock(() => now);
    try {
      const respond = (url: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'an answer' }) });
      const used = slack.responseUrl('limits-used');
      for (let i = 0; i < 5; i++) expect((await respond(used)).status).toBe(200);
      const sixth = await respond(used);
      expect([sixth.status, await sixth.text()]).toEqual([404, 'used_url']);
      const late = slack.responseUrl('limits-late');
      now += 30 * 60_000 + 1;
      const expired = await respond(late);
      expect([expired.status, await expired.text()]).toEqual([404, 'expired_url']);
    } finally {
      slack.clock(Date.now);
    }
  });
});

describe('the Slack transport and the sender', () => {
  it('posts a long alert whole in parts, each under the block-text total, at the pace Slack takes', async () => {
    const send = slackTransport(client());
    const reply = bigAlert();
    const result = await send('CPARTS', reply, { dedupeKey: 'slack:CPARTS:list:1', repeat: false, queuedAt: new Date().toISOString() });
    expect(result).toEqual({ ok: true });
    const parts = slack.posted.filter((m) => m.channel === 'CPARTS');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(messageText({ text: part.text, blocks: part.blocks as never })).toBeLessThanOrEqual(MESSAGE_TEXT_BUDGET);
    expect(parts.flatMap((p) => (p.blocks as { type: string }[]).filter((b) => b.type === 'header'))).toHaveLength(10);
    expect(parts.map((p) => p.metadata?.event_payload.dedupe_key)).toEqual(parts.map((_, i) => (i ? `slack:CPARTS:list:1#${i + 1}` : 'slack:CPARTS:list:1')));

    // A repeat (the first attempt's outcome unknown) finds every part in the history and posts none again.
    expect(await send('CPARTS', reply, { dedupeKey: 'slack:CPARTS:list:1', repeat: true, queuedAt: new Date(Date.now() - 60_000).toISOString() })).toEqual({ ok: true });
    expect(slack.posted.filter((m) => m.channel === 'CPARTS')).toHaveLength(parts.length);
  });

  it('gives a refusal no retry can cure up at once, and tells ADMIN_CHANNEL once', async () => {
    slack.refuseChannel('CNOSCOPE', 'missing_scope');
    const alerts = [1, 2, 3].map((n) => ({ platform: 'slack', channelId: 'CNOSCOPE', dedupeKey: `slack:CNOSCOPE:${n}`, payload: { text: `alert ${n}`, cards: [], notes: [], ephemeral: false } }));
    await store.enqueueAlerts(alerts, new Date().toISOString());
    const sender = startSender({ limits: PLATFORM_LIMITS, store, transports: { slack: slackTransport(client()) }, worker: 'limits', pollMs: 20, adminChannel: { platform: 'slack', channelId: 'CADMIN' } });
    await sendAll(store, sender);
    await sender.stop();
    const rows = await db.query('SELECT channel_id, status, attempts, last_error FROM outbox ORDER BY id');
    expect(rows.filter((r) => r.channel_id === 'CNOSCOPE')).toEqual(Array(3).fill({ channel_id: 'CNOSCOPE', status: 'dead', attempts: 1, last_error: 'missing_scope' }));
    const told = slack.posted.filter((m) => m.channel === 'CADMIN');
    expect(told.map((m) => m.text)).toEqual([expect.stringMatching(/^slack refused an alert to channel CNOSCOPE \(missing.scope\)/)]);
  });
});

describe('Discord messages with cards and notes', () => {
  it('carry the text once, as a heading, and the notes once, in their embed: an alert as the channel receives it', async () => {
    const send = discordTransport(discordAlertRest({ DISCORD_API_URL: discord.url, DISCORD_TOKEN: TOKEN }));
    const names = Array.from({ length: 14 }, (_, i) => `Listed Company Number ${i} Limited`);
    const alert: Reply = {
      text: `OFAC SDN, 2024-04-02: 14 new designations — ${names.join('; ')}`.repeat(8),
      cards: names.slice(0, 10).map((name, i) => ({ title: name, subtitle: 'designated 2024-04-02 · Organization', fields: [{ label: 'Listed', value: 'OFAC SDN (RUSSIA-EO14024)' }], footer: `ofac-sdn-${i}` })),
      notes: [`And 4 more: ${names.slice(10).join('; ')}`],
      ephemeral: false,
    };
    expect(await send('1187465309300000001', alert, { dedupeKey: 'discord:1187465309300000001:list:1', repeat: false, queuedAt: new Date().toISOString() })).toEqual({ ok: true });
    const [posted] = discord.messages.filter((m) => m.channelId === '1187465309300000001');
    const body = posted!.body as { content: string; embeds: { description?: string }[] };
    expect(body.content.length).toBeLessThanOrEqual(200);
    const everything = JSON.stringify(body);
    expect(everything.split('And 4 more').length - 1).toBe(1);
    expect(body.embeds.at(-1)!.description).toContain('And 4 more');
    expect(body.content).not.toContain('And 4 more');
  });

  it('render a lookup\'s other candidates once', () => {
    const reply: Reply = {
      text: 'SEK STUDIO',
      cards: [{ title: 'SEK STUDIO', fields: [{ label: 'Listed', value: 'OFAC SDN (DPRK3)' }], footer: 'ofac-sdn-34022' }],
      notes: ['Other candidates:', '• SEK CO (ofac-sdn-1)'],
      ephemeral: true,
    };
    const rendered = renderReply(reply);
    expect(discordProblems(rendered)).toEqual([]);
    expect(JSON.stringify(rendered).split('Other candidates').length - 1).toBe(1);
  });
});

describe('the Discord stand-in refuses what Discord refuses', () => {
  it('refuses two components of one custom_id in a message; the renderer offers an action once', () => {
    const button = (id: string) => ({ type: 2, style: 2, label: 'Not this entity', custom_id: id });
    const message = { content: 'x', allowed_mentions: { parse: [] }, components: [{ type: 1, components: [button('mute:a'), button('mute:a')] }] };
    expect(discordProblems(message).map((p) => p.code)).toEqual(['COMPONENT_CUSTOM_ID_DUPLICATED']);
    const card: Card = { title: 'SEK STUDIO', fields: [], footer: 'ofac-sdn-34022', actions: [{ kind: 'mute', label: 'Not this entity', value: 'a' }] };
    const rendered = renderReply({ text: 'x', cards: [card, { ...card, title: 'SEK STUDIO (again)' }], notes: [], ephemeral: false });
    expect(discordProblems(rendered)).toEqual([]);
    expect(rendered.components!.flatMap((r) => r.components)).toHaveLength(1);
  });

  it('refuses the sum of embed text over 6,000 however it is spread', () => {
    const embed = { title: 't'.repeat(256), description: 'd'.repeat(2800) };
    expect(discordProblems({ embeds: [embed, embed], allowed_mentions: { parse: [] } }).map((p) => p.code)).toEqual(['MAX_EMBED_SIZE_EXCEEDED']);
  });

  it('refuses a webhook call with an interaction token older than 15 minutes', async () => {
    let now = Date.now();
    discord.clock(() => now);
    try {
      const rest = discordRest({ DISCORD_API_URL: discord.url, DISCORD_TOKEN: TOKEN });
      const token = 'aW50ZXJhY3Rpb246expiring';
      const edit = () => rest.patch(`/webhooks/${APP_ID}/${token}/messages/@original`, { body: { content: 'done', allowed_mentions: { parse: [] } }, auth: false });
      await expect(edit()).resolves.toBeDefined();
      now += INTERACTION_TOKEN_MS - 1000;
      await expect(edit()).resolves.toBeDefined();
      now += 2000;
      await expect(edit()).rejects.toMatchObject({ status: 401, code: 50027 });
    } finally {
      discord.clock(Date.now);
    }
  });

  /** Raw calls, as Discord answers them: no client waiting out a 429 in between. */
  const raw = (method: string, path: string, body: unknown, bot = true) =>
    fetch(`${discord.url}/v10${path}`, { method, headers: { 'content-type': 'application/json', ...(bot ? { authorization: `Bot ${TOKEN}` } : {}) }, body: JSON.stringify(body) });
  const message = (content: string) => ({ content, allowed_mentions: { parse: [] } });

  it("answers an initial response later than 3 s Unknown interaction (10062), and dates a token by its interaction's id", async () => {
    const [early, late] = [slashCommand('sanctions', 'status'), slashCommand('sanctions', 'status')];
    // Times told from each interaction's own id, as Discord tells them.
    const made = (i: Record<string, unknown>) => snowflakeTime(String(i.id));
    let now = 0;
    discord.clock(() => now);
    try {
      const callback = (i: Record<string, unknown>) => raw('POST', `/interactions/${String(i.id)}/${String(i.token)}/callback`, { type: 5 }, false);
      now = made(early) + INITIAL_RESPONSE_MS;
      expect((await callback(early)).status).toBe(204);
      now = made(late) + INITIAL_RESPONSE_MS + 1;
      const refused = await callback(late);
      expect([refused.status, await refused.text()]).toEqual([404, JSON.stringify({ message: 'Unknown interaction', code: 10062 })]);
      // The token's 15 minutes run from the interaction, not from the first edit.
      const edit = () => raw('PATCH', `/webhooks/${APP_ID}/${String(early.token)}/messages/@original`, message('done'), false);
      now = made(early) + INTERACTION_TOKEN_MS;
      expect((await edit()).status).toBe(200);
      now += 1;
      const expired = await edit();
      expect([expired.status, await expired.text()]).toEqual([401, JSON.stringify({ message: 'Invalid Webhook Token', code: 50027 })]);
    } finally {
      discord.clock(Date.now);
    }
  });

  it("answers 429 past a channel's 5 messages in 5 s and past the bot's 50 requests a second, with retry_after and its scope", async () => {
    let now = Date.now();
    discord.clock(() => now);
    try {
      const post = (channel: string) => raw('POST', `/channels/${channel}/messages`, message('x'));
      for (let i = 0; i < 5; i++, now += 100) expect((await post('1187465309300000777')).status).toBe(200);
      const route = await post('1187465309300000777');
      expect(route.status).toBe(429);
      expect(await route.json()).toEqual({ message: 'You are being rate limited.', retry_after: 4.5, global: false });
      expect(route.headers.get('x-ratelimit-scope')).toBe('user');
      now += 5_000;
      // Across channels, the bot's global limit: 50 a second, whatever the route.
      const answers = [];
      for (let i = 0; i < GLOBAL_PER_SECOND + 1; i++) answers.push(await post(`11874653093000${String(1000 + i)}`));
      expect(answers.slice(0, -1).filter((r) => r.status !== 200)).toEqual([]);
      const global = answers.at(-1)!;
      expect(global.status).toBe(429);
      expect(global.headers.get('x-ratelimit-global')).toBe('true');
      expect(await global.json()).toMatchObject({ global: true, retry_after: 1 });
      // Interaction webhooks are not held to it.
      const interaction = slashCommand('sanctions', 'status');
      expect((await raw('POST', `/webhooks/${APP_ID}/${String(interaction.token)}`, message('follow-up'), false)).status).toBe(200);
      now += 1_000;
      expect((await post('1187465309300002000')).status).toBe(200);
    } finally {
      discord.clock(Date.now);
    }
  });
});
