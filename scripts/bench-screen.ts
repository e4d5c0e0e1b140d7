// Batch screening: rows per second for a file of 10,000 names, read, screened against the bundled lists and written out.
//
// `benchScreen()` returns markdown lines for BENCHMARKS.md; run this file directly to print them. The
// file is generated the same every run: a tenth of its rows are listed names as customers' records
// write them (words reordered, a letter dropped, the legal form left out; their country; a date of
// birth that agrees or not), the rest names on no list, with countries and dates of birth.
import { fileURLToPath } from 'node:url';
import { parseBundledLists } from '../src/designations/bundled.ts';
import type { Entity } from '../src/designations/model.ts';
import { buildNameIndex } from '../src/designations/name-index.ts';
import { searchNames } from '../src/designations/search.ts';
import { MAX_ROWS, readScreeningFile } from '../src/screening/input.ts';
import { csvCell, resultCsv } from '../src/screening/result.ts';
import { screenRows } from '../src/screening/screen.ts';
import { inventWord, rng } from './bench-data.ts';
import { cpuClock, measuredBy } from './bench-report.ts';

const LISTED_SHARE = 0.1;
const GIVEN = ['Anna', 'Lukas', 'Sofia', 'Mateo', 'Wei', 'Aisha', 'Pavel', 'Ingrid', 'Tomás', 'Yuki', 'Omar', 'Lena', 'Kwame', 'Priya', 'Jonas', 'Fatima', 'Diego', 'Mei', 'Olga', 'Samuel'];
const FAMILY = ['Lindqvist', 'Moreau', 'Kowalski', 'Okafor', 'Tanaka', 'Ferreira', 'Novak', 'Haddad', 'Schmidt', 'Rossi', 'Dubois', 'Nguyen', 'García', 'Mensah', 'Larsen', 'Costa', 'Yilmaz', 'Sato', 'Müller', 'Brennan'];
const COUNTRIES = ['DE', 'FR', 'GB', 'US', 'SE', 'IT', 'ES', 'NL', 'JP', 'BR', 'IN', 'NG', 'TR', 'PL', 'CA'];
const LEGAL_FORMS = /^(LTD|LIMITED|CO|LLC|COMPANY|INC|GROUP|CORP|CORPORATION|JSC|OJSC|LLP|GMBH)\.?$/;

/** A listed name as a customer record might write it. */
function spelledOtherwise(e: Entity, random: () => number): string {
  const words = e.name.replace(/,/g, '').split(/\s+/);
  const kind = Math.floor(random() * 4);
  if (kind === 1) return [...words].reverse().join(' ');
  if (kind === 2) {
    const i = Math.floor(random() * words.length);
    const w = words[i]!;
    if (w.length > 4) words[i] = w.slice(0, 2) + w.slice(3);
    return words.join(' ');
  }
  if (kind === 3) return words.filter((w) => !LEGAL_FORMS.test(w.toUpperCase())).join(' ');
  return e.name;
}

function listedYear(e: Entity): number | undefined {
  const dob = e.identifiers.find((i) => i.type === 'DOB');
  const year = dob && /\d{4}/.exec(dob.value)?.[0];
  return year ? Number(year) : undefined;
}

/** The benchmark's file: `rows` rows of name, country and date of birth, as CSV bytes. */
function screeningFile(entities: Entity[], rows: number, seed = 20261123): Buffer {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const lines = ['name,country,date_of_birth'];
  for (let i = 0; i < rows; i++) {
    if (random() < LISTED_SHARE) {
      const e = pick(entities);
      const year = listedYear(e);
      const born = year === undefined || random() < 0.25 ? '' : random() < 0.7 ? String(year) : String(year + 5 + Math.floor(random() * 10));
      lines.push([spelledOtherwise(e, random), e.countries[0] ?? '', born].map(csvCell).join(','));
    } else if (random() < 0.7) {
      const born = `${1940 + Math.floor(random() * 60)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
      lines.push([`${pick(GIVEN)} ${pick(FAMILY)}`, pick(COUNTRIES), born].map(csvCell).join(','));
    } else {
      const company = `${inventWord(random)} ${pick(['Trading', 'Logistics', 'Textiles', 'Foods', 'Consulting'])} ${pick(['Ltd', 'GmbH', 'SA', 'LLC', 'AB'])}`;
      lines.push([company, pick(COUNTRIES), ''].map(csvCell).join(','));
    }
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

interface Run {
  label: string;
  parse: number;
  screen: number;
  write: number;
  cpu: number;
  strong: number;
  possible: number;
}

const fmt = (n: number, digits = 2) => n.toFixed(digits);
const perSecond = (rows: number, seconds: number) => Math.round(rows / seconds).toLocaleString('en');

export async function benchScreen(options: { log?: (line: string) => void } = {}): Promise<string[]> {
  const log = options.log ?? (() => {});
  const entities = await parseBundledLists();
  const index = buildNameIndex(entities);
  const catalog = { search: (query: string, o?: Parameters<typeof searchNames>[2]) => searchNames(index, query, o) };
  const bytes = screeningFile(entities, MAX_ROWS);

  const runs: Run[] = [];
  // The first file after a start meets a cold process (V8 still compiling the search); the second, a warm one.
  for (const label of ['first file after start', 'second file']) {
    const cpu = cpuClock();
    let t = performance.now();
    const { rows } = readScreeningFile(bytes);
    const parse = (performance.now() - t) / 1000;
    t = performance.now();
    const screening = await screenRows(catalog, rows);
    const screen = (performance.now() - t) / 1000;
    t = performance.now();
    resultCsv(screening.results, { bom: true });
    const write = (performance.now() - t) / 1000;
    runs.push({ label, parse, screen, write, cpu: cpu(), strong: screening.strong, possible: screening.possible });
    log(`${label}: ${fmt(parse + screen + write)} s, ${perSecond(rows.length, parse + screen + write)} rows/s`);
  }

  return [
    '## Batch screening',
    '',
    measuredBy('`npm run bench` (`scripts/bench-screen.ts`)'),
    `A CSV file of ${MAX_ROWS.toLocaleString('en')} rows (the most one file may have): name, country, date of birth. A tenth are listed`,
    'names as customer records write them (words reordered, a letter dropped, legal form left out; the listing\'s country;',
    'mostly the listed year of birth, sometimes another), the rest generated names on no list. Each run reads the file',
    `(\`readScreeningFile\`), screens every row against the bundled lists (${entities.length.toLocaleString('en')} entities) with \`screenRows\`, which yields`,
    'to the event loop every 25 ms so that a bot answers others meanwhile, and writes the result CSV. Rows per second',
    'are over the whole run, wall clock, one process.',
    '',
    '| run | rows | read | screen | result CSV | rows/s (wall) | rows/s (CPU) | strong | possible |',
    '|---|---|---|---|---|---|---|---|---|',
    ...runs.map((r) => {
      const total = r.parse + r.screen + r.write;
      return `| ${r.label} | ${MAX_ROWS.toLocaleString('en')} | ${fmt(r.parse)} s | ${fmt(r.screen, 1)} s | ${fmt(r.write)} s | ${perSecond(MAX_ROWS, total)} | ${perSecond(MAX_ROWS, r.cpu)} | ${r.strong.toLocaleString('en')} | ${r.possible.toLocaleString('en')} |`;
    }),
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log((await benchScreen({ log: (line) => console.error(line) })).join('\n'));
}
