// On subscribing: the recent articles that named what the channel now follows, read before it did, so that a subscription is never met with silence.
import { type Subscription, covers } from '../src/alerts/subscription.ts';
import { mutedBy } from '../src/alerts/verdicts.ts';
import { clip } from '../src/messages/reply.ts';
import type { CommandContext } from './context.ts';

/** What a channel now follows, as `covers` reads it. */
export type Followed = Pick<Subscription, 'kind' | 'value' | 'pausedAt'>;

/** How far back articles count as recent. */
export const RECENT_DAYS = 3;
const MAX_ARTICLES = 5;
/** Stored mentions read at most: a busy week of news is not read whole for one reply. */
const MAX_MENTIONS = 2000;

/**
 * Lines naming the articles of the last days whose listed entities `followed` covers, newest first: each article's
 * title, link and the entities it named, marked as recent (already read when the channel subscribed), not new. Only
 * articles the operator's feeds or the channel's tenant's own read: another tenant's feeds are not its to see.
 */
export async function recentArticles(followed: readonly Followed[], ctx: CommandContext, now = new Date()): Promise<string[]> {
  const since = new Date(now.getTime() - RECENT_DAYS * 86_400_000).toISOString();
  const mentions = await ctx.store.recentMentions(ctx.tenant, since, MAX_MENTIONS);
  const muted = mutedBy(await ctx.store.verdicts({ platform: ctx.platform, channelId: ctx.channelId }));
  const articles = new Map<string, { title: string; link: string | null; names: string[] }>();
  for (const m of mentions) {
    const entity = ctx.catalog.entity(m.entityId);
    if (!entity || !followed.some((s) => covers(s, entity)) || muted(ctx.platform, ctx.channelId, entity.id, m.matched)) continue;
    const key = m.articleLink ?? m.articleTitle;
    const article = articles.get(key) ?? { title: m.articleTitle, link: m.articleLink, names: [] };
    if (!article.names.includes(entity.name)) article.names.push(entity.name);
    articles.set(key, article);
  }
  if (!articles.size) return [];
  const shown = [...articles.values()].slice(0, MAX_ARTICLES);
  return [
    `Recent articles that named what it follows (read in the last ${RECENT_DAYS} days, before it subscribed; new ones will alert):`,
    ...shown.map((a) => `• “${clip(a.title, 160)}”${a.link ? ` ${a.link}` : ''} — ${clip(a.names.sort().join(', '), 200)}`),
    ...(articles.size > MAX_ARTICLES ? [`(${articles.size - MAX_ARTICLES} more)`] : []),
  ];
}
