// The event loop is served while mentions are scanned and while their index is built: bounded work between turns, counted, not timed.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/designations/catalog.ts';
import type { Entity } from '../../src/designations/model.ts';
import { findMentions } from '../../src/mentions/find.ts';
import { type MentionIndex, buildMentionIndex, buildMentionIndexAsync } from '../../src/mentions/mention-index.ts';
import { PART_LENGTH, scanArticle, scanArticleAsync } from '../../src/mentions/scan.ts';
import { MAX_SEARCHES } from '../../src/mentions/spans.ts';
import { STEP_ITEMS } from '../../src/steps.ts';
import { sqlite } from '../helpers/databases.ts';
import { article, listsOfDecember2021 } from './lists.ts';

let entities: Entity[];
let afp: string;

beforeAll(async () => {
  entities = await listsOfDecember2021();
  afp = readFileSync(article('us-hits-chinese-north-korean-firms.txt'), 'utf8');
});

/** Runs `work` with a callback at every turn of the event loop; `onTurn` sees what the work left between two turns. */
async function turnByTurn<T>(work: () => Promise<T>, onTurn: () => void = () => {}): Promise<{ value: T; turns: number; firstTurnBeforeEnd: boolean }> {
  let turns = 0;
  let done = false;
  let firstTurnBeforeEnd = false;
  const turn = () => {
    if (turns === 0) firstTurnBeforeEnd = !done;
    turns++;
    onTurn();
    if (!done) setImmediate(turn);
  };
  setImmediate(turn);
  const value = await work();
  done = true;
  return { value, turns, firstTurnBeforeEnd };
}

const brief = (index: MentionIndex, text: string) => findMentions(index, text).map((m) => `${m.name}@${m.start}:${m.confidence}`);

describe('building the mention index', () => {
  it('gives the event loop a turn after every few hundred entities, names and words, and builds the same index', async () => {
    const { value: index, turns, firstTurnBeforeEnd } = await turnByTurn(() => buildMentionIndexAsync(entities));
    expect(firstTurnBeforeEnd).toBe(true);
    // Each loop over entities, names and listed words pauses after STEP_ITEMS of them.
    const { names } = index;
    const items = entities.length + 3 * names.nameEntity.length + 3 * names.tokenText.length;
    expect(turns).toBeGreaterThanOrEqual(Math.floor(items / STEP_ITEMS));
    const once = buildMentionIndex(entities);
    expect(index.patternName).toEqual(once.patternName);
    expect(index.trie.nodeToken).toEqual(once.trie.nodeToken);
    expect(index.deletionKeys.hashes).toEqual(once.deletionKeys.hashes);
    expect(brief(index, afp)).toEqual(brief(once, afp));
    expect(brief(index, afp).length).toBeGreaterThan(3);
  });
});

describe("building search's name index when the lists load", () => {
  it('gives the event loop a turn after every few hundred entities', async () => {
    const store = await sqlite.fresh().open();
    const now = new Date().toISOString();
    await store.applyListVersion({ id: 'ofac-sdn', name: 'OFAC SDN List', source: 'sdn.csv', versionDate: '2021-12-10', importedAt: now, entityCount: entities.length, contentHash: 'dec-2021' }, entities, []);
    const { value: catalog, turns, firstTurnBeforeEnd } = await turnByTurn(() => loadCatalog(store));
    expect(firstTurnBeforeEnd).toBe(true);
    expect(turns).toBeGreaterThanOrEqual(Math.floor(entities.length / STEP_ITEMS));
    expect(catalog.search('Shohrat Zakir').hits[0]?.entity.name).toBe('ZAKIR, Shohrat');
    await store.close();
  });
});

describe('scanning on a fresh index', () => {
  it('scans a long article a part at a time, each part a bounded number of characters and tokens, one span search at a time', async () => {
    // The real article, then listed words paired across names (a given name and another entity's
    // surname): a run of capitalised listed words, which may be a name, in every sentence.
    const words = entities.map((e) => e.name.split(/[\s,]+/).filter((w) => w.length > 2));
    const titled = (w: string) => w[0]!.toUpperCase() + w.slice(1).toLowerCase();
    const pairs = words.slice(0, 6000).map((w, i) => `${titled(w[0] ?? 'Ali')} ${titled(words[i + 1]?.at(-1) ?? 'Khan')} said so.`);
    const text = `${afp}\n\n${pairs.join(' ')}\n\n${afp}`;
    expect(text.length).toBeGreaterThan(4 * PART_LENGTH);
    const index = await buildMentionIndexAsync(entities);
    const searched = index.lexicon.spans;
    let lastSearched = 0;
    let mostSearches = 0;
    let mostTokens = 0;
    const { value: mentions, turns, firstTurnBeforeEnd } = await turnByTurn(
      () => scanArticleAsync(index, text),
      () => {
        mostSearches = Math.max(mostSearches, searched.size - lastSearched);
        lastSearched = searched.size;
        mostTokens = Math.max(mostTokens, index.lexicon.tokens?.count ?? 0);
      },
    );
    expect(firstTurnBeforeEnd).toBe(true);
    expect(turns).toBeGreaterThanOrEqual(Math.floor(text.length / PART_LENGTH));
    // A part is at most PART_LENGTH characters, so at most half as many words; of its span searches
    // (each up to about 15 ms on a list of names), the loop gets a turn after every one.
    expect(mostTokens).toBeLessThanOrEqual(PART_LENGTH / 2);
    expect(mostTokens).toBeGreaterThan(100);
    expect(mostSearches).toBe(1);
    expect(searched.size).toBeGreaterThan(MAX_SEARCHES);
    expect(searched.size).toBeGreaterThan(0);
    expect(mentions.map((m) => `${m.entityId}@${m.start}`)).toEqual(scanArticle(index, text).map((m) => `${m.entityId}@${m.start}`));
  });
});
