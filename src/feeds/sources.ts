// The feeds the operator configured (FEEDS, feeds.yml, else a default set, else the bundled demo), and how each feed may be fetched.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { allowPrivateFeeds } from '../config.ts';
import { PROJECT_ROOT } from '../project-files.ts';
import type { Store } from '../store/store.ts';
import { GLOBAL_TENANT } from '../tenant.ts';
import { type Feed, FROM_CONFIG, FROM_DEMO } from './feed.ts';
import { type FeedSource, parseFeedsFile, toFeedSource } from './feeds-file.ts';
import type { FetchOptions } from './fetch.ts';
import type { FullTextMode } from './full-text.ts';
import { anyAddress, publicAddressesOnly } from './ssrf.ts';

export type { FeedSource } from './feeds-file.ts';

/** The bundled demo feeds' directory: the only place a file: feed URL may point to. */
export const DEMO_DIR = join(PROJECT_ROOT, 'data', 'feeds');
const DEMO_FILES = ['demo-world-news.rss', 'demo-press-releases.atom'];

/**
 * Polled when neither FEEDS nor feeds.yml names any (the defaults): official US sources on
 * sanctions, then world news, where designated names turn up in stories.
 */
// The addresses these publishers give for their feeds, as other feed readers use them; they could not be
// fetched from here (no internet), so a move on their side shows as a failing feed in `/sanctions status`
// and in the log, and FEEDS or feeds.yml replaces the whole set.
export const DEFAULT_FEEDS: FeedSource[] = [
  // US Treasury press releases: sanctions announcements with the names designated.
  { url: 'https://home.treasury.gov/news/press-releases/feed' },
  // OFAC recent actions: designations, delistings, general licenses.
  { url: 'https://ofac.treasury.gov/system/files/126/ofac.xml' },
  // US State Department press releases: State designations, visa bans.
  { url: 'https://www.state.gov/rss-feed/press-releases/feed/' },
  // World news.
  { url: 'https://feeds.bbci.co.uk/news/world/rss.xml' },
  { url: 'https://www.theguardian.com/world/rss' },
  { url: 'https://www.aljazeera.com/xml/rss/all.xml' },
];

export interface FeedSettings {
  /** Where the list came from, for the start-up log. */
  origin: 'FEEDS' | 'feeds.yml' | 'FEEDS and feeds.yml' | 'defaults' | 'demo';
  /** FROM_DEMO for the bundled demo feeds, FROM_CONFIG for every other configured feed. */
  addedBy: typeof FROM_CONFIG | typeof FROM_DEMO;
  sources: FeedSource[];
  /** FEED_ALLOW_PRIVATE=true: feeds added from chat may reach private and loopback addresses too. */
  allowPrivate: boolean;
}

/**
 * The configured feeds: FEEDS (URLs separated by commas or white space) and feeds.yml in `root`,
 * together; neither: the defaults, or, with no chat platform configured either, the bundled demo.
 */
export function feedSettings(env: NodeJS.ProcessEnv, options: { chatConfigured: boolean; root?: string }): FeedSettings {
  const allowPrivate = allowPrivateFeeds(env);
  const fromEnv = (env.FEEDS ?? '').split(/[\s,]+/).filter(Boolean).map((url) => toFeedSource(url, 'FEEDS'));
  const file = join(options.root ?? PROJECT_ROOT, 'feeds.yml');
  const fromFile = existsSync(file) ? parseFeedsFile(readFileSync(file, 'utf8')) : [];
  if (fromEnv.length || fromFile.length) {
    const origin = fromEnv.length && fromFile.length ? 'FEEDS and feeds.yml' : fromEnv.length ? 'FEEDS' : 'feeds.yml';
    return { origin, addedBy: FROM_CONFIG, sources: distinct([...fromEnv, ...fromFile]), allowPrivate };
  }
  if (options.chatConfigured) return { origin: 'defaults', addedBy: FROM_CONFIG, sources: DEFAULT_FEEDS, allowPrivate };
  const demo = DEMO_FILES.map((name) => ({ url: pathToFileURL(join(DEMO_DIR, name)).href }));
  return { origin: 'demo', addedBy: FROM_DEMO, sources: demo, allowPrivate };
}

/** Per-feed `fullText` by URL, for the article reader; the demo feeds' links are placeholders, never read. */
export function fullTextModes(settings: FeedSettings): Map<string, FullTextMode> {
  return new Map(settings.sources.flatMap((s) => (settings.addedBy === FROM_DEMO ? [[s.url, 'never'] as const] : s.fullText ? [[s.url, s.fullText] as const] : [])));
}

/** Per-feed poll intervals by URL, for the poller. */
export function pollIntervals(settings: FeedSettings): Map<string, number> {
  return new Map(settings.sources.flatMap((s) => (s.intervalMinutes ? [[s.url, s.intervalMinutes] as const] : [])));
}

/**
 * Makes the store's configured feeds those of `settings`: adds the missing, removes the configured
 * ones no longer listed (feeds added from chat stay), and gives a disabled one another chance.
 */
export async function syncConfiguredFeeds(store: Store, settings: FeedSettings, now = new Date()): Promise<{ added: string[]; removed: string[] }> {
  const wanted = new Set(settings.sources.map((s) => s.url));
  const removed: string[] = [];
  for (const feed of await store.feeds(GLOBAL_TENANT)) {
    if (!isConfigured(feed)) continue;
    if (!wanted.has(feed.url)) {
      await store.removeFeed(feed.id);
      removed.push(feed.url);
    } else if (feed.status === 'disabled') {
      await store.updateFeed(feed.id, { status: 'active', failures: 0, nextPollAt: null });
    }
  }
  const added: string[] = [];
  for (const { url } of settings.sources) {
    const { created } = await store.addFeed({ tenant: GLOBAL_TENANT, url, title: null, addedBy: settings.addedBy, addedInChannel: settings.addedBy, createdAt: now.toISOString() });
    if (created) added.push(url);
  }
  return { added, removed };
}

/**
 * How a feed may be fetched. The operator's own feeds may reach any address (an intranet feed is
 * theirs to poll); feeds added from chat only public ones, unless FEED_ALLOW_PRIVATE=true; only
 * the bundled demo feeds may be files.
 */
export function fetchOptionsFor(feed: Pick<Feed, 'addedBy'>, allowPrivate: boolean): FetchOptions {
  if (feed.addedBy === FROM_DEMO) return { guard: anyAddress, fileRoot: DEMO_DIR };
  return { guard: isConfigured(feed) || allowPrivate ? anyAddress : publicAddressesOnly };
}

/** A feed the operator's configuration owns (the next start re-adds it), not one added from chat. */
export function isConfigured(feed: Pick<Feed, 'addedBy'>): boolean {
  return feed.addedBy === FROM_CONFIG || feed.addedBy === FROM_DEMO;
}

function distinct(sources: FeedSource[]): FeedSource[] {
  return [...new Map(sources.map((s) => [s.url, s])).values()];
}
