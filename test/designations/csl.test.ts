// trade.gov's Consolidated Screening List (the real May 2022 file): the Commerce and State lists each as its own list, the Treasury's rows left to OFAC's own files, bad files refused.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/designations/catalog.ts';
import { parseCslText } from '../../src/designations/csl.ts';
import { ImportError } from '../../src/designations/import-error.ts';
import { importList } from '../../src/designations/import.ts';
import { dialects } from '../helpers/databases.ts';

const SHARED = fileURLToPath(new URL('../../../shared/data/csl/2022-05/consolidated.csv.gz', import.meta.url));
const data = (f: string) => fileURLToPath(new URL(`../../data/${f}`, import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'csl-test-'));
const HEADER =
  '_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids';

describe('parsing the Consolidated Screening List', () => {
  it('makes each Commerce and State list its own list, with its program and federal register notice, and leaves out the Treasury rows', () => {
    const rows = [
      HEADER,
      // Real rows of the May 2022 file (an Entity List row, and SEK STUDIO's SDN row).
      '4398d33e9e93c7477af39f1e0bfffc13ddd47bcc,Entity List (EL) - Bureau of Industry and Security,,,,140 Repair Plant JSC,,"19 Luysi Chalovskoy St., Borisov, 222512, BY",87 FR 20299,2022-04-07,,,For all items subject to the EAR.,Policy of denial. ,,,,,,,,http://bit.ly/1L47xrV,Open Joint Stock Company 140 Repair Plant; and JSC 140 Repair Plant,,,,,http://bit.ly/1L47xrV,',
      '34022,Specially Designated Nationals (SDN) - Treasury Department,34022,Entity,DPRK3,SEK STUDIO,,"Pyongyang, KP; CN",,,,,,,,,,,,,,http://bit.ly/1I7ipyR,APRIL 26 CHILDREN\'S ANIMATION FILM STUDIO,"","","","",http://bit.ly/1MLgpye,""',
      '9d858bace976983934c359d72028d1b2750715f8,Nonproliferation Sanctions (ISN) - State Department,,,E.O. 13382,27th Scientific Center,,,"Vol. 86, No. 71, 04/15/2021",2021-03-02,,,,,,,,,,,,http://bit.ly/1NuVFxV,,,,,,http://bit.ly/1NuVFxV,',
    ];
    const entities = parseCslText(`${rows.join('\n')}\n`, 'consolidated.csv');
    expect(entities.map((e) => e.name)).toEqual(['140 Repair Plant JSC', '27th Scientific Center']);
    expect(entities[0]).toMatchObject({
      id: 'csl-4398d33e9e93c7477af39f1e0bfffc13ddd47bcc',
      lists: [{ id: 'us-el', name: 'Entity List (EL) - Bureau of Industry and Security' }],
      programs: ['EL'],
      designated: '2022-04-07',
      countries: ['BY'],
      aliases: [
        { name: 'Open Joint Stock Company 140 Repair Plant', kind: 'aka', strength: 'strong' },
        { name: 'JSC 140 Repair Plant', kind: 'aka', strength: 'strong' },
      ],
      identifiers: [{ type: 'Federal Register Notice', value: '87 FR 20299' }],
    });
    expect(entities[0]!.remarks).toMatch(/License policy: Policy of denial\./);
    expect(entities[1]).toMatchObject({ lists: [{ id: 'us-isn' }], programs: ['E.O. 13382'], identifiers: [{ type: 'Federal Register Notice', value: 'Vol. 86, No. 71, 04/15/2021' }] });
  });

  it('refuses a file that is not the CSL, a cut one, or one with only Treasury rows', () => {
    expect(() => parseCslText('ent_num,SDN_Name\n1,X\n', 'sdn.csv')).toThrow(/^sdn\.csv line 1: expected trade\.gov's Consolidated Screening List CSV/);
    expect(() => parseCslText(`${HEADER}\nabc,Entity List (EL) - Bureau of Industry and Security,,,,"Cut sho`, 'cut.csv')).toThrow(/^cut\.csv line \d+: not a well-formed CSV/);
    expect(() => parseCslText(`${HEADER}\n1,Specially Designated Nationals (SDN) - Treasury Department,1,Entity,SDGT,X,,,,,,,,,,,,,,,,,,,,,,,\n`, 'sdn-only.csv')).toThrow(/no entry of a Commerce or State list/);
    expect(() => parseCslText('', 'empty.csv')).toThrow(ImportError);
  });
});

afterAll(async () => {
  for (const dialect of dialects) if (dialect.available) await dialect.cleanup();
});

for (const dialect of dialects) {
  describe.runIf(dialect.available && existsSync(SHARED))(`importing the real CSL into a ${dialect.name} database`, () => {
    it('makes "AECC South Industry" findable on the Unverified List while SEK STUDIO stays one entity; gzip or plain alike; bad files change nothing', async () => {
      const store = await dialect.fresh().open();
      try {
        await importList(store, 'ofac-csv', [data('ofac-sdn/sdn.csv'), data('ofac-sdn/alt.csv'), data('ofac-sdn/add.csv')], { versionDate: '2024-05-03' });
        const summary = await importList(store, 'csl', [SHARED], { versionDate: '2022-05-06' });
        // 14,160 rows less the Treasury's 10,535: Entity List 2,001, ITAR Debarred 727, Denied Persons 462, Unverified 201, Nonproliferation 163, MEU 71.
        expect(summary).toMatchObject({ listId: 'us-csl', entities: 3625, unchanged: false });
        const stored = await store.loadEntities('us-csl');
        const perList = Object.fromEntries(['us-el', 'us-dtc', 'us-dpl', 'us-uvl', 'us-isn', 'us-meu'].map((id) => [id, stored.filter((e) => e.lists[0]!.id === id).length]));
        expect(perList).toEqual({ 'us-el': 2001, 'us-dtc': 727, 'us-dpl': 462, 'us-uvl': 201, 'us-isn': 163, 'us-meu': 71 });

        const catalog = await loadCatalog(store);
        const aecc = catalog.search('AECC South Industry', { limit: 5 }).hits.filter((h) => h.entity.name.startsWith('AECC South Industry'));
        expect(aecc.map((h) => h.entity.lists[0]!.id).sort()).toEqual(['us-meu', 'us-uvl']);
        expect(aecc.find((h) => h.entity.lists[0]!.id === 'us-uvl')!.entity).toMatchObject({ name: 'AECC South Industry Co. Ltd', programs: ['UVL'], countries: ['CN'] });
        const sek = catalog.search('SEK STUDIO', { limit: 10 }).hits.filter((h) => h.entity.name === 'SEK STUDIO');
        expect(sek.map((h) => h.entity.id)).toEqual(['ofac-sdn-34022']);
        expect(sek[0]!.entity.lists.map((l) => l.id)).toEqual(['ofac-sdn']);

        // The same list unpacked: the same entities (a new version with nothing changed).
        const plain = join(tmp, 'consolidated.csv');
        writeFileSync(plain, gunzipSync(readFileSync(SHARED)));
        expect(await importList(store, 'csl', [plain], { versionDate: '2022-05-07' })).toMatchObject({ entities: 3625, added: 0, changed: 0, removed: 0 });

        const before = { entities: await store.loadEntities('us-csl'), versions: await store.listVersions() };
        const cutGzip = join(tmp, 'cut.csv.gz');
        writeFileSync(cutGzip, readFileSync(SHARED).subarray(0, 500_000));
        await expect(importList(store, 'csl', [cutGzip])).rejects.toThrow(/cut\.csv\.gz: a broken gzip file/);
        const wrong = join(tmp, 'wrong.csv.gz');
        writeFileSync(wrong, gzipSync(readFileSync(data('ofac-cons/cons_prim.csv'))));
        await expect(importList(store, 'csl', [wrong])).rejects.toThrow(/wrong\.csv\.gz line 1: expected trade\.gov's Consolidated Screening List CSV/);
        expect({ entities: await store.loadEntities('us-csl'), versions: await store.listVersions() }).toEqual(before);
      } finally {
        await store.close();
      }
    }, 180_000);
  });
}
