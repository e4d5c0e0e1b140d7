// An article page's main text, as a reader sees it: @mozilla/readability over linkedom (in a worker thread) leaves out navigation, boxes of links and comments.
import { stripHtml } from '../mentions/html.ts';
import { parserThread } from './parser-thread.ts';

export interface PageArticle {
  /** The article's headline as the page gives it; empty when it gives none. */
  title: string;
  /** Its main text, paragraphs separated by blank lines, at most `maxChars` characters. */
  text: string;
}

/** Less main text than this is what Readability makes of a page that holds no article (a menu, a cookie wall). */
const MIN_CHARS = 200;
/** Tags in a page: past this it is no article (the real pages measured hold at most 2,300), and would take long to read. */
const MAX_TAGS = 20_000;
/** A page whose reading takes longer has its worker stopped (a real page takes a tenth of a second). */
const EXTRACT_TIMEOUT_MS = 5_000;

/** The page's article, or null when it holds none Readability recognises (an index page, an empty shell) within `timeoutMs`. */
export async function extractArticle(html: string, maxChars: number, timeoutMs = EXTRACT_TIMEOUT_MS): Promise<PageArticle | null> {
  if (countTags(html) > MAX_TAGS) return null;
  const read = await readability(html, timeoutMs);
  const parsed = read && 'value' in read ? read.value : null;
  if (!parsed?.content) return null;
  // Its cleaned HTML through the scanner's own stripper rather than textContent, which runs paragraphs together. White
  // space in the markup is a space, as a browser shows it; the line breaks left are those of blocks and <br>.
  const text = stripHtml(parsed.content.replace(/\s+/g, ' '))
    .text.replace(/[^\S\n]+/g, ' ')
    .replace(/ *\n\s*/g, '\n\n')
    .trim();
  if (text.length < MIN_CHARS) return null;
  return { title: parsed.title.replace(/\s+/g, ' ').trim(), text: text.length > maxChars ? text.slice(0, maxChars) : text };
}

function countTags(html: string): number {
  let tags = 0;
  for (let at = html.indexOf('<'); at >= 0 && tags <= MAX_TAGS; at = html.indexOf('<', at + 1)) {
    if (/[A-Za-z]/.test(html[at + 1] ?? '')) tags++;
  }
  return tags;
}

// Parsing and Readability take 10-130 ms of CPU a page, which would otherwise hold the event loop (the bot's chats,
// deliveries and polls) that long.
const readability = parserThread<{ title: string; content: string }>('page');
