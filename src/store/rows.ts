// Entity <-> row mapping shared by both dialects: the entity row, the rows derived from it, JSON columns.
import { createHash } from 'node:crypto';
import type { Alias, DesignationEvent, Entity } from '../designations/model.ts';

export interface EntityRow {
  id: string;
  listId: string;
  type: Entity['type'];
  name: string;
  /** Canonical JSON of the whole Entity. */
  data: string;
  hash: string;
  updatedAt: string;
}

export interface DerivedRows {
  aliases: ({ entityId: string } & Alias)[];
  programs: { entityId: string; program: string }[];
  countries: { entityId: string; country: string }[];
}

export function toEntityRow(entity: Entity, listId: string, updatedAt: string): EntityRow {
  const data = canonicalJson(entity);
  const hash = createHash('sha1').update(data).digest('base64url');
  return { id: entity.id, listId, type: entity.type, name: entity.name, data, hash, updatedAt };
}

/** The alias, program and country rows that let later queries find entities without parsing JSON. */
export function derivedRows(entities: readonly Entity[]): DerivedRows {
  const rows: DerivedRows = { aliases: [], programs: [], countries: [] };
  for (const { id: entityId, aliases, programs, countries } of entities) {
    for (const { name, kind, strength } of aliases) rows.aliases.push({ entityId, name, kind, strength });
    // Distinct, because (entity_id, program) and (entity_id, country) are primary keys.
    for (const program of new Set(programs)) rows.programs.push({ entityId, program });
    for (const country of new Set(countries)) rows.countries.push({ entityId, country });
  }
  return rows;
}

export function toEventRow(event: DesignationEvent, recordedAt: string) {
  const { entityId, listId, kind, date, name, changes } = event;
  return { entityId, listId, kind, date, name, changes: JSON.stringify(changes), recordedAt };
}

/** A JSON column's value: SQLite returns the text, PostgreSQL's driver has already parsed the jsonb. */
export function parseJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** JSON with object keys sorted, so that the hash changes only when the content does. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(sortedKeys(value));
}

/**
 * `value` with the keys of every object in it sorted: the value itself where they are already (as for an entity read
 * back from its row), a copy only of the objects that are not, and of what holds them. Called for every entity of
 * every import, so it copies as little as it can.
 */
function sortedKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item: unknown, i) => {
      const sorted = sortedKeys(item);
      if (sorted !== item) (copy ??= [...value])[i] = sorted;
    });
    return copy ?? value;
  }
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  const inOrder = keys.every((key, i) => i === 0 || keys[i - 1]! < key);
  let copy: Record<string, unknown> | undefined = inOrder ? undefined : {};
  for (const [i, key] of (inOrder ? keys : keys.sort()).entries()) {
    const sorted = sortedKeys(object[key]);
    if (copy === undefined && sorted !== object[key]) copy = Object.fromEntries(keys.slice(0, i).map((k) => [k, object[k]]));
    if (copy !== undefined) copy[key] = sorted;
  }
  return copy ?? value;
}
