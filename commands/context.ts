// What a command is given: the core it calls and who asked, where; adapters fill it in.
import type { Catalog } from '../src/designations/catalog.ts';
import type { ScreeningQueue } from '../src/screening/queue.ts';
import type { Store } from '../src/store/store.ts';
import type { CommandSyntax } from './help.ts';

export type Platform = 'slack' | 'discord' | 'console';

/** The bot's settings that commands answer by; the composition root fills them from the config. */
export interface CommandSettings {
  /** FEED_ALLOW_PRIVATE: a feed added from chat may reach private and loopback addresses. */
  allowPrivateFeeds: boolean;
  /** Minutes between polls of a feed, to say when a new feed is next read. */
  feedIntervalMinutes: number;
  /** The cron schedule lists are refreshed on, to say when next; absent: no scheduled refresh. */
  listRefreshCron?: string;
}

/** With nothing configured: the safe choices. */
export const DEFAULT_SETTINGS: CommandSettings = { allowPrivateFeeds: false, feedIntervalMinutes: 5 };

export interface CommandContext {
  catalog: Catalog;
  store: Store;
  /** DEFAULT_SETTINGS when absent. */
  settings?: CommandSettings;
  platform: Platform;
  /** The workspace or server asked from (a Slack team, a Discord guild, the console; src/tenant.ts): whose feeds it sees and changes. */
  tenant: string;
  channelId: string;
  userId: string;
  /**
   * The platform's id of this request, signed with it (Slack's trigger_id, Discord's interaction id): a request that
   * changes something is refused when its id was seen before (a replay). The console has none.
   */
  requestId?: string;
  /** Whether the user may change what the channel follows (checked by the adapter, per platform). */
  canManage: boolean;
  /** The user asked to post the answer for the whole channel to see. */
  share?: boolean;
  /** How users of the platform type each command (the adapter's); TEXT_SYNTAX when absent. */
  syntax?: CommandSyntax;
  /**
   * Asks the platform whether the bot can post alerts in this channel: what stands in the way, said for the user, or
   * null (also when the platform cannot tell). Absent: the bot always can (the console).
   */
  canPost?: () => Promise<string | null>;
}

/** What an adapter is started with and hands every command: the core and the settings; `screenings`: a line of its own (default: the process's). */
export type CommandDeps = Pick<CommandContext, 'catalog' | 'store' | 'settings'> & { screenings?: ScreeningQueue };
