// A new version of a list as one alert per subscribed channel: the designations, delistings and material changes that channel follows.
import type { Catalog } from '../designations/catalog.ts';
import { countryName } from '../designations/countries.ts';
import type { ListChange } from '../designations/import.ts';
import type { DesignationEvent, Entity, FieldChange } from '../designations/model.ts';
import { listLine } from '../messages/entity-card.ts';
import { type Card, type Field, type Reply, clip } from '../messages/reply.ts';
import type { Store } from '../store/store.ts';
import type { NewOutboxAlert } from './outbox.ts';
import { type Subscription, covers, describeSubscription, subscribedChannels, waitsForDigest } from './subscription.ts';

/**
 * What a follower calls a material change, with its words; addresses, identifiers and remarks
 * changing are recorded as events but alert nobody.
 */
const MATERIAL: Record<string, { one: string; many: string }> = {
  name: { one: 'name', many: 'names' },
  aliases: { one: 'alias', many: 'aliases' },
  programs: { one: 'program', many: 'programs' },
  countries: { one: 'country', many: 'countries' },
  lists: { one: 'list', many: 'lists' },
};

/** Entity cards per alert: with the note, within Discord's 10 embeds. */
const MAX_CARDS = 9;
const MAX_TEXT = 300;
const MAX_FIELD = 600;
const MAX_NOTE = 1500;

const ORDER: Record<DesignationEvent['kind'], number> = { added: 0, removed: 1, changed: 2 };

interface Item {
  event: DesignationEvent;
  /** As listed now; for a delisting, as it was listed. */
  entity: Entity;
  /** As it was listed before a change, which a follower of what it left also hears about. */
  before: Entity | null;
  material: FieldChange[];
}

/** The importer's `alerts` step: the channels' subscriptions read now, followed entities of other lists named by the catalog. */
export function listAlerts(store: Store, catalog: Catalog): (change: ListChange) => Promise<NewOutboxAlert[]> {
  return async (change) => listChangeAlerts(change, await store.subscriptions(), (id) => catalog.entity(id)?.name, (id) => catalog.entity(id));
}

/** One alert per channel that follows any entity the change set added, delisted or materially changed. */
export function listChangeAlerts(
  change: ListChange,
  subscriptions: readonly Subscription[],
  entityName: (id: string) => string | undefined = () => undefined,
  /** The entity a list's record is part of (designations/listings.ts): following it follows each list's record. */
  partyOf: (id: string) => Entity | undefined = () => undefined,
): NewOutboxAlert[] {
  const items = change.events.flatMap((event) => item(event, change)).sort((a, b) => ORDER[a.event.kind] - ORDER[b.event.kind]);
  if (!items.length) return [];
  const nameOf = (id: string) => change.after.get(id)?.name ?? change.before.get(id)?.name ?? entityName(id);
  const { version } = change;
  return subscribedChannels(subscriptions).flatMap(({ platform, channelId, subscriptions: followed }) => {
    const covered = items.flatMap((i) => {
      const party = partyOf(i.entity.id);
      const why = followed.filter(
        (s) => covers(s, i.entity) || (i.before !== null && covers(s, i.before)) || (s.kind === 'entity' && party !== undefined && covers(s, party)),
      );
      return why.length ? [{ ...i, why }] : [];
    });
    if (!covered.length) return [];
    // The version's content names the change set: a refresh retried after a crash queues nothing twice.
    const dedupeKey = `${platform}:${channelId}:list:${version.id}:${version.contentHash}`;
    const digest = covered.every((c) => waitsForDigest(c.why, true));
    return [{ platform, channelId, dedupeKey, payload: listMessage(change, covered, nameOf), digest }];
  });
}

function item(event: DesignationEvent, change: ListChange): Item[] {
  const before = change.before.get(event.entityId) ?? null;
  const after = change.after.get(event.entityId) ?? null;
  if (event.kind === 'removed') return before ? [{ event, entity: before, before: null, material: [] }] : [];
  if (!after) return [];
  if (event.kind === 'added') return [{ event, entity: after, before: null, material: [] }];
  const material = event.changes.filter((c) => c.field in MATERIAL);
  return material.length ? [{ event, entity: after, before, material }] : [];
}

type Covered = Item & { why: Subscription[] };

function listMessage(change: ListChange, covered: Covered[], nameOf: (id: string) => string | undefined): Reply {
  const count = (kind: DesignationEvent['kind']) => covered.filter((c) => c.event.kind === kind).length;
  const counts = [
    plural(count('added'), 'new designation', 'new designations'),
    plural(count('removed'), 'delisting', 'delistings'),
    plural(count('changed'), 'changed listing', 'changed listings'),
  ].filter(Boolean);
  const shown = covered.slice(0, MAX_CARDS);
  const more = covered.slice(MAX_CARDS);
  const names = covered.map((c) => c.entity.name).join('; ');
  return {
    text: clip(`${change.version.name}, ${change.version.versionDate}: ${counts.join(', ')} — ${names}`, MAX_TEXT),
    cards: shown.map((c) => changeCard(c, nameOf)),
    notes: more.length ? [clip(`And ${more.length} more: ${more.map((c) => `${c.entity.name} (${verb(c)})`).join('; ')}`, MAX_NOTE)] : [],
    ephemeral: false,
  };
}

function changeCard(c: Covered, nameOf: (id: string) => string | undefined): Card {
  const e = c.entity;
  const fields: Field[] = [{ label: c.event.kind === 'removed' ? 'Was listed' : 'Listed', value: listLine(e) }];
  if (e.countries.length) fields.push({ label: 'Countries', value: e.countries.map((code) => countryName(code) ?? code).join(', ') });
  if (c.material.length) fields.push({ label: 'What changed', value: clip(describeChanges(c.material), MAX_FIELD) });
  fields.push({ label: 'This channel follows', value: c.why.map((s) => describeSubscription(s, nameOf)).join('; ') });
  return { title: e.name, subtitle: `${verb(c)} · ${e.type}`, url: e.sourceUrl ?? undefined, fields, footer: e.id };
}

function verb(c: Item): string {
  switch (c.event.kind) {
    case 'added':
      return `designated ${c.event.date}`;
    case 'removed':
      return `delisted ${c.event.date}`;
    case 'changed':
      return `listing changed ${c.event.date}`;
  }
}

/** `program added: ILLICIT-DRUGS-EO; aliases added: El Mayo, Mayo`. */
export function describeChanges(changes: readonly FieldChange[]): string {
  return changes
    .flatMap(({ field, added, removed }) => {
      const words = MATERIAL[field] ?? { one: field, many: field };
      const show = (values: string[]) => (field === 'countries' ? values.map((v) => countryName(v) ?? v) : values).join(', ');
      if (field === 'name') return [`renamed from ${show(removed)} to ${show(added)}`];
      const part = (values: string[], how: string) => (values.length ? [`${values.length === 1 ? words.one : words.many} ${how}: ${show(values)}`] : []);
      return [...part(added, 'added'), ...part(removed, 'removed')];
    })
    .join('; ');
}

function plural(n: number, one: string, many: string): string {
  return n === 0 ? '' : `${n} ${n === 1 ? one : many}`;
}
