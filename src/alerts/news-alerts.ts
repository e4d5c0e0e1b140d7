// From new feed items to queued alerts: scan each article for listed entities, match the channels' subscriptions.
import type { Catalog } from '../designations/catalog.ts';
import type { Entity } from '../designations/model.ts';
import type { Feed, FeedItem } from '../feeds/feed.ts';
import { type ArticleTexts, itemText } from '../feeds/full-text.ts';
import { type MentionIndex, buildMentionIndexAsync } from '../mentions/mention-index.ts';
import type { Mention } from '../mentions/find.ts';
import { MAX_ARTICLE_TEXT, scanArticleAsync } from '../mentions/scan.ts';
import type { Store } from '../store/store.ts';
import { feedReaches } from '../tenant.ts';
import { articleAlerts, articleMentions } from './article-alerts.ts';
import type { NewOutboxAlert } from './outbox.ts';
import { canonicalLink, titleKey } from './story.ts';
import { covers } from './subscription.ts';
import { type AlertMention, mutedBy } from './verdicts.ts';

/**
 * Days an article's mentions are kept: what a "Not this entity" click on its alert finds, and what a channel subscribing
 * later is shown (its last days: commands/recent.ts). Older ones are forgotten as new ones are stored.
 */
export const MENTION_KEEP_DAYS = 14;

/** The poller's `process` step: the alerts a batch of new items of one feed causes. */
export type NewsAlerts = (feed: Feed, items: FeedItem[]) => Promise<NewOutboxAlert[]>;

/** `texts`: what is scanned of each item; by default its own text, in the bot the linked page's too (full-text.ts). */
export function newsAlerts(store: Store, catalog: Catalog, texts: ArticleTexts = async (_feed, items) => items.map(itemText)): NewsAlerts {
  let indexed: readonly Entity[] | null = null;
  let index: Promise<MentionIndex> | null = null;
  // Built on first use and again after an import swapped the catalog's entities, in steps with the
  // event loop served between them (a second or more of work at a million names); batches arriving
  // meanwhile wait for the same build.
  const mentionIndex = (): Promise<MentionIndex> => {
    if (!index || indexed !== catalog.entities()) {
      indexed = catalog.entities();
      index = buildMentionIndexAsync([...indexed]);
    }
    return index;
  };
  return async (feed, items) => {
    if (!items.length) return [];
    // A feed added from chat alerts only its own tenant's channels.
    const subscriptions = (await store.subscriptions()).filter((s) => !s.pausedAt && feedReaches(feed, s.tenant));
    // Scanned even when no channel follows anything yet: a channel that subscribes later is shown what it read (commands/recent.ts).
    const mentions = await mentionIndex();
    const muted = mutedBy(await store.verdicts());
    const named: AlertMention[] = [];
    const read = await texts(feed, items);
    const scanned: Mention[][] = [];
    for (const text of read) {
      // At most MAX_ARTICLE_TEXT of an item, in parts with the event loop served between them: Slack acks,
      // Discord interactions and delivery go on.
      scanned.push(await scanArticleAsync(mentions, text.slice(0, MAX_ARTICLE_TEXT)));
    }
    const now = new Date();
    const alerted = (entityId: string) => {
      const entity = catalog.entity(entityId);
      return entity !== undefined && subscriptions.some((s) => covers(s, entity));
    };
    const alerts = items.flatMap((item, i) => {
      const found = scanned[i]!;
      if (!found.length) return [];
      // The canonical link names the article across feeds; an item without one is known by its feed and key.
      const link = canonicalLink(item.link);
      const article = { key: link ?? `${feed.url}#${item.key}`, title: item.title, link: item.link, published: item.published, source: item.feedTitle || feed.title || new URL(feed.url).host };
      const story = { link, titleKey: titleKey(item.title), published: item.published, source: article.source };
      const alerts = articleAlerts(article, found, subscriptions, (id) => catalog.entity(id), muted);
      // Every article's, alerted or not: a channel that subscribes later is shown the recent ones (commands/recent.ts).
      named.push(...articleMentions(article, found, now.toISOString(), alerted));
      return alerts.map((alert) => ({ ...alert, story }));
    });
    // Before the alerts are queued: a "Not this entity" click on one finds what it names.
    await store.saveAlertMentions(named, feed, new Date(now.getTime() - MENTION_KEEP_DAYS * 86_400_000).toISOString());
    return alerts;
  };
}
