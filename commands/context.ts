// What a command is given: the core it calls and who asked, where; adapters fill it in.
import type { Catalog } from '../src/designations/catalog.ts';
import type { Store } from '../src/store/store.ts';

export type Platform = 'slack' | 'discord' | 'console';

export interface CommandContext {
  catalog: Catalog;
  store: Store;
  platform: Platform;
  channelId: string;
  userId: string;
  /** Whether the user may change what the channel follows (checked by the adapter, per platform). */
  canManage: boolean;
  /** The user asked to post the answer for the whole channel to see. */
  share?: boolean;
}
