// An entity as a card, and its listing as one line: the same in lookups and in alerts. An entity on several lists
// shows each listing, and marks each fact that not every list gives with the lists that give it.
import { countryName } from '../designations/countries.ts';
import type { Entity, ListRef } from '../designations/model.ts';
import type { SearchHit } from '../designations/search.ts';
import { type Card, type Field, clip } from './reply.ts';

const MAX_ALIASES = 6;
const MAX_IDENTIFIERS = 6;
const MAX_RELATED = 5;
const MAX_REMARKS = 600;

/** Short names for the lists a fact is marked with: `[UN]`, `[OFAC SDN]`, `[UVL]`. */
const SHORT_NAMES: Record<string, string> = { 'ofac-sdn': 'OFAC SDN', 'ofac-cons': 'OFAC non-SDN', un: 'UN' };

function shortName(list: ListRef | undefined): string {
  if (!list) return '?';
  return SHORT_NAMES[list.id] ?? /\(([^()]+)\)/.exec(list.name)?.[1] ?? list.name;
}

/**
 * For an entity on several lists, the mark of the lists that give a fact when not all do (` [UN]`), else ''.
 * `has` says whether one list's record gives it.
 */
function sourceMark(e: Entity, has: (record: Entity) => boolean): string {
  if (!e.listings) return '';
  const giving = e.listings.filter(has);
  if (giving.length === e.listings.length || giving.length === 0) return '';
  return ` [${[...new Set(giving.map((r) => shortName(r.lists[0])))].join(', ')}]`;
}

export function listLine(e: Entity): string {
  const lists = e.lists.map((l) => l.name).join('; ');
  const since = e.designated ? `, designated ${e.designated}` : '';
  return `${lists} — ${e.programs.join(', ') || 'no program'}${since}`;
}

/** The aliases worth showing: strong ones first, the weak ones marked as such. */
function aliasLine(e: Entity): string | null {
  const sorted = [...e.aliases].sort((a, b) => Number(a.strength === 'weak') - Number(b.strength === 'weak'));
  const named = (r: Entity, name: string) => r.name.toLowerCase() === name || r.aliases.some((x) => x.name.toLowerCase() === name);
  const shown = sorted
    .slice(0, MAX_ALIASES)
    .map((a) => (a.strength === 'weak' ? `${a.name} (weak)` : a.name) + sourceMark(e, (r) => named(r, a.name.toLowerCase())));
  if (!shown.length) return null;
  const more = e.aliases.length - shown.length;
  return shown.join('; ') + (more > 0 ? ` (+${more} more)` : '');
}

/** Each list's listing on a line of its own, with the id of that list's record. */
function listingLines(records: readonly Entity[]): string {
  return records.map((r) => `${listLine(r)} (${r.id})`).join('\n');
}

export function entityCard(e: Entity, hit?: SearchHit): Card {
  const fields: Field[] = [{ label: 'Listed', value: e.listings ? listingLines(e.listings) : listLine(e) }];
  if (e.countries.length) {
    const countries = e.countries.map((c) => (countryName(c) ?? c) + sourceMark(e, (r) => r.countries.includes(c)));
    fields.push({ label: 'Countries', value: countries.join(', ') });
  }
  const aliases = aliasLine(e);
  if (aliases) fields.push({ label: 'Also known as', value: aliases });
  const ids = e.identifiers
    .slice(0, MAX_IDENTIFIERS)
    .map((i) => `${i.type} ${i.value}${i.country ? ` (${i.country})` : ''}${sourceMark(e, (r) => r.identifiers.some((x) => x.type === i.type && x.value === i.value))}`);
  if (ids.length) fields.push({ label: 'Identifiers', value: ids.join('; ') });
  for (const r of e.listings ?? [e]) {
    if (r.remarks) fields.push({ label: e.listings ? `Remarks [${shortName(r.lists[0])}]` : 'Remarks', value: clip(r.remarks, MAX_REMARKS) });
  }
  if (e.related.length) {
    fields.push({ label: 'Related', value: e.related.slice(0, MAX_RELATED).map((r) => r.name).join('; ') });
  }
  const matched = hit && hit.matched !== e.name ? `matched "${hit.matched}", ` : '';
  return {
    title: e.name,
    subtitle: `${e.type}${hit ? ` · ${matched}score ${hit.score.toFixed(2)}` : ''}`,
    url: e.sourceUrl ?? undefined,
    fields,
    footer: e.id,
  };
}

