// An entity as a card, and its listing as one line: the same in lookups and in alerts.
import { countryName } from '../designations/countries.ts';
import type { Entity } from '../designations/model.ts';
import type { SearchHit } from '../designations/search.ts';
import { type Card, type Field, clip } from './reply.ts';

const MAX_ALIASES = 6;
const MAX_IDENTIFIERS = 6;
const MAX_RELATED = 5;
const MAX_REMARKS = 600;

export function listLine(e: Entity): string {
  const lists = e.lists.map((l) => l.name).join('; ');
  const since = e.designated ? `, designated ${e.designated}` : '';
  return `${lists} — ${e.programs.join(', ') || 'no program'}${since}`;
}

/** The aliases worth showing: strong ones first, the weak ones marked as such. */
function aliasLine(e: Entity): string | null {
  const sorted = [...e.aliases].sort((a, b) => Number(a.strength === 'weak') - Number(b.strength === 'weak'));
  const shown = sorted.slice(0, MAX_ALIASES).map((a) => (a.strength === 'weak' ? `${a.name} (weak)` : a.name));
  if (!shown.length) return null;
  const more = e.aliases.length - shown.length;
  return shown.join('; ') + (more > 0 ? ` (+${more} more)` : '');
}

export function entityCard(e: Entity, hit?: SearchHit): Card {
  const fields: Field[] = [{ label: 'Listed', value: listLine(e) }];
  if (e.countries.length) fields.push({ label: 'Countries', value: e.countries.map((c) => countryName(c) ?? c).join(', ') });
  const aliases = aliasLine(e);
  if (aliases) fields.push({ label: 'Also known as', value: aliases });
  const ids = e.identifiers.slice(0, MAX_IDENTIFIERS).map((i) => `${i.type} ${i.value}${i.country ? ` (${i.country})` : ''}`);
  if (ids.length) fields.push({ label: 'Identifiers', value: ids.join('; ') });
  if (e.remarks) fields.push({ label: 'Remarks', value: clip(e.remarks, MAX_REMARKS) });
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

