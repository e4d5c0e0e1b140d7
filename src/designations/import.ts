// Importing a list version: parse its files, date new entries, diff against the stored version, store both in one transaction.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ProgressListener } from '../progress.ts';
import type { ListVersion, Store } from '../store/store.ts';
import { diffLists, settleDesignationDates } from './diff.ts';
import { parseFtmEntities } from './ftm.ts';
import type { Entity } from './model.ts';
import { parseOfacList } from './ofac-csv.ts';

export const IMPORT_FORMATS = ['ofac-csv', 'ofac-cons-csv', 'ftm'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportOptions {
  /** YYYY-MM-DD of the list's content; default today (OFAC's CSV files carry no date). */
  versionDate?: string;
  /** Overrides the list id (FollowTheMoney files default to `opensanctions`). */
  listId?: string;
  onProgress?: ProgressListener;
  now?: Date;
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

const LIST_NAMES: Record<string, string> = {
  'ofac-sdn': 'OFAC SDN List',
  'ofac-cons': 'OFAC Consolidated (non-SDN) List',
  opensanctions: 'OpenSanctions',
};

async function parse(format: ImportFormat, paths: string[], onProgress?: ProgressListener): Promise<Entity[]> {
  if (format === 'ftm') {
    const all: Entity[] = [];
    for (const path of paths) all.push(...(await parseFtmEntities(path, onProgress)));
    return all;
  }
  return parseOfacList(paths, format === 'ofac-csv' ? 'sdn' : 'cons', onProgress);
}

function defaultListId(format: ImportFormat): string {
  return format === 'ofac-csv' ? 'ofac-sdn' : format === 'ofac-cons-csv' ? 'ofac-cons' : 'opensanctions';
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
  const versionDate = options.versionDate ?? now.toISOString().slice(0, 10);
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

  const parsed = await parse(format, paths, options.onProgress);
  const ids = new Set<string>();
  const unique = parsed.filter((e) => !ids.has(e.id) && ids.add(e.id));
  const prev = current ? await store.loadEntities(listId) : [];
  const entities = settleDesignationDates(prev, unique, versionDate, current?.versionDate ?? null);
  // The first import of a list is its baseline: every entry "added" would be noise, not news.
  const events = current ? diffLists(listId, prev, entities, versionDate) : [];
  const version: ListVersion = {
    id: listId,
    name: LIST_NAMES[listId] ?? listId,
    source: paths.join(' + '),
    versionDate,
    importedAt: now.toISOString(),
    entityCount: entities.length,
    contentHash: hash,
  };
  await store.applyListVersion(version, entities, events);
  const count = (kind: string) => events.filter((e) => e.kind === kind).length;
  return result({
    entities: entities.length,
    added: count('added'),
    changed: count('changed'),
    removed: count('removed'),
    unchanged: false,
  });
}
