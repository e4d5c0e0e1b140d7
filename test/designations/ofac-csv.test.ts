import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entity } from '../../src/designations/model.ts';
import { ImportError } from '../../src/designations/import-error.ts';
import { parseOfacList, resolveOfacFiles } from '../../src/designations/ofac-csv.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const SDN_DIR = here('../../data/ofac-sdn');
const CONS_DIR = here('../../data/ofac-cons');
const FIXTURES = here('../fixtures/ofac');
const HISTORY = here('../../data/ofac-sdn-history');
const byId = (entities: Entity[]) => new Map(entities.map((e) => [e.id, e]));

describe('the SDN list of 3 May 2024 with the aliases and addresses of 2026', () => {
  let entities: Entity[];
  let sdn: Map<string, Entity>;
  beforeAll(async () => {
    entities = await parseOfacList([SDN_DIR], 'sdn');
    sdn = byId(entities);
  });

  it('has its 14,965 entries, each with an ofac-sdn id, a source URL and the SDN list', () => {
    expect(entities).toHaveLength(14965);
    expect(sdn.size).toBe(14965);
    for (const e of entities) {
      expect(e.id).toMatch(/^ofac-sdn-\d+$/);
      expect(e.lists).toEqual([{ id: 'ofac-sdn', name: 'OFAC SDN List' }]);
    }
    expect(sdn.get('ofac-sdn-34022')?.sourceUrl).toBe('https://sanctionssearch.ofac.treas.gov/Details.aspx?id=34022');
  });

  it('reads SEK STUDIO: an organization under DPRK3 in North Korea, with its aliases from alt.csv', () => {
    const sek = sdn.get('ofac-sdn-34022')!;
    expect(sek.name).toBe('SEK STUDIO');
    expect(sek.type).toBe('organization');
    expect(sek.programs).toEqual(['DPRK3']);
    expect(sek.countries).toContain('KP');
    expect(sek.aliases).toEqual([
      { name: "APRIL 26 CHILDREN'S ANIMATION FILM STUDIO", kind: 'aka', strength: 'strong' },
      { name: 'SCIENTIFIC EDUCATION KOREA STUDIO', kind: 'aka', strength: 'strong' },
    ]);
    expect(sek.addresses).toContainEqual({ city: 'Pyongyang', country: 'Korea, North', countryCode: 'KP' });
  });

  it('joins addresses and resolves their countries (BANCO NACIONAL DE CUBA)', () => {
    const bnc = sdn.get('ofac-sdn-306')!;
    expect(bnc.addresses).toContainEqual({
      street: 'Zweierstrasse 35',
      city: 'Zurich CH-8022',
      country: 'Switzerland',
      countryCode: 'CH',
    });
    expect(bnc.countries).toEqual(['CH', 'CU', 'ES', 'JP', 'PA']);
    // alt.csv's alias is strong; the one OFAC quotes in the remarks is weak.
    expect(bnc.aliases).toEqual([
      { name: 'NATIONAL BANK OF CUBA', kind: 'aka', strength: 'strong' },
      { name: 'BNC', kind: 'aka', strength: 'weak' },
    ]);
  });

  it('splits several programs and maps types', () => {
    const kalashnikov = sdn.get('ofac-sdn-16911')!;
    expect(kalashnikov.name).toBe('JOINT STOCK COMPANY CONCERN KALASHNIKOV');
    expect(kalashnikov.programs).toEqual(['UKRAINE-EO13661', 'RUSSIA-EO14024']);
    expect(kalashnikov.identifiers).toContainEqual({ type: 'Tax ID No.', value: '1832090230', country: 'RU' });
    expect(sdn.get('ofac-sdn-45937')?.type).toBe('person');
    const types: Record<string, number> = {};
    for (const e of entities) types[e.type] = (types[e.type] ?? 0) + 1;
    expect(types).toEqual({ organization: 6884, person: 6854, vessel: 851, aircraft: 376 });
  });

  it('resolves Linked To names to entity ids, and keeps the others with a null id', () => {
    const linked = entities.flatMap((e) => e.related.filter((r) => r.kind === 'linked to'));
    const mahan = entities.find((e) => e.name === 'MAHAN AIR')!;
    expect(linked.filter((r) => r.name === 'MAHAN AIR').every((r) => r.id === mahan.id)).toBe(true);
    expect(linked.filter((r) => r.id === null).length).toBeLessThan(20);
    // ROSNEFT is on the non-SDN list, not in this file.
    expect(linked).toContainEqual({ id: null, name: 'OPEN JOINT-STOCK COMPANY ROSNEFT OIL COMPANY', kind: 'linked to' });
  });

  it('reads vessels: flag, IMO, countries', () => {
    const vessels = entities.filter((e) => e.type === 'vessel');
    const flagged = vessels.find((v) => v.identifiers.some((i) => i.type === 'Vessel Flag' && i.country === 'KP'))!;
    expect(flagged.countries).toContain('KP');
    expect(vessels.filter((v) => v.identifiers.some((i) => i.type === 'IMO'))).toHaveLength(844);
    // Every flag resolves but OFAC's "None Identified".
    const unresolved = vessels.flatMap((v) => v.identifiers.filter((i) => i.type === 'Vessel Flag' && !i.country));
    expect(new Set(unresolved.map((i) => i.value))).toEqual(new Set(['None Identified']));
  });

  it("ignores alt.csv and add.csv rows of entities this version doesn't have", async () => {
    const alt = readFileSync(join(SDN_DIR, 'alt.csv'), 'utf8');
    const aliasRows = alt.split('\r\n').filter((l) => /^\d/.test(l)).length;
    const attached = entities.reduce((n, e) => n + e.aliases.filter((a) => a.strength === 'strong').length, 0);
    expect(aliasRows).toBe(20260);
    expect(attached).toBeLessThan(aliasRows);
    expect(attached).toBeGreaterThan(15000);
  });

});

describe('the SDN lists of 9 and 10 December 2021', () => {
  it('tells the 25 entries of 10 Dec 2021 apart, ZAKIR, Shohrat among them', async () => {
    const before = byId(await parseOfacList([join(HISTORY, 'sdn-2021-12-09/sdn.csv')], 'sdn'));
    const after = byId(await parseOfacList([join(HISTORY, 'sdn-2021-12-10/sdn.csv')]));
    expect(before.size).toBe(9121);
    expect(after.size).toBe(9146);
    const added = [...after.keys()].filter((id) => !before.has(id));
    expect(added).toHaveLength(25);
    const zakir = after.get('ofac-sdn-34079')!;
    expect(added).toContain(zakir.id);
    expect(zakir).toMatchObject({ name: 'ZAKIR, Shohrat', type: 'person', programs: ['GLOMAG'], countries: ['CN'], aliases: [] });
    expect(zakir.identifiers).toContainEqual({ type: 'DOB', value: 'Aug 1953' });
    expect(zakir.related).toEqual([{ id: 'ofac-sdn-29159', name: 'XINJIANG PUBLIC SECURITY BUREAU', kind: 'linked to' }]);
    expect(after.get('ofac-sdn-29159')?.name).toBe('XINJIANG PUBLIC SECURITY BUREAU');
    expect(after.get('ofac-sdn-33952')?.related).toEqual([{ id: 'ofac-sdn-33951', name: 'RAPID ACTION BATTALION', kind: 'linked to' }]);
    expect(after.get('ofac-sdn-34022')?.countries).toEqual(['KP']);
  });
});

describe('the consolidated (non-SDN) list of April 2025', () => {
  let cons: Map<string, Entity>;
  beforeAll(async () => {
    cons = byId(await parseOfacList([join(CONS_DIR, 'cons_prim.csv'), join(CONS_DIR, 'cons_add.csv')], 'cons'));
  });

  it('reads SENSETIME GROUP LIMITED: NS-CMIC, listed 10 Dec 2021', () => {
    expect(cons.size).toBe(443);
    const sensetime = cons.get('ofac-cons-33114')!;
    expect(sensetime).toMatchObject({
      name: 'SENSETIME GROUP LIMITED',
      type: 'organization',
      programs: ['CMIC-EO13959'],
      designated: '2021-12-10',
      countries: ['CN'],
      sourceUrl: 'https://sanctionssearch.ofac.treas.gov/Details.aspx?id=33114',
    });
    expect(sensetime.lists).toEqual([
      { id: 'ofac-cons', name: 'OFAC Consolidated (non-SDN) List' },
      { id: 'ofac-ns-cmic', name: 'Non-SDN Chinese Military-Industrial Complex Companies List (NS-CMIC)' },
    ]);
  });

  it('names the sub-list of every entry the programs make plain', () => {
    const count = new Map<string, number>();
    for (const e of cons.values()) for (const l of e.lists) count.set(l.id, (count.get(l.id) ?? 0) + 1);
    expect(Object.fromEntries(count)).toEqual({
      'ofac-cons': 443,
      'ofac-ns-cmic': 68,
      'ofac-ssi': 286,
      'ofac-ns-plc': 78,
      'ofac-fse': 1,
      'ofac-capta': 1,
      'ofac-ns-mbs': 9,
    });
    // A Palestinian Legislative Council member: the program puts him in Palestine.
    expect(cons.get('ofac-cons-9639')).toMatchObject({ name: 'HANIYA, Ismail Abdul Salah', type: 'person', countries: ['PS'] });
  });
});

describe('a copy re-saved with minimal quoting (Jan 2022 trio)', () => {
  const dir = join(FIXTURES, 'minimal-quoting');
  const paths = ['sdn.csv', 'alt.csv', 'add.csv'].map((n) => join(dir, n));

  it('refuses by default the out-of-order last line that reuses ent_num 2677', async () => {
    const error = await parseOfacList(paths).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject({ line: 6 });
    expect((error as Error).message).toBe(`${join(dir, 'sdn.csv')} line 6: ent_num 2677 is already used on line 4`);
  });

  it('keeps the first row of ent_num 2677 when told to go on, and reads unquoted fields', async () => {
    const warnings: ImportError[] = [];
    const entities = byId(await parseOfacList(paths, 'sdn', undefined, (w) => warnings.push(w)));
    expect(warnings.map((w) => w.line)).toEqual([6]);
    expect([...entities.keys()]).toEqual(['ofac-sdn-36', 'ofac-sdn-173', 'ofac-sdn-306', 'ofac-sdn-2677', 'ofac-sdn-34111']);
    expect(entities.get('ofac-sdn-173')?.name).toBe('ANGLO-CARIBBEAN CO., LTD.');
    expect(entities.get('ofac-sdn-306')?.aliases.map((a) => [a.name, a.strength])).toEqual([
      ['NATIONAL BANK OF CUBA', 'strong'],
      ['BNC', 'weak'],
    ]);
    const zomor = entities.get('ofac-sdn-2677')!;
    expect(zomor).toMatchObject({ name: 'AL-ZOMOR, Abboud Abdul Latif Hassan', type: 'person', countries: ['EG'] });
    expect(zomor.aliases).toHaveLength(5);
    // alt.csv's last row has an empty remarks field instead of -0-.
    expect(entities.get('ofac-sdn-34111')?.aliases.map((a) => a.name)).toEqual(['BARAHONA DE RIVAS, Rosa Adelina', 'Another name']);
    expect(entities.get('ofac-sdn-34111')?.addresses).toEqual([
      { street: 'Zona Central', city: 'Matagalpa', country: 'Nicaragua', countryCode: 'NI' },
    ]);
  });
});

describe('telling the files apart', () => {
  it('knows each file by its name', () => {
    expect(resolveOfacFiles(['/x/ALT.csv', '/x/sdn.csv', '/x/add.csv', '/x/sdn_comments.csv'])).toEqual({
      kind: 'sdn',
      files: { main: '/x/sdn.csv', alt: '/x/ALT.csv', add: '/x/add.csv', comments: '/x/sdn_comments.csv' },
    });
    expect(resolveOfacFiles(['cons_prim.csv', 'cons_alt.csv', 'cons_add.csv', 'cons_comments.csv']).kind).toBe('cons');
  });

  it('refuses mixed lists, a missing main file, unknown names and the wrong kind', () => {
    expect(() => resolveOfacFiles(['sdn.csv', 'cons_prim.csv'])).toThrow(/both the SDN and the non-SDN list/);
    expect(() => resolveOfacFiles(['alt.csv', 'add.csv'])).toThrow(/sdn\.csv is missing/);
    expect(() => resolveOfacFiles(['sdn.csv', 'notes.txt'])).toThrow(/notes\.txt: not one of OFAC's legacy CSV file names/);
    expect(() => resolveOfacFiles(['sdn.csv'], 'cons')).toThrow(/not the cons list/);
    expect(() => resolveOfacFiles([])).toThrow(ImportError);
  });
});

describe('files that are broken or of another format', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ofac-csv-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const sdnLines = readFileSync(join(HISTORY, 'sdn-2021-12-10/sdn.csv'), 'utf8').split('\r\n');
  const parseSdn = async (content: string | Buffer, name = 'sdn.csv', extra: Record<string, string> = {}) => {
    const sub = mkdtempSync(join(dir, 'case-'));
    writeFileSync(join(sub, name), content);
    for (const [n, c] of Object.entries(extra)) writeFileSync(join(sub, n), c);
    return parseOfacList([sub]).then(
      () => null,
      (e: unknown) => e as ImportError,
    );
  };

  it('a file cut in the middle of a quoted field', async () => {
    const whole = sdnLines.slice(0, 12).join('\r\n');
    const cut = whole.slice(0, whole.lastIndexOf('RODAJES'));
    const error = await parseSdn(cut);
    expect(error).toBeInstanceOf(ImportError);
    expect(error?.line).toBe(12);
    expect(error?.message).toMatch(/sdn\.csv line 12: a quoted field is never closed/);
  });

  it('a row with the wrong number of columns', async () => {
    const lines = sdnLines.slice(0, 20);
    lines[11] = '9999,"SHORT ROW","individual"';
    const error = await parseSdn(lines.join('\r\n'));
    expect(error?.message).toMatch(/sdn\.csv line 12: expected 12 columns .*, found 3$/);
    expect(error).toMatchObject({ line: 12 });
  });

  it('an ent_num that is not a number, in alt.csv', async () => {
    const error = await parseSdn(sdnLines.slice(0, 5).join('\r\n'), 'sdn.csv', { 'alt.csv': 'abc,1,"aka","X",-0- \r\n' });
    expect(error?.message).toMatch(/alt\.csv line 1: ent_num "abc" is not a number/);
    expect(error?.file).toMatch(/alt\.csv$/);
  });

  it('a FollowTheMoney JSON file given as sdn.csv', async () => {
    const ftm = readFileSync(here('../fixtures/opensanctions/t1/entities.ftm.json'));
    const error = await parseSdn(ftm);
    expect(error?.message).toMatch(/sdn\.csv line 1: found JSON/);
  });

  it('a CSV with a header row, like the Consolidated Screening List', async () => {
    const header =
      '_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids';
    const error = await parseSdn(`${header}\n36,Specially Designated Nationals (SDN) - Treasury Department,36,Entity,CUBA,AEROCARIBBEAN AIRLINES${',-0-'.repeat(23)}\n`);
    expect(error?.message).toMatch(/sdn\.csv line 1: ent_num "_id" is not a number \(a header row\?/);
  });

  it('an empty file, and one holding only the end-of-file mark', async () => {
    expect((await parseSdn(''))?.message).toMatch(/sdn\.csv: the file is empty$/);
    expect((await parseSdn('\x1a'))?.message).toMatch(/the file is empty/);
  });

  it('binary data', async () => {
    const gzip = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xed, 0xbd, 0x0a, 0x41, 0x00]);
    const error = await parseSdn(gzip);
    expect(error).toBeInstanceOf(ImportError);
    expect(error?.message).toMatch(/sdn\.csv line 1: binary data/);
  });

  it('a type column that holds something else', async () => {
    const lines = sdnLines.slice(0, 3);
    lines[2] = lines[2]!.replace('-0- ,"CUBA"', '"CUBA","CUBA"');
    const error = await parseSdn(lines.join('\r\n'));
    expect(error?.message).toMatch(/sdn\.csv line 3: SDN_Type "CUBA" is not individual, vessel, aircraft or -0-/);
  });
});
