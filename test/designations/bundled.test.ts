// The first start's import of the bundled lists, as a person watches it: one progress bar a list, one line a list after.
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLED_LISTS, bundledImportLines, ensureBundledLists } from '../../src/designations/bundled.ts';
import { sqlite } from '../helpers/databases.ts';

afterAll(() => sqlite.cleanup());

describe('ensureBundledLists', () => {
  it('reports one job a list, its versions one after another, and sums each list up in a line', async () => {
    const store = await sqlite.fresh().open();
    try {
      const reports: { label: string; done: number; total: number; detail?: string }[] = [];
      const summaries = await ensureBundledLists(store, (label, done, total, detail) => reports.push({ label, done, total, detail }));
      expect(summaries).toHaveLength(BUNDLED_LISTS.length);

      const labels = [...new Set(reports.map((r) => r.label))];
      // One bar a list, not one a version (the SDN list comes in three).
      expect(labels).toHaveLength(new Set(BUNDLED_LISTS.map((l) => l.format)).size);
      expect(labels.slice(0, 2)).toEqual(['Importing OFAC SDN List', 'Importing OFAC Consolidated (non-SDN) List']);
      for (const label of labels) {
        const bar = reports.filter((r) => r.label === label);
        // One bar: it runs forward only, to 100% once, across the list's versions.
        expect(bar.every((r, i) => r.total === 100 && (i === 0 || r.done >= bar[i - 1]!.done))).toBe(true);
        expect(bar.at(-1)!.done).toBe(100);
        expect(bar.filter((r) => r.done === 100)).toHaveLength(1);
      }
      const sdn = reports.filter((r) => r.label === 'Importing OFAC SDN List').map((r) => r.detail);
      expect([...new Set(sdn)]).toEqual([
        'version of 2021-12-09 (1 of 3, read to date designations)',
        'version of 2021-12-10 (2 of 3, read to date designations)',
        'version of 2024-05-03 (3 of 3)',
      ]);

      const lines = bundledImportLines(summaries);
      expect(lines[0]).toBe(
        'imported bundled list ofac-sdn: 14965 entities, version of 2024-05-03; its versions of 2021-12-09 and 2021-12-10 were read first to date the designations made between them',
      );
      expect(lines.join('\n')).not.toMatch(/removed|added|changed/);
      // Once there, nothing more to import.
      expect(await ensureBundledLists(store)).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
