// The difference between two versions of a list, as designation events; and designation dates carried across versions.
import type { DesignationEvent, Entity, FieldChange } from './model.ts';

/** What a user would call a material change, each field as a set of comparable strings. */
const FIELDS: Record<string, (e: Entity) => string[]> = {
  name: (e) => [e.name],
  type: (e) => [e.type],
  aliases: (e) => e.aliases.map((a) => a.name),
  programs: (e) => e.programs,
  countries: (e) => e.countries,
  lists: (e) => e.lists.map((l) => l.name),
  identifiers: (e) => e.identifiers.map((i) => `${i.type}: ${i.value}${i.country ? ` (${i.country})` : ''}`),
  addresses: (e) => e.addresses.map((a) => [a.street, a.city, a.country].filter(Boolean).join(', ')),
  related: (e) => e.related.map((r) => r.name),
  remarks: (e) => (e.remarks ? [e.remarks] : []),
};

export function entityChanges(before: Entity, after: Entity): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, values] of Object.entries(FIELDS)) {
    const was = new Set(values(before));
    const now = new Set(values(after));
    const added = [...now].filter((v) => !was.has(v));
    const removed = [...was].filter((v) => !now.has(v));
    if (added.length || removed.length) changes.push({ field, added, removed });
  }
  return changes;
}

/** Events turning list `prev` into `next`, dated `date`: entities added, changed and removed. */
export function diffLists(listId: string, prev: Entity[], next: Entity[], date: string): DesignationEvent[] {
  const before = new Map(prev.map((e) => [e.id, e]));
  const events: DesignationEvent[] = [];
  for (const entity of next) {
    const old = before.get(entity.id);
    before.delete(entity.id);
    if (!old) {
      events.push({ entityId: entity.id, listId, kind: 'added', date, name: entity.name, changes: [] });
      continue;
    }
    const changes = entityChanges(old, entity);
    if (changes.length) events.push({ entityId: entity.id, listId, kind: 'changed', date, name: entity.name, changes });
  }
  for (const gone of before.values()) {
    events.push({ entityId: gone.id, listId, kind: 'removed', date, name: gone.name, changes: [] });
  }
  return events;
}

/** Versions further apart than this cannot date a new entry: it was listed some day in between. */
export const MAX_DATING_GAP_DAYS = 7;

/**
 * Fills `designated` where the source gives no date: an entity keeps the date it had, and one
 * that first appears in a version at most a week after the previous one was designated on that
 * version's date. On a list's first import (`prevDate` null), or after a longer gap, nothing
 * tells when an entry was listed, so it stays unknown.
 */
export function settleDesignationDates(prev: Entity[], next: Entity[], versionDate: string, prevDate: string | null): Entity[] {
  const before = new Map(prev.map((e) => [e.id, e]));
  const gapDays = prevDate === null ? Infinity : (Date.parse(versionDate) - Date.parse(prevDate)) / 86_400_000;
  const datesNewEntries = gapDays >= 0 && gapDays <= MAX_DATING_GAP_DAYS;
  return next.map((entity) => {
    if (entity.designated) return entity;
    const old = before.get(entity.id);
    const designated = old ? old.designated : datesNewEntries ? versionDate : null;
    return designated ? { ...entity, designated } : entity;
  });
}
