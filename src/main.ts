// `npm start`: opens the database, imports the bundled lists on first start, runs the chat adapters, polls feeds, sends alerts.
import { hostname } from 'node:os';
import { startConsole } from '../adapters/console/console.ts';
import { consoleTransport } from '../adapters/console/transport.ts';
import { startDiscord } from '../adapters/discord/discord.ts';
import { discordAlertRest, discordTransport } from '../adapters/discord/transport.ts';
import { startSlack } from '../adapters/slack/slack.ts';
import { slackAlertClient, slackTransport } from '../adapters/slack/transport.ts';
import type { Transport } from './alerts/delivery.ts';
import { newsAlerts } from './alerts/news-alerts.ts';
import { startSender } from './alerts/sender.ts';
import { loadConfig, loadDotEnv } from './config.ts';
import { ensureBundledLists } from './designations/bundled.ts';
import { loadCatalog } from './designations/catalog.ts';
import type { Feed } from './feeds/feed.ts';
import { DEFAULT_INTERVAL_MINUTES, startPoller } from './feeds/poller.ts';
import { feedSettings, fetchOptionsFor, pollIntervals, syncConfiguredFeeds } from './feeds/sources.ts';
import { log } from './log.ts';
import { textReply } from './messages/reply.ts';
import { terminalProgress } from './progress.ts';
import { openStore } from './store/open.ts';

async function main(): Promise<void> {
  loadDotEnv('.env');
  const config = loadConfig();
  const store = await openStore(config.DATABASE_URL);
  for (const summary of await ensureBundledLists(store, terminalProgress)) log.info(`imported bundled list ${summary.message}`);
  const catalog = await loadCatalog(store);
  log.info({ entities: catalog.entities().length }, 'designations loaded');
  const chatConfigured = Boolean(config.SLACK_BOT_TOKEN || config.DISCORD_APPLICATION_ID);
  const feeds = feedSettings(process.env, { chatConfigured });
  const deps = { catalog, store, settings: { allowPrivateFeeds: feeds.allowPrivate, feedIntervalMinutes: DEFAULT_INTERVAL_MINUTES } };

  const transports: Record<string, Transport> = {};
  const running: { stop(): Promise<void> }[] = [];
  if (config.SLACK_BOT_TOKEN) {
    running.push(await startSlack(config, deps));
    transports.slack = slackTransport(slackAlertClient(config));
  }
  if (config.DISCORD_APPLICATION_ID) {
    running.push(await startDiscord(config, deps));
    if (config.DISCORD_TOKEN) transports.discord = discordTransport(discordAlertRest(config));
  }
  if (!chatConfigured) transports.console = consoleTransport(process.stdout);

  await syncConfiguredFeeds(store, feeds);
  // The channel that added a feed hears when it is given up on.
  const onDisabled = async (feed: Feed, error: string) => {
    const [platform, channelId] = feed.addedInChannel.split(':');
    if (!platform || !channelId) return;
    const notice = textReply(`Stopped polling ${feed.title ?? feed.url} after repeated failures (${error}). Add it again to retry.`, false);
    await store.enqueueAlerts([{ platform, channelId, dedupeKey: `${feed.addedInChannel}:feed-disabled:${feed.id}:${Date.now()}`, payload: notice }], new Date().toISOString());
  };
  const pollerOptions = {
    store,
    process: newsAlerts(store, catalog),
    fetchOptions: (f: Feed) => fetchOptionsFor(f, feeds.allowPrivate),
    intervals: pollIntervals(feeds),
    onDisabled,
  };
  const sender = startSender({ store, transports, worker: `${hostname()}:${process.pid}` });
  running.push(sender);

  if (chatConfigured) {
    running.push(startPoller(pollerOptions));
    const stop = async () => {
      log.info('stopping');
      await Promise.allSettled(running.map((r) => r.stop()));
      await store.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return;
  }

  // No chat platform configured: the local console. Polling starts once the console follows
  // something, so that the demo feeds' articles alert instead of being recorded as already seen.
  const demo: { poller?: ReturnType<typeof startPoller> } = {};
  const afterCommand = async () => {
    if (demo.poller || !(await store.subscriptions()).length) return;
    demo.poller = startPoller(pollerOptions);
    await demo.poller.pollNow();
    await sender.drain();
  };
  await startConsole(deps, process.stdin, process.stdout, afterCommand);
  await Promise.allSettled([demo.poller?.stop(), sender.stop()]);
  await store.close();
}

try {
  await main();
} catch (err) {
  process.stderr.write(`sanctions-bot: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
