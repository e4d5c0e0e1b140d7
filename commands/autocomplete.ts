// Choices offered while a user types a country, program or entity option (Discord autocomplete).
import type { SubscriptionKind } from '../src/alerts/subscription.ts';
import type { Catalog } from '../src/designations/catalog.ts';
import { countryCandidates } from '../src/designations/countries.ts';
import { normalizeName } from '../src/designations/normalize.ts';
import { knownPrograms } from './resolve.ts';

export interface Choice {
  name: string;
  value: string;
}

/** Discord shows at most 25 choices. */
export const MAX_CHOICES = 25;

export function complete(kind: SubscriptionKind, typed: string, catalog: Catalog): Choice[] {
  const t = normalizeName(typed);
  if (kind === 'country') {
    return countryCandidates()
      .filter((c) => !t || [c.code, c.name, ...c.names].some((n) => normalizeName(n).startsWith(t)))
      .slice(0, MAX_CHOICES)
      .map((c) => ({ name: `${c.name} (${c.code})`, value: c.code }));
  }
  if (kind === 'program') {
    const q = typed.trim().toUpperCase();
    return knownPrograms(catalog)
      .filter((p) => p.toUpperCase().includes(q))
      .slice(0, MAX_CHOICES)
      .map((p) => ({ name: p, value: p }));
  }
  if (!t) return [];
  return catalog
    .search(typed, { limit: 10 })
    .hits.map((h) => ({ name: `${h.entity.name} (${h.entity.id})`.slice(0, 100), value: h.entity.id }));
}
