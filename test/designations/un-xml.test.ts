// The UN Security Council Consolidated List: parsed from the UN's own XML (an excerpt, and the real file), imported, searched, refreshed from its URL.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAlerts } from '../../src/alerts/list-alerts.ts';
import { loadCatalog } from '../../src/designations/catalog.ts';
import { ImportError } from '../../src/designations/import-error.ts';
import { importList } from '../../src/designations/import.ts';
import { parseListSources } from '../../src/designations/list-sources.ts';
import { refreshLists } from '../../src/designations/refresh.ts';
import { parseUnList, parseUnXml } from '../../src/designations/un-xml.ts';
import type { Reply } from '../../src/messages/reply.ts';
import { dialects } from '../helpers/databases.ts';

const EXCERPT = fileURLToPath(new URL('../fixtures/un/consolidated-excerpt.xml', import.meta.url));
const SHARED = fileURLToPath(new URL('../../../shared/data/un/consolidated-2026-02-27.xml', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'un-xml-test-'));
const excerpt = readFileSync(EXCERPT, 'utf8');

/** The excerpt without one entry: the next version of the list, with that entry delisted. */
const without = (xml: string, reference: string) => xml.replace(new RegExp(`\\s*<INDIVIDUAL>(?:(?!</INDIVIDUAL>)[\\s\\S])*<REFERENCE_NUMBER>${reference.replace('.', '\\.')}</REFERENCE_NUMBER>[\\s\\S]*?</INDIVIDUAL>`), '');

describe('parsing the UN list', () => {
  const entities = parseUnXml(excerpt, EXCERPT);
  const byId = new Map(entities.map((e) => [e.id, e]));

  it('maps names in the UN order, aliases by quality, scripts, nationality, birth, documents, regime, reference, date and comments', () => {
    expect(entities.map((e) => e.id)).toEqual(['un-CDi.001', 'un-CDi.002', 'un-CDi.003', 'un-LYi.023', 'un-CDi.030', 'un-IRi.001', 'un-CDe.001', 'un-CDe.003']);
    expect(byId.get('un-CDi.001')).toMatchObject({
      type: 'person',
      name: 'ERIC BADEGE',
      programs: ['UN-DRC'],
      lists: [{ id: 'un', name: 'UN Security Council Consolidated List' }],
      designated: '2012-12-31',
      countries: ['CD', 'RW'],
      identifiers: expect.arrayContaining([{ type: 'DOB', value: '1971' }, { type: 'Nationality', value: 'Democratic Republic of the Congo', country: 'CD' }]),
    });
    expect(byId.get('un-CDi.001')!.remarks).toMatch(/^He fled to Rwanda in March 2013/);
    expect(byId.get('un-CDi.002')!.aliases.map((a) => a.name)).toContain('AIGLE BLANC');
    // FIRST … FOURTH_NAME in the UN's order; Low-quality aliases are weak, Good ones strong; the Arabic name is the original script.
    const fitouri = byId.get('un-LYi.023')!;
    expect(fitouri.name).toBe('Ahmad Oumar Imhamad al-Fitouri');
    expect(fitouri.aliases).toEqual(
      expect.arrayContaining([
        { name: 'احمد عمر امحمد الفيتوري', kind: 'original', strength: 'strong' },
        { name: 'The Uncle', kind: 'aka', strength: 'weak' },
      ]),
    );
    expect(fitouri.identifiers).toEqual(expect.arrayContaining([{ type: 'DOB', value: '1988-05-07' }, expect.objectContaining({ type: 'Passport', country: 'LY' })]));
    expect(byId.get('un-CDi.003')!.aliases).toEqual(
      expect.arrayContaining([{ name: 'Rumuli', kind: 'aka', strength: 'weak' }, { name: 'Victor Rumuri', kind: 'aka', strength: 'strong' }]),
    );
    expect(byId.get('un-CDi.003')!.identifiers).toEqual(expect.arrayContaining([{ type: 'POB', value: 'Musanze District, Northern Province, Rwanda', country: 'RW' }]));
    expect(byId.get('un-CDi.030')!.identifiers.find((i) => i.type === 'DOB')?.value).toMatch(/^\d{4} to \d{4}$/);
    // The UN's "Iran (Islamic Republic of)" is Iran; its regime is not OFAC's IRAN program.
    expect(byId.get('un-IRi.001')).toMatchObject({ programs: ['UN-Iran'], countries: expect.arrayContaining(['IR']) });
    // An entity's name field holding two names: the first is its name, the second an alias; f.k.a. names are former names.
    expect(byId.get('un-CDe.003')).toMatchObject({ type: 'organization', name: 'COMPAGNIE AERIENNE DES GRANDS LACS (CAGL)' });
    expect(byId.get('un-CDe.003')!.aliases[0]).toEqual({ name: 'GREAT LAKES BUSINESS COMPANY (GLBC)', kind: 'aka', strength: 'strong' });
    expect(byId.get('un-CDe.001')!.aliases).toEqual(expect.arrayContaining([{ name: 'NALU', kind: 'fka', strength: 'strong' }]));
    // Its comments name "Jamil Mukulu (CDi.015)", not in the excerpt, and nobody else of it: no relation made up.
    expect(byId.get('un-CDe.001')!.related).toEqual([]);
  });

  it.runIf(existsSync(SHARED))('reads the whole real file: 730 individuals and 273 entities, each with a unique reference', async () => {
    const all = await parseUnList(SHARED);
    expect(all.filter((e) => e.type === 'person')).toHaveLength(730);
    expect(all.filter((e) => e.type === 'organization')).toHaveLength(273);
    expect(new Set(all.map((e) => e.id)).size).toBe(1003);
    expect(all.every((e) => e.programs[0]?.startsWith('UN-') && /^\d{4}-\d{2}-\d{2}$/.test(e.designated ?? ''))).toBe(true);
    expect(all.flatMap((e) => e.aliases).filter((a) => a.strength === 'weak')).toHaveLength(615);
    // The ADF's comments name its founder and its leader by their references.
    expect(all.find((e) => e.id === 'un-CDe.001')!.related).toEqual([
      { id: 'un-CDi.015', name: 'JAMIL MUKULU', kind: 'named in comments' },
      { id: 'un-CDi.036', name: 'SEKA BALUKU', kind: 'named in comments' },
    ]);
  });

  it('refuses a cut, foreign or hostile file with an ImportError that names it', () => {
    const cut = excerpt.slice(0, Math.floor(excerpt.length / 2));
    expect(() => parseUnXml(cut, 'cut.xml')).toThrow(ImportError);
    expect(() => parseUnXml(cut, 'cut.xml')).toThrow(/^cut\.xml line \d+: not well-formed XML/);
    expect(() => parseUnXml('ent_num,SDN_Name\n1,X\n', 'sdn.csv')).toThrow(/^sdn\.csv line 1: not XML/);
    expect(() => parseUnXml('<?xml version="1.0"?><rss><channel/></rss>', 'feed.xml')).toThrow(/CONSOLIDATED_LIST/);
    expect(() => parseUnXml('<CONSOLIDATED_LIST><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>', 'empty.xml')).toThrow(/no INDIVIDUAL or ENTITY/);
    const bomb = '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><CONSOLIDATED_LIST/>';
    expect(() => parseUnXml(bomb, 'bomb.xml')).toThrow(/DOCTYPE/);
    expect(() => parseUnXml('', 'blank.xml')).toThrow(/empty/);
  });
});

afterAll(async () => {
  for (const dialect of dialects) if (dialect.available) await dialect.cleanup();
});

let server: Server;
const published = new Map<string, string>();
beforeAll(async () => {
  server = createServer((req, res) => {
    const body = published.get(req.url ?? '');
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': 'application/xml', 'last-modified': 'Fri, 27 Feb 2026 06:00:00 GMT' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
const url = (path: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;

for (const dialect of dialects) {
  describe.runIf(dialect.available)(`the UN list in a ${dialect.name} database`, () => {
    it.runIf(existsSync(SHARED))('import un-xml of the real file makes "Aigle Blanc" find Frank Kakolele BWAMBALE; a bad file changes nothing', async () => {
      const store = await dialect.fresh().open();
      try {
        const summary = await importList(store, 'un-xml', [SHARED]);
        expect(summary).toMatchObject({ listId: 'un', entities: 1003, unchanged: false });
        // Dated as the UN generated it, not as the day of the import.
        expect((await store.listVersions())[0]).toMatchObject({ id: 'un', name: 'UN Security Council Consolidated List', versionDate: '2026-02-27' });
        const catalog = await loadCatalog(store);
        const best = catalog.search('Aigle Blanc').hits[0];
        expect(best).toMatchObject({ matched: 'AIGLE BLANC', entity: { id: 'un-CDi.002', name: 'FRANK KAKOLELE BWAMBALE' } });
        expect(best!.entity.lists.map((l) => l.id)).toEqual(['un']);

        const before = { entities: await store.loadEntities(), versions: await store.listVersions() };
        const cut = join(tmp, 'cut.xml');
        writeFileSync(cut, readFileSync(SHARED).subarray(0, 1_000_000));
        await expect(importList(store, 'un-xml', [cut])).rejects.toThrow(/cut\.xml line \d+: not well-formed XML/);
        await expect(importList(store, 'un-xml', [fileURLToPath(new URL('../../data/ofac-cons/cons_prim.csv', import.meta.url))])).rejects.toThrow(ImportError);
        await expect(importList(store, 'un-xml', [SHARED, EXCERPT])).rejects.toThrow(/one file; got 2/);
        expect({ entities: await store.loadEntities(), versions: await store.listVersions() }).toEqual(before);
      } finally {
        await store.close();
      }
    }, 120_000);

    it('refreshes from its published URL: list:UN and program:UN-DRC channels hear of a delisting; a version that shrinks too much is refused', async () => {
      const db = dialect.fresh();
      const store = await db.open();
      try {
        const catalog = await loadCatalog(store);
        const [source] = parseListSources(`un-xml:${url('/consolidated.xml')}`);
        expect(source).toMatchObject({ id: 'un', format: 'un-xml' });
        const options = { store, catalog, alerts: listAlerts(store, catalog), adminChannel: { platform: 'slack', channelId: 'CADMIN' } };
        published.set('/consolidated.xml', excerpt);
        const [first] = await refreshLists([source!], options);
        expect(first).toMatchObject({ error: null, summary: { entities: 8 } });
        const follow = (channelId: string, kind: 'list' | 'program' | 'country', value: string) =>
          store.addSubscription({ platform: 'slack', channelId, kind, value, createdBy: 'U1', createdAt: '2026-02-27T00:00:00.000Z' });
        await follow('C-UN', 'list', 'un');
        await follow('C-DRC', 'program', 'UN-DRC');
        await follow('C-LY', 'country', 'LY');

        published.set('/consolidated.xml', without(excerpt, 'CDi.001'));
        const [second] = await refreshLists([source!], options);
        expect(second).toMatchObject({ error: null, summary: { removed: 1, added: 0 } });
        const queued = (await db.query('SELECT channel_id AS "channelId", payload FROM outbox ORDER BY id')).map((row) => ({
          channelId: row.channelId as string,
          payload: (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as Reply,
        }));
        expect(queued.map((q) => q.channelId).sort()).toEqual(['C-DRC', 'C-UN']);
        for (const q of queued) expect(JSON.stringify(q.payload)).toContain('ERIC BADEGE');
        expect(catalog.search('Eric Badege').hits.some((h) => h.entity.id === 'un-CDi.001')).toBe(false);

        // Six of seven entries gone at once: likelier a broken file than delistings. Nothing is written.
        const versions = await store.listVersions();
        published.set('/consolidated.xml', ['CDi.002', 'CDi.003', 'LYi.023', 'CDi.030', 'IRi.001'].reduce(without, without(excerpt, 'CDi.001')));
        const [third] = await refreshLists([source!], options);
        expect(third!.summary).toBeNull();
        expect(third!.error).toMatch(/would remove 5 of 7 entries/);
        expect(await store.listVersions()).toEqual(versions);
      } finally {
        await store.close();
      }
    }, 120_000);
  });
}
