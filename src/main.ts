// `npm start`: opens the database, imports the bundled lists on first start, and runs every chat adapter configured.
import { startConsole } from '../adapters/console/console.ts';
import { startDiscord } from '../adapters/discord/discord.ts';
import { startSlack } from '../adapters/slack/slack.ts';
import { loadConfig, loadDotEnv } from './config.ts';
import { ensureBundledLists } from './designations/bundled.ts';
import { loadCatalog } from './designations/catalog.ts';
import { log } from './log.ts';
import { terminalProgress } from './progress.ts';
import { openStore } from './store/open.ts';

async function main(): Promise<void> {
  loadDotEnv('.env');
  const config = loadConfig();
  const store = await openStore(config.DATABASE_URL);
  for (const summary of await ensureBundledLists(store, terminalProgress)) log.info(`imported bundled list ${summary.message}`);
  const catalog = await loadCatalog(store);
  log.info({ entities: catalog.entities().length }, 'designations loaded');
  const deps = { catalog, store };

  const running: { stop(): Promise<void> }[] = [];
  // Each adapter logs where it listens or what it connected to.
  if (config.SLACK_BOT_TOKEN) running.push(await startSlack(config, deps));
  if (config.DISCORD_APPLICATION_ID) running.push(await startDiscord(config, deps));
  if (running.length === 0) {
    // No chat platform configured: the local console, until the user types exit.
    await startConsole(deps);
    await store.close();
    return;
  }
  const stop = async () => {
    log.info('stopping');
    await Promise.allSettled(running.map((r) => r.stop()));
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

try {
  await main();
} catch (err) {
  process.stderr.write(`sanctions-bot: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
