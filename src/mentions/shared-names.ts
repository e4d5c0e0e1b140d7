// A name listed entities share, written once (Hafiz Saeed: SAEED, Muhammad and KHAN, Hafiz Saeed): the one the rest of the article names, or names a relation of, is meant.
import type { Entity } from '../designations/model.ts';
import { tokenize } from '../designations/normalize.ts';
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
    let kept = [...ids].filter(meant);
    // Nothing else to go by: the people whose own surname is written, not an a.k.a. of another's (Maria Zakharova:
    // ZAKHAROVA, Mariya, not OSETROVA, Maria a.k.a. ZAKHAROVA, Maria; Hafiz Saeed: SAEED, Muhammad, not KHAN, Hafiz Saeed).
    if (kept.length === 0) {
      const written = writtenAt(mentions, place);
      kept = [...ids].filter((id) => ownSurnameWritten(entityOf(id), written));
    }
    if (kept.length === 0 || kept.length === ids.size) continue;
    for (const id of ids) if (!kept.includes(id)) dropped.add(`${place}:${id}`);
  }
  return dropped.size ? mentions.filter((m) => !dropped.has(`${m.start}:${m.end}:${m.entityId}`)) : mentions;
}

/** The words written at a place ("start:end"), as names are compared. */
function writtenAt(mentions: Mention[], place: string): Set<string> {
  const m = mentions.find((x) => `${x.start}:${x.end}` === place)!;
  return new Set(tokenize(m.matched).map((t) => t.text));
}

/** Whether the words hold the surname of the person's own listed name (the list writes SURNAME, Given names). */
function ownSurnameWritten(entity: Entity | undefined, words: Set<string>): boolean {
  if (entity?.type !== 'person' || !entity.name.includes(',')) return false;
  const surname = tokenize(entity.name.slice(0, entity.name.indexOf(','))).map((t) => t.text);
  return surname.length > 0 && surname.every((w) => words.has(w));
}

/** The ids an entity is known by: its own, and its records' on each list it is on. */
const idsOf = (entity: Entity): string[] => [entity.id, ...(entity.listings ?? []).map((l) => l.id)];
