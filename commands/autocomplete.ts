// Choices offered while a user types a country, program, list, entity or time zone option (Discord autocomplete).
import { canonicalTimeZone } from '../src/alerts/digest.ts';
import type { SubscriptionKind } from '../src/alerts/subscription.ts';
import type { Catalog } from '../src/designations/catalog.ts';
import { countryCandidates } from '../src/designations/countries.ts';
import { normalizeName } from '../src/designations/normalize.ts';
import { knownLists, knownPrograms } from './resolve.ts';

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
  if (kind === 'list') {
    const q = typed.trim().toUpperCase();
    return knownLists(catalog)
      .filter((l) => `${l.id} ${l.name}`.toUpperCase().includes(q))
      .slice(0, MAX_CHOICES)
      .map((l) => ({ name: `${l.name} (${l.id})`.slice(0, 100), value: l.id }));
  }
  if (!t) return [];
  return catalog
    .search(typed, { limit: 10 })
    .hits.map((h) => ({ name: `${h.entity.name} (${h.entity.id})`.slice(0, 100), value: h.entity.id }));
}

let zones: readonly string[] | undefined;

/**
 * The IANA time zones Intl knows whose name, or a part of it (`berlin`, `york`), starts with what was typed, then
 * those merely containing it. UTC, the digest's default, leads: Intl lists it only as Etc/UTC. A whole zone name
 * Intl lists under another (Node 20 knows Asia/Kolkata as Asia/Calcutta) leads as the name the digest will show.
 */
export function completeTimeZone(typed: string): Choice[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone')];
  const t = typed.trim().toLowerCase().replace(/\s+/g, '_');
  const exact = t ? canonicalTimeZone(t) : null;
  const rank = (zone: string) => {
    const name = zone.toLowerCase();
    if (zone === exact) return 0;
    if (!t || name.startsWith(t) || name.includes(`/${t}`) || name.includes(`_${t}`)) return 1;
    return name.includes(t) ? 2 : 3;
  };
  return zones
    .map((zone) => ({ zone, rank: rank(zone) }))
    .filter((z) => z.rank < 3)
    .sort((a, b) => a.rank - b.rank)
    .slice(0, MAX_CHOICES)
    .map(({ zone }) => ({ name: zone, value: zone }));
}
