// A screening's result: a one-line summary, CSV for spreadsheets (safe to open: no cell runs as a formula), JSON for programs.
import type { ScreenedRow, Screening } from './screen.ts';

const count = (n: number, what: string) => `${n.toLocaleString('en')} ${what}${n === 1 ? '' : 'es'}`;

/** `Screened names.csv: 120 rows, 3 strong matches, 5 possible matches.` */
export function summaryLine(fileName: string, screening: Screening): string {
  const rows = screening.results.length;
  return `Screened ${fileName}: ${rows.toLocaleString('en')} row${rows === 1 ? '' : 's'}, ${count(screening.strong, 'strong match')}, ${count(screening.possible, 'possible match')}.`;
}

export const RESULT_COLUMNS = [
  'row', 'name', 'country', 'date_of_birth', 'result', 'score', 'best_match', 'matched_as', 'entity_id', 'lists', 'programs',
  'listed_countries', 'why',
] as const;

/** The JSON shape of one screened row (`screen --json`): a contract, keep it. */
export function screenedRowJson(r: ScreenedRow) {
  const m = r.match;
  return {
    row: r.input.row,
    name: r.input.name,
    country: r.input.country,
    dateOfBirth: r.input.dateOfBirth,
    result: r.level,
    score: m ? m.score : null,
    match: m
      ? {
          id: m.entity.id,
          name: m.entity.name,
          matched: m.matched,
          type: m.entity.type,
          lists: m.entity.lists.map((l) => l.name),
          programs: m.entity.programs,
          countries: m.entity.countries,
        }
      : null,
    why: r.why,
  };
}

/**
 * One CSV cell. A spreadsheet runs a cell starting with = + - @ (or a tab or carriage return) as a
 * formula: such a cell gets a leading ' (OWASP's advice against CSV injection), and every cell is
 * quoted, so that neither a delimiter nor a quote inside it can start another.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

function resultRow(r: ScreenedRow): string[] {
  const m = r.match;
  return [
    String(r.input.row),
    r.input.name,
    r.input.country,
    r.input.dateOfBirth,
    r.level,
    m ? m.score.toFixed(2) : '',
    m?.entity.name ?? '',
    m && m.matched !== m.entity.name ? m.matched : '',
    m?.entity.id ?? '',
    m?.entity.lists.map((l) => l.name).join('; ') ?? '',
    m?.entity.programs.join('; ') ?? '',
    m?.entity.countries.join('; ') ?? '',
    r.why,
  ];
}

/** The result as CSV (RFC 4180, CRLF); with a UTF-8 BOM for a file, so that Excel reads its names as UTF-8. */
export function resultCsv(results: ScreenedRow[], options: { bom?: boolean } = {}): string {
  const lines = [RESULT_COLUMNS as readonly string[], ...results.map(resultRow)].map((cells) => cells.map(csvCell).join(','));
  return `${options.bom ? '\ufeff' : ''}${lines.join('\r\n')}\r\n`;
}
