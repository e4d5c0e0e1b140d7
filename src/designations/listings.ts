// One party on several lists: the records of different lists that are the same person or organization, grouped into one entity.
//
// The store keeps each list's own record (each list is imported, diffed and refreshed on its own); the catalog groups
// them when it loads, so that search, mentions, screening and alerts see one entity with every listing, not two
// entities competing. Two records are the same party when they come from different lists, are of the same type, and
//   - share a document number (passport, national ID, registration, IMO, ...), or
//   - a person: share a name of two words or more (word order, case and accents aside), a year of birth (or
//     neither gives one) and a country (nationality, birthplace or address), or
//   - an organization: share a name of two words or more and a country;
// a record that names no country joins one with the same name (and birth year) whatever its countries; and last, a
// person whose name holds every word of another's name, born the same year, with a country in common or none given;
// a person one list gives no birth date joins another list's record of the same name and a country in common.
// A group never holds two records of one list: that would be two entries the list itself keeps apart.

import type { Alias, Entity } from './model.ts';
import { wordRole } from './name-words.ts';
import { phoneticKey } from './phonetic.ts';

/** Which record leads a group (its id, name and type are the entity's): OFAC's first, then the UN's, then the rest. */
const LEAD_ORDER = ['ofac-sdn', 'ofac-cons', 'un'];

const DOCUMENT_TYPE = /passport|national id|identification|id no|id card|tax id|registration|imo|swift|credit code|\binn\b|ogrn|serial|mmsi|d-u-n-s|legal entity/i;

/**
 * The list a record comes from (its first ListRef): two records of one list are never merged. OpenSanctions'
 * records are one source whatever their datasets: OpenSanctions has already merged what it holds to be one party.
 */
const sourceOf = (e: Entity) => (e.id.startsWith('os-') ? 'os' : (e.lists[0]?.id ?? e.id));

const rank = (e: Entity) => {
  const i = LEAD_ORDER.indexOf(sourceOf(e));
  return i < 0 ? LEAD_ORDER.length : i;
};

/** A name as its set of words, case, accents, apostrophes and word order aside: "BADEGE, Eric" and "ERIC BADEGE" are one. */
function nameKey(name: string): string {
  // Apostrophes join (AL QA'IDA, KY'ONG): lists write them or leave them out.
  const words = name.normalize('NFKD').replace(/\p{M}|['\u2018\u2019`\u00b4]/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return [...new Set(words)].sort().join(' ');
}

function birthYears(e: Entity): string[] {
  const years = new Set<string>();
  for (const id of e.identifiers) {
    if (id.type !== 'DOB') continue;
    const found = id.value.match(/\b(1[89]\d\d|20\d\d)\b/g) ?? [];
    // "1973 to 1974": every year of the range.
    const [from, to] = [Number(found[0]), Number(found.at(-1))];
    if (/\bto\b/.test(id.value) && to > from && to - from < 10) for (let y = from; y <= to; y++) years.add(String(y));
    else for (const y of found) years.add(y);
  }
  return [...years];
}

/** What a record is matched on, worked out once. */
interface Features {
  documents: string[];
  /** The name's key first, then the strong aliases' (of two words or more). */
  names: string[];
  /** Whether names[0] is the record's own name (not an alias). */
  named: boolean;
  /** Birth years ('' for none: a person with no date of birth meets only others with none); [''] for organizations. */
  years: string[];
}

function features(e: Entity): Features {
  const documents: string[] = [];
  for (const id of e.identifiers) {
    if (!DOCUMENT_TYPE.test(id.type)) continue;
    const value = id.value.toUpperCase().replace(/[^A-Z0-9]/g, '');
    if (value.length >= 6 && /\d/.test(value)) documents.push(value);
  }
  if (e.type !== 'person' && e.type !== 'organization') return { documents, names: [], named: false, years: [] };
  const own = nameKey(e.name);
  const aliases = e.aliases.filter((a) => a.strength === 'strong').map((a) => nameKey(a.name));
  const names = [...new Set([own, ...aliases])].filter((n) => n.includes(' '));
  const years = e.type === 'person' ? birthYears(e) : [];
  return { documents, names, named: names[0] === own, years: years.length ? years : [''] };
}

/** The name keys and document numbers that records of two lists or more give. */
function sharedAcrossLists(records: readonly Entity[], all: readonly Features[]): Set<string> {
  const firstSource = new Map<string, string>();
  const shared = new Set<string>();
  for (const [i, e] of records.entries()) {
    const source = sourceOf(e);
    for (const key of [...all[i]!.names, ...all[i]!.documents]) {
      const first = firstSource.get(key);
      if (first === undefined) firstSource.set(key, source);
      else if (first !== source) shared.add(key);
    }
  }
  return shared;
}

/** Groups records that are one party; each group is a list of record indices. */
function groups(records: readonly Entity[]): number[][] {
  const parent = records.map((_, i) => i);
  const sources = records.map((e) => new Set([sourceOf(e)]));
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const union = (a: number, b: number) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra === rb || [...sources[rb]!].some((s) => sources[ra]!.has(s))) return;
    parent[rb] = ra;
    for (const s of sources[rb]!) sources[ra]!.add(s);
  };
  const all = records.map(features);
  // Only a name or document two lists give can join records: the others need no key.
  const shared = sharedAcrossLists(records, all);
  // Documents and names first, then aliases too: OFAC gives AL QA'IDA the alias EGYPTIAN ISLAMIC JIHAD, which the
  // UN lists apart; the UN's AL-QAIDA must join AL QA'IDA before its EGYPTIAN ISLAMIC JIHAD can.
  for (const aliases of [false, true]) {
    const firstByKey = new Map<string, number>();
    const join = (key: string, i: number) => {
      const first = firstByKey.get(key);
      if (first === undefined) firstByKey.set(key, i);
      else union(first, i);
    };
    // Under each name key, the record a countryless one joins: the first that names a country, else the first.
    const anchors = new Map<string, number>();
    const countryless: [number, string][] = [];
    for (const [i, e] of records.entries()) {
      const f = all[i]!;
      if (!aliases) for (const doc of f.documents) if (shared.has(doc)) join(`${e.type} doc ${doc}`, i);
      const names = aliases ? f.names : f.named ? f.names.slice(0, 1) : [];
      for (const name of names) {
        if (!shared.has(name)) continue;
        for (const year of f.years) {
          for (const country of e.countries) join(`${e.type} ${year} ${country} ${name}`, i);
          const key = `${e.type} ${year} ${name}`;
          const anchor = anchors.get(key);
          if (anchor === undefined || (e.countries.length && !records[anchor]!.countries.length)) anchors.set(key, i);
          if (!e.countries.length) countryless.push([i, key]);
        }
      }
    }
    for (const [i, key] of countryless) union(anchors.get(key)!, i);
  }
  joinUndated(records, all, shared, union);
  joinFullerNames(records, all, union);
  const byRoot = new Map<number, number[]>();
  for (const i of records.keys()) {
    const root = find(i);
    const group = byRoot.get(root);
    if (group) group.push(i);
    else byRoot.set(root, [i]);
  }
  return [...byRoot.values()];
}

/**
 * A person one list gives no date of birth joins the record of another list with the same own name and a country
 * in common that gives one: the UN's SDi.001 and OFAC's GAFFAR MOHAMMED ELHASSAN, one dated, the other not.
 */
function joinUndated(records: readonly Entity[], all: readonly Features[], shared: Set<string>, union: (a: number, b: number) => void): void {
  const dated = new Map<string, number>();
  const undated: [number, string[]][] = [];
  for (const [i, e] of records.entries()) {
    const f = all[i]!;
    if (e.type !== 'person' || !f.named || !shared.has(f.names[0]!)) continue;
    const keys = e.countries.map((country) => `${country} ${f.names[0]}`);
    if (f.years[0] === '') undated.push([i, keys]);
    else for (const key of keys) if (!dated.has(key)) dated.set(key, i);
  }
  for (const [i, keys] of undated) {
    const anchor = keys.map((key) => dated.get(key)).find((j) => j !== undefined);
    if (anchor !== undefined) union(anchor, i);
  }
}

/** The words of a name key that identify (no titles, particles, legal forms or initials), each as its phonetic key. */
function identifying(key: string, keys: Map<string, string>): string[] {
  const words = new Set<string>();
  for (const w of key.split(' ')) {
    let k = keys.get(w);
    if (k === undefined) keys.set(w, (k = w.length > 1 && wordRole(w) === 'name' ? phoneticKey(w) || w : ''));
    if (k) words.add(k);
  }
  return [...words].sort();
}

/**
 * Last, a person one of whose names holds every word (two or more) of one of another's, spelt alike (GAZIEV and
 * GAZIYEV, OUMAR and OMAR, by their phonetic keys), born the same year, with a country in common or none given:
 * OFAC's "QADHAFI, Muammar" and the UN's "MUAMMAR MOHAMMED ABU MINYAR QADHAFI". Names are found by birth year
 * and word; a name looks among those holding its rarest word.
 */
function joinFullerNames(records: readonly Entity[], all: readonly Features[], union: (a: number, b: number) => void): void {
  const sources = records.map(sourceOf);
  // Birth year -> word -> the records whose names hold it; and the one list they come from, or null for several.
  const holders = new Map<string, Map<string, { records: number[]; source: string | null }>>();
  const probes: [number, string[], Map<string, { records: number[]; source: string | null }>][] = [];
  const wordSets = new Map<number, Set<string>[]>();
  // Names share their words (MOHAMMED, ALI): each word's key is worked out once.
  const keys = new Map<string, string>();
  for (const [i, e] of records.entries()) {
    const f = all[i]!;
    if (e.type !== 'person' || f.years[0] === '') continue;
    const names = f.names.map((name) => identifying(name, keys)).filter((words) => words.length >= 2);
    if (!names.length) continue;
    wordSets.set(i, names.map((words) => new Set(words)));
    const allWords = new Set(names.flat());
    for (const year of f.years) {
      let byWord = holders.get(year);
      if (!byWord) holders.set(year, (byWord = new Map()));
      for (const word of allWords) {
        const held = byWord.get(word);
        if (!held) byWord.set(word, { records: [i], source: sources[i]! });
        else {
          held.records.push(i);
          if (held.source !== sources[i]) held.source = null;
        }
      }
      for (const words of names) probes.push([i, words, byWord]);
    }
  }
  const shareCountry = (a: Entity, b: Entity) => !a.countries.length || !b.countries.length || a.countries.some((c) => b.countries.includes(c));
  for (const [i, words, byWord] of probes) {
    // Another list's name must hold every word: a word only one list has rules that out at once.
    let fewest: number[] | undefined;
    for (const w of words) {
      const held = byWord.get(w)!;
      if (held.source !== null) {
        fewest = undefined;
        break;
      }
      if (!fewest || held.records.length < fewest.length) fewest = held.records;
    }
    if (!fewest) continue;
    for (const j of fewest) {
      if (sources[j] === sources[i] || !shareCountry(records[i]!, records[j]!)) continue;
      if (wordSets.get(j)!.some((theirs) => words.every((w) => theirs.has(w)))) union(j, i);
    }
  }
}

function unique<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    return !seen.has(k) && seen.add(k);
  });
}

/** One entity for the records of one party: the lead record's id, name and type, every list's facts, and the records themselves. */
export function mergeRecords(records: readonly Entity[]): Entity {
  const [lead, ...others] = [...records].sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
  if (!others.length) return lead!;
  const all = [lead!, ...others];
  // Another list's name is an alias here; an alias strong on any list is strong.
  const names = new Map<string, Alias>();
  for (const alias of all.flatMap((e, i): Alias[] => [...(i ? [{ name: e.name, kind: 'aka' as const, strength: 'strong' as const }] : []), ...e.aliases])) {
    const k = alias.name.toLowerCase();
    if (k === lead!.name.toLowerCase()) continue;
    const had = names.get(k);
    if (!had || (had.strength === 'weak' && alias.strength === 'strong')) names.set(k, had ? { ...had, strength: 'strong' } : alias);
  }
  const dates = all.map((e) => e.designated).filter((d): d is string => d !== null).sort();
  return {
    ...lead!,
    aliases: [...names.values()],
    countries: [...new Set(all.flatMap((e) => e.countries))].sort(),
    programs: [...new Set(all.flatMap((e) => e.programs))],
    lists: unique(all.flatMap((e) => e.lists), (l) => l.id),
    designated: dates[0] ?? null,
    remarks: lead!.remarks ?? others.find((e) => e.remarks)?.remarks ?? null,
    identifiers: unique(all.flatMap((e) => e.identifiers), (i) => `${i.type}\u0000${i.value}`),
    addresses: unique(all.flatMap((e) => e.addresses), (a) => JSON.stringify([a.street, a.city, a.countryCode ?? a.country])),
    related: unique(all.flatMap((e) => e.related), (r) => `${r.kind}\u0000${r.name}`),
    listings: all,
  };
}

/** The records of every list, each party once: records of one party on several lists merged, the others as they are. */
export function mergeListings(records: readonly Entity[]): Entity[] {
  if (new Set(records.map(sourceOf)).size < 2) return [...records];
  return groups(records).map((group) => mergeRecords(group.map((i) => records[i]!)));
}
