// The designations the bot answers from: stored entities, one party on several lists grouped into one, indexed in memory, rebuilt after an import.
import type { ListVersion, Store } from '../store/store.ts';
import { mergeListings } from './listings.ts';
import type { Entity } from './model.ts';
import { snapshotIndex } from './index-snapshot.ts';
import { type NameIndex, nameIndexSteps } from './name-index.ts';
import { type SearchOptions, type SearchResult, searchNames } from './search.ts';
import { runStepsAsync } from '../steps.ts';

export interface Catalog {
  search(query: string, options?: SearchOptions): SearchResult;
  /** By its id, or by the id of any list's record it groups (`un-CDi.001` finds the entity led by `ofac-sdn-15718`). */
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
  /** A one-off command, which reads few entities: those of the snapshot are parsed as they are first read. */
  onDemand?: boolean;
}

/** Each entity by its id and by the ids of the records it groups. */
const entitiesById = (entities: readonly Entity[]) => new Map(entities.flatMap((e) => (e.listings ?? [e]).map((record) => [record.id, e] as const)));

export async function loadCatalog(store: Store, options: CatalogOptions = {}): Promise<Catalog> {
  let index: NameIndex | undefined;
  // Made at the first lookup by id: a search by name needs none.
  let byId: Map<string, Entity> | undefined;
  let loadedFrom = '';
  let loading = Promise.resolve();
  const load = async () => {
    // Versions before entities: an import committing in between makes the next check reload again, never miss it.
    const listed = await store.listVersions();
    const versions = versionsKey(listed);
    // One party on several lists is one entity (listings.ts): grouped before indexing, so a saved index holds the groups.
    // In steps with the event loop served between them: a bot keeps answering while the lists are indexed anew.
    const build = async () => runStepsAsync(nameIndexSteps(mergeListings(await store.loadEntities())));
    index = options.snapshotFile ? await snapshotIndex(options.snapshotFile, listed, build, { onDemand: options.onDemand }) : await build();
    byId = undefined;
    loadedFrom = versions;
  };
  // One load at a time, so that an older one never finishes last.
  const reload = () => (loading = loading.catch(() => undefined).then(load));
  await reload();
  // Loaded: the first load has set it, and a reload only replaces it.
  const current = () => index!;
  return {
    search: (query, options) => searchNames(current(), query, options),
    entity: (id) => (byId ??= entitiesById(current().entities)).get(id),
    entities: () => current().entities,
    reload,
    async reloadIfStale() {
      if (versionsKey(await store.listVersions()) === loadedFrom) return false;
      await reload();
      return true;
    },
  };
}
