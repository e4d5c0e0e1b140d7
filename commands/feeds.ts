// `/sanctions feeds list|add <url>|remove <url>`: the news feeds the bot polls, and adding or removing one from chat.
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
 * holds now is recorded as seen, so only articles published after this can alert.
 */
async function addFeed(url: string, ctx: CommandContext, options: FeedsOptions): Promise<Reply> {
  const existing = await findFeed(ctx, url);
  if (existing && existing.status !== 'disabled') return textReply(`The bot already polls ${name(existing)}.`);
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

async function removeFeed(url: string, ctx: CommandContext): Promise<Reply> {
  const feed = await findFeed(ctx, url);
  if (!feed) return textReply(`The bot does not poll ${url}. ${syntax(ctx).feeds} lists those it does.`);
  if (isConfigured(feed)) return textReply(`${name(feed)} comes from the bot's configuration (FEEDS or feeds.yml); only the operator can remove it, there.`);
  await ctx.store.removeFeed(url);
  return textReply(`The bot no longer polls ${name(feed)}.`, false);
}

async function listFeeds(ctx: CommandContext): Promise<Reply> {
  const all = await ctx.store.feeds();
  if (!all.length) return textReply(`The bot polls no feeds. ${syntax(ctx).feedsAdd} adds one.`);
  return textReply(`The bot polls ${all.length} feed${all.length === 1 ? '' : 's'}:`, true, all.map((f) => `• ${name(f)}: ${feedState(f, true)}`));
}

// The feeds command names feeds by their URL for everyone: adding or removing one takes the URL.
const name = (feed: Feed) => feedName(feed, true);

async function findFeed(ctx: CommandContext, url: string): Promise<Feed | undefined> {
  return (await ctx.store.feeds()).find((f) => f.url === url);
}

/** The URL as the store keeps it, or null; Slack may wrap a link as `<url>` or `<url|label>`. */
function feedUrl(text: string): string | null {
  const raw = text.trim().replace(/^<([^|>]*)(?:\|[^>]*)?>$/, '$1');
  if (!URL.canParse(raw)) return null;
  const url = new URL(raw);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}
