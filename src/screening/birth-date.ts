// Dates of birth as lists write them (`01 Jan 1960`, `circa 1951`, `1940 to 1942`, `1960-01-31`) and as spreadsheets give them, compared.
import type { Entity } from '../designations/model.ts';

/** The years a date of birth allows, and the day when it names one. */
export interface BirthDate {
  from: number;
  to: number;
  /** YYYY-MM-DD, when the day is known for certain. */
  date?: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** OFAC's "circa" gives no width; two years either side is the usual reading. */
const CIRCA_YEARS = 2;

const pad = (n: number) => String(n).padStart(2, '0');

function day(year: number, month: number, dayOfMonth: number): BirthDate | null {
  const d = new Date(Date.UTC(year, month - 1, dayOfMonth));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== dayOfMonth) return null;
  return { from: year, to: year, date: `${year}-${pad(month)}-${pad(dayOfMonth)}` };
}

const monthOf = (word: string) => MONTHS.indexOf(word.slice(0, 3).toLowerCase()) + 1;

/** One date: a day in any common spelling, a month and year, or a year; null when it is none of these. */
function parseOne(text: string): BirthDate | null {
  const t = text.trim().replace(/\s+/g, ' ');
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/.exec(t))) return day(+m[1]!, +m[2]!, +m[3]!);
  if ((m = /^(\d{4})-(\d{1,2})$/.exec(t))) return +m[2]! >= 1 && +m[2]! <= 12 ? { from: +m[1]!, to: +m[1]! } : null;
  if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t))) {
    const [a, b, year] = [+m[1]!, +m[2]!, +m[3]!];
    // 31/01/1960 or 01/31/1960 is certain; 03/04/1960 could be either, and only its year is.
    if (a > 12) return day(year, b, a);
    if (b > 12) return day(year, a, b);
    return day(year, a, b) && { from: year, to: year };
  }
  if ((m = /^(\d{1,2})[ -]([A-Za-z]{3,9})\.?,?[ -](\d{4})$/.exec(t)) && monthOf(m[2]!)) return day(+m[3]!, monthOf(m[2]!), +m[1]!);
  if ((m = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/.exec(t)) && monthOf(m[1]!)) return day(+m[3]!, monthOf(m[1]!), +m[2]!);
  if ((m = /^([A-Za-z]{3,9})\.?,? (\d{4})$/.exec(t)) && monthOf(m[1]!)) return { from: +m[2]!, to: +m[2]! };
  if ((m = /^(\d{4})$/.exec(t))) return { from: +m[1]!, to: +m[1]! };
  return null;
}

/** A date of birth, a range (`1940 to 1942`), or an approximate year (`circa 1951`); null when not understood. */
export function parseBirthDate(text: string): BirthDate | null {
  const circa = /^\s*(?:circa|ca\.?|c\.|approx\.?|about|~)\s*(.+)$/i.exec(text);
  if (circa) {
    const year = parseOne(circa[1]!);
    return year && { from: year.from - CIRCA_YEARS, to: year.to + CIRCA_YEARS };
  }
  const range = /^(.+?)\s+(?:to|-|–)\s+(.+)$/i.exec(text.trim());
  if (range) {
    const [a, b] = [parseOne(range[1]!), parseOne(range[2]!)];
    return a && b && a.from <= b.to ? { from: a.from, to: b.to } : null;
  }
  const one = parseOne(text);
  return one && one.from >= 1800 && one.to <= 2100 ? one : null;
}

/** The dates of birth a listing gives, those understood. */
export const listedBirthDates = (entity: Entity): BirthDate[] =>
  entity.identifiers.filter((i) => i.type === 'DOB').flatMap((i) => parseBirthDate(i.value) ?? []);

export type BirthDateAgreement = 'same day' | 'same year' | 'differs';

/** How a given date of birth compares with the dates a list gives (any of them may be the one). */
export function compareBirthDates(given: BirthDate, listed: BirthDate[]): BirthDateAgreement {
  if (given.date && listed.some((l) => l.date === given.date)) return 'same day';
  const overlaps = listed.some((l) => l.from <= given.to && given.from <= l.to && !(given.date && l.date && l.date !== given.date));
  return overlaps ? 'same year' : 'differs';
}
