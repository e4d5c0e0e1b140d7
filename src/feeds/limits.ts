// What one feed may make the bot do: items parsed, new items read per poll, text per item, mentions stored per item, alerts per channel an hour.
import type { FeedItem } from './feed.ts';

/**
 * Items parsed of one body, in feed order (newest first, as feeds are written); the rest are not read. Parsing is
 * synchronous: 100,000 small items held the event loop 1.2-6 s; 1,000 items of a news feed's usual fields took
 * 100-300 ms on a loaded machine, 500 half that. Feeds show their newest 10-100 items; a feed of hundreds is an archive.
 */
export const MAX_PARSED_ITEMS = 500;
/**
 * Characters between two `<` the parser is given: longer runs of text are cut first (parse.ts, shortTextRuns). The
 * parser reads text a character at a time: a 3.3 MB title held the event loop 300-900 ms. Real full-text feeds' runs
 * are shorter (27 KB at most in 500 Reuters articles), and the scanner reads far less of an item (MAX_ITEM_TEXT_CHARS).
 */
export const MAX_PARSED_TEXT_RUN = 65_536;
/** New items a poll hands to the scanner; the rest are recorded as seen unread, and the feed flagged. */
export const MAX_NEW_ITEMS_PER_POLL = 100;
/** A headline longer than this is no headline: the rest is cut before scanning. */
export const MAX_TITLE_CHARS = 1_000;
/**
 * Characters of an item's summary and content, together, handed to the scanner: a long article's text (news rarely
 * names its subject past its first paragraphs), and what a scan of it costs bounded. The scanner's cost still grows
 * faster than the text: 16 KB of nothing but listed names took 180-390 ms, 32 KB 250 ms-1.5 s (scripts/bench-hostile-feed.ts).
 */
export const MAX_ITEM_TEXT_CHARS = 16_384;
/**
 * Entities of one article whose mention is stored (alerts/article-alerts.ts, articleMentions): an OFAC press release
 * names a few dozen at most; the scanner reports up to 500 (mentions/scan.ts), which the 100 new items of a poll would
 * make 50,000 rows of. So a poll stores at most 5,000, and they are forgotten after MENTION_KEEP_DAYS (alerts/news-alerts.ts).
 */
export const MAX_STORED_MENTIONS_PER_ARTICLE = 50;
/** Alerts one feed may cause in one channel in a clock hour; the rest are folded into one summary message. */
export const MAX_ALERTS_PER_CHANNEL_FEED_HOUR = 10;

/** The item as the scanner gets it: title and text cut to their limits (a cut inside markup is stripped as text). */
export function capItemText(item: FeedItem): FeedItem {
  const title = item.title.length > MAX_TITLE_CHARS ? item.title.slice(0, MAX_TITLE_CHARS) : item.title;
  const summary = item.summary.slice(0, MAX_ITEM_TEXT_CHARS);
  const content = item.content.slice(0, Math.max(0, MAX_ITEM_TEXT_CHARS - summary.length));
  return title === item.title && summary === item.summary && content === item.content ? item : { ...item, title, summary, content };
}
