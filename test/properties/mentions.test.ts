// Properties of the mention matcher over hostile articles: it never throws, and every mention's offsets point at what it says it matched.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Entity } from '../../src/designations/model.ts';
import { MENTION_THRESHOLD, type Mention, findMentions } from '../../src/mentions/find.ts';
import { type MentionIndex, buildMentionIndex } from '../../src/mentions/mention-index.ts';
import { scanArticle } from '../../src/mentions/scan.ts';
import { LONE_SURROGATE, anyText, hostileText } from './arbitraries.ts';
import { listsOfDecember2021 } from '../mentions/lists.ts';

let index: MentionIndex;
let entities: Entity[];

beforeAll(async () => {
  entities = await listsOfDecember2021();
  index = buildMentionIndex(entities);
});

/** A listed name or alias, as the list writes it, in capitals, or in title case. */
const listedName = fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('as listed', 'upper', 'title')).map(([e, a, style]) => {
  const entity = entities[e % entities.length]!;
  const names = [entity.name, ...entity.aliases.map((x) => x.name)];
  const name = names[a % names.length]!;
  if (style === 'upper') return name.toUpperCase();
  return style === 'title' ? name.toLowerCase().replace(/\b\p{L}/gu, (c) => c.toUpperCase()) : name;
});

/** An article: listed names among hostile text, ordinary words, and sentence ends. */
const article = fc
  .array(fc.oneof(listedName, hostileText, fc.constantFrom(' said on Friday. ', ', the Treasury said, ', ' and ', '\n\n', ' of North Korea ')), { maxLength: 30 })
  .map((parts) => parts.join(' '));

const HTML = fc
  .array(fc.oneof(article, fc.constantFrom('<p>', '</p>', '<b>', '</b>', '<script>var x = "SEK STUDIO";</script>', '&amp;', '&nbsp;', '&#x200B;', '<!-- SEK STUDIO -->', '<br>', '<a href="x">', '</a>', '&')), { maxLength: 20 })
  .map((parts) => `<html><body>${parts.join('')}</body></html>`);

function expectSound(input: string, mentions: Mention[]): void {
  let previous = 0;
  for (const m of mentions) {
    expect(Number.isInteger(m.start) && Number.isInteger(m.end)).toBe(true);
    expect(0 <= m.start && m.start < m.end && m.end <= input.length).toBe(true);
    expect(m.matched).toBe(input.slice(m.start, m.end));
    expect(m.start).toBeGreaterThanOrEqual(previous);
    previous = m.start;
    expect(m.confidence >= MENTION_THRESHOLD && m.confidence <= 1).toBe(true);
    // Never half a character: an offset inside a surrogate pair would cut an emoji or a rare Han character in two.
    expect(LONE_SURROGATE.test(m.matched) && !LONE_SURROGATE.test(input)).toBe(false);
    expect(entities.some((e) => e.id === m.entityId)).toBe(true);
  }
}

describe('findMentions', () => {
  it('never throws on any text, and each mention is input.slice(start, end)', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, article), (text) => expectSound(text, findMentions(index, text))),
      { numRuns: 400 },
    );
  });

  it('finds something in articles that name listed entities, so the property above is not about nothing', () => {
    const found = fc.sample(article, { numRuns: 200, seed: 42 }).filter((text) => findMentions(index, text).length > 0);
    expect(found.length).toBeGreaterThan(50);
  });
});

describe('scanArticle', () => {
  it('never throws on hostile HTML, and offsets point into the raw markup', () => {
    fc.assert(
      fc.property(HTML, (html) => expectSound(html, scanArticle(index, html, true))),
      { numRuns: 200 },
    );
  });

  it('reads a 1 MB article of hostile text in a few seconds', () => {
    const some = fc.sample(article, { numRuns: 500, seed: 7 }).join('\n');
    const big = some.repeat(Math.ceil(1_000_000 / some.length)).slice(0, 1_000_000);
    const started = performance.now();
    expectSound(big, scanArticle(index, big));
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
