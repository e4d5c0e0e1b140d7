// A news article's mentions of listed entities, as one alert per subscribed channel saying what was found and why it is there.
import type { Entity } from '../designations/model.ts';
import type { Mention } from '../mentions/find.ts';
import { listLine } from '../messages/entity-card.ts';
import { type Card, type Reply, clip } from '../messages/reply.ts';
import type { NewOutboxAlert } from './outbox.ts';
import { type Subscription, covers, describeSubscription, subscribedChannels } from './subscription.ts';

/** A news item as alerts show it (the feeds map a FeedItem into it). */
export interface Article {
  /** Names the article across polls and feeds (its guid, else its link, else a hash): one alert per article and channel. */
  key: string;
  title: string;
  link: string | null;
  /** As the feed dates it (ISO 8601, or RFC 822 as RSS writes it), where it does. */
  published: string | null;
  /** The feed's title, or its host. */
  source: string;
}

/** Entity cards per alert: with the article's card and a note, within Discord's 10 embeds (Slack's 50 blocks allow more). */
const MAX_ENTITY_CARDS = 8;
/** Characters of the sentence kept on each side of the name. */
const CONTEXT = 160;
const MAX_TEXT = 300;
/** Around the matched text in the sentence: plain characters, which every renderer shows as they are. */
const MARK = ['«', '»'] as const;

interface Covered {
  mention: Mention;
  entity: Entity;
  /** The channel's subscriptions that cover the entity. */
  why: Subscription[];
}

export function articleAlerts(
  article: Article,
  mentions: readonly Mention[],
  subscriptions: readonly Subscription[],
  entityById: (id: string) => Entity | undefined,
): NewOutboxAlert[] {
  // An entity delisted since the scan has no listing left to show.
  const mentioned = strongestPerEntity(mentions).flatMap((mention) => {
    const entity = entityById(mention.entityId);
    return entity ? [{ mention, entity }] : [];
  });
  if (!mentioned.length) return [];
  const entityName = (id: string) => entityById(id)?.name;
  return subscribedChannels(subscriptions).flatMap(({ platform, channelId, subscriptions: followed }) => {
    const covered = mentioned.flatMap(({ mention, entity }) => {
      const why = followed.filter((s) => covers(s, entity));
      return why.length ? [{ mention, entity, why }] : [];
    });
    if (!covered.length) return [];
    const payload = articleMessage(article, covered, entityName);
    return [{ platform, channelId, dedupeKey: `${platform}:${channelId}:article:${article.key}`, payload }];
  });
}

/** Each entity once, by its most confident mention, in the order the article names them. */
function strongestPerEntity(mentions: readonly Mention[]): Mention[] {
  const best = new Map<string, Mention>();
  for (const m of mentions) {
    const seen = best.get(m.entityId);
    if (!seen || m.confidence > seen.confidence || (m.confidence === seen.confidence && m.start < seen.start)) best.set(m.entityId, m);
  }
  return [...best.values()].sort((a, b) => a.start - b.start);
}

function articleMessage(article: Article, covered: Covered[], entityName: (id: string) => string | undefined): Reply {
  const names = covered.map((c) => c.entity.name);
  const shown = covered.slice(0, MAX_ENTITY_CARDS);
  const more = covered.slice(MAX_ENTITY_CARDS);
  return {
    text: clip(`${names.join(', ')} named in “${titleOf(article)}” (${article.source})`, MAX_TEXT),
    cards: [articleCard(article), ...shown.map((c) => entityCard(c, entityName))],
    notes: more.length ? [`Also named: ${more.map((c) => `${c.entity.name} (${listLine(c.entity)})`).join('; ')}`] : [],
    ephemeral: false,
  };
}

function articleCard(article: Article): Card {
  const dated = article.published ? day(article.published) : null;
  return {
    title: titleOf(article),
    subtitle: [article.source, dated].filter(Boolean).join(' · '),
    url: article.link ?? undefined,
    fields: [],
  };
}

function entityCard({ mention, entity, why }: Covered, entityName: (id: string) => string | undefined): Card {
  return {
    title: entity.name,
    subtitle: `${entity.type} · the article says “${mention.matched}”, the list “${mention.alias}” · confidence ${mention.confidence.toFixed(2)}`,
    url: entity.sourceUrl ?? undefined,
    fields: [
      { label: 'Listed', value: listLine(entity) },
      { label: 'This channel follows', value: why.map((s) => describeSubscription(s, entityName)).join('; ') },
      { label: 'In the article', value: highlight(mention.sentence, mention.matched) },
    ],
    footer: entity.id,
  };
}

/** The sentence around the name, the name marked, cut to a few lines around it. */
export function highlight(sentence: string, matched: string): string {
  const text = sentence.replace(/\s+/g, ' ').trim();
  const name = matched.replace(/\s+/g, ' ').trim();
  const found = locate(text, name);
  if (!found) return clip(text, 2 * CONTEXT);
  const before = text.slice(0, found.at);
  const after = text.slice(found.at + found.length);
  const head = before.length > CONTEXT ? `…${before.slice(before.length - CONTEXT).replace(/^\S*\s/, '')}` : before;
  const tail = after.length > CONTEXT ? `${after.slice(0, CONTEXT).replace(/\s\S*$/, '')}…` : after;
  return `${head}${MARK[0]}${text.slice(found.at, found.at + found.length)}${MARK[1]}${tail}`;
}

/** Where `name` is in `text`: as written, else in any case (a headline in capitals). */
function locate(text: string, name: string): { at: number; length: number } | null {
  if (!name) return null;
  const exact = text.indexOf(name);
  if (exact >= 0) return { at: exact, length: name.length };
  const found = new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'iu').exec(text);
  return found ? { at: found.index, length: found[0].length } : null;
}

function titleOf(article: Article): string {
  return article.title.trim() || '(untitled article)';
}

/** YYYY-MM-DD of a feed's date where it parses, else the date as written. */
function day(published: string): string {
  const time = Date.parse(published);
  return Number.isNaN(time) ? published : new Date(time).toISOString().slice(0, 10);
}
