// Which feed items are read in full, and reading them: one fetch per story, one at a time per host, within a poll's budget; a page that fails leaves the item's own text.
import { canonicalLink } from '../alerts/story.ts';
import { log } from '../log.ts';
import { looksLikeHtml, stripHtml } from '../mentions/html.ts';
import { clip } from '../messages/reply.ts';
import type { Store } from '../store/store.ts';
import { PAGE_DEFAULTS, type PageArticle, type PageLimits, pageText, readArticlePage } from './article-page.ts';
import { type Feed, FeedError, type FeedItem } from './feed.ts';

/** feeds.yml's `fullText`: `auto` reads the page of an item that is a teaser, `always` of every item, `never` of none. */
export type FullTextMode = 'auto' | 'always' | 'never';
export const FULL_TEXT_MODES: readonly FullTextMode[] = ['auto', 'always', 'never'];

/** An item whose summary and content hold fewer visible characters than this is a teaser: its page is read. */
const TEASER_CHARS = 1_000;

export interface FullTextOptions extends PageLimits {
  /** Where each feed's page counts are kept, for `/sanctions status`. */
  store: Pick<Store, 'countArticlePages'>;
  /** False (FULL_TEXT=off): no page is fetched. */
  enabled?: boolean;
  /** Per feed URL (feeds.yml's `fullText`); a feed not listed is `auto`. */
  modes?: ReadonlyMap<string, FullTextMode>;
  /** Pages fetched for one feed's poll; later teasers are scanned as they are. Default 10. */
  pagesPerPoll?: number;
  /** No page is started this long after a feed's reading began (the poll's own deadline is 60 s). Default 30 s. */
  budgetMs?: number;
  /** Pages fetched at once from one host. Default 1. */
  perHost?: number;
  /** Between two fetches started on one host. Default 1 s. */
  hostDelayMs?: number;
  /** Pages fetched or extracted at once over all hosts and feeds, which bounds the memory pages take. Default 4. */
  pagesAtOnce?: number;
  /** Stories whose page (or failure) is remembered, so that a story several feeds carry is fetched once. Default 200. */
  remembered?: number;
}

/** The text to scan for each item, in order: the item's own, and its page's main text where that was read. */
export type ArticleTexts = (feed: Feed, items: readonly FeedItem[]) => Promise<string[]>;

type Outcome = { page: PageArticle } | { error: string } | { skipped: true };

const MAX_ERROR_CHARS = 300;

const DEFAULTS = { pagesPerPoll: 10, budgetMs: 30_000, perHost: 1, hostDelayMs: 1_000, pagesAtOnce: 4, remembered: 200 };

/** The item's own text: title, summary and content (a name in the headline counts as much as one in the body). */
export function itemText(item: FeedItem): string {
  return [item.title, item.summary, item.content].filter(Boolean).join('\n\n');
}

export function articleTexts(options: FullTextOptions): ArticleTexts {
  const o = { ...DEFAULTS, ...options };
  const perHost = keyedGate(o.perHost, o.hostDelayMs);
  const overall = keyedGate(o.pagesAtOnce, 0);
  // By canonical link, in the order first asked: the oldest is forgotten first. A fetch under way is shared.
  const stories = new Map<string, Promise<Outcome>>();

  /** The page, unless the poll's time is up by the time its turn comes. */
  const readBefore = async (link: string, deadline: number): Promise<Outcome> => {
    const left = deadline - Date.now();
    if (left <= 0) return { skipped: true };
    try {
      return { page: await readArticlePage(link, { ...o, timeoutMs: Math.min(o.timeoutMs ?? PAGE_DEFAULTS.timeoutMs, left) }) };
    } catch (err) {
      return { error: err instanceof FeedError ? err.message : `unexpected error: ${String(err)}` };
    }
  };
  // The host's turn first, then a slot overall: no slot is held while a host's delay runs.
  const fetchPage = (link: string, deadline: number) => perHost(new URL(link).host, () => overall('', () => readBefore(link, deadline)));

  return async (feed, items) => {
    const mode = o.enabled === false ? 'never' : (o.modes?.get(feed.url) ?? 'auto');
    const deadline = Date.now() + o.budgetMs;
    let pagesLeft = o.pagesPerPoll;
    // Decided in item order before any fetch, so the first items of a long feed get their pages.
    const outcomes = items.map((item): Promise<Outcome> | null => {
      const story = wantsPage(item, mode) ? canonicalLink(item.link) : null;
      if (!story || !item.link) return null;
      const known = stories.get(story);
      if (known) return known;
      if (pagesLeft-- <= 0) return null;
      const pending = fetchPage(item.link, deadline);
      stories.set(story, pending);
      if (stories.size > o.remembered) stories.delete(stories.keys().next().value!);
      // Not fetched for lack of time: another poll may try again.
      void pending.then((outcome) => 'skipped' in outcome && stories.get(story) === pending && stories.delete(story));
      return pending;
    });
    let read = 0;
    let failed = 0;
    const last: { error?: string } = {};
    const texts = await Promise.all(
      items.map(async (item, i) => {
        const outcome = await outcomes[i];
        if (outcome && 'page' in outcome) {
          read++;
          // As visible text, so that the page's plain text is not read as markup along with the item's.
          const own = itemText(item);
          return `${looksLikeHtml(own) ? stripHtml(own).text : own}\n\n${pageText(outcome.page)}`;
        }
        if (outcome && 'error' in outcome) {
          failed++;
          // Clipped: a link may be as long as a feed makes it, and the status shows this on one line.
          last.error = clip(`${outcome.error}: ${item.link}`, MAX_ERROR_CHARS);
          log.info({ feed: feed.url, page: item.link, error: outcome.error }, 'article page not read; its feed item is scanned instead');
        }
        return itemText(item);
      }),
    );
    if (read || failed) await o.store.countArticlePages(feed.id, read, failed, last.error ?? null);
    return texts;
  };
}

/** Whether an item's page is wanted: it has a link, and the mode says so (`auto`: its own text is a teaser). */
function wantsPage(item: FeedItem, mode: FullTextMode): boolean {
  if (!item.link || mode === 'never') return false;
  return mode === 'always' || visibleLength(item.summary) + visibleLength(item.content) < TEASER_CHARS;
}

function visibleLength(html: string): number {
  // Past the threshold already as markup: no need to strip it.
  return html.length > 20 * TEASER_CHARS ? html.length : stripHtml(html).text.trim().length;
}

/**
 * Runs tasks of one key (a host) at most `perKey` at a time, starts spaced by `delayMs`, in the order asked: a polite
 * reader does not hit one site with a feed's worth of requests at once.
 */
function keyedGate(perKey: number, delayMs: number): <T>(key: string, task: () => Promise<T>) => Promise<T> {
  interface Host {
    active: number;
    nextStart: number;
    waiting: (() => void)[];
  }
  const hosts = new Map<string, Host>();
  return async (name, task) => {
    let host = hosts.get(name);
    if (!host) {
      if (hosts.size >= MAX_HOSTS) forgetIdle(hosts);
      hosts.set(name, (host = { active: 0, nextStart: 0, waiting: [] }));
    }
    if (host.active < perKey) host.active++;
    else await new Promise<void>((resolve) => host.waiting.push(resolve));
    const wait = host.nextStart - Date.now();
    host.nextStart = Math.max(Date.now(), host.nextStart) + delayMs;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    try {
      return await task();
    } finally {
      // The slot passes to the next task waiting, if any.
      const next = host.waiting.shift();
      if (next) next();
      else host.active--;
    }
  };
}

/** Hosts remembered before those idle and past their delay are forgotten. */
const MAX_HOSTS = 256;

function forgetIdle(hosts: Map<string, { active: number; nextStart: number }>): void {
  const now = Date.now();
  for (const [name, host] of hosts) if (host.active === 0 && host.nextStart <= now) hosts.delete(name);
}
