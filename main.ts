// `npm start`: opens the database, imports the bundled lists on first start, runs the chat adapters, polls feeds, refreshes the lists, sends alerts.
import { hostname } from 'node:os';
import { startConsole } from './adapters/console/console.ts';
import { consoleTransport } from './adapters/console/transport.ts';
import { DIGEST_FITS, PLATFORM_LIMITS, configureAdapters } from './adapters/platforms.ts';
import type { Transport } from './src/alerts/delivery.ts';
import { startDigests } from './src/alerts/digest-scheduler.ts';
import { listAlerts } from './src/alerts/list-alerts.ts';
import { newsAlerts } from './src/alerts/news-alerts.ts';
import { startSender } from './src/alerts/sender.ts';
import { loadConfig, loadDotEnv } from './src/config.ts';
import { bundledImportLines, ensureBundledLists } from './src/designations/bundled.ts';
import { loadCatalog } from './src/designations/catalog.ts';
import { snapshotFileFor } from './src/designations/index-snapshot.ts';
import { listRefreshSettings, parseAdminChannel } from './src/designations/list-sources.ts';
import { startListRefresher } from './src/designations/refresher.ts';
import type { Feed } from './src/feeds/feed.ts';
import { articleTexts } from './src/feeds/full-text.ts';
import { DEFAULT_INTERVAL_MINUTES, startPoller } from './src/feeds/poller.ts';
import { feedSettings, fetchOptionsFor, fullTextModes, pollIntervals, syncConfiguredFeeds } from './src/feeds/sources.ts';
import { anyAddress, publicAddressesOnly } from './src/feeds/ssrf.ts';
import { oneAtATime, startLeadership, startMembership } from './src/leadership.ts';
import { log, logForPeople } from './src/log.ts';
import { textReply } from './src/messages/reply.ts';
import { terminalProgress } from './src/progress.ts';
import { failureReason } from './src/store/failure.ts';
import { openStore } from './src/store/open.ts';

async function main(): Promise<void> {
  loadDotEnv('.env');
  const config = loadConfig();
  // Each platform's settings are its adapter's: all checked before anything starts.
  const adapters = configureAdapters(process.env, parseAdminChannel(config.ADMIN_CHANNEL));
  const chatConfigured = adapters.length > 0;
  // The local console: a person at a prompt, not a log collector.
  if (!chatConfigured) logForPeople();
  // A database starting alongside the bot (containers, services) is waited for, a minute at most.
  const store = await openStore(config.DATABASE_URL, { connectWithinMs: 60_000 });
  const worker = `${hostname()}:${process.pid}`;
  const lease = { store, holder: worker, ttlMs: config.LEADER_LEASE_SECONDS * 1000, renewMs: (config.LEADER_LEASE_SECONDS * 1000) / 3 };
  // Processes started together on an empty database: one imports the bundled lists, the others then find them there.
  const imported = await oneAtATime({ ...lease, name: 'bundled-import' }, () => ensureBundledLists(store, terminalProgress));
  if (chatConfigured) for (const summary of imported) log.info(`imported bundled list ${summary.message}`);
  else for (const line of bundledImportLines(imported)) process.stdout.write(`${line}\n`);
  // Its index kept beside a SQLite file: the next start, and the command line, read it instead of building it.
  const catalog = await loadCatalog(store, { snapshotFile: snapshotFileFor(config.DATABASE_URL) });
  log.info({ entities: catalog.entities().length }, 'designations loaded');
  const feeds = feedSettings(process.env, { chatConfigured });
  const lists = listRefreshSettings(config, { chatConfigured });
  const deps = { catalog, store, settings: { allowPrivateFeeds: feeds.allowPrivate, feedIntervalMinutes: DEFAULT_INTERVAL_MINUTES, listRefreshCron: lists.schedule } };

  const transports: Record<string, Transport> = {};
  const running: { stop(): Promise<void> }[] = [];
  for (const adapter of adapters) {
    running.push(await adapter.start(deps));
    if (adapter.send) transports[adapter.platform] = adapter.send;
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
  // Article pages come from wherever a feed's items link: public addresses only, unless FEED_ALLOW_PRIVATE=true.
  const pages = articleTexts({ store, enabled: config.FULL_TEXT === 'auto', modes: fullTextModes(feeds), guard: feeds.allowPrivate ? anyAddress : publicAddressesOnly });
  const pollerOptions = {
    store,
    process: newsAlerts(store, catalog, pages),
    fetchOptions: (f: Feed) => fetchOptionsFor(f, feeds.allowPrivate),
    intervals: pollIntervals(feeds),
    onDisabled,
    schedule: config.POLL_SCHEDULE,
    maxItemAgeHours: config.MAX_ITEM_AGE_HOURS,
  };
  // Every process sends (claims keep any two from sending one alert); one at a time, the leader, polls.
  // Each process counts the others, to use its share of a platform's per-bot limit (Discord's 50 a second).
  const senders = chatConfigured ? startMembership({ ...lease, group: 'sender' }) : undefined;
  const sender = startSender({
    store,
    transports,
    worker,
    staleAfterMs: config.ALERT_CLAIM_TIMEOUT_SECONDS * 1000,
    platformShare: () => 1 / (senders?.members() ?? 1),
    limits: PLATFORM_LIMITS,
    adminChannel: lists.adminChannel,
  });
  running.push(sender);
  if (senders) running.push(senders);
  const refresherOptions = { store, catalog, sources: lists.sources, schedule: lists.schedule, adminChannel: lists.adminChannel, alerts: listAlerts(store, catalog) };
  log.info({ lists: lists.sources.map((l) => l.id), from: lists.origin, schedule: lists.schedule }, 'list refresh scheduled');

  if (chatConfigured) {
    const leadership = startLeadership({ ...lease, name: 'leader' });
    const poller = startPoller({ ...pollerOptions, shouldPoll: leadership.isLeader });
    // Every process reloads a list version the leader imported; only the leader refreshes.
    const refresher = startListRefresher({ ...refresherOptions, shouldRun: leadership.isLeader });
    const digests = startDigests({ store, shouldRun: leadership.isLeader, fits: DIGEST_FITS });
    // The lease is given up once the poll and refresh under way are done, so that the next leader does not work alongside them.
    running.push({ stop: () => Promise.allSettled([poller.stop(), refresher.stop(), digests.stop()]).then(() => leadership.stop()) });
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
  const refresher = startListRefresher(refresherOptions);
  const digests = startDigests({ store, fits: DIGEST_FITS });
  const afterCommand = async () => {
    if (demo.poller || !(await store.subscriptions()).length) return;
    demo.poller = startPoller(pollerOptions);
    await demo.poller.pollNow();
    await sender.drain();
  };
  await startConsole(deps, process.stdin, process.stdout, afterCommand);
  await Promise.allSettled([demo.poller?.stop(), refresher.stop(), digests.stop(), sender.stop()]);
  await store.close();
}

try {
  await main();
} catch (err) {
  process.stderr.write(`sanctions-bot: ${failureReason(err)}\n`);
  // An adapter may be serving already: a start that failed half-way (the database gone meanwhile) must not linger
  // as a bot that answers lookups but never polls or sends. Exited, it is restarted by its supervisor.
  process.exit(1);
}
