// A store with a recorded designation history: OFAC's real SDN list of 9 Dec 2021, then of 10 Dec 2021, whose difference dates that day's designations (SEK STUDIO, ZAKIR Shohrat, ...).
import { fileURLToPath } from 'node:url';
import { type Catalog, loadCatalog } from '../../src/designations/catalog.ts';
import { importList } from '../../src/designations/import.ts';
import type { Store } from '../../src/store/store.ts';
import { sqlite } from './databases.ts';

export const SDN_2021_12_09 = fileURLToPath(new URL('../../data/ofac-sdn-history/sdn-2021-12-09/sdn.csv', import.meta.url));
export const SDN_2021_12_10 = fileURLToPath(new URL('../../data/ofac-sdn-history/sdn-2021-12-10/sdn.csv', import.meta.url));

/** A fresh SQLite store holding both versions, and its catalog. */
export async function storeWithHistory(): Promise<{ store: Store; catalog: Catalog }> {
  const store = await sqlite.fresh().open();
  await importList(store, 'ofac-csv', [SDN_2021_12_09], { versionDate: '2021-12-09' });
  await importList(store, 'ofac-csv', [SDN_2021_12_10], { versionDate: '2021-12-10' });
  return { store, catalog: await loadCatalog(store) };
}
