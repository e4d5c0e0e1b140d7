// Article alerts on the real OFAC list: which channel gets which entities, why, once per article.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Article, articleAlerts, highlight } from '../../src/alerts/article-alerts.ts';
import type { Subscription } from '../../src/alerts/subscription.ts';
import { mentionToken } from '../../src/alerts/verdicts.ts';
import type { Entity } from '../../src/designations/model.ts';
import { parseOfacList } from '../../src/designations/ofac-csv.ts';
import type { Mention } from '../../src/mentions/find.ts';
import { listLine } from '../../src/messages/entity-card.ts';
import type { Reply } from '../../src/messages/reply.ts';
import { sqlite } from '../helpers/databases.ts';

// The bundled SDN list with its addresses: the 2021-12-10 sdn.csv alone has no address for the
// Rapid Action Battalion, so no country to follow it by.
const SDN = fileURLToPath(new URL('../../data/ofac-sdn', import.meta.url));

// Sentences from a real AFP report on OFAC's action of 10 Dec 2021 (../shared/data/articles).
const TEXT = [
  'The Treasury accused Pyongyang’s government-run animation firm, SEK Studio, and companies and individuals related to it, of exploiting North Korean workers to earn much-needed foreign currency and avoid sanctions on the country.',
  'A Bangladesh internal security unit, the Rapid Action Battalion, which is accused of involvement in hundreds of disappearances and nearly 600 extrajudicial killings since 2018, was also included.',
  'Six current or former officials of the Rapid Action Battalion were also sanctioned.',
];

const ARTICLE: Article = {
  key: 'https://news.example/us-hits-chinese-north-korean-firms',
  title: 'US hits Chinese, North Korean firms with sanctions',
  link: 'https://news.example/us-hits-chinese-north-korean-firms',
  published: 'Fri, 10 Dec 2021 18:30:00 GMT',
  source: 'World news',
};

let entities: Map<string, Entity>;
let sek: Entity;
let rab: Entity;
const entityById = (id: string) => entities.get(id);

beforeAll(async () => {
  const list = await parseOfacList([SDN], 'sdn');
  entities = new Map(list.map((e) => [e.id, e]));
  sek = list.find((e) => e.name === 'SEK STUDIO')!;
  rab = list.find((e) => e.name === 'RAPID ACTION BATTALION')!;
});

afterAll(() => sqlite.cleanup());

/** A mention of `entity` where the text first writes `matched` (after `from`), as the scanner reports it. */
function mention(entity: Entity, matched: string, confidence: number, from = 0): Mention {
  const text = TEXT.join(' ');
  const start = text.indexOf(matched, from);
  const sentence = TEXT.find((s) => text.indexOf(s) <= start && start < text.indexOf(s) + s.length)!;
  return { entityId: entity.id, name: entity.name, matched, start, end: start + matched.length, confidence, alias: entity.name, sentence };
}

let nextId = 1;
function sub(platform: string, channelId: string, kind: Subscription['kind'], value: string, pausedAt: string | null = null): Subscription {
  return { id: nextId++, tenant: `${platform}:T1`, platform, channelId, kind, value, createdBy: 'U1', createdAt: '2021-12-01T00:00:00.000Z', pausedAt };
}

const mentions = () => [mention(sek, 'SEK Studio', 0.93), mention(rab, 'Rapid Action Battalion', 0.97), mention(rab, 'Rapid Action Battalion', 0.9, 400)];
const payload = (alert: { payload: unknown }) => alert.payload as Reply;
const titles = (alert: { payload: unknown }) => payload(alert).cards.map((c) => c.title);

describe('articleAlerts', () => {
  it('alerts a channel following North Korea to SEK STUDIO only, and one following Bangladesh to the RAB only', () => {
    const alerts = articleAlerts(ARTICLE, mentions(), [sub('slack', 'CKP', 'country', 'KP'), sub('slack', 'CBD', 'country', 'BD')], entityById);
    expect(alerts.map((a) => [a.platform, a.channelId, a.dedupeKey])).toEqual([
      ['slack', 'CKP', `slack:CKP:article:${ARTICLE.key}`],
      ['slack', 'CBD', `slack:CBD:article:${ARTICLE.key}`],
    ]);
    expect(titles(alerts[0]!)).toEqual([ARTICLE.title, 'SEK STUDIO']);
    expect(titles(alerts[1]!)).toEqual([ARTICLE.title, 'RAPID ACTION BATTALION']);
  });

  it('lists both in one message to a channel that follows both, each with why it is there', () => {
    const channel = [sub('discord', '111', 'country', 'KP'), sub('discord', '111', 'program', 'GLOMAG'), sub('discord', '111', 'entity', sek.id)];
    const [alert, ...rest] = articleAlerts(ARTICLE, mentions(), channel, entityById);
    expect(rest).toEqual([]);
    const reply = payload(alert!);
    expect(reply.ephemeral).toBe(false);
    expect(reply.text).toBe('SEK STUDIO, RAPID ACTION BATTALION named in “US hits Chinese, North Korean firms with sanctions” (World news)');
    const [article, sekCard, rabCard] = reply.cards;
    expect(article).toEqual({ title: ARTICLE.title, subtitle: 'World news · 2021-12-10', url: ARTICLE.link, fields: [] });
    expect(sekCard).toEqual({
      title: 'SEK STUDIO',
      subtitle: 'organization · the article says “SEK Studio”, the list “SEK STUDIO” · confidence 0.93',
      url: 'https://sanctionssearch.ofac.treas.gov/Details.aspx?id=34022',
      fields: [
        { label: 'Listed', value: listLine(sek) },
        { label: 'This channel follows', value: 'country North Korea (KP); entity SEK STUDIO (ofac-sdn-34022)' },
        { label: 'In the article', value: expect.stringContaining('government-run animation firm, «SEK Studio», and companies') },
      ],
      footer: sek.id,
      // What "Not this entity" records: this entity, this text, this article.
      actions: [{ kind: 'mute', label: 'Not this entity', value: mentionToken(sek.id, 'SEK Studio', ARTICLE.key) }],
    });
    expect(sekCard!.fields[0]!.value).toMatch(/^OFAC SDN List — DPRK3/);
    // The most confident of the RAB's two mentions, with its own sentence.
    expect(rabCard!.subtitle).toMatch(/confidence 0\.97$/);
    expect(rabCard!.fields[1]).toEqual({ label: 'This channel follows', value: 'program GLOMAG' });
    expect(rabCard!.fields[2]!.value).toMatch(/^A Bangladesh internal security unit, the «Rapid Action Battalion», which/);
    // Stored as JSON in the outbox, and read back as it was.
    expect(JSON.parse(JSON.stringify(reply))).toEqual(reply);
  });

  it('sends nothing to paused subscriptions, to channels that follow none of the entities, or for no mentions', () => {
    const subs = [sub('slack', 'CPAUSED', 'country', 'KP', '2021-12-05T00:00:00.000Z'), sub('slack', 'CIR', 'country', 'IR')];
    expect(articleAlerts(ARTICLE, mentions(), subs, entityById)).toEqual([]);
    expect(articleAlerts(ARTICLE, [], [sub('slack', 'CKP', 'country', 'KP')], entityById)).toEqual([]);
    // A paused subscription does not hide the channel's active ones.
    const mixed = [sub('slack', 'C1', 'country', 'KP', '2021-12-05T00:00:00.000Z'), sub('slack', 'C1', 'country', 'BD')];
    expect(articleAlerts(ARTICLE, mentions(), mixed, entityById).map(titles)).toEqual([[ARTICLE.title, 'RAPID ACTION BATTALION']]);
  });

  it('leaves out an entity no longer listed', () => {
    const alerts = articleAlerts(ARTICLE, mentions(), [sub('slack', 'CKP', 'country', 'KP')], (id) => (id === sek.id ? undefined : entities.get(id)));
    expect(alerts).toEqual([]);
  });

  it('names past eight entities in a note, within the cards a platform shows', () => {
    const many = [...entities.values()].filter((e) => e.countries.includes('KP')).slice(0, 11);
    const found = many.map((e, i) => ({ ...mention(sek, 'SEK Studio', 0.8), entityId: e.id, name: e.name, alias: e.name, start: i }));
    const [alert] = articleAlerts(ARTICLE, found, [sub('slack', 'CKP', 'country', 'KP')], entityById);
    expect(payload(alert!).cards).toHaveLength(9);
    expect(payload(alert!).notes).toEqual([`Also named: ${many.slice(8).map((e) => `${e.name} (${listLine(e)})`).join('; ')}`]);
  });

  it('is queued once per channel, however often the article comes back', async () => {
    const store = await sqlite.fresh().open();
    const now = '2021-12-10T19:00:00.000Z';
    const { feed } = await store.addFeed({ url: 'https://news.example/rss', title: 'World news', addedBy: 'config', addedInChannel: 'config', createdAt: now });
    const subs = [sub('slack', 'CKP', 'country', 'KP'), sub('slack', 'CBD', 'country', 'BD')];
    await store.recordPoll(feed.id, [ARTICLE.key], articleAlerts(ARTICLE, mentions(), subs, entityById), {}, now);
    // The same article again: from a second feed that carries it, or re-read after its guid changed.
    await store.recordPoll(feed.id, ['other-guid'], articleAlerts(ARTICLE, mentions(), subs, entityById), {}, now);
    await store.enqueueAlerts(articleAlerts(ARTICLE, mentions(), subs, entityById), now);
    expect(await store.outboxDepth()).toEqual({ pending: 2, oldest: now });
    const claimed = await store.claimAlerts('w', 10, now, now);
    expect(claimed.map((a) => a.channelId)).toEqual(['CKP', 'CBD']);
    expect((claimed[0]!.payload as Reply).cards[1]!.title).toBe('SEK STUDIO');
    await store.close();
  });
});

describe('highlight', () => {
  it('marks the name, whatever its case in the sentence', () => {
    expect(highlight('Officials of the Rapid  Action\nBattalion were sanctioned.', 'Rapid Action Battalion')).toBe(
      'Officials of the «Rapid Action Battalion» were sanctioned.',
    );
    expect(highlight('Treasury named SEK STUDIO.', 'SEK Studio')).toBe('Treasury named «SEK STUDIO».');
  });

  it('cuts a long sentence to a few lines around the name, between words', () => {
    const before = 'word '.repeat(100);
    const marked = highlight(`${before}SEK Studio ${'more '.repeat(100)}`, 'SEK Studio');
    expect(marked).toMatch(/^…word word .*«SEK Studio» more .* more…$/);
    expect(marked.length).toBeLessThan(360);
  });

  it('keeps the sentence when the name is not in it', () => {
    expect(highlight('The studio was sanctioned.', 'SEK Studio')).toBe('The studio was sanctioned.');
  });
});
