// The hourly cap on one feed's alerts per channel, and the summary that folds the rest: counts, names, wording.
import { describe, expect, it } from 'vitest';
import { type FeedAlertCount, hourOf, limitFeedAlerts } from '../../src/alerts/feed-flood.ts';
import type { NewOutboxAlert } from '../../src/alerts/outbox.ts';
import type { Feed } from '../../src/feeds/feed.ts';
import type { Reply } from '../../src/messages/reply.ts';

const FEED = { id: 7, url: 'https://wire.example/rss', title: null } as Feed;
const NOW = new Date('2021-12-10T12:34:56.000Z');

const alert = (channelId: string, n: number, entities: string[]): NewOutboxAlert => ({ platform: 'slack', channelId, dedupeKey: `slack:${channelId}:article:${n}`, payload: {}, entities });

describe('limitFeedAlerts', () => {
  it('keeps the first alerts of the hour per channel and folds the rest into one summary per channel, naming what they mention', () => {
    const names = [['SEK STUDIO'], ['KIM Jong Un', 'SEK STUDIO'], ['KOREA KWANGSON BANKING CORP'], ['RI Yong Gil'], ['SEK STUDIO']];
    const alerts = [...names.map((n, i) => alert('C1', i, n)), alert('C2', 9, ['SEK STUDIO'])];
    const limited = limitFeedAlerts(FEED, alerts, [], NOW, 1);
    expect(limited.alerts.map((a) => a.dedupeKey)).toEqual(['slack:C1:article:0', 'slack:C2:article:9', 'slack:C1:feed-flood:7:2021-12-10T12:00:00.000Z']);
    expect(limited.folded).toBe(4);
    expect((limited.summaries[0]!.payload as Reply).text).toBe(
      '…and 4 more articles from wire.example mentioning KIM Jong Un, SEK STUDIO, KOREA KWANGSON BANKING CORP and other listed names in the last hour.',
    );
    expect(limited.counts).toEqual([
      { feedId: 7, platform: 'slack', channelId: 'C1', hour: '2021-12-10T12:00:00.000Z', alerts: 1, folded: 4, entities: ['KIM Jong Un', 'SEK STUDIO', 'KOREA KWANGSON BANKING CORP', 'RI Yong Gil'] },
      { feedId: 7, platform: 'slack', channelId: 'C2', hour: '2021-12-10T12:00:00.000Z', alerts: 1, folded: 0, entities: [] },
    ]);
  });

  it("goes on from the hour's counts, and ignores an earlier hour's", () => {
    const counts: FeedAlertCount[] = [
      { feedId: 7, platform: 'slack', channelId: 'C1', hour: hourOf(NOW), alerts: 2, folded: 1, entities: ['SEK STUDIO'] },
      { feedId: 7, platform: 'slack', channelId: 'C2', hour: '2021-12-10T11:00:00.000Z', alerts: 2, folded: 5, entities: [] },
    ];
    const limited = limitFeedAlerts(FEED, [alert('C1', 1, ['SEK STUDIO']), alert('C2', 2, [])], counts, NOW, 2);
    expect(limited.alerts.map((a) => a.dedupeKey)).toEqual(['slack:C2:article:2', 'slack:C1:feed-flood:7:2021-12-10T12:00:00.000Z']);
    expect((limited.summaries[0]!.payload as Reply).text).toBe('…and 2 more articles from wire.example mentioning SEK STUDIO in the last hour.');
  });

  it('says "article" for one', () => {
    const limited = limitFeedAlerts({ ...FEED, title: 'Wire' }, [alert('C1', 1, []), alert('C1', 2, [])], [], NOW, 1);
    expect((limited.summaries[0]!.payload as Reply).text).toBe('…and 1 more article from Wire in the last hour.');
  });
});
