// The benchmark's labelled queries: the same every run, each kind made as it says, its labels true to the lists, its clean names clean.
import { beforeAll, describe, expect, it } from 'vitest';
import { parseBundledLists } from '../../src/designations/bundled.ts';
import type { Entity } from '../../src/designations/model.ts';
import { normalizeName } from '../../src/designations/normalize.ts';
import { rng } from '../../scripts/bench-data.ts';
import { type LabelledQuery, NEGATIVE_KINDS, POSITIVE_KINDS, labelledQueries } from '../../scripts/bench-queries.ts';

let entities: Entity[];
let byId: Map<string, Entity>;
let queries: LabelledQuery[];
const of = (kind: string) => queries.filter((q) => q.kind === kind);
const words = (text: string) => normalizeName(text).split(' ').filter(Boolean);

beforeAll(async () => {
  entities = await parseBundledLists();
  byId = new Map(entities.map((e) => [e.id, e]));
  queries = labelledQueries(entities, rng(7), 20, 20);
});

describe('labelledQueries', () => {
  it('makes the same queries from the same seed, and others from another', () => {
    expect(labelledQueries(entities, rng(7), 20, 20)).toEqual(queries);
    expect(labelledQueries(entities, rng(8), 20, 20)).not.toEqual(queries);
  });

  it('makes as many of each kind as asked, each positive naming entities that hold the name it was made from', () => {
    for (const kind of [...POSITIVE_KINDS, ...NEGATIVE_KINDS]) expect(of(kind)).toHaveLength(20);
    for (const q of queries.filter((q) => q.expected.length)) {
      const names = q.expected.map((id) => byId.get(id)!);
      // All the entities a query names share one name: the one it was made from.
      const shared = names.map((e) => new Set([e.name, ...e.aliases.map((a) => a.name)].map(normalizeName)));
      expect(shared.some((set) => set.has(normalizeName(names[0]!.name)))).toBe(true);
    }
  });

  it('changes the name as its kind says', () => {
    const source = (q: LabelledQuery) => byId.get(q.expected[0]!)!.name;
    for (const q of of('exact')) expect(q.query).toBe(source(q));
    for (const q of of('reorder')) {
      expect(words(q.query).sort()).toEqual(words(source(q)).sort());
      expect(words(q.query)).not.toEqual(words(source(q)));
    }
    for (const q of [...of('typo'), ...of('two-typos')]) expect(normalizeName(q.query)).not.toBe(normalizeName(source(q)));
    for (const q of of('legal-form-dropped')) expect(words(q.query).length).toBeLessThan(words(source(q)).length);
    for (const q of of('cyrillic')) expect(q.query).toMatch(/^[\u0400-\u04FF -]+$/);
    for (const q of of('arabic-script')) expect(q.query).toMatch(/^[\u0600-\u06FF ]+$/);
    for (const q of of('diacritics')) {
      expect(q.query).not.toBe(source(q));
      expect(q.query.normalize('NFD').replace(/\p{M}/gu, '')).toBe(source(q));
    }
  });

  it('writes Russian names in Cyrillic that read back as the listed spelling', () => {
    // Transliterated back (any-ascii, as the search does), most words come back as the list writes them.
    const back = of('cyrillic').flatMap((q) => {
      const listed = new Set(words(byId.get(q.expected[0]!)!.name));
      return words(q.query).map((w) => listed.has(w));
    });
    expect(back.filter(Boolean).length / back.length).toBeGreaterThan(0.6);
  });

  it('makes clean names that no listed name or alias holds all the words of', () => {
    const listed = entities.flatMap((e) => [e.name, ...e.aliases.map((a) => a.name)]).map((n) => new Set(words(n)));
    for (const q of queries.filter((q) => !q.expected.length)) {
      const query = words(q.query);
      expect(listed.some((name) => query.every((w) => name.has(w)))).toBe(false);
    }
  });
});
