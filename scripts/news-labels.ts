// The real news polls in ../shared/data/news as the poller reads them, and the labelled set of their "sanction" items.
//
// The labels (test/fixtures/news-labels.tsv) name items by file and link; the text is read from
// ../shared, Reuters' copyright, and never copied into the project. Used by the mention bench and
// its test, both skipped where ../shared is absent.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stripHtml } from '../src/mentions/html.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
export const NEWS_DIR = `${root}../shared/data/news`;
const LABELS = `${root}test/fixtures/news-labels.tsv`;

export interface NewsItem {
  file: string;
  link: string;
  /** Title and description, as the poller joins them. */
  text: string;
}

export interface LabelledItem extends NewsItem {
  expected: string[];
  optional: string[];
}

/** Every item of every poll, in file order; empty when ../shared is absent. */
export function newsItems(): NewsItem[] {
  if (!existsSync(NEWS_DIR)) return [];
  const items: NewsItem[] = [];
  for (const file of readdirSync(NEWS_DIR).filter((f) => f.endsWith('.xml')).sort()) {
    const xml = readFileSync(`${NEWS_DIR}/${file}`, 'utf8');
    for (const item of xml.matchAll(/<item>([\s\S]*?)<\/item>/g)) {
      const field = (tag: string) => stripHtml(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(item[1]!)?.[1] ?? '').text;
      items.push({ file, link: field('link').trim(), text: `${field('title')}\n\n${field('description')}` });
    }
  }
  return items;
}

/** The labelled items, their text read from ../shared; empty when it is absent. */
export function labelledNews(items = newsItems()): LabelledItem[] {
  if (items.length === 0) return [];
  const byKey = new Map(items.map((item) => [`${item.file}\t${item.link}`, item]));
  const labelled: LabelledItem[] = [];
  for (const line of readFileSync(LABELS, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [file = '', link = '', expected = '', optional = ''] = line.split('\t');
    const item = byKey.get(`${file}\t${link}`);
    if (!item) throw new Error(`news-labels.tsv: no item ${link} in ${file}`);
    labelled.push({ ...item, expected: expected.split('|').filter(Boolean), optional: optional.split('|').filter(Boolean) });
  }
  return labelled;
}
