// A name listed entities share, written once (Hafiz Saeed: SAEED, Muhammad and KHAN, Hafiz Saeed): the one the rest of the article names, or names a relation of, is meant.
import type { Entity } from '../designations/model.ts';
import type { Mention } from './find.ts';

/**
 * `mentions` where a place names several entities, without those of them the rest of the article leaves out when
 * it names some of the others by a name of their own elsewhere ("Hafiz Muhammad Saeed" further on), or names what
 * their listing relates them to (Lashkar-e-Taiba, linked to SAEED, Muhammad). A reader takes the shared name for the
 * one the story is about; with nothing to tell them apart, all stay.
 */
export function withoutOtherBearers(mentions: Mention[], entityOf: (id: string) => Entity | undefined): Mention[] {
  const byPlace = new Map<string, Set<string>>();
  for (const m of mentions) {
    const place = `${m.start}:${m.end}`;
    const ids = byPlace.get(place);
    if (ids) ids.add(m.entityId);
    else byPlace.set(place, new Set([m.entityId]));
  }
  const sharedPlaces = [...byPlace].filter(([, ids]) => ids.size > 1);
  if (sharedPlaces.length === 0) return mentions;
  // What the article names by a name of one entity only: their ids on every list, and what their listings relate them to.
  const named = new Set<string>();
  const relatedToNamed = new Set<string>();
  for (const ids of byPlace.values()) {
    if (ids.size > 1) continue;
    const entity = entityOf([...ids][0]!);
    if (!entity) continue;
    for (const id of idsOf(entity)) named.add(id);
    for (const r of entity.related) if (r.id) relatedToNamed.add(r.id);
  }
  const meant = (id: string) => {
    const entity = entityOf(id);
    if (!entity) return false;
    return idsOf(entity).some((i) => named.has(i) || relatedToNamed.has(i)) || entity.related.some((r) => r.id !== null && named.has(r.id));
  };
  const dropped = new Set<string>();
  for (const [place, ids] of sharedPlaces) {
    const kept = [...ids].filter(meant);
    if (kept.length === 0 || kept.length === ids.size) continue;
    for (const id of ids) if (!kept.includes(id)) dropped.add(`${place}:${id}`);
  }
  return dropped.size ? mentions.filter((m) => !dropped.has(`${m.start}:${m.end}:${m.entityId}`)) : mentions;
}

/** The ids an entity is known by: its own, and its records' on each list it is on. */
const idsOf = (entity: Entity): string[] => [entity.id, ...(entity.listings ?? []).map((l) => l.id)];
