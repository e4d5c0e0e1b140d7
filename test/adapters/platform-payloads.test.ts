// Both adapters driven with payloads of exactly the shapes Slack and Discord send (test/fixtures/platform-payloads, shaped as the
// platforms' own SDK fixtures show them), signed as each platform signs them, to the real endpoints; each answer checked.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatAdapters, startChatAdapters } from '../helpers/chat-adapters.ts';
import { choiceProblems, messageProblems as discordProblems } from '../helpers/discord-api.ts';
import { asNew, postInteraction } from '../helpers/discord-interactions.ts';
import { messageProblems as slackProblems } from '../helpers/slack-blocks.ts';
import { postToSlackApp } from '../helpers/slack-signing.ts';

const payload = (name: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`../fixtures/platform-payloads/${name}.json`, import.meta.url)), 'utf8')) as Record<string, any>;

let chat: ChatAdapters;

beforeAll(async () => {
  // The clicker of the block_actions fixture manages its channel; the Discord fixtures are for their application.
  chat = await startChatAdapters({ slackManager: payload('slack-block-actions').user.id, applicationId: payload('discord-application-command').application_id });
});

afterAll(() => chat?.stop());

/** A fixture's form body as Slack posts it, its response_url pointed at the stand-in; signed with the app's secret. */
async function toSlack(fields: Record<string, string>, responseId: string) {
  const body = new URLSearchParams({ ...fields, response_url: chat.slackApi.responseUrl(responseId) }).toString();
  return postToSlackApp(`http://127.0.0.1:${chat.slack.port}/slack/events`, body, { secret: chat.slackSecret });
}

/** A fixture as Discord would send it now (its deadlines run from its id), Ed25519-signed, to the interactions endpoint. */
const toDiscord = (interaction: Record<string, unknown>) => postInteraction(`http://127.0.0.1:${chat.discord.port}/interactions`, asNew(interaction), chat.keys);

describe('Slack payloads as Slack sends them', () => {
  it('answers a slash command form in its acknowledgement, to the asker only, in blocks Slack accepts', async () => {
    const res = await toSlack(payload('slack-slash-command'), 'fixture-lookup');
    expect(res.status).toBe(200);
    const message = JSON.parse(res.body);
    expect(message.response_type).toBe('ephemeral');
    expect(slackProblems(message)).toEqual([]);
    expect(JSON.stringify(message.blocks)).toContain('SEK STUDIO');
    expect(JSON.stringify(message.blocks)).toContain('ofac-sdn-34022');
  });

  it('answers a slash command from an Enterprise Grid workspace (enterprise_id, enterprise_name)', async () => {
    const res = await toSlack(payload('slack-slash-command-enterprise'), 'fixture-help');
    const message = JSON.parse(res.body);
    expect(message.response_type).toBe('ephemeral');
    expect(slackProblems(message)).toEqual([]);
    expect(JSON.stringify(message)).toContain('/sanctions subscribe');
  });

  it('acknowledges a block_actions click at once and answers the clicker through its response_url, the alert left as it was', async () => {
    const click = payload('slack-block-actions');
    const res = await toSlack({ payload: JSON.stringify({ ...click, response_url: chat.slackApi.responseUrl('fixture-click') }) }, 'unused');
    expect(res.status).toBe(200);
    const answer = await chat.slackApi.waitForAccepted('/response/fixture-click');
    expect(answer.body).toMatchObject({ text: 'That alert is not known here any more, so nothing was muted.', replace_original: false, response_type: 'ephemeral' });
  });
});

describe('Discord interactions as Discord sends them', () => {
  it('answers PING with PONG', async () => {
    expect(await toDiscord(payload('discord-ping'))).toEqual({ status: 200, body: { type: 1 } });
  });

  it('answers an APPLICATION_COMMAND (/sanctions lookup) with the designation as an embed, to the asker only', async () => {
    const { status, body } = await toDiscord(payload('discord-application-command'));
    expect(status).toBe(200);
    expect(body.type).toBe(4);
    expect(discordProblems(body.data)).toEqual([]);
    expect(body.data.flags).toBe(64);
    expect(body.data.embeds[0]).toMatchObject({ title: 'SEK STUDIO', footer: { text: 'ofac-sdn-34022' } });
  });

  it('answers an APPLICATION_COMMAND_AUTOCOMPLETE for the focused option with choices Discord accepts', async () => {
    const { status, body } = await toDiscord(payload('discord-autocomplete'));
    expect(status).toBe(200);
    expect(body.type).toBe(8);
    expect(choiceProblems(body.data)).toEqual([]);
    expect(body.data.choices.map((c: { name: string }) => c.name)).toContainEqual(expect.stringMatching(/North Korea/));
  });

  it('answers a MESSAGE_COMPONENT click by a channel manager, to the clicker only', async () => {
    const { status, body } = await toDiscord(payload('discord-message-component'));
    expect(status).toBe(200);
    expect(body.type).toBe(4);
    expect(discordProblems(body.data)).toEqual([]);
    expect(body.data).toMatchObject({ content: 'That alert is not known here any more, so nothing was muted.', flags: 64 });
  });
});
