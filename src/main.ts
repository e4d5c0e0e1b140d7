// `npm start`: opens the database, imports the bundled lists on first start, and runs the chat adapters.
import { startConsole } from '../adapters/console/console.ts';
import { ConfigError, loadConfig, loadDotEnv } from './config.ts';
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
  await startConsole({ catalog, store });
  await store.close();
}

try {
  await main();
} catch (err) {
  process.stderr.write(`sanctions-bot: ${err instanceof ConfigError || err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
