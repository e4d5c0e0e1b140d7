// Re-imports the configured lists from where they are published, guarded: a list that fails to download or parse, or loses too much at once, stays as it was and the admin channel hears why.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { NewOutboxAlert } from '../alerts/outbox.ts';
import { type FetchOptions, fetchFeed } from '../feeds/fetch.ts';
import { anyAddress } from '../feeds/ssrf.ts';
import { log } from '../log.ts';
import { textReply } from '../messages/reply.ts';
import type { Store } from '../store/store.ts';
import type { Catalog } from './catalog.ts';
import { type ImportSummary, type ListChange, importList } from './import.ts';
import type { Channel, ListSource } from './list-sources.ts';

/** More than a fifth of a list gone at once is likelier a broken file than a day's delistings. */
export const MAX_SHRINK = 0.2;

/** List files are larger than feeds: OFAC's are a few MB, OpenSanctions' up to hundreds. */
const LIST_FETCH = { timeoutMs: 5 * 60_000, maxBytes: 512 * 2 ** 20 };

export interface RefreshOptions {
  store: Store;
  /** Reloaded after a list changed. */
  catalog: Catalog;
  /** The alerts a list change causes, queued with it; none when absent. */
  alerts?: (change: ListChange) => NewOutboxAlert[] | Promise<NewOutboxAlert[]>;
  /** Told why a list was left as it was; null: the log only. */
  adminChannel: Channel | null;
  /** Over the list defaults; the operator's own URLs may reach any address. */
  fetchOptions?: Partial<FetchOptions>;
  maxShrink?: number;
  now?: () => Date;
}

export interface RefreshOutcome {
  listId: string;
  /** Null when the list could not be refreshed, or the new version was refused. */
  summary: ImportSummary | null;
  error: string | null;
}

/** Refreshes each list in turn (one list's failure leaves the others be), then reloads the catalog if any changed. */
export async function refreshLists(sources: readonly ListSource[], options: RefreshOptions): Promise<RefreshOutcome[]> {
  const outcomes: RefreshOutcome[] = [];
  for (const source of sources) outcomes.push(await refreshList(source, options));
  if (outcomes.some((o) => o.summary && !o.summary.unchanged)) await options.catalog.reload();
  return outcomes;
}

async function refreshList(source: ListSource, o: RefreshOptions): Promise<RefreshOutcome> {
  const now = o.now?.() ?? new Date();
  const dir = await mkdtemp(join(tmpdir(), `sanctions-list-${source.id}-`));
  let downloaded: Map<string, string> = new Map();
  try {
    const files = await fetchListFiles(source.files, dir, o.fetchOptions);
    downloaded = files.downloaded;
    const summary = await importList(o.store, source.format, files.paths, {
      listId: source.id,
      source: source.files.join(' + '),
      versionDate: versionDate(files.published, now),
      now,
      maxShrink: o.maxShrink ?? MAX_SHRINK,
      alerts: o.alerts,
    });
    log.info({ list: source.id }, `list refresh: ${summary.message}`);
    return { listId: source.id, summary, error: null };
  } catch (err) {
    // A downloaded file is named by its URL, not the temporary copy the importer read.
    let error = err instanceof Error ? err.message : String(err);
    for (const [path, url] of downloaded) error = error.replaceAll(path, url);
    log.warn({ list: source.id, error }, 'list refresh failed; the list is left as it was');
    await tellAdmin(source, error, now, o.adminChannel, o.store);
    return { listId: source.id, summary: null, error };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface ListFiles {
  paths: string[];
  /** Temporary path -> URL of each downloaded file. */
  downloaded: Map<string, string>;
  /** The newest Last-Modified the server sent (ms), if any. */
  published: number | null;
}

/** Downloads the URLs among `files` into `dir` under their own names (OFAC's importer goes by them); paths stay as they are. */
async function fetchListFiles(files: readonly string[], dir: string, overrides: Partial<FetchOptions> = {}): Promise<ListFiles> {
  const result: ListFiles = { paths: [], downloaded: new Map(), published: null };
  for (const [i, file] of files.entries()) {
    if (!/^https?:/i.test(file)) {
      result.paths.push(file);
      continue;
    }
    let response;
    try {
      response = await fetchFeed(file, { etag: null, lastModified: null }, { guard: anyAddress, ...LIST_FETCH, ...overrides });
    } catch (err) {
      throw new Error(`download of ${file} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (response.kind !== 'ok') throw new Error(`download of ${file} failed: not modified, though nothing was cached`);
    const name = basename(new URL(file).pathname).replace(/[^\w.-]/g, '_') || `list-${i}`;
    // Two files of one name (FollowTheMoney parts) each in their own folder; otherwise the names alone, so that
    // the content hash, which orders files by path, is the same as for the same files read from disk.
    const path = result.paths.some((p) => basename(p) === name) ? join(dir, String(i), name) : join(dir, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, response.body);
    result.paths.push(path);
    result.downloaded.set(path, file);
    const modified = response.lastModified ? Date.parse(response.lastModified) : NaN;
    if (!Number.isNaN(modified)) result.published = Math.max(result.published ?? 0, modified);
  }
  return result;
}

/**
 * The day the version was published, as its server dates it (a list published in the US evening
 * and fetched the next morning is the evening's); else today. It dates the designations it adds.
 */
function versionDate(published: number | null, now: Date): string {
  const time = published !== null && published <= now.getTime() ? published : now.getTime();
  return new Date(time).toISOString().slice(0, 10);
}

/** One notice per list, problem and day in the admin channel: a refresh retried that day repeats none. */
async function tellAdmin(source: ListSource, error: string, now: Date, channel: Channel | null, store: Store): Promise<void> {
  if (!channel) {
    log.error({ list: source.id, error }, 'list refresh failed and no ADMIN_CHANNEL is set to tell');
    return;
  }
  const day = now.toISOString().slice(0, 10);
  const problem = createHash('sha256').update(error).digest('hex').slice(0, 16);
  const notice = textReply(`List ${source.id} was not refreshed and is left as it was: ${error}`, false, [`From: ${source.files.join(', ')}`]);
  try {
    await store.enqueueAlerts(
      [{ platform: channel.platform, channelId: channel.channelId, dedupeKey: `${channel.platform}:${channel.channelId}:list-refresh:${source.id}:${day}:${problem}`, payload: notice }],
      now.toISOString(),
    );
  } catch (err) {
    log.error({ err, list: source.id, error }, 'could not tell the admin channel that a list refresh failed');
  }
}
