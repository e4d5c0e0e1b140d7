// `/sanctions feeds list|add <url>|remove <url>`: the news feeds a tenant sees, and adding or removing its own from chat.
import type { Feed } from '../src/feeds/feed.ts';
import type { FetchOptions } from '../src/feeds/fetch.ts';
import { type FeedRead, readFeed, successState } from '../src/feeds/poll.ts';
import { fetchOptionsFor, isConfigured } from '../src/feeds/sources.ts';
import { type Reply, clip, textReply } from '../src/messages/reply.ts';
import { type CommandContext, DEFAULT_SETTINGS } from './context.ts';
import { feedName, feedState } from './feed-state.ts';
import { syntax } from './help.ts';
import type { Request } from './request.ts';

export interface FeedsOptions {
  /** Over the fetch a new feed is tried with (tests shorten its timeout). */
  fetch?: Partial<FetchOptions>;
}

const REFUSAL = 'Only members who can manage this channel can add or remove feeds. Ask a channel manager or an admin.';
/** Longer is no feed's address: refused before it is fetched, quoted back or stored. */
const MAX_URL_LENGTH = 2000;
/** Feeds one workspace or server may add: every one is polled every few minutes, for all tenants alike. */
export const MAX_FEEDS_PER_TENANT = 50;

export async function feeds(
  request: Extract<Request, { kind: 'feeds' }>,
  ctx: CommandContext,
  options: FeedsOptions = {},
): Promise<Reply> {
  if (request.action === 'list') return listFeeds(ctx);
  if (!ctx.canManage) return textReply(REFUSAL);
  const typed = request.url ?? '';
  if (typed.length > MAX_URL_LENGTH) return textReply(`That URL is longer than ${MAX_URL_LENGTH} characters; no feed's address is.`, true, [syntax(ctx).feedsAdd]);
  const url = feedUrl(typed);
  if (!url) return textReply(`"${clip(typed, 80)}" is not an http or https URL.`, true, [syntax(ctx).feedsAdd]);
  return request.action === 'add' ? addFeed(url, ctx, options) : removeFeed(url, ctx);
}

/**
 * Tries the feed once before saving it, so a typo or a dead feed gets its reason at once; what it
 * holds now is recorded as seen, so only articles published after this can alert. The feed is the
 * tenant's: another tenant adding the same URL gets its own, polled apart.
 */
async function addFeed(url: string, ctx: CommandContext, options: FeedsOptions): Promise<Reply> {
  const seen = await ctx.store.feeds(ctx.tenant);
  const existing = findFeed(seen, url, ctx);
  if (existing && (existing.status !== 'disabled' || isConfigured(existing))) return textReply(`The bot already polls ${name(existing)}.`);
  if (!existing && seen.filter((f) => f.tenant === ctx.tenant).length >= MAX_FEEDS_PER_TENANT) {
    return textReply(`Nothing added: feeds added here number ${MAX_FEEDS_PER_TENANT}, the most one workspace or server may add. Remove one first (${syntax(ctx).feedsRemove}).`);
  }
  const settings = ctx.settings ?? DEFAULT_SETTINGS;
  let read: FeedRead;
  try {
    read = await readFeed({ url, etag: null, lastModified: null }, { ...fetchOptionsFor(existing ?? { addedBy: ctx.userId }, settings.allowPrivateFeeds), ...options.fetch });
  } catch (err) {
    return textReply(`Nothing added: ${url} could not be read (${err instanceof Error ? err.message : String(err)}).`);
  }
  if (read.kind !== 'ok') return textReply(`Nothing added: ${url} answered "not modified" to a plain request.`);
  const now = new Date();
  const { feed } = await ctx.store.addFeed({
    tenant: ctx.tenant,
    url,
    title: read.feed.title,
    addedBy: ctx.userId,
    addedInChannel: `${ctx.platform}:${ctx.channelId}`,
    createdAt: now.toISOString(),
  });
  const keys = read.feed.items.map((i) => i.key);
  await ctx.store.recordPoll(feed.id, keys, [], successState(read, now, settings.feedIntervalMinutes), now.toISOString());
  const count = `${keys.length} item${keys.length === 1 ? '' : 's'}`;
  return textReply(
    `${existing ? 'Polling again' : 'Now polling'} ${read.feed.title ?? url} (${url}): ${count} there now. ` +
      `Articles published from here on are checked every ${settings.feedIntervalMinutes} minutes for listed names.`,
    false,
  );
}

/** Only the tenant's own feeds: another tenant's is answered as if it did not exist, and left alone. */
async function removeFeed(url: string, ctx: CommandContext): Promise<Reply> {
  const feed = findFeed(await ctx.store.feeds(ctx.tenant), url, ctx);
  if (!feed) return textReply(`The bot does not poll ${url}. ${syntax(ctx).feeds} lists those it does.`);
  if (isConfigured(feed)) return textReply(`${name(feed)} comes from the bot's configuration (FEEDS or feeds.yml); only the operator can remove it, there.`);
  await ctx.store.removeFeed(feed.id);
  return textReply(`The bot no longer polls ${name(feed)}.`, false);
}

/** The tenant's feeds and the global ones; URLs and errors for its managers only (a URL may carry a token). */
async function listFeeds(ctx: CommandContext): Promise<Reply> {
  const seen = await ctx.store.feeds(ctx.tenant);
  if (!seen.length) return textReply(`The bot polls no feeds. ${syntax(ctx).feedsAdd} adds one.`);
  return textReply(`The bot polls ${seen.length} feed${seen.length === 1 ? '' : 's'}:`, true, seen.map((f) => `• ${feedName(f, ctx.canManage)}: ${feedState(f, ctx.canManage)}`));
}

// Adding or removing a feed takes its URL, so the replies to those (managers only) name feeds by it.
const name = (feed: Feed) => feedName(feed, true);

/** The feed with this URL among those the tenant sees (`seen`): its own first, else a global one. */
function findFeed(seen: readonly Feed[], url: string, ctx: CommandContext): Feed | undefined {
  const matching = seen.filter((f) => f.url === url);
  return matching.find((f) => f.tenant === ctx.tenant) ?? matching[0];
}

/** The URL as the store keeps it, or null; Slack may wrap a link as `<url>` or `<url|label>`. */
function feedUrl(text: string): string | null {
  const raw = text.trim().replace(/^<([^|>]*)(?:\|[^>]*)?>$/, '$1');
  if (!URL.canParse(raw)) return null;
  const url = new URL(raw);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}
