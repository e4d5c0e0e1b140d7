// The `sanctions-bot` command line: import lists and search names against the configured database.
import { statSync } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { boundedLines } from './bounded-lines.ts';
import { allowPrivateFeeds, loadConfig, loadDotEnv } from './config.ts';
import { type Catalog, loadCatalog } from './designations/catalog.ts';
import { bundledImportLines, ensureBundledLists } from './designations/bundled.ts';
import { snapshotFileFor } from './designations/index-snapshot.ts';
import { IMPORT_FORMATS, type ImportFormat, ListShrinkError, importList } from './designations/import.ts';
import { MAX_QUERY_LENGTH, type SearchHit, type SearchResult } from './designations/search.ts';
import { terminalProgress } from './progress.ts';
import { openStore } from './store/open.ts';
import type { Store } from './store/store.ts';

const USAGE = `usage:
  sanctions-bot import <ofac-csv|ofac-cons-csv|ftm|un-xml|csl> <path...> [--date YYYY-MM-DD] [--list ID] [--force]
                                           --force: import even a version that removes more than 20% of the list
  sanctions-bot search "<name>" [--json] [--limit N] [--suggestions]
  sanctions-bot search - [--limit N] [--suggestions]   one name a line on stdin, one JSON array a line on stdout;
                                           a line over ${MAX_QUERY_LENGTH} characters is answered {"error": ...}, not searched
                                           --suggestions: an object { hits, suggestions } instead of the array of hits
  sanctions-bot scan [FILE|-] [--json]     mentions of listed entities in an article (text or HTML)
  sanctions-bot scan --url URL [--json]    the same in a web page's main text, read as news alerts read it
  sanctions-bot screen FILE.csv [--json] [--out FILE [--force]]   screen every name of a CSV file (result CSV on stdout)
  sanctions-bot feedback [--json]          every "Not this entity" verdict: entity, matched text, article, channel, user, time

The database is DATABASE_URL (default ./data/sanctions.db); an empty one gets the bundled lists first.`;

class UsageError extends Error {}

/** The JSON shape of one search hit: a contract, keep it. */
export function hitJson(hit: SearchHit) {
  const e = hit.entity;
  return {
    id: e.id,
    name: e.name,
    type: e.type,
    score: hit.score,
    matched: hit.matched,
    aliases: e.aliases.map((a) => a.name),
    countries: e.countries,
    programs: e.programs,
    lists: e.lists.map((l) => l.name),
    designated: e.designated,
  };
}

function hitLine(hit: SearchHit): string {
  const e = hit.entity;
  const via = hit.matched === e.name ? '' : ` (as "${hit.matched}")`;
  const facts = [e.type, e.programs.join(', '), e.countries.join(', '), e.designated ? `designated ${e.designated}` : '']
    .filter(Boolean)
    .join(' · ');
  return `${hit.score.toFixed(2)}  ${e.name}${via}\n      ${e.id} · ${facts}`;
}

/** The catalog from a snapshot of its index when the lists have not changed since the last call: a quick start. */
const cliCatalog = (store: Store) => loadCatalog(store, { snapshotFile: snapshotFileFor(loadConfig().DATABASE_URL), onDemand: true });

/** With `bundled` false, an empty database stays empty: for commands that read no list. */
async function withStore<T>(run: (store: Store) => Promise<T>, bundled = true): Promise<T> {
  const config = loadConfig();
  const store = await openStore(config.DATABASE_URL);
  try {
    const imported = bundled ? await ensureBundledLists(store, terminalProgress) : [];
    for (const line of bundledImportLines(imported)) process.stderr.write(`${line}\n`);
    return await run(store);
  } finally {
    await store.close();
  }
}

/** Hits as JSON: the array of hits, or with `suggestions` an object that adds the closest names below the threshold. */
function resultJson(result: SearchResult, suggestions: boolean): unknown {
  const hits = result.hits.map(hitJson);
  return suggestions ? { hits, suggestions: result.suggestions.map(hitJson) } : hits;
}

/** Characters of a `search -` line read at most: a name of MAX_QUERY_LENGTH, with room for the spaces around it. */
const MAX_LINE_CHARS = 1_000;

/**
 * `search -`: a name a line from stdin, its JSON a line on stdout, in order, as each is answered. A line longer than
 * any listed name is answered `{ "error": ... }` and not searched; past MAX_LINE_CHARS, at once and unread to its end.
 */
async function searchLines(catalog: Catalog, limit: number, suggestions: boolean): Promise<void> {
  let number = 0;
  for await (const line of boundedLines(process.stdin, MAX_LINE_CHARS)) {
    number += 1;
    const query = 'text' in line ? line.text.trim() : null;
    const answer =
      query === null || query.length > MAX_QUERY_LENGTH
        ? { error: `line ${number}: longer than any listed name (${MAX_QUERY_LENGTH} characters at most); not searched` }
        : resultJson(query ? searchOrId(catalog, query, limit) : { hits: [], suggestions: [] }, suggestions);
    if (!process.stdout.write(`${JSON.stringify(answer)}\n`)) await once(process.stdout, 'drain');
  }
}

/** The entity whose id (as every card and JSON answer shows it, `ofac-sdn-34022`) the query is, else the names that match. */
function searchOrId(catalog: Catalog, query: string, limit: number): SearchResult {
  const byId = catalog.entity(query.trim());
  return byId ? { hits: [{ entity: byId, score: 1, matched: byId.name, why: 'its id' }], suggestions: [] } : catalog.search(query, { limit });
}

async function search(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, limit: { type: 'string' }, suggestions: { type: 'boolean' } },
  });
  const query = positionals.join(' ').trim();
  if (!query) throw new UsageError('search needs a name, or - to read names from stdin');
  const limit = values.limit === undefined ? 5 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new UsageError('--limit takes a whole number from 1 to 100');
  if (values.suggestions && !values.json && query !== '-') throw new UsageError('--suggestions goes with --json or -: the text output names suggestions already');
  await withStore(async (store) => {
    const catalog = await cliCatalog(store);
    if (query === '-') return searchLines(catalog, limit, Boolean(values.suggestions));
    const result = searchOrId(catalog, query, limit);
    if (values.json) {
      process.stdout.write(`${JSON.stringify(resultJson(result, Boolean(values.suggestions)), null, 2)}\n`);
      return;
    }
    if (result.hits.length) {
      process.stdout.write(`${result.hits.map(hitLine).join('\n')}\n`);
    } else {
      const hint = result.suggestions.length ? ` Did you mean: ${result.suggestions.map((s) => s.entity.name).join('; ')}?` : '';
      process.stdout.write(`No designated entity matches "${query}".${hint}\n`);
    }
  });
}

/** Each file to import, checked before the database is opened: a plain message for one that is not there. */
function checkImportFiles(paths: string[]): void {
  for (const path of paths) {
    const found = statSync(path, { throwIfNoEntry: false });
    if (!found) throw new Error(`${path}: no such file`);
    if (!found.isFile() && !found.isDirectory()) throw new Error(`${path}: not a file`);
  }
}

async function importCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { date: { type: 'string' }, list: { type: 'string' }, force: { type: 'boolean' } },
  });
  const [format, ...paths] = positionals;
  if (!format || !IMPORT_FORMATS.includes(format as ImportFormat)) {
    throw new UsageError(`import needs a format: ${IMPORT_FORMATS.join(', ')}`);
  }
  if (paths.length === 0) throw new UsageError('import needs at least one file');
  if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new UsageError('--date takes YYYY-MM-DD');
  checkImportFiles(paths);
  // The scheduled refresh's guard, loaded with it (and its downloader) only by an import.
  const { MAX_SHRINK } = await import('./designations/refresh.ts');
  await withStore(async (store) => {
    // A cut or wrong file must not delist thousands without a word.
    const summary = await importList(store, format as ImportFormat, paths, {
      versionDate: values.date,
      listId: values.list,
      onProgress: terminalProgress,
      maxShrink: values.force ? undefined : MAX_SHRINK,
    }).catch((err: unknown) => {
      if (!(err instanceof ListShrinkError)) throw err;
      throw new Error(`${err.message}. Nothing was imported: is the file complete? If the list really shrank, run the import again with --force.`);
    });
    process.stdout.write(`${summary.message}\n`);
    // The index of the new version, saved for the next search.
    if (!summary.unchanged) await cliCatalog(store);
  });
}

async function main(argv: string[]): Promise<void> {
  loadDotEnv('.env');
  const [command, ...rest] = argv;
  if (command === 'search') return search(rest);
  if (command === 'import') return importCommand(rest);
  // Each command's modules are loaded when it runs: a search does not pay for screening's or scanning's.
  if (command === 'scan') {
    const { runScan } = await import('./mentions/scan-command.ts');
    const allowPrivate = allowPrivateFeeds(process.env);
    return withStore(async (store) => runScan(rest, { stdin: process.stdin, stdout: process.stdout }, [...(await cliCatalog(store)).entities()], { allowPrivate }));
  }
  if (command === 'screen') {
    const { runScreen } = await import('./screening/screen-command.ts');
    return runScreen(rest, process, () => withStore(cliCatalog), terminalProgress);
  }
  if (command === 'feedback') {
    const { runFeedback } = await import('./alerts/feedback.ts');
    return withStore((store) => runFeedback(rest, store, process.stdout), false);
  }
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  throw new UsageError(`unknown command "${command}"`);
}

try {
  await main(process.argv.slice(2));
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(err instanceof UsageError ? `${message}\n\n${USAGE}\n` : `sanctions-bot: ${message}\n`);
  process.exitCode = err instanceof UsageError ? 64 : 1;
}
