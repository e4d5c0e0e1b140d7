// Who owns what: each Slack workspace, Discord server and the console is a tenant; the operator's feeds are global.
import type { Feed } from './feeds/feed.ts';

/** The tenant of the operator's feeds (FEEDS, feeds.yml, the defaults, the demo): every channel's. */
export const GLOBAL_TENANT = 'global';

/**
 * The stand-in tenant of a channel's rows stored before tenancy (migration 0006 sets it): the channel's own, so a feed
 * it added reaches only it, until a command from the channel names its real tenant (Store.adoptChannel).
 */
export function channelTenant(platform: string, channelId: string): string {
  return `channel:${platform}:${channelId}`;
}

/** Whether a feed's articles may alert a channel of `tenant`: a global feed any channel, a tenant's feed only its own. */
export function feedReaches(feed: Pick<Feed, 'tenant'>, tenant: string): boolean {
  return feed.tenant === GLOBAL_TENANT || feed.tenant === tenant;
}
