// Both adapters driven with payloads of exactly the shapes Slack and Discord send (test/fixtures/platform-payloads, shaped as the
// platforms' own SDK fixtures show them), signed as each platform signs them, to the real endpoints; each answer checked.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDiscord, startDiscord } from '../../adapters/discord/discord.ts';
import { type RunningSlack, startSlack } from '../../adapters/slack/slack.ts';
import { type Catalog, loadCatalog } from '../../src/designations/catalog.ts';
import { importList } from '../../src/designations/import.ts';
import type { Store } from '../../src/store/store.ts';
import { chatSettings } from '../helpers/chat-settings.ts';
import { sqlite } from '../helpers/databases.ts';
import { type DiscordStandIn, choiceProblems, messageProblems as discordProblems, startDiscordStandIn } from '../helpers/discord-api.ts';
import { type SigningKeys, asNew, postInteraction, signingKeys } from '../helpers/discord-interactions.ts';
import { type SlackApiStandIn, startSlackApi } from '../helpers/slack-api.ts';
import { messageProblems as slackProblems } from '../helpers/slack-blocks.ts';
import { postToSlackApp } from '../helpers/slack-signing.ts';

const SDN_2021_12_10 = fileURLToPath(new URL('../../data/ofac-sdn-history/sdn-2021-12-10/sdn.csv', import.meta.url));
const payload = (name: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`../fixtures/platform-payloads/${name}.json`, import.meta.url)), 'utf8')) as Record<string, any>;
const SECRET = randomBytes(16).toString('hex');
const DISCORD_TOKEN = `MTE4NzQ2NTMwOTEyMzQ1Njc4OQ.GaBcDe.${'x'.repeat(38)}`;

let store: Store;
let catalog: Catalog;
let slackApi: SlackApiStandIn;
let discordApi: DiscordStandIn;
let slack: RunningSlack;
let discord: RunningDiscord;
let keys: SigningKeys;

beforeAll(async () => {
  [slackApi, discordApi] = await Promise.all([startSlackApi(), startDiscordStandIn()]);
  store = await sqlite.fresh().open();
  await importList(store, 'ofac-csv', [SDN_2021_12_10], { versionDate: '2021-12-10' });
  catalog = await loadCatalog(store);
  keys = signingKeys();
  const manager = payload('slack-block-actions').user.id as string;
  slack = await startSlack(
    chatSettings({ SLACK_BOT_TOKEN: 'xoxb-fixture', SLACK_SIGNING_SECRET: SECRET, SLACK_MANAGER_IDS: manager, SLACK_API_URL: slackApi.apiUrl }),
    { catalog, store },
    { port: 0, host: '127.0.0.1' },
  );
  const application = payload('discord-application-command').application_id as string;
  const discordConfig = { DISCORD_TOKEN, DISCORD_APPLICATION_ID: application, DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_GATEWAY: 'off', DISCORD_API_URL: discordApi.url };
  discord = await startDiscord(chatSettings(discordConfig), { catalog, store }, { port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await slack?.stop();
  await discord?.stop();
  await Promise.all([slackApi?.close(), discordApi?.close()]);
  await store?.close();
  await sqlite.cleanup();
});

/** A fixture's form body as Slack posts it, its response_url pointed at the stand-in; signed with the app's secret. */
async function toSlack(fields: Record<string, string>, responseId: string) {
  const body = new URLSearchParams({ ...fields, response_url: slackApi.responseUrl(responseId) }).toString();
  return postToSlackApp(`http://127.0.0.1:${slack.port}/slack/events`, body, { secret: SECRET });
}

/** A fixture as Discord would send it now (its deadlines run from its id), Ed25519-signed, to the interactions endpoint. */
const toDiscord = (interaction: Record<string, unknown>) => postInteraction(`http://127.0.0.1:${discord.port}/interactions`, asNew(interaction), keys);

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
    const res = await toSlack({ payload: JSON.stringify({ ...click, response_url: slackApi.responseUrl('fixture-click') }) }, 'unused');
    expect(res.status).toBe(200);
    const answer = await slackApi.waitForAccepted('/response/fixture-click');
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
