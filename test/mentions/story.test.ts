// One matcher and names followed through the story, on the real list of 10 Dec 2021 and the real articles on that day's action.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Article, articleAlerts } from '../../src/alerts/article-alerts.ts';
import type { Subscription } from '../../src/alerts/subscription.ts';
import { parseBundledLists } from '../../src/designations/bundled.ts';
import type { Entity } from '../../src/designations/model.ts';
import { searchNames } from '../../src/designations/search.ts';
import { type Mention, findMentions } from '../../src/mentions/find.ts';
import type { Reply } from '../../src/messages/reply.ts';
import { type MentionIndex, buildMentionIndex } from '../../src/mentions/mention-index.ts';
import { scanArticle } from '../../src/mentions/scan.ts';
import { article, listsOfDecember2021 } from './lists.ts';

let entities: Entity[];
let index: MentionIndex;

beforeAll(async () => {
  entities = await listsOfDecember2021();
  index = buildMentionIndex(entities);
});

const summary = (mentions: Mention[]) => mentions.map((m) => `${m.name} [${m.matched}]${m.linkedTo ? ` -> ${m.linkedTo.matched}` : ''}`);

describe('names followed through the story', () => {
  it('links the surnames of the real AFP article to the full names it gave first, with their own offsets', () => {
    const text = readFileSync(article('us-hits-chinese-north-korean-firms.txt'), 'utf8');
    const mentions = scanArticle(index, text);
    const surnames = mentions.filter((m) => m.linkedTo);
    // "Zakir was the chairman ... and Tuniyaz is current acting chairman. Zakir has defended ..."
    expect(summary(surnames.filter((m) => m.name !== 'SENSETIME GROUP LIMITED'))).toEqual([
      'ZAKIR, Shohrat [Zakir] -> Shohrat Zakir',
      'TUNIYAZ, Erken [Tuniyaz] -> Erken Tuniyaz',
      'ZAKIR, Shohrat [Zakir] -> Shohrat Zakir',
    ]);
    const full = mentions.find((m) => m.matched === 'Shohrat Zakir')!;
    for (const m of surnames) {
      expect(text.slice(m.start, m.end)).toBe(m.matched);
      expect(text.slice(m.linkedTo!.start, m.linkedTo!.end)).toBe(m.linkedTo!.matched);
      expect(m.start).toBeGreaterThan(m.linkedTo!.start);
    }
    expect(surnames[0]!.confidence).toBeLessThan(full.confidence);
  });

  it('follows an organisation by its acronym and by "the battalion" once it was named in full, not before', () => {
    const text =
      'Bangladesh rejected the sanctions on the Rapid Action Battalion. The RAB said the battalion had done nothing wrong, and officials of the battalion agreed.';
    const mentions = findMentions(index, text);
    expect(summary(mentions)).toEqual([
      'RAPID ACTION BATTALION [Rapid Action Battalion]',
      'RAPID ACTION BATTALION [RAB] -> Rapid Action Battalion',
      'RAPID ACTION BATTALION [the battalion] -> Rapid Action Battalion',
      'RAPID ACTION BATTALION [the battalion] -> Rapid Action Battalion',
    ]);
    expect(findMentions(index, 'The RAB said the battalion had done nothing wrong.')).toEqual([]);
  });

  it('takes a rare surname alone for the person with their country and sanctions around it, not a namesake named in full', () => {
    expect(summary(findMentions(index, 'The sanctions on Tuniyaz were welcomed by Uyghur groups outside China.'))).toEqual(['TUNIYAZ, Erken [Tuniyaz]']);
    // No sanctions, no country: a surname alone says nothing.
    expect(findMentions(index, 'Tuniyaz spoke at the conference.')).toEqual([]);
    // The article names somebody else with that surname.
    expect(findMentions(index, 'China sanctions: Adil Tuniyaz, a teacher, said Tuniyaz was his name too.')).toEqual([]);
  });

  it('says in the alert which full mention a later one was taken for', () => {
    const text = readFileSync(article('us-hits-chinese-north-korean-firms.txt'), 'utf8');
    const mentions = scanArticle(index, text);
    const zakir = entities.find((e) => e.name === 'ZAKIR, Shohrat')!;
    const channel: Subscription = { id: 1, tenant: 'slack:T1', platform: 'slack', channelId: 'C1', kind: 'entity', value: zakir.id, createdBy: 'U1', createdAt: '2021-12-01T00:00:00.000Z', pausedAt: null };
    const story: Article = { key: 'k', title: 'US hits Chinese, North Korean firms with sanctions', link: null, published: null, source: 'AFP' };
    const [alert] = articleAlerts(story, mentions, [channel], (id) => entities.find((e) => e.id === id));
    const card = (alert!.payload as Reply).cards.find((c) => c.title === 'ZAKIR, Shohrat')!;
    expect(card.fields.find((f) => f.label === 'Followed through the story')?.value).toBe('“Zakir” twice, taken for “Shohrat Zakir”');
  });
});

describe('one matcher: what search finds for a string, a scan finds in a sentence', () => {
  it('finds another romanisation search finds, about as sure as search is', () => {
    const [hit] = searchNames(index.names, 'Shahraat Zakir').hits;
    const [m] = findMentions(index, 'Officials said Shahraat Zakir, chairman of Xinjiang, oversaw the camps.');
    expect(m?.name).toBe(hit?.entity.name);
    expect(Math.abs(m!.confidence - hit!.score)).toBeLessThan(0.1);
  });

  it('finds a Russian name as German and French romanise it, as search reads them', async () => {
    const bundled = buildMentionIndex(await parseBundledLists());
    expect(summary(findMentions(bundled, 'Die Sanktionen treffen Sergej Lawrow und Russland.'))).toEqual(['LAVROV, Sergei Viktorovich [Sergej Lawrow]']);
    expect(summary(findMentions(bundled, 'Le Trésor a sanctionné Evgueni Prigojine, en Russie.'))).toEqual(['PRIGOZHIN, Yevgeniy Viktorovich [Evgueni Prigojine]']);
  });

  it('finds a Korean name written in Hangul, and no given-name-first reading of Chinese syllables', () => {
    expect(summary(findMentions(index, '북한 김정은 국무위원장은 제재에 반발했다.'))).toEqual(['KIM, Jong Un [김정은]']);
    expect(findMentions(index, '普京和拉夫罗夫讨论了制裁。')).toEqual([]);
  });
});

describe('organisations as the press rewords them', () => {
  it('takes a swapped kind of body, a country prefix and British spelling', async () => {
    // The bundled lists: the list of 10 Dec 2021 gives the Rapid Action Battalion no country yet.
    const bundled = buildMentionIndex(await parseBundledLists());
    expect(summary(findMentions(bundled, "Bangladesh's Rapid Action Brigade was sanctioned for killings."))).toEqual([
      'RAPID ACTION BATTALION [Rapid Action Brigade]',
    ]);
    expect(summary(findMentions(index, "Burma's Directorate of Defence Industries was sanctioned in Naypyidaw."))).toEqual([
      'DIRECTORATE OF DEFENSE INDUSTRIES [Directorate of Defence Industries]',
    ]);
  });

  it("takes a group's press spelling after its country, and a company's everyday name", async () => {
    expect(summary(findMentions(index, "Lebanon's Hizbollah was sanctioned again."))).toEqual(['HIZBALLAH [Hizbollah]']);
    const bundled = buildMentionIndex(await parseBundledLists());
    expect(summary(findMentions(bundled, "Iran's Mahan Airlines flew weapons to Syria, the Treasury said."))).toEqual(['MAHAN AIR [Mahan Airlines]']);
  });

  it('does not take a place or a longer name for a listed name that holds its words', () => {
    expect(findMentions(index, 'Tankers crossed the Red Sea and the Black Sea under sanctions, Xinjiang Uyghur Autonomous Region officials said.')).toEqual([]);
    // Without the country, a name of state words names no particular body.
    expect(findMentions(index, 'The Directorate of Defence Industries was sanctioned.')).toEqual([]);
  });
});
