// Screening rows against the bundled lists: best matches, how country and date of birth move them, the result CSV, progress.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseBundledLists } from '../../src/designations/bundled.ts';
import type { Catalog } from '../../src/designations/catalog.ts';
import { buildNameIndex } from '../../src/designations/name-index.ts';
import { MATCH_THRESHOLD, SUGGESTION_THRESHOLD, searchNames } from '../../src/designations/search.ts';
import { compareBirthDates, parseBirthDate } from '../../src/screening/birth-date.ts';
import { type ScreeningRow, readScreeningFile } from '../../src/screening/input.ts';
import { RESULT_COLUMNS, csvCell, resultCsv } from '../../src/screening/result.ts';
import { type ScreenedRow, levelOf, screenRow, screenRows } from '../../src/screening/screen.ts';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/screening/${name}`, import.meta.url)));

let catalog: Pick<Catalog, 'search'>;

beforeAll(async () => {
  const index = buildNameIndex(await parseBundledLists());
  catalog = { search: (query, options) => searchNames(index, query, options) };
});

const row = (name: string, country = '', dateOfBirth = ''): ScreeningRow => ({ row: 2, name, country, dateOfBirth });
const scoreOf = (r: ScreenedRow) => r.match?.score ?? 0;

describe('screening a CRM export', () => {
  let results: ScreenedRow[];
  const at = (n: number) => results.find((r) => r.input.row === n)!;

  beforeAll(async () => {
    ({ results } = await screenRows(catalog, readScreeningFile(fixture('customers.csv')).rows));
  });

  it('finds listed names however they are spelled, as strong matches', () => {
    const strong = results.filter((r) => r.level === 'strong').map((r) => [r.input.row, r.match!.entity.id]);
    expect(strong).toEqual([
      [2, 'ofac-sdn-34079'], // Shahraat Zakir: ZAKIR, Shohrat
      [3, 'ofac-sdn-34022'], // SEK Studio Ltd.
      [4, 'ofac-sdn-20157'], // Kim Jong-un
      [5, 'ofac-sdn-35096'], // Vladimir Putin, born 7 Oct 1952
      [7, 'ofac-sdn-16692'], // Igor Setchin: SECHIN, Igor Ivanovich
      [8, 'ofac-cons-33114'], // Sensetime Group
      [14, 'ofac-sdn-34079'], // ZAKIR, Shohrat as the list writes it
    ]);
    expect(at(2).why).toMatch(/^name: .*shahraat~shohrat.*; country CN is the listing's: raises; born 1953, listed 1953 \(same year\): raises$/);
    expect(at(7).why).toContain('name as "SECHIN, Igor"');
  });

  it('makes the same name a possible match only when the date of birth and country contradict the listing', () => {
    expect(at(6)).toMatchObject({ level: 'possible', match: { entity: { id: 'ofac-sdn-35096' } } });
    expect(at(6).why).toContain('born 1970-05-05, listed 1952-10-07 (differs): lowers');
    expect(at(9)).toMatchObject({ level: 'possible', match: { entity: { id: 'ofac-sdn-34119' } } });
    expect(at(9).why).toContain("country KZ is not the listing's (CN): lowers");
  });

  it('leaves clean names unmatched, saying so', () => {
    for (const n of [10, 11, 12, 13, 15]) expect(at(n)).toMatchObject({ level: 'none', match: null });
    expect(at(11).why).toBe('no listed name is close enough');
    // A name close enough on its own that the row's facts pushed below the band says which.
    expect(at(10).why).toMatch(/^no listed name is close enough; the closest, .+ \(ofac-[a-z]+-\d+\), falls to 0\.\d\d; country DE .*: lowers/);
  });

  it('says which facts of a row it could not use, and skips rows without a name', () => {
    expect(at(16)).toMatchObject({ level: 'none', why: 'no name in this row' });
    expect(at(17).why).toContain('country "Narnia" not recognised, not used');
    expect(at(17).why).toContain('date of birth "sometime in the 80s" not understood, not used');
  });
});

describe('country and date of birth', () => {
  it('raise a match that agrees with the listing and lower one that contradicts it', () => {
    const name = 'Igor Sechinn';
    const bare = scoreOf(screenRow(catalog, row(name)));
    expect(bare).toBeGreaterThan(SUGGESTION_THRESHOLD);
    expect(scoreOf(screenRow(catalog, row(name, 'Russia')))).toBeGreaterThan(bare);
    expect(scoreOf(screenRow(catalog, row(name, 'France')))).toBeLessThan(bare);
    expect(scoreOf(screenRow(catalog, row(name, '', '1960')))).toBeGreaterThan(bare);
    expect(scoreOf(screenRow(catalog, row(name, '', '07/09/1960')))).toBeGreaterThan(bare);
    expect(scoreOf(screenRow(catalog, row(name, '', '1960-09-07')))).toBeGreaterThan(scoreOf(screenRow(catalog, row(name, '', '1960'))));
    expect(scoreOf(screenRow(catalog, row(name, '', '1975')))).toBeLessThan(bare);
  });

  it('turn an exact name with another date of birth into a possible match, not a strong one', () => {
    const exact = screenRow(catalog, row('Kim Jong Un'));
    expect(exact.level).toBe('strong');
    expect(screenRow(catalog, row('Kim Jong Un', '', '1990-01-01')).level).toBe('possible');
  });

  it('lower a match to an organization or a vessel when the row gives a date of birth: only a person is born', () => {
    const org = screenRow(catalog, row('SEK Studio', '', '1980'));
    expect(scoreOf(org)).toBeLessThan(scoreOf(screenRow(catalog, row('SEK Studio'))));
    expect(org.why).toContain('born 1980, but the listing is an organization: lowers');
  });

  it('are not weighed when the list gives nothing to compare them with', () => {
    // ECHEVERRY HERRERA, Hernando is listed with neither a country nor a date of birth.
    const bare = screenRow(catalog, row('Hernando Echeverry Herrera'));
    expect(bare.match?.entity.id).toBe('ofac-sdn-6832');
    const withFacts = screenRow(catalog, row('Hernando Echeverry Herrera', 'Colombia', '1960'));
    expect(withFacts.match?.score).toBe(bare.match?.score);
    expect(withFacts.why).toContain('no date of birth on the list to compare');
    expect(withFacts.why).not.toContain('country');
  });
});

describe('dates of birth', () => {
  it.each([
    ['01 Jan 1960', { from: 1960, to: 1960, date: '1960-01-01' }],
    ['Aug 1953', { from: 1953, to: 1953 }],
    ['circa 1951', { from: 1949, to: 1953 }],
    ['1940 to 1942', { from: 1940, to: 1942 }],
    ['01 Jan 1940 to 31 Dec 1942', { from: 1940, to: 1942 }],
    ['1960-01-31', { from: 1960, to: 1960, date: '1960-01-31' }],
    ['31/01/1960', { from: 1960, to: 1960, date: '1960-01-31' }],
    ['01/31/1960', { from: 1960, to: 1960, date: '1960-01-31' }],
    ['03/04/1960', { from: 1960, to: 1960 }],
    ['31.01.1960', { from: 1960, to: 1960, date: '1960-01-31' }],
    ['Jan 31, 1960', { from: 1960, to: 1960, date: '1960-01-31' }],
    ['1960', { from: 1960, to: 1960 }],
  ])('reads %s', (text, expected) => {
    expect(parseBirthDate(text)).toEqual(expected);
  });

  it.each(['30/02/1960', '1960-13-01', 'sometime in the 80s', '60', '', '12345'])('does not guess at %j', (text) => {
    expect(parseBirthDate(text)).toBeNull();
  });

  it('compares with every date a list gives', () => {
    const listed = ['circa 1946', '1949'].map((t) => parseBirthDate(t)!);
    expect(compareBirthDates(parseBirthDate('1948')!, listed)).toBe('same year');
    expect(compareBirthDates(parseBirthDate('1949-05-01')!, listed)).toBe('same year');
    expect(compareBirthDates(parseBirthDate('1955')!, listed)).toBe('differs');
    const day = [parseBirthDate('07 Oct 1952')!];
    expect(compareBirthDates(parseBirthDate('1952-10-07')!, day)).toBe('same day');
    expect(compareBirthDates(parseBirthDate('1952-03-01')!, day)).toBe('differs');
  });
});

describe('classification', () => {
  it('is strong from the match threshold, possible in the suggestion band, else none', () => {
    expect(levelOf(MATCH_THRESHOLD)).toBe('strong');
    expect(levelOf(MATCH_THRESHOLD - 0.001)).toBe('possible');
    expect(levelOf(SUGGESTION_THRESHOLD)).toBe('possible');
    expect(levelOf(SUGGESTION_THRESHOLD - 0.001)).toBe('none');
  });
});

describe('the result CSV', () => {
  it('has a row per input row with the best match, its score, list, programs and why', async () => {
    const { results } = await screenRows(catalog, readScreeningFile(fixture('customers.csv')).rows);
    const csv = resultCsv(results, { bom: true });
    expect(csv.startsWith('\ufeff"row","name"')).toBe(true);
    const records = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0]!)).toEqual([...RESULT_COLUMNS]);
    expect(records).toHaveLength(16);
    expect(records[0]).toMatchObject({
      row: '2',
      name: 'Shahraat Zakir',
      result: 'strong',
      best_match: 'ZAKIR, Shohrat',
      entity_id: 'ofac-sdn-34079',
      lists: 'OFAC SDN List',
      programs: 'GLOMAG',
      listed_countries: 'CN',
    });
    expect(Number(records[0]!.score)).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
    expect(records[0]!.why).toContain('shahraat~shohrat');
    expect(records.find((r) => r.row === '14')!.name).toBe('ZAKIR, Shohrat');
    // The CRM's formula-looking name cannot run when the result is opened in a spreadsheet.
    expect(records.find((r) => r.row === '15')!.name).toBe(`'=HYPERLINK("http://example.com/x","click")`);
  });

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1'])('neutralises a cell starting %j (OWASP: CSV injection)', (value) => {
    expect(csvCell(value)).toBe(`"'${value.replace(/"/g, '""')}"`);
  });

  it('quotes every cell, so that delimiters and quotes inside one stay inside', () => {
    expect(csvCell('ACME, "Ltd"')).toBe('"ACME, ""Ltd"""');
  });
});

describe('progress on a long file', () => {
  it('screens thousands of rows, reporting progress and leaving the event loop free to answer others', async () => {
    const lines = fixture('10001-rows.csv').toString('utf8').trimEnd().split('\n').slice(0, 2_001);
    const { rows } = readScreeningFile(Buffer.from(lines.join('\n')));
    const reports: [number, number][] = [];
    let last = performance.now();
    let longestStall = 0;
    const ticker = setInterval(() => {
      longestStall = Math.max(longestStall, performance.now() - last);
      last = performance.now();
    }, 5);
    try {
      const screening = await screenRows(catalog, rows, (_label, done, total) => reports.push([done, total]));
      expect(screening.results).toHaveLength(2_000);
    } finally {
      clearInterval(ticker);
    }
    expect(reports[0]).toEqual([0, 2_000]);
    expect(reports.at(-1)).toEqual([2_000, 2_000]);
    expect(reports.length).toBeGreaterThan(5);
    expect(reports.every(([done], i) => i === 0 || done >= reports[i - 1]![0])).toBe(true);
    // Slices of about 25 ms: a generous margin for a loaded machine.
    expect(longestStall).toBeLessThan(1_000);
  }, 120_000);
});
