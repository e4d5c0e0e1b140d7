// Importing real list versions into a real database: baseline, difference as events, idempotence, bad files.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { importList } from '../../src/designations/import.ts';
import { dialects } from '../helpers/databases.ts';

const data = (f: string) => fileURLToPath(new URL(`../../data/${f}`, import.meta.url));
const fixture = (f: string) => fileURLToPath(new URL(`../fixtures/${f}`, import.meta.url));
const DEC_09 = data('ofac-sdn-history/sdn-2021-12-09/sdn.csv');
const DEC_10 = data('ofac-sdn-history/sdn-2021-12-10/sdn.csv');
const tmp = mkdtempSync(join(tmpdir(), 'import-test-'));

afterAll(async () => {
  for (const dialect of dialects) if (dialect.available) await dialect.cleanup();
});

for (const dialect of dialects) {
  describe.runIf(dialect.available)(`importing real lists on ${dialect.name}`, () => {
    it('records a first import as the baseline and the next version as designation events', async () => {
      const store = await dialect.fresh().open();
      try {
        const first = await importList(store, 'ofac-csv', [DEC_09], { versionDate: '2021-12-09' });
        expect(first).toMatchObject({ listId: 'ofac-sdn', added: 0, changed: 0, removed: 0, unchanged: false });
        expect(await store.events()).toEqual([]);
        expect(await store.getEntity('ofac-sdn-34022')).toBeNull();

        const second = await importList(store, 'ofac-csv', [DEC_10], { versionDate: '2021-12-10' });
        expect(second).toMatchObject({ added: 25, removed: 0, entities: first.entities + 25 });
        const events = await store.events();
        const added = events.filter((e) => e.kind === 'added');
        expect(added).toHaveLength(25);
        expect(added.every((e) => e.date === '2021-12-10' && e.listId === 'ofac-sdn')).toBe(true);
        expect(added.map((e) => e.name)).toEqual(
          expect.arrayContaining(['SEK STUDIO', 'ZAKIR, Shohrat', 'TUNIYAZ, Erken', 'RAPID ACTION BATTALION', 'RI, Yong Gil']),
        );
        const sek = await store.getEntity('ofac-sdn-34022');
        expect(sek).toMatchObject({ name: 'SEK STUDIO', programs: ['DPRK3'], designated: '2021-12-10' });
        expect(sek!.countries).toContain('KP');
        // Entries already listed the day before keep an unknown date: the diff cannot date them.
        expect((await store.getEntity('ofac-sdn-36'))?.designated).toBeNull();
        expect((await store.getEntity('ofac-sdn-31042'))?.designated).toBe('2021-12-10');
        expect((await store.events('ofac-sdn-34022')).map((e) => e.kind)).toEqual(['added']);

        const again = await importList(store, 'ofac-csv', [DEC_10], { versionDate: '2021-12-11' });
        expect(again.unchanged).toBe(true);
        expect(await store.events()).toHaveLength(events.length);
      } finally {
        await store.close();
      }
    }, 60_000);

    it('rejects a truncated file, naming file and line, and changes nothing', async () => {
      const store = await dialect.fresh().open();
      try {
        await importList(store, 'ofac-cons-csv', [data('ofac-cons/cons_prim.csv')], { versionDate: '2025-04-01' });
        const before = { entities: await store.loadEntities(), versions: await store.listVersions() };
        const text = readFileSync(data('ofac-cons/cons_prim.csv'), 'latin1');
        const truncated = join(tmp, 'cons_prim.csv');
        writeFileSync(truncated, text.slice(0, Math.floor(text.length / 2)), 'latin1');
        await expect(importList(store, 'ofac-cons-csv', [truncated])).rejects.toThrow(/cons_prim\.csv.*line \d+/);
        const notCsv = join(tmp, 'sdn.csv');
        writeFileSync(notCsv, readFileSync(fixture('opensanctions/t1/entities.ftm.json')));
        await expect(importList(store, 'ofac-csv', [notCsv])).rejects.toThrow(/sdn\.csv.*line 1/);
        expect({ entities: await store.loadEntities(), versions: await store.listVersions() }).toEqual(before);
      } finally {
        await store.close();
      }
    }, 60_000);

    it('imports OpenSanctions FollowTheMoney entities', async () => {
      const store = await dialect.fresh().open();
      try {
        const summary = await importList(store, 'ftm', [fixture('opensanctions/zala/entities.ftm.json')], { versionDate: '2026-04-29' });
        expect(summary.entities).toBeGreaterThan(5);
        const entities = await store.loadEntities('opensanctions');
        expect(entities.every((e) => e.id.startsWith('os-'))).toBe(true);
        expect(entities.some((e) => e.programs.includes('RUSSIA-EO14024'))).toBe(true);
      } finally {
        await store.close();
      }
    }, 60_000);
  });
}
