// The 30 labelled benchmark articles in ../shared/data/benchmark, and how a matcher's finds in them score.
//
// Third parties' text, read from ../shared and never copied into the project; used by the mention
// bench and by the regression test, both skipped where ../shared is absent.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const BENCHMARK_DIR = `${root}../shared/data/benchmark`;

/** One article of mentions.tsv: the primary names it must be found to mention, and those it may. */
export interface BenchmarkArticle {
  file: string;
  text: string;
  expected: string[];
  optional: Set<string>;
}

export interface BenchmarkScore {
  expected: number;
  found: number;
  /** Names reported that the article neither must nor may mention. */
  extra: number;
  misses: string[];
  extras: string[];
}

/** The labelled articles, in label order; empty when ../shared is absent. */
export function benchmarkArticles(): BenchmarkArticle[] {
  if (!existsSync(`${BENCHMARK_DIR}/mentions.tsv`)) return [];
  const articles: BenchmarkArticle[] = [];
  for (const line of readFileSync(`${BENCHMARK_DIR}/mentions.tsv`, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [file = '', expectedField = '', optionalField = ''] = line.split('\t');
    articles.push({
      file,
      text: readFileSync(`${BENCHMARK_DIR}/articles/${file}`, 'utf8'),
      expected: expectedField.split('|').filter(Boolean),
      optional: new Set(optionalField.split('|').filter(Boolean)),
    });
  }
  return articles;
}

/** Scores `namesIn` (the primary names a matcher reports in a text) on the articles. */
export function scoreBenchmarkArticles(articles: BenchmarkArticle[], namesIn: (text: string) => Set<string>): BenchmarkScore {
  const score: BenchmarkScore = { expected: 0, found: 0, extra: 0, misses: [], extras: [] };
  for (const { file, text, expected, optional } of articles) {
    const found = namesIn(text);
    score.expected += expected.length;
    for (const name of expected) {
      if (found.has(name)) score.found++;
      else score.misses.push(`${file}: ${name}`);
    }
    for (const name of found) {
      if (expected.includes(name) || optional.has(name)) continue;
      score.extra++;
      score.extras.push(`${file}: ${name}`);
    }
  }
  return score;
}
