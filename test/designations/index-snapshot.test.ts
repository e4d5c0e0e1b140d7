// The name index saved beside the database: read back while the lists are as they were, built again when they change or the file is bad.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/designations/catalog.ts';
import { importList } from '../../src/designations/import.ts';
import type { Store } from '../../src/store/store.ts';
import { sqlite } from '../helpers/databases.ts';

const dir = mkdtempSync(join(tmpdir(), 'index-snapshot-'));
// Real SDN rows (the fixture's last one reuses an ent_num on purpose: left out).
mkdirSync(join(dir, 'base'));
mkdirSync(join(dir, 'newer'));
const FIXTURE = join(dir, 'base', 'sdn.csv');
const rows = readFileSync(fileURLToPath(new URL('../fixtures/ofac/minimal-quoting/sdn.csv', import.meta.url)), 'utf8').split('\n').slice(0, 5);
writeFileSync(FIXTURE, `${rows.join('\n')}\n`);
const snapshotFile = join(dir, 'store.db-index');

/** The store, with its entities read through a counter: how often the index was built from the database. */
function counting(store: Store): { store: Store; builds: () => number } {
  let builds = 0;
  return {
    store: { ...store, loadEntities: (...args) => (builds++, store.loadEntities(...args)) },
    builds: () => builds,
  };
}

afterAll(() => sqlite.cleanup());

describe('the name index snapshot', () => {
  it('is read back while the lists are unchanged, and built again when a new version is imported or the file is bad', async () => {
    const store = await sqlite.fresh().open();
    try {
      await importList(store, 'ofac-csv', [FIXTURE], { versionDate: '2024-01-01' });
      const watched = counting(store);

      const first = await loadCatalog(watched.store, { snapshotFile });
      expect(watched.builds()).toBe(1);
      expect(existsSync(snapshotFile)).toBe(true);
      const again = await loadCatalog(watched.store, { snapshotFile });
      expect(watched.builds()).toBe(1);
      // The same answers from the file as from the database, searches (with their scratch space) and ids alike.
      expect(again.search('Banco Nacional de Cuba').hits.map((h) => [h.entity.id, h.score])).toEqual(
        first.search('Banco Nacional de Cuba').hits.map((h) => [h.entity.id, h.score]),
      );
      expect(again.entity('ofac-sdn-306')?.name).toBe('BANCO NACIONAL DE CUBA');
      // A one-off command parses the snapshot's entities as it reads them: the same answers, and the same entities whole.
      const onDemand = await loadCatalog(watched.store, { snapshotFile, onDemand: true });
      expect(watched.builds()).toBe(1);
      expect(onDemand.search('Banco Nacional de Cuba').hits).toEqual(first.search('Banco Nacional de Cuba').hits);
      expect(onDemand.entity('ofac-sdn-306')).toEqual(first.entity('ofac-sdn-306'));
      expect([...onDemand.entities()]).toEqual([...first.entities()]);
      expect(onDemand.entities().map((e) => e.id)).toEqual(first.entities().map((e) => e.id));

      // A newer version of the list: the snapshot no longer holds what the database does.
      const newer = join(dir, 'newer', 'sdn.csv');
      writeFileSync(newer, `${readFileSync(FIXTURE, 'utf8')}99001,"SNAPSHOT TEST TRADING LLC",-0- ,CUBA,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n`);
      await importList(store, 'ofac-csv', [newer], { versionDate: '2024-02-01' });
      const updated = await loadCatalog(watched.store, { snapshotFile });
      expect(watched.builds()).toBe(2);
      expect(updated.search('Snapshot Test Trading').hits[0]?.entity.id).toBe('ofac-sdn-99001');

      // A file cut short (a full disk, a copy interrupted) is built again, not trusted.
      writeFileSync(snapshotFile, readFileSync(snapshotFile).subarray(0, 100));
      const rebuilt = await loadCatalog(watched.store, { snapshotFile });
      expect(watched.builds()).toBe(3);
      expect(rebuilt.entity('ofac-sdn-99001')).toBeDefined();
    } finally {
      await store.close();
    }
  });

  it('belongs to one database: another one with the same list files imported at another time does not read it', async () => {
    const [a, b] = [await sqlite.fresh().open(), await sqlite.fresh().open()];
    try {
      const file = join(dir, 'shared-index');
      await importList(a, 'ofac-csv', [FIXTURE], { versionDate: '2024-01-01', now: new Date('2024-01-01T06:00:00Z') });
      await importList(b, 'ofac-csv', [FIXTURE], { versionDate: '2024-01-01', now: new Date('2024-03-01T06:00:00Z') });
      await loadCatalog(a, { snapshotFile: file });
      copyFileSync(file, `${file}-a`);
      const watched = counting(b);
      await loadCatalog(watched.store, { snapshotFile: file });
      expect(watched.builds()).toBe(1);
      expect(readFileSync(file).equals(readFileSync(`${file}-a`))).toBe(false);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
