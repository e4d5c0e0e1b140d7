// `/sanctions history <name>`: what the recorded list versions say happened to the best-matching entity — designated, changed, delisted.
import { countryName } from '../src/designations/countries.ts';
import type { DesignationEvent, Entity, FieldChange } from '../src/designations/model.ts';
import { type NameIndex, buildNameIndex } from '../src/designations/name-index.ts';
import { tokenize } from '../src/designations/normalize.ts';
import { type SearchHit, searchNames } from '../src/designations/search.ts';
import { listLine } from '../src/messages/entity-card.ts';
import { type Field, type Reply, clip, textReply } from '../src/messages/reply.ts';
import type { ListVersion, Store } from '../src/store/store.ts';
import type { CommandContext } from './context.ts';
import { count } from './format.ts';

/** The newest events shown; earlier ones are counted. */
export const MAX_EVENTS_SHOWN = 10;
const MAX_VALUES = 3;
const MAX_VALUE_LENGTH = 120;

export interface Found {
  entity: Entity;
  /** On a list now (in the catalog), or known only from its delisting. */
  listed: boolean;
  hit?: SearchHit;
}

export async function history(query: string, ctx: CommandContext): Promise<Reply> {
  const versions = await ctx.store.listVersions();
  const listName = (id: string) => versions.find((v) => v.id === id)?.name ?? id;
  const found = await findEntity(query, ctx, versions);
  if (!('entity' in found)) {
    const hint = found.suggestions.length ? ['Did you mean:', ...found.suggestions.map((s) => s.entity.name)] : [];
    return textReply(`No entity, listed or delisted, matches "${clip(query, 80)}".`, true, hint);
  }
  const { entity, listed, hit } = found;
  // An entity on several lists has each list's record's history, newest first as the store gives each.
  const records = entity.listings ?? [entity];
  const events = (await Promise.all(records.map((r) => ctx.store.events(r.id)))).flat().sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id);
  const fields: Field[] = events.slice(0, MAX_EVENTS_SHOWN).map((e, i) => eventField(e, found, events.slice(0, i), listName));
  if (!events.length) fields.push({ label: 'Recorded changes', value: 'None: this entry has not changed in the list versions the bot imported' });
  // No 'added' event: the entity was on the first version of its list the bot imported.
  if (!events.some((e) => e.kind === 'added')) {
    fields.push({ label: 'Designated', value: entity.designated ?? `before the first version of the list the bot imported${listed ? '; the list gives no date' : ''}` });
  }
  const removal = events.find((e) => e.kind === 'removed');
  const matched = hit && hit.matched !== entity.name ? `matched "${hit.matched}", ` : '';
  const scored = hit ? ` · ${matched}score ${hit.score.toFixed(2)}` : '';
  const earlier = events.length - MAX_EVENTS_SHOWN;
  return {
    text: `History of ${entity.name}: ${count(events.length, 'recorded list change')}${entity.designated ? `, designated ${entity.designated}` : ''}`,
    cards: [
      {
        title: entity.name,
        subtitle: (listed ? `${entity.type} · ${listLine(entity)}` : `no longer listed${removal ? `: removed from ${listName(removal.listId)} on ${removal.date}` : ''}`) + scored,
        url: entity.sourceUrl ?? undefined,
        fields,
        footer: entity.id,
      },
    ],
    notes: earlier > 0 ? [`${count(earlier, 'earlier event')} not shown.`] : [],
    ephemeral: true,
  };
}

/**
 * The entity named by id, or the best match by name among those listed now and those delisted
 * (known from their 'removed' events); a listed one wins a tie.
 */
export async function findEntity(query: string, ctx: CommandContext, versions: ListVersion[]): Promise<Found | { suggestions: SearchHit[] }> {
  const byId = ctx.catalog.entity(query.trim());
  if (byId) return { entity: byId, listed: true };
  const delisted = await delistedEntities(ctx.store, versions);
  // Listed again since: the catalog answers for it.
  const stillGone = (e: Entity) => !ctx.catalog.entity(e.id);
  const gone = delisted.byId.get(query.trim());
  if (gone && stillGone(gone)) return { entity: gone, listed: false };

  const current = ctx.catalog.search(query, { limit: 1 });
  // The index scores by word rarity, which a few hundred names barely tell: the same words, in any order, match for certain.
  const same = (delisted.byWords.get(wordSet(query)) ?? []).map((e): SearchHit => ({ entity: e, score: 1, matched: e.name, why: 'the same words' }));
  const formerHit = [...same, ...searchNames(delisted.index, query, { limit: 5 }).hits].find((h) => stillGone(h.entity));
  const best = current.hits[0];
  if (best && (!formerHit || best.score >= formerHit.score)) return { entity: best.entity, listed: true, hit: best };
  if (formerHit) return { entity: formerHit.entity, listed: false, hit: formerHit };
  return { suggestions: current.suggestions };
}

const wordSet = (name: string) => [...new Set(tokenize(name).map((t) => t.text))].sort().join(' ');

interface Delisted {
  index: NameIndex;
  byId: Map<string, Entity>;
  /** By the set of words in their name. */
  byWords: Map<string, Entity[]>;
}

const delistedByStore = new WeakMap<Store, { key: string; delisted: Delisted }>();

/** Every entity a list removed, as a delisting event tells of it; read again only when a list version changed. */
async function delistedEntities(store: Store, versions: ListVersion[]): Promise<Delisted> {
  const key = versions.map((v) => `${v.id}:${v.contentHash}:${v.importedAt}`).join(' ');
  const cached = delistedByStore.get(store);
  if (cached?.key === key) return cached.delisted;
  const byId = new Map<string, Entity>();
  const byWords = new Map<string, Entity[]>();
  // Newest first: an entity delisted twice is known by its latest delisting.
  for (const removal of await store.removals()) {
    if (byId.has(removal.entityId)) continue;
    const entity = delistedEntity(removal, { id: removal.listId, name: versions.find((v) => v.id === removal.listId)?.name ?? removal.listId });
    byId.set(entity.id, entity);
    const words = wordSet(entity.name);
    byWords.set(words, [...(byWords.get(words) ?? []), entity]);
  }
  const delisted = { index: buildNameIndex([...byId.values()]), byId, byWords };
  delistedByStore.set(store, { key, delisted });
  return delisted;
}

/** What a delisting event tells of an entity: its id, name and list. */
function delistedEntity(removal: DesignationEvent, list: Entity['lists'][number]): Entity {
  return {
    id: removal.entityId,
    // Lists write people as `SURNAME, Given Names`; the event says nothing else of the type.
    type: removal.name.includes(',') ? 'person' : 'organization',
    name: removal.name,
    aliases: [],
    countries: [],
    programs: [],
    lists: [list],
    designated: null,
    remarks: null,
    identifiers: [],
    addresses: [],
    related: [],
    sourceUrl: null,
  };
}

function eventField(event: DesignationEvent, { entity, listed }: Found, newer: DesignationEvent[], listName: (id: string) => string): Field {
  const list = listName(event.listId);
  switch (event.kind) {
    case 'added': {
      const programs = listed ? programsBefore(entity.programs, newer) : [];
      const under = programs.length ? ` under ${programs.join(', ')}` : '';
      // A version that comes a week or more after the one before cannot date the designation (see diff.ts).
      if (entity.designated === event.date) return { label: `Designated ${event.date}`, value: `Added to ${list}${under}` };
      return { label: `Added ${event.date}`, value: `Added to ${list}${under}; first seen in its version of this day, so designated on or before it` };
    }
    case 'removed':
      return { label: `Delisted ${event.date}`, value: `Removed from ${list}` };
    case 'changed':
      return { label: `Changed ${event.date}`, value: event.changes.map(describeChange).join('. ') };
  }
}

/** The programs an entity had before the `newer` events changed them. */
function programsBefore(current: string[], newer: DesignationEvent[]): string[] {
  const programs = new Set(current);
  for (const change of newer.flatMap((e) => e.changes).filter((c) => c.field === 'programs')) {
    for (const p of change.added) programs.delete(p);
    for (const p of change.removed) programs.add(p);
  }
  return [...programs];
}

const FIELD_NOUNS: Record<string, [string, string]> = {
  aliases: ['Alias', 'Aliases'],
  programs: ['Program', 'Programs'],
  countries: ['Country', 'Countries'],
  lists: ['List', 'Lists'],
  identifiers: ['Identifier', 'Identifiers'],
  addresses: ['Address', 'Addresses'],
  related: ['Related party', 'Related parties'],
};

function describeChange({ field, added, removed }: FieldChange): string {
  if (field === 'name') return `Renamed from ${values(removed)} to ${values(added)}`;
  if (field === 'type') return `Type changed from ${values(removed)} to ${values(added)}`;
  if (field === 'remarks') return added.length && removed.length ? 'Remarks changed' : added.length ? 'Remarks added' : 'Remarks removed';
  const [one, many] = FIELD_NOUNS[field] ?? [field, field];
  const shown = field === 'countries' ? (vs: string[]) => vs.map((c) => countryName(c) ?? c) : (vs: string[]) => vs;
  const phrase = (vs: string[], verb: string) => `${vs.length === 1 ? one : many} ${verb}: ${values(shown(vs))}`;
  return [...(added.length ? [phrase(added, 'added')] : []), ...(removed.length ? [phrase(removed, 'removed')] : [])].join('. ');
}

function values(vs: string[]): string {
  const more = vs.length - MAX_VALUES;
  return vs.slice(0, MAX_VALUES).map((v) => clip(v, MAX_VALUE_LENGTH)).join('; ') + (more > 0 ? ` (+${more} more)` : '');
}
