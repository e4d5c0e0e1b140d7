// An article page's main text, as a reader sees it: @mozilla/readability over linkedom leaves out navigation, boxes of links and comments.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { stripHtml } from '../mentions/html.ts';

export interface PageArticle {
  /** The article's headline as the page gives it; empty when it gives none. */
  title: string;
  /** Its main text, paragraphs separated by blank lines, at most `maxChars` characters. */
  text: string;
}

/** Less main text than this is what Readability makes of a page that holds no article (a menu, a cookie wall). */
const MIN_CHARS = 200;
/** Elements Readability looks at: past this a page is no article, and reading it would hold the event loop too long. */
const MAX_ELEMENTS = 30_000;

/** The page's article, or null when it holds none Readability recognises (an index page, an empty shell). */
export function extractArticle(html: string, maxChars: number): PageArticle | null {
  const { document } = parseHTML(html);
  let article: ReturnType<Readability['parse']>;
  try {
    article = new Readability(document, { maxElemsToParse: MAX_ELEMENTS }).parse();
  } catch {
    // Readability throws on a page over MAX_ELEMENTS; the item's own text is read instead.
    return null;
  }
  if (!article?.content) return null;
  // Its cleaned HTML through the scanner's own stripper rather than textContent, which runs paragraphs together. White
  // space in the markup is a space, as a browser shows it; the line breaks left are those of blocks and <br>.
  const text = stripHtml(article.content.replace(/\s+/g, ' '))
    .text.replace(/[^\S\n]+/g, ' ')
    .replace(/ *\n[\s]*/g, '\n\n')
    .trim();
  if (text.length < MIN_CHARS) return null;
  return { title: (article.title ?? '').replace(/\s+/g, ' ').trim(), text: text.length > maxChars ? text.slice(0, maxChars) : text };
}
