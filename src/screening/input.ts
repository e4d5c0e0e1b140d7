// A list of names to screen, read from an uploaded CSV file: encoding, delimiter, header, limits, and a clear error for anything else.
import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { decodeListFile } from '../designations/list-text.ts';

/** The most rows one file may have: more is refused before anything is screened. */
export const MAX_ROWS = 10_000;
/** Ten thousand rows of names, countries and dates fit well within this. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** No name, country or date is this long: a longer record is not a list of names. */
const MAX_RECORD_CHARS = 64 * 1024;

/** A problem with the file the user gave, said so that they can fix it. */
export class ScreeningInputError extends Error {}

export interface ScreeningRow {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: number;
  name: string;
  country: string;
  dateOfBirth: string;
}

export interface ScreeningInput {
  rows: ScreeningRow[];
  /** The header of each column used, as the file writes it. */
  columns: { name: string; country?: string; dateOfBirth?: string };
}

// Headers compared lower-cased with everything but letters and digits removed, best first.
const NAME_HEADERS = [
  'name', 'fullname', 'entityname', 'entity', 'companyname', 'company', 'organisationname', 'organizationname',
  'organisation', 'organization', 'legalname', 'businessname', 'customername', 'customer', 'clientname', 'client',
  'counterpartyname', 'counterparty', 'partyname', 'party', 'vendorname', 'vendor', 'suppliername', 'supplier',
  'beneficiaryname', 'beneficiary', 'accountname', 'accountholder', 'individual', 'person', 'nom', 'nombre',
];
const GIVEN_NAME_HEADERS = ['firstname', 'givenname', 'givennames', 'forename', 'forenames', 'first'];
const SURNAME_HEADERS = ['lastname', 'surname', 'familyname', 'last'];
const COUNTRY_HEADERS = [
  'country', 'countrycode', 'nationality', 'citizenship', 'countryofresidence', 'residence', 'jurisdiction',
  'countryofincorporation', 'countryofregistration', 'pays', 'pais',
];
const DOB_HEADERS = ['dateofbirth', 'dob', 'birthdate', 'birthday', 'born', 'yearofbirth', 'birthyear', 'yob'];

/**
 * Refuses a file over `MAX_FILE_BYTES`: also before downloading or reading it, by the size it declares,
 * and while it streams in (`soFar`: the bytes so far, not the file's size).
 */
export function checkFileSize(bytes: number, soFar = false): void {
  if (bytes <= MAX_FILE_BYTES) return;
  const limit = `${MAX_FILE_BYTES / 2 ** 20} MB`;
  throw new ScreeningInputError(soFar ? `the file is larger than the limit of ${limit}.` : `the file is ${(bytes / 2 ** 20).toFixed(1)} MB; the limit is ${limit}.`);
}

/** What a file that is not text is, by its first bytes; Office files are ZIP archives told apart by their parts. */
function binaryKind(bytes: Uint8Array): { what: string; excel?: true } | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return { what: 'a PNG image' };
  if (starts(0xff, 0xd8, 0xff)) return { what: 'a JPEG image' };
  if (starts(0x47, 0x49, 0x46, 0x38)) return { what: 'a GIF image' };
  if (starts(0x25, 0x50, 0x44, 0x46)) return { what: 'a PDF document' };
  if (starts(0x1f, 0x8b)) return { what: 'a gzip archive' };
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return { what: 'an old-style Excel (.xls) or Office file', excel: true };
  if (starts(0x50, 0x4b, 0x03, 0x04)) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    if (text.includes('xl/')) return { what: 'an Excel workbook (.xlsx)', excel: true };
    return { what: text.includes('word/') ? 'a Word document' : 'a ZIP archive' };
  }
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0) return { what: 'binary data' };
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control > head.length / 10 ? { what: 'binary data' } : null;
}

function checkIsText(bytes: Uint8Array): void {
  // UTF-16 text is half NUL bytes: its byte order mark says it is text.
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const kind = utf16 ? null : binaryKind(bytes);
  if (kind?.excel) throw new ScreeningInputError(`this is ${kind.what}, not CSV. In Excel, use File > Save As > "CSV UTF-8", and share that file.`);
  if (kind) throw new ScreeningInputError(`this is ${kind.what}, not a CSV file of names.`);
}

/** Comma, semicolon (Excel in much of Europe) or tab: whichever the header line has most of, outside quotes. */
function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r\n|\n|\r/).find((line) => line.trim()) ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, unquoted.split(d).length - 1] as const);
  const [best, count] = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return count > 0 ? best : ',';
}

const headerKey = (header: string) => header.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

function findColumn(keys: string[], wanted: string[]): number | undefined {
  for (const w of wanted) {
    const i = keys.indexOf(w);
    if (i >= 0) return i;
  }
  return undefined;
}

const quoteList = (cells: string[]) =>
  cells
    .slice(0, 8)
    .map((c) => `"${c.length > 30 ? `${c.slice(0, 29)}…` : c}"`)
    .join(', ') + (cells.length > 8 ? ', …' : '');

/** The line of the quote that leaves the rest of the file quoted (csv-parse names only the line it gave up at). */
function openingQuoteLine(text: string): number {
  let quoted = false;
  let line = 1;
  let opened = 1;
  for (const ch of text) {
    if (ch === '\n') line++;
    else if (ch === '"') {
      quoted = !quoted;
      if (quoted) opened = line;
    }
  }
  return opened;
}

function csvProblem(err: CsvError & { lines?: number }, text: string, delimiter: string): string {
  const line = err.lines ? `line ${err.lines}` : 'a line';
  const sep = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `the " on line ${openingQuoteLine(text)} opens a quoted value that is never closed.`;
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return `${line} has more values than the header has columns: a name containing ${sep} must be in double quotes.`;
    case 'CSV_MAX_RECORD_SIZE':
      return `${line} is longer than any row of names (over ${MAX_RECORD_CHARS.toLocaleString('en')} characters).`;
    default:
      return `${line} is not valid CSV (${err.message}).`;
  }
}

function parseRecords(text: string, delimiter: string): string[][] {
  try {
    return parse(text, {
      delimiter,
      // A stray quote inside a value (`John "Johnny" Smith`) is kept as written.
      relax_quotes: true,
      // Hand-made files leave out empty trailing values; extra values are refused, as they shift columns.
      relax_column_count_less: true,
      skip_empty_lines: true,
      max_record_size: MAX_RECORD_CHARS,
    }) as string[][];
  } catch (err) {
    if (err instanceof CsvError) throw new ScreeningInputError(csvProblem(err, text, delimiter));
    throw err;
  }
}

/**
 * The rows of a CSV file of names: a header row naming a name column (or first and last name
 * columns), optionally a country and a date of birth column. Refuses, naming the problem, files that
 * are too large, not text, not valid CSV, without a name column, or with more than `MAX_ROWS` rows.
 */
export function readScreeningFile(bytes: Uint8Array): ScreeningInput {
  checkFileSize(bytes.length);
  checkIsText(bytes);
  // UTF-8 (a BOM dropped), UTF-16 by its BOM (Excel's "Unicode text"), else Windows-1252.
  const text = decodeListFile(bytes);
  if (!text.trim()) throw new ScreeningInputError('the file is empty.');
  const start = text.trimStart()[0];
  if (start === '{' || start === '[') throw new ScreeningInputError('this looks like JSON, not CSV.');
  if (start === '<') throw new ScreeningInputError('this looks like HTML or XML, not CSV.');

  const delimiter = detectDelimiter(text);
  const records = parseRecords(text, delimiter).filter((r) => r.some((cell) => cell.trim()));
  const [header = [], ...data] = records;
  const keys = header.map(headerKey);
  const nameAt = findColumn(keys, NAME_HEADERS);
  const givenAt = findColumn(keys, GIVEN_NAME_HEADERS);
  const surnameAt = findColumn(keys, SURNAME_HEADERS);
  if (nameAt === undefined && (givenAt === undefined || surnameAt === undefined)) {
    throw new ScreeningInputError(
      `no name column. The first row is ${quoteList(header.map((h) => h.trim()))}; it must be a header naming the column of names ` +
        '"name" (or "full name", "entity", "company", "customer"), or "first name" and "last name" columns.',
    );
  }
  if (data.length === 0) throw new ScreeningInputError('there are no rows under the header row.');
  if (data.length > MAX_ROWS) {
    throw new ScreeningInputError(`the file has ${data.length.toLocaleString('en')} rows; the limit is ${MAX_ROWS.toLocaleString('en')}. Split it into smaller files.`);
  }
  const countryAt = findColumn(keys, COUNTRY_HEADERS);
  const dobAt = findColumn(keys, DOB_HEADERS);
  const cell = (record: string[], at: number | undefined) => (at === undefined ? '' : (record[at] ?? '').trim());
  const rows = data.map((record, i) => ({
    row: i + 2,
    name: nameAt !== undefined ? cell(record, nameAt) : `${cell(record, givenAt)} ${cell(record, surnameAt)}`.trim(),
    country: cell(record, countryAt),
    dateOfBirth: cell(record, dobAt),
  }));
  const column = (at: number | undefined) => (at === undefined ? undefined : header[at]!.trim());
  return {
    rows,
    columns: {
      name: nameAt !== undefined ? column(nameAt)! : `${column(givenAt)} + ${column(surnameAt)}`,
      country: column(countryAt),
      dateOfBirth: column(dobAt),
    },
  };
}
