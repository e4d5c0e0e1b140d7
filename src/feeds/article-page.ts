// Reads one article page through the guarded fetcher (SSRF rules, size and time caps) and extracts its main text.
import { FeedError } from './feed.ts';
import { USER_AGENT, fetchFeed } from './fetch.ts';
import { type PageArticle, extractArticle } from './page-text.ts';
import { decodeHtml } from './parse.ts';
import type { AddressGuard, HostResolver } from './ssrf.ts';

export type { PageArticle } from './page-text.ts';

export interface PageLimits {
  /** Which addresses the page may be fetched from, checked on every redirect. */
  guard: AddressGuard;
  /** For the whole fetch, redirects and body; default 10 s. */
  timeoutMs?: number;
  /** Of the decoded page; default 2 MB (the benchmark's largest real page is 0.8 MB). */
  maxBytes?: number;
  /** Of the extracted text; default 100,000 characters (a long feature is 50,000). */
  maxChars?: number;
  resolve?: HostResolver;
}

export const PAGE_DEFAULTS = { timeoutMs: 10_000, maxBytes: 2 * 2 ** 20, maxChars: 100_000 };

/** The bot's name, as for feeds, saying what it fetches pages for. */
const PAGE_USER_AGENT = USER_AGENT.replace('(feed poller', '(article reader');

const ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1';
const HTML_TYPE = /^\s*(?:text\/html|application\/xhtml\+xml)\s*(?:;|$)/i;

/** The page's article; a FeedError says why there is none ("HTTP 404", "timed out after 10 s", "not an HTML page (application/pdf)"). */
export async function readArticlePage(url: string, limits: PageLimits): Promise<PageArticle> {
  const fetched = await fetchFeed(url, { etag: null, lastModified: null }, {
    guard: limits.guard,
    timeoutMs: limits.timeoutMs ?? PAGE_DEFAULTS.timeoutMs,
    maxBytes: limits.maxBytes ?? PAGE_DEFAULTS.maxBytes,
    userAgent: PAGE_USER_AGENT,
    accept: ACCEPT,
    ...(limits.resolve && { resolve: limits.resolve }),
  });
  // Never asked conditionally, so never 304; the type allows it.
  if (fetched.kind !== 'ok') throw new FeedError('no page in the answer');
  if (fetched.contentType && !HTML_TYPE.test(fetched.contentType)) throw new FeedError(`not an HTML page (${fetched.contentType.split(';')[0]!.trim()})`);
  const article = await extractArticle(decodeHtml(fetched.body, fetched.contentType), limits.maxChars ?? PAGE_DEFAULTS.maxChars);
  if (!article) throw new FeedError('no article text found in the page');
  return article;
}

/** What is scanned of a page: its headline, then its text. */
export function pageText(page: PageArticle): string {
  return page.title ? `${page.title}\n\n${page.text}` : page.text;
}
