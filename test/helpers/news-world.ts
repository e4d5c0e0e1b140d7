// A store holding the real SDN list's North Korean designations, channels following North Korea, and news items that name SEK STUDIO: what "Not this entity" tests alert on.
import { fileURLToPath } from 'node:url';
import { newsAlerts } from '../../src/alerts/news-alerts.ts';
import type { NewOutboxAlert } from '../../src/alerts/outbox.ts';
import { type Catalog, loadCatalog } from '../../src/designations/catalog.ts';
import type { Entity } from '../../src/designations/model.ts';
import { parseOfacList } from '../../src/designations/ofac-csv.ts';
import type { Feed, FeedItem } from '../../src/feeds/feed.ts';
import type { Reply } from '../../src/messages/reply.ts';
import type { Store } from '../../src/store/store.ts';

const SDN = fileURLToPath(new URL('../../data/ofac-sdn', import.meta.url));
export const SEK = 'ofac-sdn-34022';

// The demo feed's summary of OFAC's 10 Dec 2021 action, another report by the same name, and one by its listed alias.
export const BY_NAME = 'SEK Studio, the Pyongyang animation house behind many North Korean cartoons, was among the entities the Treasury designated on Friday.';
export const BY_NAME_AGAIN = 'Cartoons by SEK Studio, the state animation house in Pyongyang, earn North Korea foreign currency, the Treasury said.';
export const BY_ALIAS = 'The Scientific Education Korea Studio in Pyongyang, North Korea, makes cartoons for foreign studios, the Treasury said.';

const FEED: Feed = {
  id: 1,
  tenant: 'global',
  url: 'https://news.example/feed.xml',
  title: 'World news',
  addedBy: 'config',
  addedInChannel: 'config',
  etag: null,
  lastModified: null,
  status: 'active',
  failures: 0,
  lastSuccessAt: null,
  lastError: null,
  nextPollAt: null,
  createdAt: '2021-12-10T00:00:00.000Z',
  floodedAt: null,
  floodNote: null,
  pagesRead: 0,
  pagesFailed: 0,
  lastPageError: null,
};

export interface NewsWorld {
  store: Store;
  catalog: Catalog;
  /** The alerts a new item with `summary` causes (its mentions stored as a poll stores them); items are numbered 1, 2, ... */
  publish(summary: string): Promise<NewOutboxAlert[]>;
}

let northKorean: Promise<Entity[]> | undefined;

/** `store` given the North Korean designations, and each of `channels` following North Korea. */
export async function newsWorld(store: Store, channels: { platform: string; channelId: string }[]): Promise<NewsWorld> {
  northKorean ??= parseOfacList([SDN], 'sdn').then((list) => list.filter((e) => e.countries.includes('KP')));
  const entities = await northKorean;
  const now = new Date().toISOString();
  await store.applyListVersion({ id: 'ofac-sdn', name: 'OFAC SDN List', source: SDN, versionDate: '2021-12-10', importedAt: now, entityCount: entities.length, contentHash: 'kp' }, entities, []);
  for (const channel of channels) await store.addSubscription({ ...channel, kind: 'country', value: 'KP', createdBy: 'UMANAGER', createdAt: now });
  const catalog = await loadCatalog(store);
  const alerts = newsAlerts(store, catalog);
  let items = 0;
  const item = (summary: string): FeedItem => {
    items += 1;
    return { key: `item-${items}`, title: `North Korea story ${items}`, link: `https://news.example/story-${items}`, published: '2021-12-10T18:30:00Z', summary, content: '', feedTitle: 'World news' };
  };
  return { store, catalog, publish: (summary) => alerts(FEED, [item(summary)]) };
}

/** The token of the "Not this entity" action under `entityId`'s card in an alert. */
export function muteToken(alert: NewOutboxAlert, entityId: string): string {
  return (alert.payload as Reply).cards.find((c) => c.footer === entityId)!.actions![0]!.value;
}
