// Properties of name search over the real December 2021 lists: any query is answered, huge ones are cut, and spoofed listed names are still found.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Entity } from '../../src/designations/model.ts';
import { type NameIndex, buildNameIndex } from '../../src/designations/name-index.ts';
import { MATCH_THRESHOLD, MAX_QUERY_LENGTH, SUGGESTION_THRESHOLD, type SearchResult, searchNames } from '../../src/designations/search.ts';
import { listsOfDecember2021 } from '../mentions/lists.ts';
import { INVISIBLES, anyText, withInserted, withLookalikes } from './arbitraries.ts';

let index: NameIndex;
let entities: Entity[];

beforeAll(async () => {
  entities = await listsOfDecember2021();
  index = buildNameIndex(entities);
});

const ids = (r: SearchResult) => r.hits.map((h) => [h.entity.id, h.score]);

/** A listed entity's primary name that a search for it, as written, finds. */
const listedName = fc.nat().map((n) => entities[n % entities.length]!);

function expectWellFormed(result: SearchResult, limit: number): void {
  const scores = result.hits.map((h) => h.score);
  expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  expect(result.hits.length).toBeLessThanOrEqual(limit);
  for (const s of scores) expect(s >= MATCH_THRESHOLD && s <= 1).toBe(true);
  if (result.hits.length) expect(result.suggestions).toEqual([]);
  expect(result.suggestions.length).toBeLessThanOrEqual(3);
  for (const s of result.suggestions) expect(s.score >= SUGGESTION_THRESHOLD && s.score < MATCH_THRESHOLD).toBe(true);
}

describe('searchNames', () => {
  it('answers any query, lone surrogates and markup included, best first, scores within [0, 1]', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 20 }), (query, limit) => {
        expectWellFormed(searchNames(index, query, { limit }), limit);
      }),
      { numRuns: 400 },
    );
  });

  it(`reads only the first ${MAX_QUERY_LENGTH} characters of a 100 KB query, and answers it as fast as a name`, () => {
    fc.assert(
      fc.property(fc.oneof(anyText, listedName.map((e) => e.name)), (piece) => {
        const huge = `${piece} `.repeat(Math.ceil(100_000 / (piece.length + 1)));
        const started = performance.now();
        const result = searchNames(index, huge);
        // Generous: a search takes a few milliseconds; a query read whole would take seconds.
        expect(performance.now() - started).toBeLessThan(500);
        expect(ids(result)).toEqual(ids(searchNames(index, huge.slice(0, MAX_QUERY_LENGTH))));
        expectWellFormed(result, 5);
      }),
      { numRuns: 30 },
    );
  });

  it('finds a listed name with zero-width, joiner, bidi override or tag characters inserted anywhere, as if they were not there', () => {
    fc.assert(
      fc.property(listedName, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INVISIBLES)), { minLength: 1, maxLength: 6 }), (entity, inserts) => {
        const clean = searchNames(index, entity.name);
        fc.pre(clean.hits.some((h) => h.entity.id === entity.id));
        expect(ids(searchNames(index, withInserted(entity.name, inserts)))).toEqual(ids(clean));
      }),
      { numRuns: 300 },
    );
  });

  it('finds a listed name with Cyrillic or Greek look-alikes for some or all of its letters, scoring it at least as high', () => {
    fc.assert(
      fc.property(listedName, fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 40 }), (entity, swaps) => {
        const score = searchNames(index, entity.name).hits.find((h) => h.entity.id === entity.id)?.score;
        fc.pre(score !== undefined);
        const spoofed = withLookalikes(entity.name, swaps);
        // Read as Latin it is the listed name; a word of look-alikes is also read as the script it is in, which may score a little higher.
        expect(searchNames(index, spoofed).hits.find((h) => h.entity.id === entity.id)?.score).toBeGreaterThanOrEqual(score!);
      }),
      { numRuns: 300 },
    );
  });

  it('finds a name spoofed in every letter that has a look-alike', () => {
    const everyLetter = (name: string) => withLookalikes(name, [...name].map((_, i) => [i, 0]));
    expect(everyLetter('SEK STUDIO')).toBe('ЅЕК ЅТUDІО');
    expect(searchNames(index, everyLetter('SEK STUDIO')).hits[0]?.entity.id).toBe('ofac-sdn-34022');
    expect(searchNames(index, 'ΗΑΜΑЅ').hits.map((h) => h.entity.name)).toContain('HAMAS');
    // A Cyrillic name that is no spoof is still read as Cyrillic.
    expect(searchNames(index, 'Лукашенка Александр Григорьевич').hits[0]?.entity.name).toMatch(/^LUKASHENKA/);
  });
});
