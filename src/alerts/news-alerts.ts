// From new feed items to queued alerts: scan each article for listed entities, match the channels' subscriptions.
import type { Catalog } from '../designations/catalog.ts';
import type { Entity } from '../designations/model.ts';
import type { Feed, FeedItem } from '../feeds/feed.ts';
import { type MentionIndex, buildMentionIndex } from '../mentions/mention-index.ts';
import { MAX_ARTICLE_TEXT, scanArticleAsync } from '../mentions/scan.ts';
import type { Store } from '../store/store.ts';
import { articleAlerts, articleMentions } from './article-alerts.ts';
import type { NewOutboxAlert } from './outbox.ts';
import { canonicalLink, titleKey } from './story.ts';
import { type AlertMention, mutedBy } from './verdicts.ts';

/** The poller's `process` step: the alerts a batch of new items of one feed causes. */
export type NewsAlerts = (feed: Feed, items: FeedItem[]) => Promise<NewOutboxAlert[]>;

export function newsAlerts(store: Store, catalog: Catalog): NewsAlerts {
  let indexed: readonly Entity[] | null = null;
  let index: MentionIndex | null = null;
  // Built on first use and again after an import swapped the catalog's entities.
  const mentionIndex = (): MentionIndex => {
    if (!index || indexed !== catalog.entities()) {
      indexed = catalog.entities();
      index = buildMentionIndex([...indexed]);
    }
    return index;
  };
  return async (feed, items) => {
    const subscriptions = (await store.subscriptions()).filter((s) => !s.pausedAt);
    if (!subscriptions.length || !items.length) return [];
    const mentions = mentionIndex();
    const muted = mutedBy(await store.verdicts());
    const named: AlertMention[] = [];
    // Title, summary and content together: a name in the headline counts as much as one in the body.
    // Scanned in parts, yielding to the event loop between them, one item after another.
    const scanned: Awaited<ReturnType<typeof scanArticleAsync>>[] = [];
    for (const item of items) scanned.push(await scanArticleAsync(mentions, [item.title, item.summary, item.content].filter(Boolean).join('\n\n').slice(0, MAX_ARTICLE_TEXT)));
    const alerts = items.flatMap((item, i) => {
      const found = scanned[i]!;
      if (!found.length) return [];
      // The canonical link names the article across feeds; an item without one is known by its feed and key.
      const link = canonicalLink(item.link);
      const article = { key: link ?? `${feed.url}#${item.key}`, title: item.title, link: item.link, published: item.published, source: item.feedTitle || feed.title || new URL(feed.url).host };
      const story = { link, titleKey: titleKey(item.title), published: item.published, source: article.source };
      const alerts = articleAlerts(article, found, subscriptions, (id) => catalog.entity(id), muted);
      if (alerts.length) named.push(...articleMentions(article, found, new Date().toISOString()));
      return alerts.map((alert) => ({ ...alert, story }));
    });
    // Before the alerts are queued: a "Not this entity" click on one finds what it names.
    await store.saveAlertMentions(named);
    return alerts;
  };
}
