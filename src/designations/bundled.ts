// The real lists shipped in data/, imported into an empty database so the bot answers out of the box.
import type { ProgressListener } from '../progress.ts';
import { projectFile } from '../project-files.ts';
import type { Store } from '../store/store.ts';
import { type ImportFormat, type ImportSummary, LIST_NAMES, defaultListId, importList, parseListFiles } from './import.ts';
import { mergeListings } from './listings.ts';
import type { Entity } from './model.ts';

/** The absolute path of a file in the project's data/ directory. */
export const dataFile = (path: string) => projectFile('data', path);

interface BundledList {
  format: ImportFormat;
  files: string[];
  /** The date of the list's content, as published. */
  versionDate: string;
}

/**
 * OFAC's SDN list of 3 May 2024 with the aliases and addresses of 2026, and the consolidated list
 * of Apr 2025. Before the current SDN list come its real versions of 9 and 10 Dec 2021: their
 * difference dates the designations of OFAC's 10 Dec 2021 action (SEK STUDIO, ZAKIR Shohrat, ...),
 * as a running bot would have recorded them. Then the UN Security Council Consolidated List of 27 Feb 2026
 * (UN public data), as the UN publishes it.
 */
export const BUNDLED_LISTS: BundledList[] = [
  { format: 'ofac-csv', files: ['ofac-sdn-history/sdn-2021-12-09/sdn.csv'], versionDate: '2021-12-09' },
  { format: 'ofac-csv', files: ['ofac-sdn-history/sdn-2021-12-10/sdn.csv'], versionDate: '2021-12-10' },
  { format: 'ofac-csv', files: ['ofac-sdn/sdn.csv', 'ofac-sdn/alt.csv', 'ofac-sdn/add.csv'], versionDate: '2024-05-03' },
  { format: 'ofac-cons-csv', files: ['ofac-cons/cons_prim.csv', 'ofac-cons/cons_add.csv'], versionDate: '2025-04-01' },
  { format: 'un-xml', files: ['un/consolidated.xml'], versionDate: '2026-02-27' },
];

/** The newest bundled version of each list: what the bot holds once the bundled lists are imported. */
export function currentBundledLists(): BundledList[] {
  return BUNDLED_LISTS.filter((list, i) => !BUNDLED_LISTS.slice(i + 1).some((later) => later.format === list.format));
}

/** Reads and parses the newest bundled version of each list, without a database: the entities a fresh catalog holds. */
export async function parseBundledLists(): Promise<Entity[]> {
  const entities: Entity[] = [];
  for (const list of currentBundledLists()) entities.push(...(await parseListFiles(list.format, list.files.map(dataFile))));
  return mergeListings(entities);
}

/** The share of a version's import that is parsing; storing it is the rest. */
const PARSING_SHARE = 0.8;

/**
 * Imports the bundled lists when the store holds no entity at all; returns what it imported, a summary a version.
 * `onProgress` hears of one job a list (its versions one after another), labelled with the list's name.
 */
export async function ensureBundledLists(store: Store, onProgress?: ProgressListener): Promise<ImportSummary[]> {
  if ((await store.countEntities()) > 0) return [];
  const summaries: ImportSummary[] = [];
  for (const list of BUNDLED_LISTS) {
    const versions = BUNDLED_LISTS.filter((other) => other.format === list.format);
    const part = versions.indexOf(list);
    const label = `Importing ${LIST_NAMES[defaultListId(list.format)] ?? defaultListId(list.format)}`;
    const dating = part < versions.length - 1 ? ', read to date designations' : '';
    const detail = versions.length > 1 ? `version of ${list.versionDate} (${part + 1} of ${versions.length}${dating})` : `version of ${list.versionDate}`;
    // Percent of the whole list: the bar runs once across its versions.
    const report = (share: number) => onProgress?.(label, Math.round(((part + share) / versions.length) * 100), 100, detail);
    const summary = await importList(store, list.format, list.files.map(dataFile), {
      versionDate: list.versionDate,
      onProgress: (_stage, done, total) => report((PARSING_SHARE * done) / total),
    });
    report(1);
    summaries.push(summary);
  }
  return summaries;
}

/**
 * One line a list for what the first start imported: the list as it now stands. The earlier versions imported
 * before it only date designations, so what they add and remove on the way is not news.
 */
export function bundledImportLines(summaries: readonly ImportSummary[]): string[] {
  const lists = [...new Set(summaries.map((s) => s.listId))];
  return lists.map((listId) => {
    const versions = summaries.filter((s) => s.listId === listId);
    const last = versions[versions.length - 1]!;
    const dates = BUNDLED_LISTS.filter((l) => defaultListId(l.format) === listId).map((l) => l.versionDate);
    const dating = dates.length > 1 ? `, version of ${dates[dates.length - 1]}; its versions of ${dates.slice(0, -1).join(' and ')} were read first to date the designations made between them` : '';
    return `imported bundled list ${listId}: ${last.entities} entities${dating}`;
  });
}
