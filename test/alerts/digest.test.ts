// Daily digests: due at a local time across daylight saving, taken once after downtime and under racing ticks, split within platform limits, list changes bypassing.
import { PLATFORM_LIMITS } from '../../adapters/platforms.ts';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleTransport } from '../../adapters/console/transport.ts';
import { fitsWhole, renderReply } from '../../adapters/discord/render.ts';
import { MESSAGE_TEXT_BUDGET, blockText, fitsOneMessage, renderSlack, renderSlackMessages } from '../../adapters/slack/render.ts';
import type { CommandContext } from '../../commands/context.ts';
import { sanctions } from '../../commands/sanctions.ts';
import { type Article, articleAlerts } from '../../src/alerts/article-alerts.ts';
import { type DigestSchedule, digestMessages, duePeriod } from '../../src/alerts/digest.ts';
import { takeDueDigests } from '../../src/alerts/digest-scheduler.ts';
import { listChangeAlerts } from '../../src/alerts/list-alerts.ts';
import type { OutboxAlert } from '../../src/alerts/outbox.ts';
import { startSender } from '../../src/alerts/sender.ts';
import type { Subscription } from '../../src/alerts/subscription.ts';
import { loadCatalog } from '../../src/designations/catalog.ts';
import { importList } from '../../src/designations/import.ts';
import type { Entity } from '../../src/designations/model.ts';
import { parseOfacList } from '../../src/designations/ofac-csv.ts';
import type { Mention } from '../../src/mentions/find.ts';
import type { Reply } from '../../src/messages/reply.ts';
import { dialects } from '../helpers/databases.ts';

const SDN = fileURLToPath(new URL('../../data/ofac-sdn', import.meta.url));
const DEC_10 = fileURLToPath(new URL('../../data/ofac-sdn-history/sdn-2021-12-10/sdn.csv', import.meta.url));
const BERLIN = { time: '09:00', timeZone: 'Europe/Berlin' };

let entities: Entity[];
beforeAll(async () => {
  entities = await parseOfacList([SDN], 'sdn');
});
afterAll(() => Promise.all(dialects.filter((d) => d.available).map((d) => d.cleanup())));

let nextId = 1;
function sub(channelId: string, entity: Entity, delivery: Subscription['delivery'], listDelivery: Subscription['listDelivery'] = 'immediate', platform = 'console'): Subscription {
  return { id: nextId++, tenant: platform, platform, channelId, kind: 'entity', value: entity.id, createdBy: 'U1', createdAt: '2024-01-01T00:00:00.000Z', pausedAt: null, delivery, listDelivery };
}

/** An article naming `named`, as the scanner reports each mention. */
function article(n: number, named: Entity[], filler = ''): { article: Article; mentions: Mention[] } {
  const sentence = `Reports say ${named.map((e) => e.name).join(' and ')} moved funds (${n}).${filler}`;
  const mentions = named.map((e) => {
    const start = sentence.indexOf(e.name);
    return { entityId: e.id, name: e.name, matched: e.name, start, end: start + e.name.length, confidence: 0.95, alias: e.name, sentence };
  });
  const link = `https://news.example/story-${n}`;
  return { article: { key: link, title: `Story ${n} about sanctions${filler.slice(0, 120)}`, link, published: '2024-04-02T05:00:00Z', source: 'World news' }, mentions };
}

function heldAlerts(subs: Subscription[], stories: number, named: (n: number) => Entity[], filler = '') {
  const byId = new Map(entities.map((e) => [e.id, e]));
  return Array.from({ length: stories }, (_, n) => {
    const a = article(n, named(n), filler);
    return articleAlerts(a.article, a.mentions, subs, (id) => byId.get(id));
  }).flat();
}

describe('duePeriod', () => {
  const at = (iso: string) => duePeriod(BERLIN, new Date(iso));
  it('is 09:00 Berlin time in winter, summer and on both change days', () => {
    expect([at('2024-03-30T07:59:00Z'), at('2024-03-30T08:00:00Z')]).toEqual(['2024-03-29', '2024-03-30']); // CET, UTC+1
    expect([at('2024-03-31T06:59:00Z'), at('2024-03-31T07:00:00Z')]).toEqual(['2024-03-30', '2024-03-31']); // CEST from 02:00
    expect([at('2024-10-27T07:59:00Z'), at('2024-10-27T08:00:00Z')]).toEqual(['2024-10-26', '2024-10-27']); // CET again from 03:00
    expect(duePeriod({ time: '00:30', timeZone: 'Asia/Kolkata' }, new Date('2024-04-01T19:00:00Z'))).toEqual('2024-04-02');
  });
});

describe('list updates bypass the digest unless asked', () => {
  it('holds a list change only when every subscription bringing it wants list changes in the digest', async () => {
    const [a, b] = [entities[0]!, entities[1]!];
    const version = { id: 'ofac-sdn', name: 'OFAC SDN List', source: 'test', versionDate: '2024-04-02', importedAt: '2024-04-02T00:00:00Z', entityCount: 2, contentHash: 'x' };
    const change = {
      version,
      events: [a, b].map((e) => ({ entityId: e.id, listId: 'ofac-sdn', kind: 'added' as const, date: '2024-04-02', name: e.name, changes: [] })),
      before: new Map<string, Entity>(),
      after: new Map([a, b].map((e) => [e.id, e])),
    };
    const digest = (subs: Subscription[]) => listChangeAlerts(change, subs).map((x) => x.digest);
    expect(digest([sub('C1', a, 'digest')])).toEqual([false]);
    expect(digest([sub('C1', a, 'digest', 'digest')])).toEqual([true]);
    expect(digest([sub('C1', a, 'digest', 'digest'), sub('C1', b, 'immediate')])).toEqual([false]);
    // News about a digest subscription is held; news that an immediate subscription also brings is not.
    expect(heldAlerts([sub('C1', a, 'digest')], 1, () => [a]).map((x) => x.digest)).toEqual([true]);
    expect(heldAlerts([sub('C1', a, 'digest'), sub('C1', b, 'immediate')], 1, () => [a, b]).map((x) => x.digest)).toEqual([false]);
  });
});

describe('a digest too big for one message', () => {
  const schedule = (platform: string): DigestSchedule => ({ platform, channelId: 'C1', ...BERLIN, lastPeriod: '2024-04-01' });
  function held(platform: string): OutboxAlert[] {
    const named = entities.slice(0, 40);
    const subs = named.map((e) => sub('C1', e, 'digest', 'immediate', platform));
    // Two entities an article, each entity in three articles.
    const alerts = heldAlerts(subs, 60, (n) => [named[n % 40]!, named[(n + 7) % 40]!]);
    return alerts.map((a, i) => ({ ...a, id: i + 1 }) as OutboxAlert);
  }

  it('splits 40 entities for Discord into messages of at most 10 embeds and 6,000 characters, no entity cut', () => {
    const parts = digestMessages(schedule('discord'), '2024-04-02', held('discord'), fitsWhole);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((p) => p.dedupeKey)).toEqual(parts.map((_, i) => `digest:discord:C1:2024-04-02:${i + 1}`));
    const seen: string[] = [];
    for (const part of parts) {
      const reply = part.payload as Reply;
      const embeds = renderReply(reply).embeds!;
      expect(embeds.length).toBe(reply.cards.length);
      expect(embeds.length).toBeLessThanOrEqual(10);
      const total = embeds.reduce((n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((m, f) => m + f.name.length + f.value.length, 0), 0);
      expect(total).toBeLessThanOrEqual(6000);
      reply.cards.forEach((card, i) => {
        // Whole: every item rendered, none clipped by the renderer's share.
        expect(embeds[i]!.fields!.length).toBe(card.fields.length);
        for (const f of embeds[i]!.fields!) expect(f.value.endsWith('…')).toBe(false);
        seen.push(card.footer!);
      });
    }
    expect(seen.sort()).toEqual(entities.slice(0, 40).map((e) => e.id).sort());
  });

  it('splits them for Slack within 50 blocks and the block-text total, each entity in one message', () => {
    const parts = digestMessages(schedule('slack'), '2024-04-02', held('slack'), fitsOneMessage);
    const seen = parts.flatMap((part) => {
      const { blocks } = renderSlack(part.payload as Reply);
      expect(blocks.length).toBeLessThanOrEqual(50);
      expect(blockText(blocks)).toBeLessThanOrEqual(MESSAGE_TEXT_BUDGET);
      expect(JSON.stringify(blocks)).not.toContain('not shown');
      expect(renderSlackMessages(part.payload as Reply)).toHaveLength(1);
      return (part.payload as Reply).cards.map((c) => c.footer!);
    });
    expect(new Set(seen).size).toBe(40);
    expect(seen.length).toBe(40);
  });

  it.each([30, 60])('splits a Slack day of %i alerts about three people into messages under 12,000 characters of block text', (count) => {
    const three = entities.slice(0, 3);
    const subs = three.map((e) => sub('C1', e, 'digest', 'immediate', 'slack'));
    // Each article's sentence as long as a news sentence gets: a day of them is what Slack refused (13,820 and 27,080 characters).
    const filler = ' The designation follows earlier measures against its owners, who deny any wrongdoing, and its banks.'.repeat(4);
    const alerts = heldAlerts(subs, count, (n) => [three[n % 3]!], filler).map((a, i) => ({ ...a, id: i + 1 }) as OutboxAlert);
    // Unsplit, such a day is more than Slack takes in one message.
    const whole = renderSlackMessages(digestMessages(schedule('console'), '2024-04-02', alerts)[0]!.payload as Reply);
    expect(whole.reduce((n, m) => n + blockText(m.blocks), 0)).toBeGreaterThan(12_000);
    const parts = digestMessages(schedule('slack'), '2024-04-02', alerts, fitsOneMessage);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      const messages = renderSlackMessages(part.payload as Reply);
      expect(messages).toHaveLength(1);
      expect(messages[0]!.text.length + blockText(messages[0]!.blocks)).toBeLessThan(12_000);
    }
  });
});

describe.each(dialects.filter((d) => d.available))('digests on $name', (dialect) => {
  it('holds alerts, takes the digest once after downtime, and once under racing ticks', async () => {
    const db = dialect.fresh();
    const [store, other] = [await db.open(), await db.open()];
    try {
      const [sek, rab] = [entities.find((e) => e.name === 'SEK STUDIO')!, entities.find((e) => e.name === 'RAPID ACTION BATTALION')!];
      await store.setDigestSchedule({ platform: 'console', channelId: 'C1', ...BERLIN, lastPeriod: '2024-04-01' });
      const alerts = heldAlerts([sub('C1', sek, 'digest'), sub('C1', rab, 'digest')], 3, (n) => (n === 2 ? [rab] : [sek, rab]));
      await store.enqueueAlerts(alerts, '2024-04-02T05:00:00.000Z');
      // Held alerts are not sent as they are.
      expect(await store.claimAlerts('w', 10, '2024-04-02T12:00:00.000Z', '2024-04-02T00:00:00.000Z')).toEqual([]);

      const tick = (iso: string) => takeDueDigests({ store, now: () => new Date(iso) });
      // Every minute from 08:00 to 08:59 Berlin (CEST): not due.
      for (let m = 0; m < 60; m += 1) expect(await tick(`2024-04-02T06:${String(m).padStart(2, '0')}:00Z`)).toBe(0);
      // Down from 09:00 to 11:00; the first tick back takes it, racing another process's tick.
      const back = new Date('2024-04-02T09:00:00Z');
      const raced = await Promise.all([takeDueDigests({ store, now: () => back }), takeDueDigests({ store: other, now: () => back })]);
      expect(raced.sort()).toEqual([0, 1]);
      expect(await tick('2024-04-02T09:01:00Z')).toBe(0);
      expect(await tick('2024-04-03T06:59:00Z')).toBe(0);

      const claimed = await store.claimAlerts('w', 10, '2024-04-02T12:00:00.000Z', '2024-04-02T00:00:00.000Z');
      expect(claimed.map((a) => a.dedupeKey)).toEqual(['digest:console:C1:2024-04-02:1']);
      const digest = claimed[0]!.payload as Reply;
      expect(digest.text).toContain('3 alerts about 2 entities');
      expect(digest.cards.map((c) => [c.title, c.fields.length])).toEqual([['SEK STUDIO', 2], ['RAPID ACTION BATTALION', 3]]);
      expect(digest.cards[0]!.fields[0]!.value).toContain('https://news.example/story-0');
      expect(digest.cards[0]!.fields[0]!.value).toContain('«SEK STUDIO»');
      const statuses = await db.query(`SELECT status, count(*) AS n FROM outbox GROUP BY status ORDER BY status`);
      expect(statuses.map((r) => [r.status, Number(r.n)])).toEqual([['digested', 3], ['sending', 1]]);
      // The next day's digest holds what was held since, and nothing is re-sent.
      await store.enqueueAlerts(heldAlerts([sub('C1', sek, 'digest')], 1, () => [sek]).map((a) => ({ ...a, dedupeKey: `${a.dedupeKey}-next` })), '2024-04-02T15:00:00.000Z');
      expect(await tick('2024-04-03T07:00:00Z')).toBe(1);
      expect((await db.query(`SELECT dedupe_key FROM outbox WHERE dedupe_key LIKE 'digest:%' ORDER BY id`)).map((r) => r.dedupe_key)).toEqual([
        'digest:console:C1:2024-04-02:1',
        'digest:console:C1:2024-04-03:1',
      ]);
    } finally {
      await Promise.all([store.close(), other.close()]);
    }
  });
});

describe('through the console', () => {
  it('subscribes with digest options and prints the digest', async () => {
    const db = dialects[0]!.fresh();
    const store = await db.open();
    try {
      await importList(store, 'ofac-csv', [DEC_10], { versionDate: '2021-12-10' });
      const ctx: CommandContext = { catalog: await loadCatalog(store), store, platform: 'console', tenant: 'console', channelId: 'console', userId: 'me', canManage: true };
      expect((await sanctions('subscribe entity:SEK Studio digest:25:00', ctx)).text).toContain('HH:MM');
      expect((await sanctions('subscribe entity:SEK Studio digest:09:00 tz:Mars/Olympus', ctx)).text).toContain('not a time zone');
      const reply = await sanctions('subscribe entity:SEK Studio digest:09:00 tz:europe/berlin', ctx);
      expect(reply.text).toMatch(/now follows entity SEK STUDIO .*in the daily digest \(list changes at once\)\. Its digest comes daily at 09:00 Europe\/Berlin\./);
      expect((await sanctions('subscriptions', ctx)).notes.join('\n')).toContain('daily digest at 09:00 Europe/Berlin');

      const subs = await store.subscriptions();
      const sek = ctx.catalog.entity(subs[0]!.value)!;
      const a = article(1, [sek]);
      const alerts = articleAlerts(a.article, a.mentions, subs, (id) => ctx.catalog.entity(id));
      expect(alerts.map((x) => x.digest)).toEqual([true]);
      await store.enqueueAlerts(alerts, new Date().toISOString());
      // The schedule counts from now: the next 09:00 Berlin is at most a day (and a DST hour) away.
      expect(await takeDueDigests({ store })).toBe(0);
      expect(await takeDueDigests({ store, now: () => new Date(Date.now() + 25 * 3_600_000) })).toBe(1);

      const out = new PassThrough();
      let printed = '';
      out.on('data', (chunk) => (printed += chunk));
      const sender = startSender({ limits: PLATFORM_LIMITS, store, transports: { console: consoleTransport(out) }, worker: 'test', pollMs: 20 });
      await sender.drain();
      await sender.stop();
      // The heading is the notification text; the console, like Discord, shows the cards.
      expect(printed).toContain('SEK STUDIO  (OFAC SDN List — DPRK3)');
      expect(printed).toContain('«SEK STUDIO»');
      expect(printed).toContain('Story 1 about sanctions');
    } finally {
      await store.close();
    }
  });
});
