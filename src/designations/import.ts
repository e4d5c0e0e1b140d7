// Importing a list version: parse its files, date new entries, diff against the stored version, store both (and the alerts they cause) in one transaction.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { NewOutboxAlert } from '../alerts/outbox.ts';
import type { ProgressListener } from '../progress.ts';
import { failureReason } from '../store/failure.ts';
import type { ListVersion, Store } from '../store/store.ts';
import { diffLists, settleDesignationDates } from './diff.ts';
import { ImportError } from './import-error.ts';
import type { DesignationEvent, Entity } from './model.ts';

export const IMPORT_FORMATS = ['ofac-csv', 'ofac-cons-csv', 'ftm', 'un-xml', 'csl'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportOptions {
  /** YYYY-MM-DD of the list's content; default the date the file gives (the UN's), else today (OFAC's CSV files carry none). */
  versionDate?: string;
  /** Overrides the list id (FollowTheMoney files default to `opensanctions`). */
  listId?: string;
  /** Where the files came from (URLs), recorded with the version; default the paths. */
  source?: string;
  onProgress?: ProgressListener;
  now?: Date;
  /**
   * The largest share of the stored entries a version may remove at once (0.2: a fifth); a version
   * that removes more is refused before anything is written. Default: no limit.
   */
  maxShrink?: number;
  /** The alerts a change causes, put in the outbox in the transaction that stores it. */
  alerts?: (change: ListChange) => NewOutboxAlert[] | Promise<NewOutboxAlert[]>;
}

/** One new version of a list and what it changed, for the alerts it causes. */
export interface ListChange {
  version: ListVersion;
  events: readonly DesignationEvent[];
  /** The list as stored before: a removed entity as it was listed. */
  before: ReadonlyMap<string, Entity>;
  /** The list as this version makes it. */
  after: ReadonlyMap<string, Entity>;
}

export interface ImportSummary {
  listId: string;
  entities: number;
  added: number;
  changed: number;
  removed: number;
  /** The same content as the stored version: nothing was written. */
  unchanged: boolean;
  message: string;
}

/** The name of each list the importers know, by its id. */
export const LIST_NAMES: Record<string, string> = {
  'ofac-sdn': 'OFAC SDN List',
  'ofac-cons': 'OFAC Consolidated (non-SDN) List',
  opensanctions: 'OpenSanctions',
  un: 'UN Security Council Consolidated List',
  'us-csl': 'US Consolidated Screening List (Commerce and State lists)',
};

/** The one file of a list published as one file (the UN's XML, trade.gov's CSV). */
function onlyFile(paths: string[], what: string): string {
  if (paths.length !== 1) throw new ImportError(paths.join(', ') || '(no files)', null, `${what} is one file; got ${paths.length}`);
  return paths[0]!;
}

/**
 * A list's entities from its files, in the given format. Each format's parser (and its XML or CSV library) is loaded
 * when a file of that format is read: a command that reads none, a search, never pays for them.
 */
export async function parseListFiles(format: ImportFormat, paths: string[], onProgress?: ProgressListener): Promise<Entity[]> {
  if (format === 'un-xml') return (await import('./un-xml.ts')).parseUnList(onlyFile(paths, "The UN list's XML"), onProgress);
  if (format === 'csl') return (await import('./csl.ts')).parseCslList(onlyFile(paths, 'The Consolidated Screening List'), onProgress);
  if (format === 'ftm') {
    // No file would make the list empty: everyone on it delisted.
    if (!paths.length) throw new ImportError('(no files)', null, 'no FollowTheMoney file to import');
    const { parseFtmEntities } = await import('./ftm.ts');
    const all: Entity[] = [];
    for (const path of paths) all.push(...(await parseFtmEntities(path, onProgress)));
    return all;
  }
  return (await import('./ofac-csv.ts')).parseOfacList(paths, format === 'ofac-csv' ? 'sdn' : 'cons', onProgress);
}

const DEFAULT_LIST_IDS: Record<ImportFormat, string> = {
  'ofac-csv': 'ofac-sdn',
  'ofac-cons-csv': 'ofac-cons',
  ftm: 'opensanctions',
  'un-xml': 'un',
  csl: 'us-csl',
};

/** A version refused for removing more than `maxShrink` of the list at once: likelier a cut or wrong file than delistings. */
export class ListShrinkError extends ImportError {}

export function defaultListId(format: ImportFormat): string {
  return DEFAULT_LIST_IDS[format];
}

async function contentHash(paths: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const path of [...paths].sort()) hash.update(await readFile(path));
  return hash.digest('hex');
}

export async function importList(
  store: Store,
  format: ImportFormat,
  paths: string[],
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const listId = options.listId ?? defaultListId(format);
  const versionDate = options.versionDate ?? (format === 'un-xml' ? await (await import('./un-xml.ts')).unListDate(paths[0]!) : null) ?? now.toISOString().slice(0, 10);
  const hash = await contentHash(paths);
  const current = (await store.listVersions()).find((v) => v.id === listId);
  const result = (counts: Omit<ImportSummary, 'listId' | 'message'>): ImportSummary => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const what = counts.unchanged
      ? 'unchanged'
      : current
        ? `${counts.added} added, ${counts.changed} changed, ${counts.removed} removed`
        : 'first import';
    return { listId, ...counts, message: `${listId}: ${counts.entities} entities (${what}) in ${seconds}s` };
  };
  if (current?.contentHash === hash) {
    return result({ entities: current.entityCount, added: 0, changed: 0, removed: 0, unchanged: true });
  }

  const parsed = await parseListFiles(format, paths, options.onProgress);
  const ids = new Set<string>();
  const unique = parsed.filter((e) => !ids.has(e.id) && ids.add(e.id));
  const prev = current ? await store.loadEntities(listId) : [];
  const entities = settleDesignationDates(prev, unique, versionDate, current?.versionDate ?? null);
  // The first import of a list is its baseline: every entry "added" would be noise, not news.
  const events = current ? diffLists(listId, prev, entities, versionDate) : [];
  const removed = events.filter((e) => e.kind === 'removed').length;
  const source = options.source ?? paths.join(' + ');
  if (options.maxShrink !== undefined && prev.length && removed / prev.length > options.maxShrink) {
    const share = (n: number) => `${Math.round(n * 100)}%`;
    throw new ListShrinkError(source, null, `would remove ${removed} of ${prev.length} entries (${share(removed / prev.length)}), more than the ${share(options.maxShrink)} allowed at once`);
  }
  const version: ListVersion = {
    id: listId,
    name: LIST_NAMES[listId] ?? listId,
    source,
    versionDate,
    importedAt: now.toISOString(),
    entityCount: entities.length,
    contentHash: hash,
  };
  const alerts = events.length && options.alerts
    ? await options.alerts({ version, events, before: new Map(prev.map((e) => [e.id, e])), after: new Map(entities.map((e) => [e.id, e])) })
    : [];
  try {
    await store.applyListVersion(version, entities, events, alerts);
  } catch (err) {
    // One transaction: nothing of it was written.
    throw new Error(`${listId}: could not store the ${versionDate} version, so the list stays as it was: ${failureReason(err)}`, { cause: err });
  }
  const count = (kind: string) => events.filter((e) => e.kind === kind).length;
  return result({
    entities: entities.length,
    added: count('added'),
    changed: count('changed'),
    removed: count('removed'),
    unchanged: false,
  });
}
