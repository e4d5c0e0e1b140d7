// The disk filling up while a list is imported: SQLite's own SQLITE_FULL, from a database held to the pages it has (PRAGMA max_page_count).
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/designations/catalog.ts';
import { importList } from '../../src/designations/import.ts';
import { createSqliteStore } from '../../src/store/sqlite-store.ts';
import { sqlite } from '../helpers/databases.ts';

const DEC_09 = fileURLToPath(new URL('../../data/ofac-sdn-history/sdn-2021-12-09/sdn.csv', import.meta.url));
const DEC_10 = fileURLToPath(new URL('../../data/ofac-sdn-history/sdn-2021-12-10/sdn.csv', import.meta.url));

afterAll(() => sqlite.cleanup());

describe('a disk that fills up during an import', () => {
  it('fails the import with a clear message and leaves the stored version as it was', async () => {
    const db = sqlite.fresh();
    const store = await db.open();
    const first = await importList(store, 'ofac-csv', [DEC_09], { versionDate: '2021-12-09' });
    await store.close();

    // The same file, reopened on a connection that may not grow it by a single page: a full disk, as SQLite meets one.
    const client = new Database(fileURLToPath(db.url));
    client.pragma('journal_mode = WAL');
    const pages = Number(client.pragma('page_count', { simple: true }));
    client.pragma(`max_page_count = ${pages}`);
    const full = createSqliteStore(client);
    const error = await importList(full, 'ofac-csv', [DEC_10], { versionDate: '2021-12-10' }).then(() => null, (err: Error) => err);
    expect(error?.message).toMatch(/^ofac-sdn: could not store the 2021-12-10 version, so the list stays as it was: the database or its disk is full/);

    expect(await full.countEntities()).toBe(first.entities);
    expect((await full.listVersions()).map((v) => [v.id, v.versionDate, v.entityCount])).toEqual([['ofac-sdn', '2021-12-09', first.entities]]);
    expect(await full.events()).toEqual([]);
    expect(await full.getEntity('ofac-sdn-34022')).toBeNull();
    // Still a working database: lookups load from it, and it passes SQLite's own check.
    expect((await loadCatalog(full)).entities()).toHaveLength(first.entities);
    expect(client.pragma('integrity_check', { simple: true })).toBe('ok');
    await full.close();

    // Room again: the same import goes through.
    const roomy = await db.open();
    const second = await importList(roomy, 'ofac-csv', [DEC_10], { versionDate: '2021-12-10' });
    expect(second).toMatchObject({ added: 25, entities: first.entities + 25 });
    await roomy.close();
  });
});
