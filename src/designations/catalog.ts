// The designations the bot answers from: stored entities, indexed in memory, rebuilt after an import.
import type { Store } from '../store/store.ts';
import type { Entity } from './model.ts';
import { type NameIndex, buildNameIndex } from './name-index.ts';
import { type SearchOptions, type SearchResult, searchNames } from './search.ts';

export interface Catalog {
  search(query: string, options?: SearchOptions): SearchResult;
  entity(id: string): Entity | undefined;
  entities(): readonly Entity[];
  /** Re-reads the store and swaps in a new index; lookups meanwhile use the old one. */
  reload(): Promise<void>;
}

export async function loadCatalog(store: Store): Promise<Catalog> {
  let index: NameIndex = buildNameIndex([]);
  let byId = new Map<string, Entity>();
  const reload = async () => {
    const entities = await store.loadEntities();
    const next = buildNameIndex(entities);
    byId = new Map(entities.map((e) => [e.id, e]));
    index = next;
  };
  await reload();
  return {
    search: (query, options) => searchNames(index, query, options),
    entity: (id) => byId.get(id),
    entities: () => index.entities,
    reload,
  };
}
