import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  countryCandidates,
  countryCode,
  countryCodeFromName,
  countryName,
  isCountryCode,
  programCountries,
} from '../../src/designations/countries.ts';

const data = (path: string) => readFileSync(fileURLToPath(new URL(`../../data/${path}`, import.meta.url)), 'utf8');

describe('countryCode', () => {
  it("reads OFAC's spellings", () => {
    const cases: [string, string][] = [
      ['Korea, North', 'KP'],
      ['Korea, South', 'KR'],
      ['Burma', 'MM'],
      ['Russia', 'RU'],
      ['Iran', 'IR'],
      ['Syria', 'SY'],
      ['Venezuela', 'VE'],
      ['Congo, Democratic Republic of the', 'CD'],
      ['Congo, Republic of the', 'CG'],
      ['West Bank', 'PS'],
      ['Palestinian', 'PS'],
      ['Region: Gaza', 'PS'],
      ['Region: Crimea', 'UA'],
      ['Region: Northern Mali', 'ML'],
      ['Kosovo', 'XK'],
      ['Hong Kong', 'HK'],
      ['Macau', 'MO'],
      ['Taiwan', 'TW'],
      ['Cote d Ivoire', 'CI'],
      ["Côte d'Ivoire", 'CI'],
      ['Turkey', 'TR'],
      ['Türkiye', 'TR'],
      ['Bahamas, The', 'BS'],
      ['The Gambia', 'GM'],
      ['Man, Isle of', 'IM'],
      ['Virgin Islands, British', 'VG'],
      ['North Macedonia, The Republic of', 'MK'],
      ['Macedonia, The Former Yugoslav Republic of', 'MK'],
      ["Democratic People's Republic of Korea", 'KP'],
      ['St. Kitts & Nevis', 'KN'],
      ['St. Vincent and the Grenadines', 'VC'],
    ];
    for (const [name, code] of cases) expect(countryCode(name), name).toBe(code);
  });

  it('reads the names people type, in any case', () => {
    const cases: [string, string][] = [
      ['North Korea', 'KP'],
      ['DPRK', 'KP'],
      ['myanmar', 'MM'],
      ['UK', 'GB'],
      ['Britain', 'GB'],
      ['USA', 'US'],
      ['UAE', 'AE'],
      ['  united states of america ', 'US'],
      ['ivory coast', 'CI'],
    ];
    for (const [name, code] of cases) expect(countryCode(name), name).toBe(code);
  });

  it('takes an alpha-2 code as itself; the name-only variant does not', () => {
    expect(countryCode('kp')).toBe('KP');
    expect(countryCode('XK')).toBe('XK');
    expect(countryCode('QQ')).toBeNull();
    expect(countryCodeFromName('IN')).toBeNull();
    expect(countryCodeFromName('India')).toBe('IN');
  });

  it('gives null for what is not a country', () => {
    for (const name of ['', 'undetermined', 'None Identified', 'Region: Kafia Kingi', 'possibly Palestinian', 'Korea']) {
      expect(countryCode(name), name).toBeNull();
    }
  });

  it('resolves every country in the bundled address files but a handful that are no country', () => {
    const unresolved = new Set<string>();
    for (const file of ['ofac-sdn/add.csv', 'ofac-cons/cons_add.csv']) {
      for (const line of data(file).split(/\r?\n/)) {
        const country = /,"([^"]*)",[^,]*$/.exec(line)?.[1];
        if (country && !countryCodeFromName(country)) unresolved.add(country);
      }
    }
    expect([...unresolved].sort()).toEqual([
      'Netherlands Antilles',
      'Region: Commonwealth of Independent States',
      'Region: Jammu and Kashmir',
      'Region: Kafia Kingi',
      'undetermined',
    ]);
  });
});

describe('countryName and countryCandidates', () => {
  it('names a code for display', () => {
    expect(countryName('KP')).toBe('North Korea');
    expect(countryName('mm')).toBe('Myanmar (Burma)');
    expect(countryName('XK')).toBe('Kosovo');
    expect(countryName('ZZ')).toBeNull();
    expect(isCountryCode('ru')).toBe(true);
    expect(isCountryCode('SU')).toBe(false);
  });

  it('lists every ISO 3166 country and Kosovo once, each name resolving back to its code', () => {
    const candidates = countryCandidates();
    expect(candidates).toHaveLength(250);
    expect(new Set(candidates.map((c) => c.code)).size).toBe(250);
    for (const { code, name, names } of candidates) {
      expect(names[0]).toBe(name);
      for (const n of names) expect(countryCode(n), n).toBe(code);
    }
  });
});

describe('programCountries', () => {
  it('maps every program code in the bundled lists', () => {
    const expected: Record<string, string[]> = {
      '561-Related': ['IR'], BALKANS: [], 'BALKANS-EO14033': [], BELARUS: ['BY'], 'BELARUS-EO14038': ['BY'],
      'BPI-RUSSIA-EO14024': ['RU'], 'BURMA-EO14014': ['MM'], 'CAATSA - IRAN': ['IR'], 'CAATSA - RUSSIA': ['RU'],
      CAR: ['CF'], 'CMIC-EO13959': [], CUBA: ['CU'], CYBER2: [], DARFUR: ['SD'], DPRK: ['KP'], 'DPRK-NKSPEA': ['KP'],
      DPRK2: ['KP'], DPRK3: ['KP'], DPRK4: ['KP'], DRCONGO: ['CD'], 'ELECTION-EO13848': [], 'ETHIOPIA-EO14046': ['ET'],
      'FSE-IR': ['IR'], FTO: [], GLOMAG: [], HIFPAA: [], 'HK-EO13936': ['CN', 'HK'], 'HOSTAGES-EO14078': [],
      'HRIT-IR': ['IR'], 'HRIT-SY': ['SY'], IFCA: ['IR'], IFSR: ['IR'], 'ILLICIT-DRUGS-EO14059': [], IRAN: ['IR'],
      'IRAN-CON-ARMS-EO': ['IR'], 'IRAN-EO13846': ['IR'], 'IRAN-EO13871': ['IR'], 'IRAN-EO13876': ['IR'],
      'IRAN-EO13902': ['IR'], 'IRAN-HR': ['IR'], 'IRAN-TRA': ['IR'], IRAQ2: ['IQ'], IRAQ3: ['IQ'], IRGC: ['IR'],
      ISA: ['IR'], LEBANON: ['LB'], LIBYA2: ['LY'], LIBYA3: ['LY'], MAGNIT: [], 'MALI-EO13882': ['ML'],
      NICARAGUA: ['NI'], 'NICARAGUA-NHRAA': ['NI'], NPWMD: [], 'NS-PLC': ['PS'], 'PEESA-EO14039': ['RU'],
      'RUSSIA-EO14024': ['RU'], 'RUSSIA-EO14065': ['RU', 'UA'], SDGT: [], SDNT: [], SDNTK: [], SOMALIA: ['SO'],
      'SOUTH SUDAN': ['SS'], SSIDES: ['RU'], 'SUDAN-EO14098': ['SD'], SYRIA: ['SY'], 'SYRIA-CAESAR': ['SY'],
      'SYRIA-EO13894': ['SY'], TCO: [], UHRPA: ['CN'], 'UKRAINE-EO13660': ['UA'], 'UKRAINE-EO13661': ['RU'],
      'UKRAINE-EO13662': ['RU'], 'UKRAINE-EO13685': ['UA'], VENEZUELA: ['VE'], 'VENEZUELA-EO13850': ['VE'],
      'VENEZUELA-EO13884': ['VE'], 'WEST-BANK-EO14115': ['PS'], YEMEN: ['YE'],
    };
    const programs = new Set<string>();
    for (const file of ['ofac-sdn/sdn.csv', 'ofac-cons/cons_prim.csv']) {
      for (const line of data(file).split(/\r?\n/)) {
        const field = /^\d+,"(?:[^"]|"")*",[^,]*,"([^"]*)"/.exec(line)?.[1];
        for (const p of field?.split('] [') ?? []) programs.add(p);
      }
    }
    expect([...programs].sort()).toEqual(Object.keys(expected).sort());
    for (const [program, codes] of Object.entries(expected)) expect(programCountries(program), program).toEqual(codes);
  });

  it('reads programs of other years by the country they are named after', () => {
    expect(programCountries('ZIMBABWE')).toEqual(['ZW']);
    expect(programCountries('SUDAN')).toEqual(['SD']);
    expect(programCountries('LIBERIA')).toEqual(['LR']);
    expect(programCountries('PAARSSR-EO13894')).toEqual(['SY']);
    expect(programCountries('[DPRK3]')).toEqual(['KP']);
  });
});
