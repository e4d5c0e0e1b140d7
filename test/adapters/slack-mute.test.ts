// "Not this entity" in Slack: an alert posted to the stand-in Web API, its button clicked as Slack sends the click (a signed block_actions form) to the real Bolt app.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSlack, startSlack } from '../../adapters/slack/slack.ts';
import { slackAlertClient, slackTransport } from '../../adapters/slack/transport.ts';
import type { Reply } from '../../src/messages/reply.ts';
import { chatSettings } from '../helpers/chat-settings.ts';
import { sqlite } from '../helpers/databases.ts';
import { BY_NAME, BY_NAME_AGAIN, type NewsWorld, SEK, newsWorld } from '../helpers/news-world.ts';
import { type SlackApiStandIn, startSlackApi } from '../helpers/slack-api.ts';
import { messageProblems } from '../helpers/slack-blocks.ts';
import { blockActionsBody, postToSlackApp, slashCommandBody } from '../helpers/slack-signing.ts';

const SECRET = randomBytes(16).toString('hex');
const MANAGER = 'UMANAGER1';
const MEMBER = 'UMEMBER1';
const CHANNEL = 'C0ALERTS';

let api: SlackApiStandIn;
let world: NewsWorld;
let slack: RunningSlack;
let clicks = 0;

beforeAll(async () => {
  api = await startSlackApi();
  api.clock(() => Date.now() + ahead);
  api.users.set(MEMBER, {});
  world = await newsWorld(await sqlite.fresh().open(), [{ platform: 'slack', channelId: CHANNEL }]);
  const config = chatSettings({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SECRET, SLACK_MANAGER_IDS: MANAGER, SLACK_API_URL: api.apiUrl });
  slack = await startSlack(config, world, { port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await slack?.stop();
  await api?.close();
  await world?.store.close();
  await sqlite.cleanup();
});

/** Slack's clock, moved a second on before each alert: posted at the pace the sender keeps, without waiting it out. */
let ahead = 0;

/** The alert a new article causes, posted to the channel as the sender posts it; the message as Slack holds it. */
async function postedAlert(summary: string) {
  const [alert] = await world.publish(summary);
  ahead += 1000;
  const transport = slackTransport(slackAlertClient({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_API_URL: api.apiUrl }));
  expect(await transport(CHANNEL, alert!.payload as Reply, { dedupeKey: alert!.dedupeKey, repeat: false, queuedAt: new Date().toISOString() })).toEqual({ ok: true });
  return api.posted.at(-1)!;
}

type Button = { type: string; action_id: string; value: string; text: { text: string } };
const buttons = (blocks: unknown[]) => (blocks as { type: string; elements?: Button[] }[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements!);

async function click(message: { text: string; blocks: unknown[] }, button: Button, user: string, secret = SECRET) {
  const responseId = `click-${++clicks}`;
  const body = blockActionsBody({ user_id: user, channel_id: CHANNEL, response_url: api.responseUrl(responseId), message, action_id: button.action_id, value: button.value });
  const res = await postToSlackApp(`http://127.0.0.1:${slack.port}/slack/events`, body, { secret });
  return { ...res, responsePath: `/response/${responseId}` };
}

async function command(text: string, user: string) {
  const body = slashCommandBody({ text, user_id: user, channel_id: CHANNEL, response_url: api.responseUrl(`cmd-${++clicks}`) });
  return JSON.parse((await postToSlackApp(`http://127.0.0.1:${slack.port}/slack/events`, body, { secret: SECRET })).body) as { text: string; blocks: unknown[]; response_type: string };
}

describe('"Not this entity" in Slack', () => {
  it('puts a button under each entity of an alert, which Slack accepts', async () => {
    const posted = await postedAlert(BY_NAME);
    expect(messageProblems({ text: posted.text, blocks: posted.blocks })).toEqual([]);
    expect(buttons(posted.blocks as unknown[])).toEqual([{ type: 'button', action_id: 'mute', text: { type: 'plain_text', text: 'Not this entity', emoji: false }, value: expect.stringMatching(/^[\w-]{16}$/) }]);
  });

  it('refuses a member who cannot manage the channel, to them only, recording nothing', async () => {
    const posted = await postedAlert(BY_NAME);
    const sent = await click({ text: posted.text, blocks: posted.blocks as unknown[] }, buttons(posted.blocks as unknown[])[0]!, MEMBER);
    expect([sent.status, sent.body]).toEqual([200, '']);
    const answer = await api.waitForAccepted(sent.responsePath);
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: expect.stringContaining('Only members who can manage this channel') });
    expect(await world.store.verdicts()).toEqual([]);
  });

  it('refuses an unsigned or wrongly signed click with 401, recording nothing', async () => {
    const posted = await postedAlert(BY_NAME);
    const message = { text: posted.text, blocks: posted.blocks as unknown[] };
    const button = buttons(message.blocks)[0]!;
    expect((await click(message, button, MANAGER, '')).status).toBe(401);
    expect((await click(message, button, MANAGER, randomBytes(16).toString('hex'))).status).toBe(401);
    expect(await world.store.verdicts()).toEqual([]);
  });

  it("records a manager's verdict, answers them only, and the channel is not alerted to that match again", async () => {
    const posted = await postedAlert(BY_NAME);
    const sent = await click({ text: posted.text, blocks: posted.blocks as unknown[] }, buttons(posted.blocks as unknown[])[0]!, MANAGER);
    expect(sent.status).toBe(200);
    const answer = await api.waitForAccepted(sent.responsePath);
    expect(messageProblems(answer.body)).toEqual([]);
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: expect.stringContaining('Muted: SEK STUDIO matched by “SEK Studio”') });
    expect(await world.store.verdicts()).toMatchObject([{ platform: 'slack', channelId: CHANNEL, entityId: SEK, matched: 'SEK Studio', userId: MANAGER, articleLink: expect.stringMatching(/^https:\/\/news\.example\/story-\d+$/) }]);
    expect(await world.publish(BY_NAME_AGAIN)).toEqual([]);
  });

  it('lists the verdict with /sanctions muted, and a manager undoes it with /sanctions muted undo 1', async () => {
    const listed = await command('muted', MEMBER);
    expect(listed.response_type).toBe('ephemeral');
    expect(JSON.stringify(listed.blocks)).toMatch(/1\. SEK STUDIO \(ofac-sdn-34022\) matched by “SEK Studio”/);
    expect((await command('muted undo 1', MEMBER)).text).toContain('Only members who can manage this channel');
    expect(await world.store.verdicts()).toHaveLength(1);
    expect((await command('muted undo 1', MANAGER)).text).toContain('Unmuted: SEK STUDIO');
    expect(await world.store.verdicts()).toEqual([]);
    expect(await world.publish(BY_NAME_AGAIN)).toHaveLength(1);
  });
});
