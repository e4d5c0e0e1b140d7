// One story, one alert: when two news items are the same story, and how a channel's alerts about one story merge into one.
import type { Reply } from '../messages/reply.ts';
import { withSources } from './article-alerts.ts';
import { type StoryMerge, UNSENT } from '../store/store.ts';
import type { NewOutboxAlert, OutboxStatus } from './outbox.ts';

/** Two items whose titles are near-identical are one story only when dated this close. */
export const TITLE_WINDOW_HOURS = 48;
/** How long a channel's stories are kept to merge later items into; a link seen again after that is still dropped by the outbox's dedupe key. */
export const STORY_DAYS = 7;


/** The story an alert about a news item is about (set by the news alerts, read by the store). */
export interface StoryMark {
  /** The item's canonical link (canonicalLink), or null. */
  link: string | null;
  /** The item's title as compared (titleKey). */
  titleKey: string;
  /** ISO; null when the feed gives no date (the poll's time stands in). */
  published: string | null;
  /** The feed that carried it, as the alert names it. */
  source: string;
}

/** A story a channel was alerted to, as the store keeps it. */
export interface Story {
  platform: string;
  channelId: string;
  /** Its first item's canonical link, or null. */
  link: string | null;
  titleKey: string;
  publishedAt: string;
  /** The dedupe key of the channel's one alert about it. */
  alertKey: string;
  /** Every feed that carried it, the first first. */
  sources: string[];
  firstSeenAt: string;
}

export interface StoredStory extends Story {
  id: number;
  /** Where its alert stands in the outbox (null: no longer there). */
  alert: { status: OutboxStatus; payload: unknown } | null;
}

/** What a batch of alerts changes: the alerts of new stories, and the stories (and pending alerts) that gained a source. */
export interface StoryWrites {
  /** To queue: the alerts about stories new to their channel, and those about no story. */
  alerts: NewOutboxAlert[];
  created: Story[];
  sourcesAdded: { id: number; sources: string[] }[];
  /** Alerts not sent yet, now listing every source. */
  payloads: { alertKey: string; payload: Reply }[];
}

/**
 * Merges `alerts` with the channels' `stored` stories, in order: an alert about a story its channel already has
 * (by canonical link, or by a near-identical title from another feed within TITLE_WINDOW_HOURS) is not queued; its
 * source joins the story's, and the story's alert lists it if it is not sent yet. Alerts without a story pass through.
 */
export function mergeStories(alerts: readonly NewOutboxAlert[], stored: readonly StoredStory[], now: string): StoryWrites {
  interface Known {
    story: Story;
    id: number | null;
    /** The story's alert while it can still change: unsent in the outbox, or queued by this batch. */
    pending: { payload: Reply } | null;
    changed: boolean;
  }
  const known: Known[] = stored.map((s) => ({
    story: { ...s, sources: [...s.sources] },
    id: s.id,
    pending: s.alert && UNSENT.includes(s.alert.status) ? { payload: s.alert.payload as Reply } : null,
    changed: false,
  }));
  // In the order given, each new story's alert with the payload that will be queued (later sources may join it).
  const queued: { alert: NewOutboxAlert; pending?: { payload: Reply } }[] = [];
  for (const alert of alerts) {
    const mark = alert.story;
    if (!mark) {
      queued.push({ alert });
      continue;
    }
    const published = mark.published ?? now;
    const match = known.find((k) => k.story.platform === alert.platform && k.story.channelId === alert.channelId && sameStory(k.story, mark, published));
    if (!match) {
      const pending = { payload: alert.payload as Reply };
      queued.push({ alert, pending });
      const story = { platform: alert.platform, channelId: alert.channelId, link: mark.link, titleKey: mark.titleKey, publishedAt: published, alertKey: alert.dedupeKey, sources: [mark.source], firstSeenAt: now };
      known.push({ story, id: null, pending, changed: false });
      continue;
    }
    if (match.story.sources.includes(mark.source)) continue;
    match.story.sources.push(mark.source);
    match.changed = true;
    if (match.pending) match.pending.payload = withSources(match.pending.payload, match.story.sources);
  }
  const old = known.filter((k): k is Known & { id: number } => k.id !== null && k.changed);
  return {
    alerts: queued.map(({ alert, pending }) => (pending ? { ...alert, payload: pending.payload } : alert)),
    created: known.filter((k) => k.id === null).map((k) => k.story),
    sourcesAdded: old.map((k) => ({ id: k.id, sources: k.story.sources })),
    payloads: old.flatMap((k) => (k.pending ? [{ alertKey: k.story.alertKey, payload: k.pending.payload }] : [])),
  };
}

/**
 * The same link is the same story. A near-identical title is too, when dated within TITLE_WINDOW_HOURS and from
 * another feed: one feed's two items under one title (OFAC's "Russia-related Designations" on two days) are two stories.
 */
function sameStory(story: Story, mark: StoryMark, published: string): boolean {
  if (story.link !== null && story.link === mark.link) return true;
  if (story.sources.includes(mark.source)) return false;
  const apart = Math.abs(Date.parse(story.publishedAt) - Date.parse(published));
  return apart <= TITLE_WINDOW_HOURS * 3_600_000 && nearIdenticalTitles(story.titleKey, mark.titleKey);
}

/** Query parameters that say how a reader arrived (campaigns, clicks, referrers, AMP), not which page they read. */
const TRACKING =
  /^(utm_\w+|fbclid|gclid|gclsrc|dclid|msclkid|yclid|igshid|mc_cid|mc_eid|_ga|_gl|ref|ref_src|ref_url|referrer|ocid|cmpid|cmp|icid|ncid|smid|smtyp|at_medium|at_campaign|at_custom\d*|xtor|sr_share|taid|guccounter|mkt_tok|s_cid|amp)$/i;

/**
 * The link as the same page is written everywhere: https, host without `www.` or `amp.`, no fragment, no tracking
 * parameters, the rest sorted, no AMP path segment, no trailing slash. Null for what is not an http(s) URL.
 */
export function canonicalLink(link: string | null): string | null {
  if (!link || !URL.canParse(link)) return null;
  const url = new URL(link);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.replace(/^(www|amp)\./, '');
  const params = [...url.searchParams].filter(([key, value]) => !TRACKING.test(key) && !(key.toLowerCase() === 'outputtype' && value === 'amp'));
  params.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  const query = params.length ? `?${new URLSearchParams(params)}` : '';
  const path = url.pathname.replace(/^\/amp(?=\/)/, '').replace(/\/amp\/?$/, '').replace(/\/+$/, '');
  return `https://${host}${url.port ? `:${url.port}` : ''}${path}${query}`;
}

/** A publisher's name after a dash or bar ("… - BBC News", "… | Reuters"): up to three capitalised words. */
const PUBLISHER_SUFFIX = /\s+[-–—|]\s+[\p{Lu}\d][\p{L}\d.&']*(?:\s+[\p{Lu}\d][\p{L}\d.&']*){0,2}$/u;

/**
 * A title as compared: the publisher's name after a dash dropped, accents, case and punctuation folded ("U.S." is
 * "us", "Korea's" is "koreas"), words separated by single spaces.
 */
export function titleKey(title: string): string {
  const stripped = title.replace(PUBLISHER_SUFFIX, '');
  const kept = words(stripped).length >= MIN_TITLE_WORDS ? stripped : title;
  return words(kept).join(' ');
}

function words(title: string): string[] {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[.'’‘ʼ]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Shorter titles ("Press release", "Daily briefing") say too little to tell stories apart: they never match. */
const MIN_TITLE_WORDS = 4;
/** Words added or dropped allowed per this many words of the longer title: none under eight words, one up to fifteen. */
const WORDS_PER_EDIT = 8;

/**
 * Titles the same but for a word added or dropped per eight, in order: "Dog bites man" and "Man bites dog" differ,
 * and a word replaced counts twice ("firms" for "officials" is another story). Deliberately strict: two stories
 * merged is an alert lost, one story twice is a repeat.
 */
export function nearIdenticalTitles(a: string, b: string): boolean {
  const x = a.split(' ').filter(Boolean);
  const y = b.split(' ').filter(Boolean);
  if (Math.min(x.length, y.length) < MIN_TITLE_WORDS) return false;
  const allowed = Math.floor(Math.max(x.length, y.length) / WORDS_PER_EDIT);
  return Math.abs(x.length - y.length) <= allowed && x.length + y.length - 2 * commonWords(x, y) <= allowed;
}

/** The length of the longest common subsequence of two word lists. */
function commonWords(x: readonly string[], y: readonly string[]): number {
  let previous = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    const row = [0];
    for (let j = 1; j <= y.length; j++) row[j] = x[i - 1] === y[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, row[j - 1]!);
    previous = row;
  }
  return previous[y.length]!;
}

/** The merge the store runs as it records a poll: stories kept STORY_DAYS. */
export const STORY_MERGE: StoryMerge = { keepDays: STORY_DAYS, merge: mergeStories };
