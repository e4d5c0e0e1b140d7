// Both chat adapters as the bot runs them, on a store holding OFAC's SDN list of 2021-12-10, each against its platform's stand-in.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { type RunningDiscord, startDiscord } from '../../adapters/discord/discord.ts';
import { type RunningSlack, startSlack } from '../../adapters/slack/slack.ts';
import { type Catalog, loadCatalog } from '../../src/designations/catalog.ts';
import { importList } from '../../src/designations/import.ts';
import type { Store } from '../../src/store/store.ts';
import { chatSettings } from './chat-settings.ts';
import { sqlite } from './databases.ts';
import { type DiscordStandIn, startDiscordStandIn } from './discord-api.ts';
import { APP_ID, type SigningKeys, signingKeys } from './discord-interactions.ts';
import { type SlackApiStandIn, startSlackApi } from './slack-api.ts';

const SDN_2021_12_10 = fileURLToPath(new URL('../../data/ofac-sdn-history/sdn-2021-12-10/sdn.csv', import.meta.url));
/** A bot token of Discord's shape (the application id, base64, first). */
export const DISCORD_TOKEN = `MTE4NzQ2NTMwOTEyMzQ1Njc4OQ.GaBcDe.${'x'.repeat(38)}`;

export interface ChatAdapters {
  store: Store;
  catalog: Catalog;
  slackApi: SlackApiStandIn;
  discordApi: DiscordStandIn;
  slack: RunningSlack;
  discord: RunningDiscord;
  /** Slack's signing secret, and the key pair Discord signs interactions with. */
  slackSecret: string;
  keys: SigningKeys;
  /** Stops both adapters and stand-ins, closes the store. */
  stop(): Promise<void>;
}

/** `slackManager`: a Slack user in SLACK_MANAGER_IDS; `applicationId`: the Discord application (default the helpers' APP_ID). */
export async function startChatAdapters(options: { slackManager: string; applicationId?: string }): Promise<ChatAdapters> {
  const [slackApi, discordApi] = await Promise.all([startSlackApi(), startDiscordStandIn()]);
  const keys = signingKeys();
  const slackSecret = randomBytes(16).toString('hex');
  const store = await sqlite.fresh().open();
  await importList(store, 'ofac-csv', [SDN_2021_12_10], { versionDate: '2021-12-10' });
  const catalog = await loadCatalog(store);
  const config = chatSettings({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: slackSecret,
    SLACK_MANAGER_IDS: options.slackManager,
    SLACK_API_URL: slackApi.apiUrl,
    DISCORD_TOKEN,
    DISCORD_APPLICATION_ID: options.applicationId ?? APP_ID,
    DISCORD_PUBLIC_KEY: keys.publicKeyHex,
    DISCORD_GATEWAY: 'off',
    DISCORD_API_URL: discordApi.url,
  });
  const slack = await startSlack(config, { catalog, store }, { port: 0, host: '127.0.0.1' });
  const discord = await startDiscord(config, { catalog, store }, { port: 0, host: '127.0.0.1' });
  return {
    store,
    catalog,
    slackApi,
    discordApi,
    slack,
    discord,
    slackSecret,
    keys,
    async stop() {
      await slack.stop();
      await discord.stop();
      await Promise.all([slackApi.close(), discordApi.close()]);
      await store.close();
      await sqlite.cleanup();
    },
  };
}
