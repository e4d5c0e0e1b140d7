// Turns what a user typed for country:, program:, list: or entity: into the value a subscription stores, or says what is close.
import type { SubscriptionKind } from '../src/alerts/subscription.ts';
import type { Catalog } from '../src/designations/catalog.ts';
import { countryCandidates, countryCode, countryName } from '../src/designations/countries.ts';
import type { ListRef } from '../src/designations/model.ts';
import { normalizeName } from '../src/designations/normalize.ts';
import { editDistance } from '../src/designations/similarity.ts';
import { clip } from '../src/messages/reply.ts';

export type Resolution = { value: string; label: string } | { problem: string; suggestions: string[] };

const SUGGESTIONS = 5;
/** Characters of what a user typed that a reply quotes back. */
const ECHO = 80;

/** The `count` choices closest to `typed`: those it begins first, then by edit distance. */
export function closest(typed: string, choices: Iterable<{ key: string; label: string }>, count = SUGGESTIONS): string[] {
  const t = normalizeName(typed);
  const scored: { label: string; d: number }[] = [];
  for (const { key, label } of choices) {
    const k = normalizeName(key);
    const d = t.length >= 3 && k.startsWith(t) ? 0 : editDistance(t, k, 3);
    if (d <= 3) scored.push({ label, d });
  }
  scored.sort((a, b) => a.d - b.d || a.label.localeCompare(b.label));
  return [...new Set(scored.map((s) => s.label))].slice(0, count);
}

export function resolveCountry(typed: string): Resolution {
  const code = countryCode(typed);
  if (code) return { value: code, label: `${countryName(code) ?? code} (${code})` };
  const choices = countryCandidates().flatMap((c) => [c.code, ...c.names].map((key) => ({ key, label: `${c.name} (${c.code})` })));
  return { problem: `No country "${clip(typed, ECHO)}".`, suggestions: closest(typed, choices) };
}

/** Program codes on the lists the bot holds, as the lists write them. */
export function knownPrograms(catalog: Catalog): string[] {
  const programs = new Set<string>();
  for (const e of catalog.entities()) for (const p of e.programs) programs.add(p);
  return [...programs].sort();
}

export function resolveProgram(typed: string, catalog: Catalog): Resolution {
  const programs = knownPrograms(catalog);
  const wanted = typed.trim().toUpperCase().replace(/^\[|\]$/g, '');
  const found = programs.find((p) => p.toUpperCase() === wanted);
  if (found) return { value: found, label: found };
  return { problem: `No program "${clip(typed, ECHO)}" on the lists.`, suggestions: closest(typed, programs.map((p) => ({ key: p, label: p }))) };
}

/** The lists the bot holds entities of, by id. */
export function knownLists(catalog: Catalog): ListRef[] {
  const lists = new Map<string, ListRef>();
  for (const e of catalog.entities()) for (const l of e.lists) if (!lists.has(l.id)) lists.set(l.id, l);
  return [...lists.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** What a list answers to: its id (`un`), its id's last part (`uvl` of `us-uvl`), its name, the code its name gives in brackets (`UVL`). */
function listKeys(list: ListRef): string[] {
  const code = /\(([^()]+)\)/.exec(list.name)?.[1];
  return [list.id, list.id.replace(/^[a-z]+-/, ''), list.name, ...(code ? [code] : [])].map((k) => k.toUpperCase());
}

export function resolveList(typed: string, catalog: Catalog): Resolution {
  const lists = knownLists(catalog);
  const wanted = typed.trim().toUpperCase();
  const found = lists.find((l) => l.id.toUpperCase() === wanted) ?? lists.find((l) => listKeys(l).includes(wanted));
  if (found) return { value: found.id, label: `${found.name} (${found.id})` };
  return {
    problem: `No list "${clip(typed, ECHO)}".`,
    suggestions: closest(typed, lists.flatMap((l) => listKeys(l).map((key) => ({ key, label: `${l.id}: ${l.name}` })))),
  };
}

export function resolveEntity(typed: string, catalog: Catalog): Resolution {
  const byId = catalog.entity(typed.trim());
  if (byId) return { value: byId.id, label: `${byId.name} (${byId.id})` };
  const { hits, suggestions } = catalog.search(typed, { limit: 1 });
  const best = hits[0];
  if (best) return { value: best.entity.id, label: `${best.entity.name} (${best.entity.id})` };
  return { problem: `No designated entity matches "${clip(typed, ECHO)}".`, suggestions: suggestions.map((s) => `${s.entity.name} (${s.entity.id})`) };
}

export function resolveOption(kind: SubscriptionKind, typed: string, catalog: Catalog): Resolution {
  if (kind === 'country') return resolveCountry(typed);
  if (kind === 'program') return resolveProgram(typed, catalog);
  if (kind === 'list') return resolveList(typed, catalog);
  return resolveEntity(typed, catalog);
}
