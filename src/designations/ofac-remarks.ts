// Reads the facts out of an OFAC remarks field: identifiers, countries, weak aliases, "Linked To" names, listing dates.

import { countryCodeFromName } from './countries.ts';
import type { Alias, Identifier } from './model.ts';

export interface RemarkFacts {
  identifiers: Identifier[];
  /** From nationality, citizenship, "Nationality of Registration" and the place of birth; unsorted, may repeat. */
  countries: string[];
  /**
   * The a.k.a./f.k.a./n.k.a. names quoted in the remarks. OFAC puts its weak aliases there, and only there, in
   * its CSV formats (FAQ 123); the strong ones are in alt.csv. So every alias found here is weak.
   */
  aliases: Alias[];
  /** "Linked To:" names as written, trailing period kept where OFAC's name has one ("S.A."). */
  linkedTo: string[];
  /** The earliest "Listing Date (CMIC) 10 Dec 2021" style date, as YYYY-MM-DD. */
  listingDate: string | null;
}

const MONTHS: Record<string, string> = {
  jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06',
  jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12',
};

/** OFAC's "10 Dec 2021" as "2021-12-10"; null for anything less precise ("Dec 2021", "circa 1960"). */
export function ofacDate(text: string): string | null {
  const m = /^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})$/.exec(text.trim());
  const month = m && MONTHS[m[2]!.toLowerCase()];
  return m && month ? `${m[3]}-${month}-${m[1]!.padStart(2, '0')}` : null;
}

/** Where a quoted alias ends: a quote followed by the clause's end (";") or the remark's end (an optional "."). */
const ALIAS_CLOSE = /'(?=\s*(?:;|\.?\s*$))/g;
const ALIAS_OPEN = /^(?:alt\.\s+)?([afn])\.k\.a\.?\s+'/i;

/**
 * Splits remarks into ";"-separated clauses. A quoted alias is taken whole, so a ";" inside the quotes does
 * not split it, while the apostrophes in names like 'ABU-'UMAR' do not end it either.
 */
export function splitRemarks(remarks: string): string[] {
  const clauses: string[] = [];
  let start = 0;
  while (start < remarks.length) {
    while (start < remarks.length && /\s/.test(remarks[start]!)) start++;
    if (start >= remarks.length) break;
    let end = -1;
    const open = ALIAS_OPEN.exec(remarks.slice(start, start + 16));
    if (open) {
      ALIAS_CLOSE.lastIndex = start + open[0].length;
      const close = ALIAS_CLOSE.exec(remarks);
      if (close) end = close.index + 1;
    }
    if (end < 0) end = remarks.indexOf(';', start);
    if (end < 0) end = remarks.length;
    clauses.push(remarks.slice(start, end).trim());
    const next = remarks.indexOf(';', end);
    start = next < 0 ? remarks.length : next + 1;
  }
  if (clauses.length > 0) {
    const last = clauses.length - 1;
    // The remark's own full stop, not part of the last clause (a quoted alias keeps its quote).
    clauses[last] = clauses[last]!.replace(/\.$/, '');
  }
  return clauses.filter((c) => c.length > 0);
}

/**
 * Labels of identifier clauses as OFAC writes them (`Passport X123 (Iran) expires 01 Jan 2030`), longest first
 * so that "Passport Booklet" wins over "Passport". Clauses with another label still count as identifiers when
 * they end in "(Country)" and hold a digit.
 */
const ID_LABELS = [
  'Passport', 'Diplomatic Passport', 'British National Overseas Passport', 'Stateless Person Passport',
  'Passport Booklet', 'Passport No.', 'Travel Document Number', 'Tax ID No.', 'Registration Number', 'Registration ID',
  'National ID No.', 'Cedula No.', 'C.U.R.P.', 'C.U.R.P. #', 'R.F.C.', 'R.F.C. #', 'RFC', 'NIT #',
  'Government Gazette Number', "Aircraft Manufacturer's Serial Number (MSN)", 'Aircraft Model',
  'Aircraft Manufacture Date', 'Aircraft Tail Number', 'Previous Aircraft Tail Number',
  'Aircraft Construction Number (also called L/N or S/N or F/N)', 'Aircraft Mode S Transponder Code',
  'Aircraft Serial Identification', 'Aircraft Operator', 'Identification Number', 'Business Registration Number',
  'Business Registration Document #', 'Folio Mercantil No.', 'RUC #', 'Commercial Registry Number', 'Company Number',
  'UK Company Number', 'MMSI', 'ISIN', 'Unified Social Credit Code (USCC)',
  'United Social Credit Code Certificate (USCCC)', 'V.A.T. Number', 'C.R. No.', 'Matricula Mercantil No', 'License',
  'Legal Entity Number', 'Phone Number', 'Phone No.', 'Telephone', 'Telephone No.', 'Telephone Number', 'Fax',
  'Fax No.', 'SWIFT/BIC', 'D.N.I.', 'D-U-N-S Number', 'Economic Register Number (CBLS)', 'Trade License No.',
  'Equity Ticker', "Driver's License No.", 'RIF #', 'Chamber of Commerce Number', 'Electoral Registry No.',
  'Birth Certificate Number', 'BIK (RU)', 'Public Registration Number', 'Italian Fiscal Code', 'Fiscal Code',
  'National Foreign ID Number', 'Personal ID Card', 'Central Registration System Number', 'Credencial electoral',
  'Cartilla de Servicio Militar Nacional', 'Istanbul Chamber of Comm. No.', 'Business Number', 'Enterprise Number',
  'US FEIN', 'Chinese Commercial Code', 'SSN', 'I.F.E.', 'Residency Number', 'Registered Charity No.', 'C.U.I.',
  'C.U.I.T.', 'C.U.I.P.', 'Branch Unit Number', 'Vessel Year of Build', 'Dubai Chamber of Commerce Membership No.',
  'LE Number', 'Certificate of Incorporation Number', 'Turkish Identification Number', 'Numero de Identidad',
  "Citizen's Card Number", 'RTN', 'Kenyan ID No.', 'Permit Number', 'VisaNumberID', 'File Number', 'SRE Permit No.',
  'Tazkira National ID Card', 'Refugee ID Card', 'Immigration No.', 'Numero Unico de Identificacao Tributaria (NUIT)',
  'C.I.F.', 'Romanian C.R.', 'Pilot License Number', 'Other Vessel Call Sign', 'Organization Code', 'Serial No.',
  'UAE Identification', 'Moroccan Personal ID No.', 'Bosnian Personal ID No.', 'N.I.E.', 'MSB Registration Number',
  "Seafarer's Identification Document", 'Tourism License No.', 'Military Registration Number',
  'Paraguayan tax identification number', 'Organization Established Date', 'Vessel Registration Identification',
  'Website', 'Email Address', 'Email', 'Former Vessel Flag',
].sort((a, b) => b.length - a.length);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ID_CLAUSE = new RegExp(`^(${ID_LABELS.map(escape).join('|')}):?\\s+(.+)$`, 'i');
const LABEL_BY_LOWER = new Map(ID_LABELS.map((l) => [l.toLowerCase(), l]));
const CURRENCY_CLAUSE = /^(Digital Currency Address - [A-Z0-9]+)\s+(\S+)$/;
const TRAILING_PARENS = /\s*\(([^()]+)\)$/;

/** `X123 (Iran) issued 1999 expires 2004` -> value X123, country IR; an unresolved "(Stuttgart)" stays in the value. */
function identifierValue(type: string, raw: string): Identifier | null {
  let value = raw.replace(/,?\s+(?:issued|expires|expired)\b.*$/i, '').trim();
  let country: string | undefined;
  const parens = TRAILING_PARENS.exec(value);
  const code = parens ? countryCodeFromName(parens[1]!) : null;
  if (parens && code) {
    country = code;
    value = value.slice(0, parens.index).trim();
  }
  const imo = /^IMO\s*(\d{7})$/.exec(value);
  if (imo) return { type: 'IMO', value: imo[1]! };
  if (!value) return null;
  return country ? { type, value, country } : { type, value };
}

/** The country at the end of a place ("Culiacan, Sinaloa, Mexico"), or the whole place when it is one. */
function placeCountry(place: string): string | null {
  const parts = place.split(',');
  return countryCodeFromName(parts[parts.length - 1]!) ?? (parts.length > 1 ? countryCodeFromName(place) : null);
}

function parseClause(clause: string, facts: RemarkFacts): void {
  const alias = ALIAS_OPEN.exec(clause);
  if (alias) {
    // Unclosed quote: the remark was cut at OFAC's field limit, and half a name is no alias.
    if (!clause.endsWith("'") || clause.length <= alias[0].length + 1) return;
    let name = clause.slice(alias[0].length, -1).trim();
    if (name.startsWith("'") && name.endsWith("'") && name.length > 2) name = name.slice(1, -1).trim();
    const kind = alias[1]!.toLowerCase() === 'f' ? 'fka' : alias[1]!.toLowerCase() === 'n' ? 'nka' : 'aka';
    if (name) facts.aliases.push({ name, kind, strength: 'weak' });
    return;
  }
  const body = clause.replace(/^alt\.\s+/i, '');
  let m: RegExpExecArray | null;
  if ((m = /^DOB\s+(.+)$/.exec(body))) {
    facts.identifiers.push({ type: 'DOB', value: m[1]! });
  } else if ((m = /^POB\s+(.+)$/.exec(body))) {
    const country = placeCountry(m[1]!);
    facts.identifiers.push(country ? { type: 'POB', value: m[1]!, country } : { type: 'POB', value: m[1]! });
    if (country) facts.countries.push(country);
  } else if ((m = /^(?:Nationality of Registration|nationality|citizen)\s+(.+)$/i.exec(body))) {
    const country = countryCodeFromName(m[1]!);
    if (country) facts.countries.push(country);
  } else if ((m = /^Gender\s+(.+)$/.exec(body))) {
    facts.identifiers.push({ type: 'Gender', value: m[1]! });
  } else if ((m = /^Linked To:\s*(.+)$/.exec(body))) {
    facts.linkedTo.push(m[1]!.trim());
  } else if ((m = /^Listing Date(?:\s*\([^)]*\))?:?\s*(\d{1,2} [A-Za-z]{3} \d{4})$/.exec(body))) {
    const date = ofacDate(m[1]!);
    if (date && (!facts.listingDate || date < facts.listingDate)) facts.listingDate = date;
  } else if ((m = CURRENCY_CLAUSE.exec(body))) {
    facts.identifiers.push({ type: m[1]!, value: m[2]! });
  } else if ((m = ID_CLAUSE.exec(body))) {
    const type = LABEL_BY_LOWER.get(m[1]!.toLowerCase()) ?? m[1]!;
    const id = identifierValue(type, m[2]!);
    if (id) facts.identifiers.push(id);
  } else if ((m = /^([A-Za-z][^\d]*?)\s+(\S*\d.*)$/.exec(body)) && TRAILING_PARENS.test(body)) {
    const id = identifierValue(m[1]!, m[2]!);
    if (id?.country) facts.identifiers.push(id);
  }
}

/** Everything this module understands in one remarks field; what it does not understand stays in the remarks text. */
export function parseRemarks(remarks: string | null): RemarkFacts {
  const facts: RemarkFacts = { identifiers: [], countries: [], aliases: [], linkedTo: [], listingDate: null };
  if (remarks) for (const clause of splitRemarks(remarks)) parseClause(clause, facts);
  return facts;
}
