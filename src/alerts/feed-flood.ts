// Caps the alerts one feed causes in one channel per clock hour; the rest are folded into one summary message per hour.
import type { Feed } from '../feeds/feed.ts';
import { MAX_ALERTS_PER_CHANNEL_FEED_HOUR } from '../feeds/limits.ts';
import { textReply } from '../messages/reply.ts';
import type { NewOutboxAlert } from './outbox.ts';

/** Alerts a feed caused in a channel in one hour: sent (or queued) one by one, and folded into the hour's summary. */
export interface FeedAlertCount {
  feedId: number;
  platform: string;
  channelId: string;
  /** ISO time of the hour's start. */
  hour: string;
  alerts: number;
  folded: number;
  /** The entities the folded alerts name, each once, the first met first. */
  entities: string[];
}

export interface LimitedAlerts {
  /** The alerts within the limit, then a summary per channel that had some folded this time. */
  alerts: NewOutboxAlert[];
  /** The summaries among `alerts`: an unsent one of the same hour is replaced by its newer count. */
  summaries: NewOutboxAlert[];
  /** The hour's counts of every channel this poll alerted, to store. */
  counts: FeedAlertCount[];
  folded: number;
}

/** Names a summary lists; the rest are counted. */
const NAMES_SHOWN = 3;
/** Names kept per count: enough for the summary, bounded whatever the flood. */
const NAMES_KEPT = 10;

export function hourOf(now: Date): string {
  return `${now.toISOString().slice(0, 13)}:00:00.000Z`;
}

/**
 * Keeps each channel's alerts from `feed` within MAX_ALERTS_PER_CHANNEL_FEED_HOUR this hour, given the hour's
 * `counts` so far; the rest become one summary per channel and hour ("and 312 more articles from Feed X
 * mentioning SEK STUDIO in the last hour").
 */
export function limitFeedAlerts(feed: Feed, alerts: readonly NewOutboxAlert[], counts: readonly FeedAlertCount[], now: Date, max = MAX_ALERTS_PER_CHANNEL_FEED_HOUR): LimitedAlerts {
  const hour = hourOf(now);
  const byChannel = new Map<string, FeedAlertCount>();
  for (const c of counts) if (c.hour === hour) byChannel.set(`${c.platform}:${c.channelId}`, { ...c, entities: [...c.entities] });
  const kept: NewOutboxAlert[] = [];
  const foldedNow = new Set<FeedAlertCount>();
  for (const alert of alerts) {
    const key = `${alert.platform}:${alert.channelId}`;
    let count = byChannel.get(key);
    if (!count) byChannel.set(key, (count = { feedId: feed.id, platform: alert.platform, channelId: alert.channelId, hour, alerts: 0, folded: 0, entities: [] }));
    if (count.alerts < max) {
      count.alerts++;
      kept.push(alert);
      continue;
    }
    count.folded++;
    foldedNow.add(count);
    for (const name of alert.entities ?? []) if (count.entities.length < NAMES_KEPT && !count.entities.includes(name)) count.entities.push(name);
  }
  const summaries = [...foldedNow].map((count) => summary(feed, count, max));
  const folded = alerts.length - kept.length;
  return { alerts: [...kept, ...summaries], summaries, counts: [...byChannel.values()], folded };
}

function summary(feed: Feed, count: FeedAlertCount, max: number): NewOutboxAlert {
  const source = feed.title || new URL(feed.url).host;
  const names = count.entities.slice(0, NAMES_SHOWN).join(', ');
  const others = count.entities.length > NAMES_SHOWN ? ` and other listed names` : '';
  const mentioning = names ? ` mentioning ${names}${others}` : '';
  const text = `…and ${count.folded.toLocaleString('en-US')} more ${count.folded === 1 ? 'article' : 'articles'} from ${source}${mentioning} in the last hour.`;
  const note = `Not posted one by one: a channel gets at most ${max} alerts an hour from one feed. /sanctions status shows the feed as flooding.`;
  return {
    platform: count.platform,
    channelId: count.channelId,
    dedupeKey: `${count.platform}:${count.channelId}:feed-flood:${feed.id}:${count.hour}`,
    payload: textReply(text, false, [note]),
  };
}
