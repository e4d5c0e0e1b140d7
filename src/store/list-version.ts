// The statements that make a new list version the whole content of its list, written once for both dialects.
import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DesignationEvent, Entity } from '../designations/model.ts';
import { derivedRows, toEntityRow, toEventRow } from './rows.ts';
import { chunks, type Tables, type Write } from './sql.ts';
import type { ListVersion } from './store.ts';

export interface StoredHash {
  id: string;
  hash: string;
}

/** What the list holds now: the input to `listVersionWrites`. */
export function selectStoredHashes(t: Tables, listId: string): SQL {
  return sql`SELECT ${t.entities.id} AS id, ${t.entities.hash} AS hash FROM ${t.entities} WHERE ${eq(t.entities.listId, listId)}`;
}

export function assertDistinctIds(listId: string, entities: readonly Entity[]): void {
  const seen = new Set<string>();
  for (const { id } of entities) {
    if (seen.has(id)) throw new Error(`list ${listId}: entity ${id} appears twice in one version`);
    seen.add(id);
  }
}

/**
 * Yields the writes, lazily: entities are serialised batch by batch, so a batch that fails
 * fails the transaction the caller runs these statements in, after earlier ones ran.
 */
export function* listVersionWrites(
  t: Tables,
  version: ListVersion,
  entities: readonly Entity[],
  events: readonly DesignationEvent[],
  stored: readonly StoredHash[],
  now: string,
): Generator<Write> {
  yield { table: t.lists, rows: [version], key: t.lists.id };

  const incoming = new Set(entities.map((e) => e.id));
  for (const ids of chunks(stored.filter((row) => !incoming.has(row.id)).map((row) => row.id))) {
    yield* deleteDerived(t, ids);
    yield sql`DELETE FROM ${t.entities} WHERE ${inArray(t.entities.id, ids)}`;
  }

  const storedHash = new Map(stored.map((row) => [row.id, row.hash]));
  for (const batch of chunks(entities)) {
    const rows = batch.map((e) => toEntityRow(e, version.id, now)).filter((row) => storedHash.get(row.id) !== row.hash);
    if (rows.length === 0) continue;
    const changed = new Set(rows.map((row) => row.id));
    // Also for ids new to this list: an entity may move here from another list.
    yield* deleteDerived(t, [...changed]);
    yield { table: t.entities, rows, key: t.entities.id };
    const derived = derivedRows(batch.filter((e) => changed.has(e.id)));
    for (const part of chunks(derived.aliases)) yield { table: t.aliases, rows: part };
    for (const part of chunks(derived.programs)) yield { table: t.entityPrograms, rows: part };
    for (const part of chunks(derived.countries)) yield { table: t.entityCountries, rows: part };
  }

  for (const part of chunks(events)) yield { table: t.designationEvents, rows: part.map((e) => toEventRow(e, now)) };
}

function* deleteDerived(t: Tables, entityIds: string[]): Generator<SQL> {
  for (const table of [t.aliases, t.entityPrograms, t.entityCountries]) {
    yield sql`DELETE FROM ${table} WHERE ${inArray(table.entityId, entityIds)}`;
  }
}
