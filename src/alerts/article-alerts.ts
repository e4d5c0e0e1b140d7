// A news article's mentions of listed entities, as one alert per subscribed channel saying what was found and why it is there.
import type { Entity } from '../designations/model.ts';
import { MAX_STORED_MENTIONS_PER_ARTICLE } from '../feeds/limits.ts';
import type { Mention } from '../mentions/find.ts';
import { listLine } from '../messages/entity-card.ts';
import { type Card, type Reply, clip } from '../messages/reply.ts';
import type { NewOutboxAlert } from './outbox.ts';
import { type Subscription, covers, describeSubscription, subscribedChannels, waitsForDigest } from './subscription.ts';
import { type AlertMention, MUTE, type Muted, NOTHING_MUTED, mentionToken } from './verdicts.ts';

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
/** The article card's field naming every feed that carried the story. */
const SOURCES = 'Sources';

interface Covered {
  mention: Mention;
  /** The entity's other mentions taken for it by a surname, acronym or short form. */
  linked: Mention[];
  entity: Entity;
  /** The channel's subscriptions that cover the entity. */
  why: Subscription[];
  /** What its "Not this entity" action sends back. */
  token: string;
}

export function articleAlerts(
  article: Article,
  mentions: readonly Mention[],
  subscriptions: readonly Subscription[],
  entityById: (id: string) => Entity | undefined,
  /** The channels' verdicts: an entity muted for the text that matched it is left out of that channel's alert. */
  muted: Muted = NOTHING_MUTED,
): NewOutboxAlert[] {
  // An entity delisted since the scan has no listing left to show.
  const mentioned = strongestPerEntity(mentions).flatMap((mention) => {
    const entity = entityById(mention.entityId);
    const linked = mentions.filter((m) => m.entityId === mention.entityId && m.linkedTo && m !== mention);
    return entity ? [{ mention, entity, linked }] : [];
  });
  if (!mentioned.length) return [];
  const entityName = (id: string) => entityById(id)?.name;
  return subscribedChannels(subscriptions).flatMap(({ platform, channelId, subscriptions: followed }) => {
    const covered = mentioned.flatMap(({ mention, entity, linked }) => {
      if (muted(platform, channelId, entity.id, mention.matched)) return [];
      const why = followed.filter((s) => covers(s, entity));
      return why.length ? [{ mention, linked, entity, why, token: mentionToken(entity.id, mention.matched, article.key) }] : [];
    });
    if (!covered.length) return [];
    const payload = articleMessage(article, covered, entityName);
    const digest = covered.every((c) => waitsForDigest(c.why, false));
    return [{ platform, channelId, dedupeKey: `${platform}:${channelId}:article:${article.key}`, payload, digest, entities: covered.map((c) => c.entity.name) }];
  });
}

/**
 * The entities an article names, each by the token its cards' "Not this entity" action carries: stored with the alerts.
 * At most MAX_STORED_MENTIONS_PER_ARTICLE, those `alerted` first (their cards' actions must find them), then in the
 * article's order: an article stuffed with listed names cannot fill the database.
 */
export function articleMentions(article: Article, mentions: readonly Mention[], now: string, alerted: (entityId: string) => boolean): AlertMention[] {
  const named = strongestPerEntity(mentions);
  const kept = [...named.filter((m) => alerted(m.entityId)), ...named.filter((m) => !alerted(m.entityId))].slice(0, MAX_STORED_MENTIONS_PER_ARTICLE);
  return kept.map((m) => ({
    token: mentionToken(m.entityId, m.matched, article.key),
    entityId: m.entityId,
    matched: m.matched,
    articleLink: article.link,
    articleTitle: titleOf(article),
    createdAt: now,
  }));
}

/** The alert about a story once several feeds carried it: its article card lists them all. */
export function withSources(reply: Reply, sources: readonly string[]): Reply {
  const [article, ...entities] = reply.cards;
  if (!article) return reply;
  const fields = [...article.fields.filter((f) => f.label !== SOURCES), { label: SOURCES, value: sources.join('; ') }];
  return { ...reply, cards: [{ ...article, fields }, ...entities] };
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

function entityCard({ mention, linked, entity, why, token }: Covered, entityName: (id: string) => string | undefined): Card {
  return {
    title: entity.name,
    subtitle: `${entity.type} · the article says “${mention.matched}”${linkedWhy(mention)}, the list “${mention.alias}” · confidence ${mention.confidence.toFixed(2)}`,
    url: entity.sourceUrl ?? undefined,
    fields: [
      { label: 'Listed', value: listLine(entity) },
      { label: 'This channel follows', value: why.map((s) => describeSubscription(s, entityName)).join('; ') },
      { label: 'In the article', value: highlight(mention.sentence, mention.matched) },
      ...(linked.length ? [{ label: 'Followed through the story', value: followedLine(linked) }] : []),
    ],
    footer: entity.id,
    actions: [{ kind: MUTE, label: 'Not this entity', value: token }],
  };
}

/** `“Zakir” twice, taken for “Shohrat Zakir”; “the battalion”, taken for “Rapid Action Battalion”`: later mentions and the full ones they stand for. */
function followedLine(linked: Mention[]): string {
  const groups = new Map<string, { matched: string; times: number; full: string }>();
  for (const m of linked) {
    const matched = m.matched.replace(/\s+/g, ' ');
    const full = m.linkedTo!.matched.replace(/\s+/g, ' ');
    const key = `${matched}\u0000${full}`;
    const group = groups.get(key) ?? { matched, times: 0, full };
    group.times++;
    groups.set(key, group);
  }
  const times = (n: number) => (n === 1 ? '' : n === 2 ? ' twice' : ` ${n} times`);
  return clip([...groups.values()].map((g) => `“${g.matched}”${times(g.times)}, taken for “${g.full}”`).join('; '), MAX_TEXT);
}

/** For a surname, acronym or short form: which full mention of the article it was taken for. */
function linkedWhy(mention: Mention): string {
  return mention.linkedTo ? ` (taken for “${clip(mention.linkedTo.matched.replace(/\s+/g, ' '), 80)}” named earlier)` : '';
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
