// The designations the bot answers from: stored entities, indexed in memory, rebuilt after an import.
import type { ListVersion, Store } from '../store/store.ts';
import type { Entity } from './model.ts';
import { snapshotIndex } from './index-snapshot.ts';
import { type NameIndex, buildNameIndex } from './name-index.ts';
import { type SearchOptions, type SearchResult, searchNames } from './search.ts';

export interface Catalog {
  search(query: string, options?: SearchOptions): SearchResult;
  entity(id: string): Entity | undefined;
  entities(): readonly Entity[];
  /** Re-reads the store and swaps in a new index; lookups meanwhile use the old one. */
  reload(): Promise<void>;
  /**
   * Reloads when the store's list versions differ from those the index was built from (another
   * process imported a list); cheap otherwise. True when it reloaded.
   */
  reloadIfStale(): Promise<boolean>;
}

/** Which version of each list the store holds. */
const versionsKey = (versions: readonly ListVersion[]) => versions.map((v) => `${v.id}:${v.contentHash}`).join('\n');

export interface CatalogOptions {
  /** A file keeping a copy of the index between runs: the command line starts without building it. */
  snapshotFile?: string;
}

export async function loadCatalog(store: Store, options: CatalogOptions = {}): Promise<Catalog> {
  let index: NameIndex = buildNameIndex([]);
  let byId = new Map<string, Entity>();
  let loadedFrom = '';
  let loading = Promise.resolve();
  const load = async () => {
    // Versions before entities: an import committing in between makes the next check reload again, never miss it.
    const listed = await store.listVersions();
    const versions = versionsKey(listed);
    const build = async () => buildNameIndex(await store.loadEntities());
    const next = options.snapshotFile ? await snapshotIndex(options.snapshotFile, listed, build) : await build();
    byId = new Map(next.entities.map((e) => [e.id, e]));
    index = next;
    loadedFrom = versions;
  };
  // One load at a time, so that an older one never finishes last.
  const reload = () => (loading = loading.catch(() => undefined).then(load));
  await reload();
  return {
    search: (query, options) => searchNames(index, query, options),
    entity: (id) => byId.get(id),
    entities: () => index.entities,
    reload,
    async reloadIfStale() {
      if (versionsKey(await store.listVersions()) === loadedFrom) return false;
      await reload();
      return true;
    },
  };
}
