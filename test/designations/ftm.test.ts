import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseFtmDelta, parseFtmEntities, parseFtmText } from '../../src/designations/ftm.ts';
import type { Entity } from '../../src/designations/model.ts';
import { ImportError } from '../../src/designations/import-error.ts';

const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/opensanctions/${path}`, import.meta.url));
const text = (path: string) => readFileSync(fixture(path), 'utf8');
const byId = (entities: Entity[]) => new Map(entities.map((e) => [e.id, e]));

describe('t1: six listed parties of the EU list', () => {
  const entities = byId(parseFtmText(text('t1/entities.ftm.json'), 't1/entities.ftm.json'));

  it('imports the four people and two organizations, not the address', () => {
    expect([...entities.values()].map((e) => [e.id, e.type, e.name])).toEqual([
      ['os-NK-2GdmHtZTeNXjNVrBGEXZNj', 'organization', 'RAB „Inter Tobacco“'],
      ['os-NK-2Ka3UvopqbpZmVDFjWd4LA', 'person', 'Vitaly Yurievich KUZMENKO'],
      ['os-NK-2KeUB68qUJtykm3BuAcazG', 'person', 'Tatiana Vladimirovna ZJURAVLEVA'],
      ['os-NK-2Mht2rqBeravCTdyQAWc4o', 'person', 'Svjatlana Paulauna PACHODAVA'],
      ['os-NK-2Myxbs6wX9xFKGoQn3sLaY', 'person', 'Viktor Vladimirovitj Sojko'],
      ['os-NK-2PacmNpiLUmoz4XD2mSt7A', 'organization', 'IRGC'],
    ]);
  });

  it('reads names in eleven languages as aliases, other scripts as original names', () => {
    const tobacco = entities.get('os-NK-2GdmHtZTeNXjNVrBGEXZNj')!;
    expect(tobacco.aliases).toHaveLength(11);
    expect(tobacco.aliases).toContainEqual({ name: 'LLC “Inter Tobacco”', kind: 'aka', strength: 'strong' });
    expect(tobacco.aliases).toContainEqual({
      name: 'Общество с ограниченной ответственностью “Интер Тобако”',
      kind: 'original',
      strength: 'strong',
    });
    expect(tobacco.aliases).toContainEqual({ name: 'Εταιρία περιορισμένης ευθύνης “Inter Tobacco”', kind: 'original', strength: 'strong' });
  });

  it('reads countries, identifiers, lists, notes and falls back to first_seen for the date', () => {
    const tobacco = entities.get('os-NK-2GdmHtZTeNXjNVrBGEXZNj')!;
    expect(tobacco).toMatchObject({
      countries: ['BY'],
      programs: [],
      lists: [{ id: 'os-eu_fsf', name: 'eu_fsf' }],
      designated: '2023-04-20',
      remarks: 'Belarus (Minsk Free Economic Zone)',
      identifiers: [{ type: 'Registration Number', value: '808000714' }],
      addresses: [],
      related: [],
      sourceUrl: 'https://www.opensanctions.org/entities/NK-2GdmHtZTeNXjNVrBGEXZNj/',
    });
    const kuzmenko = entities.get('os-NK-2Ka3UvopqbpZmVDFjWd4LA')!;
    expect(kuzmenko.countries).toEqual(['RU']);
    expect(kuzmenko.identifiers).toContainEqual({ type: 'DOB', value: '1971-01-22' });
    expect(kuzmenko.identifiers).toContainEqual({ type: 'Tax ID No.', value: '366510784303' });
    expect(entities.get('os-NK-2Myxbs6wX9xFKGoQn3sLaY')?.identifiers).toContainEqual({ type: 'POB', value: 'BELARUS, Komsomolskaya' });
  });
});

describe('zala: the cluster around LLC CST (ZALA Aero)', () => {
  let entities: Map<string, Entity>;
  const progress: [string, number, number, string?][] = [];
  beforeAll(async () => {
    entities = byId(await parseFtmEntities(fixture('zala/entities.ftm.json'), (...p) => progress.push(p)));
  });

  it('imports the 14 listed parties, reading the file from disk', () => {
    expect(entities.size).toBe(14);
    expect(progress.at(-1)).toEqual(['Reading FTM entities', 146373, 146373]);
  });

  it('collects programs and the earliest listing date from the Sanction records', () => {
    const cst = entities.get('os-NK-abdzbEBkqyT29GyREbiURZ')!;
    expect(cst).toMatchObject({ name: 'LLC CST', type: 'organization', countries: ['RU'], designated: '2021-10-30' });
    expect(cst.programs).toEqual(expect.arrayContaining(['RUSSIA-EO14024', 'US-RUSHAR', 'EU-UKR', 'GB-RUS', 'UA-SA1644']));
    // A regulation's title is not a program code.
    expect(cst.programs.every((p) => !p.includes(' '))).toBe(true);
    expect(cst.lists).toContainEqual({ id: 'os-us_ofac_sdn', name: 'us_ofac_sdn' });
    expect(cst.lists).toHaveLength(22);
    expect(entities.get('os-NK-aU5ybkbRFJucf8YMwsJvDw')?.designated).toBe('2023-07-01');
  });

  it('reads aliases: Japanese as original, alias as strong, weakAlias and abbreviations as weak', () => {
    const cst = entities.get('os-NK-abdzbEBkqyT29GyREbiURZ')!;
    expect(cst.aliases).toContainEqual({ name: 'ザラ・アエロ・グループ', kind: 'original', strength: 'strong' });
    expect(cst.aliases).toContainEqual({ name: 'Zala Aero', kind: 'aka', strength: 'strong' });
    expect(cst.aliases).toContainEqual({ name: 'ZALA', kind: 'aka', strength: 'weak' });
    expect(cst.aliases.filter((a) => a.name.toLowerCase() === 'llc cst')).toEqual([]);
    const names = cst.aliases.map((a) => a.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });

  it('relates owners, directors and family, resolving listed parties and naming the others', () => {
    const cst = entities.get('os-NK-abdzbEBkqyT29GyREbiURZ')!;
    expect(cst.related).toContainEqual({ id: 'os-NK-nR5AXM9AVPq4pQaSPSaVam', name: 'JSC Kalashnikov Concern', kind: 'owned by' });
    expect(cst.related).toContainEqual({ id: 'os-NK-aU5ybkbRFJucf8YMwsJvDw', name: 'Alexander Vyacheslavovich ZAKHAROV', kind: 'directed by' });
    const zakharov = entities.get('os-NK-aU5ybkbRFJucf8YMwsJvDw')!;
    expect(zakharov.related).toContainEqual({ id: 'os-NK-abdzbEBkqyT29GyREbiURZ', name: 'LLC CST', kind: 'director of' });
    expect(zakharov.related).toContainEqual({ id: 'os-NK-JseaPJctnK9o8wrmz8xmoT', name: 'Nikita Aleksandrovich Zakharov', kind: 'family member' });
    // A company that is in the file but not listed: named, with no id to follow.
    expect(zakharov.related).toContainEqual({ id: null, name: 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "СПС"', kind: 'owner of' });
    expect(zakharov.identifiers).toContainEqual({ type: 'DOB', value: '1965-09-21' });
  });

  it('reads address records with their countries', () => {
    const cst = entities.get('os-NK-abdzbEBkqyT29GyREbiURZ')!;
    expect(cst.addresses).toContainEqual({ street: '130 Vorovskogo St.', city: 'Izhevsk', country: 'Russia', countryCode: 'RU' });
  });
});

describe('t2: the delta feed', () => {
  const delta = (version: string) => parseFtmDelta(text(`t2/${version}/entities.delta.json`), `${version}/entities.delta.json`);

  it('reads an empty delta as no ops', () => {
    expect(delta('20240527134702-zbn')).toEqual([]);
  });

  it('reads ADD lines as entities', () => {
    const ops = delta('20240527194702-wnk');
    expect(ops.map((o) => [o.op, o.id, o.entity?.name])).toEqual([
      ['ADD', 'os-NK-2T3S8Hu29ktYnKSTgQp2wL', 'AL-QAIDA IN IRAQ'],
      ['ADD', 'os-NK-2sJaJRaPJcWUfMbHjTtWcL', 'Janan Agha'],
    ]);
    const aqi = ops[0]!.entity!;
    expect(aqi.lists).toHaveLength(22);
    expect(aqi.aliases.some((a) => a.kind === 'original' && /[\u0600-\u06ff]/.test(a.name))).toBe(true);
    expect(aqi.aliases).toContainEqual({ name: 'アイ・エス・アイ', kind: 'aka', strength: 'weak' });
  });

  it('turns an entity with no usable name into a removal, and reads MOD and DEL', () => {
    expect(delta('20240528014702-pfh').map((o) => [o.op, o.id, o.entity?.name])).toEqual([
      ['ADD', 'os-NK-500Poltergeist', undefined],
      ['MOD', 'os-NK-2T3S8Hu29ktYnKSTgQp2wL', 'Foobar Foobargroup'],
    ]);
    expect(delta('20240528074703-npf')).toEqual([{ op: 'DEL', id: 'os-NK-500Poltergeist' }]);
    const plotnikov = delta('20240528134729-3iv')[0]!.entity!;
    expect(plotnikov).toMatchObject({ id: 'os-Q4365364', name: 'Vladimir Nikolaevich PLOTNIKOV', type: 'person' });
    expect(plotnikov.aliases).toEqual([
      { name: 'Владимир Николаевич ПЛОТНИКОВ', kind: 'original', strength: 'strong' },
      { name: 'Vladimir Nikolajevitj PLOTNIKOV', kind: 'aka', strength: 'strong' },
    ]);
  });
});

describe('broken FollowTheMoney files', () => {
  const error = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return e as ImportError;
    }
    return null;
  };
  const lines = text('t1/entities.ftm.json').split('\n');

  it('names the file and line of malformed JSON', () => {
    const broken = [lines[0], lines[1]!.slice(0, 80), lines[2]].join('\n');
    const e = error(() => parseFtmText(broken, 'entities.ftm.json'));
    expect(e).toBeInstanceOf(ImportError);
    expect(e).toMatchObject({ file: 'entities.ftm.json', line: 2 });
    expect(e?.message).toMatch(/^entities\.ftm\.json line 2: not valid JSON/);
  });

  it('refuses JSON that is no entity, a CSV file, and an empty entities file', () => {
    expect(error(() => parseFtmText(`${lines[0]}\n[1, 2]`, 'x.json'))?.message).toMatch(/x\.json line 2: expected a FollowTheMoney entity/);
    const sdn = readFileSync(fileURLToPath(new URL('../fixtures/ofac/minimal-quoting/sdn.csv', import.meta.url)), 'utf8');
    expect(error(() => parseFtmText(sdn, 'sdn.csv'))).toMatchObject({ line: 1 });
    expect(error(() => parseFtmText('\n\n', 'empty.json'))?.message).toBe('empty.json: the file is empty');
  });

  it('refuses a delta line with an unknown op or a DEL without an id', () => {
    expect(error(() => parseFtmDelta('{"op": "UPSERT", "entity": {"id": "x"}}', 'd.json'))?.message).toMatch(
      /d\.json line 1: expected a delta line with op ADD, MOD or DEL, found "UPSERT"/,
    );
    expect(error(() => parseFtmDelta('\n{"op": "DEL", "entity": {}}', 'd.json'))).toMatchObject({ line: 2 });
    expect(error(() => parseFtmDelta(lines[0]!, 'd.json'))?.message).toMatch(/found null/);
  });
});
