// The real lists shipped in data/, imported into an empty database so the bot answers out of the box.
import { fileURLToPath } from 'node:url';
import type { ProgressListener } from '../progress.ts';
import type { Store } from '../store/store.ts';
import { type ImportFormat, type ImportSummary, importList, parseListFiles } from './import.ts';
import { mergeListings } from './listings.ts';
import type { Entity } from './model.ts';

/** The absolute path of a file in the project's data/ directory. */
export const dataFile = (path: string) => fileURLToPath(new URL(`../../data/${path}`, import.meta.url));

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

/** Imports the bundled lists when the store holds no entity at all; returns what it imported. */
export async function ensureBundledLists(store: Store, onProgress?: ProgressListener): Promise<ImportSummary[]> {
  if ((await store.countEntities()) > 0) return [];
  const summaries: ImportSummary[] = [];
  for (const list of BUNDLED_LISTS) {
    const summary = await importList(store, list.format, list.files.map(dataFile), { versionDate: list.versionDate, onProgress });
    summaries.push(summary);
  }
  return summaries;
}
