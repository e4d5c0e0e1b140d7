// Regression check on the 30 labelled benchmark articles of ../shared/data/benchmark: every expected mention, nothing extra.
import { describe, expect, it } from 'vitest';
import { parseBundledLists } from '../../src/designations/bundled.ts';
import { findMentions } from '../../src/mentions/find.ts';
import { buildMentionIndex } from '../../src/mentions/mention-index.ts';
import { BENCHMARK_DIR, benchmarkArticles, scoreBenchmarkArticles } from '../../scripts/benchmark-articles.ts';

const articles = benchmarkArticles();

describe.skipIf(articles.length === 0)(`benchmark articles (skipped when ${BENCHMARK_DIR} is absent)`, () => {
  it('finds all 35 expected mentions of the 30 articles and no other listed entity', async () => {
    // As the bench scans them: the bundled lists, each list's entities as its own.
    const index = buildMentionIndex(await parseBundledLists());
    const score = scoreBenchmarkArticles(articles, (text) => new Set(findMentions(index, text).map((m) => m.name)));
    expect(articles).toHaveLength(30);
    expect(score.expected).toBe(35);
    expect(score.misses).toEqual([]);
    expect(score.extras).toEqual([]);
  }, 60_000);
});
