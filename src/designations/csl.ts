// Parses trade.gov's US Consolidated Screening List (consolidated.csv, plain or gzip) into entities of the Commerce and State lists.
//
// Each source list (Entity List, Unverified List, Military End User, Denied Persons, ITAR Debarred, Nonproliferation, ...)
// is its own list: `us-el`, `us-uvl`, ... after the code trade.gov gives it. Rows of the Treasury's lists (SDN, SSI,
// NS-CMIC, ...) are skipped, not merged: they are OFAC's own entries, which the bot imports natively from OFAC's files
// (bundled, and refreshed from OFAC), so a copy here would be the same entity twice, and a stale one.

import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import type { ProgressListener } from '../progress.ts';
import { countryCodeFromName, countryName, isCountryCode } from './countries.ts';
import { ImportError, printable, quoted } from './import-error.ts';
import type { Address, Alias, Entity, EntityType, Identifier, ListRef } from './model.ts';

/** trade.gov's published file; the README's LISTS line follows it. */
export const CSL_URL = 'https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv';

/** The real file is 6 MB unpacked; a gzip that unpacks past this is no screening list (or a bomb). */
const MAX_BYTES = 256 * 2 ** 20;
/** Columns the importer reads; a file without them is not the CSL. */
const REQUIRED = ['_id', 'source', 'name', 'type', 'programs', 'alt_names', 'federal_register_notice', 'start_date'];

const TYPES: Record<string, EntityType> = { individual: 'person', entity: 'organization', vessel: 'vessel', aircraft: 'aircraft' };

/** "Unverified List (UVL) - Bureau of Industry and Security", "Military End User (MEU) List - ...": the list, its code, the agency. */
const SOURCE = /^(.+?)\s*\(([A-Za-z][\w -]*?)(?: List)?\)\s*(?:List\s*)?-\s*(.+)$/;

type Row = Record<string, string>;

interface SourceList {
  list: ListRef;
  code: string;
  treasury: boolean;
}

function sourceList(source: string): SourceList {
  const m = SOURCE.exec(source);
  const code = (m?.[2] ?? source).trim();
  const slug = code.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'list';
  return { list: { id: `us-${slug}`, name: source }, code: code.toUpperCase(), treasury: /treasury/i.test(m?.[3] ?? source) };
}

const split = (value: string | undefined) => (value ?? '').split(/\s*;\s*/).map((v) => v.trim()).filter(Boolean);

/** "Dongjiaduan, Lusong District, Zhuzhou, Hunan Province, China, CN": the street, and the country its last part codes. */
function addressOf(text: string): Address {
  const parts = text.split(/,\s*/);
  const last = parts.at(-1)!.trim();
  if (parts.length > 1 && /^[A-Z]{2}$/.test(last) && isCountryCode(last)) {
    return { street: parts.slice(0, -1).join(', '), country: countryName(last) ?? last, countryCode: last };
  }
  const code = countryCodeFromName(last);
  return code ? { street: text, country: last, countryCode: code } : { street: text };
}

/** `QA, 28440000526, National ID No.` or `K048787, Passport`; clauses without a value are the Treasury's notes. */
function idOf(text: string): Identifier | null {
  const parts = text.split(/,\s*/);
  if (parts.length === 3 && /^[A-Z]{2}$/.test(parts[0]!) && isCountryCode(parts[0]!)) {
    return { type: parts[2]!, value: parts[1]!, country: parts[0]! };
  }
  if (parts.length === 2 && parts[0] && parts[1]) return { type: parts[1], value: parts[0] };
  return null;
}

function codes(value: string | undefined): string[] {
  return (value ?? '').split(/[;,]\s*/).map((c) => c.trim().toUpperCase()).filter((c) => c.length === 2 && isCountryCode(c));
}

function toEntity(row: Row, from: SourceList): Entity {
  const name = row.name!.replace(/\s+/g, ' ').trim();
  const aliases: Alias[] = [];
  const seen = new Set([name.toLowerCase()]);
  // The Entity List joins its last alias with "and": "... Repair Plant; and JSC 140 Repair Plant".
  for (const alt of split(row.alt_names).map((a) => a.replace(/^and\s+/i, '').replace(/\s+/g, ' '))) {
    if (seen.has(alt.toLowerCase())) continue;
    seen.add(alt.toLowerCase());
    aliases.push({ name: alt, kind: 'aka', strength: 'strong' });
  }
  const addresses = split(row.addresses).map(addressOf);
  const countries = new Set([...addresses.flatMap((a) => (a.countryCode ? [a.countryCode] : [])), ...codes(row.citizenships), ...codes(row.nationalities)]);
  const identifiers: Identifier[] = [];
  const push = (type: string, value: string | undefined) => value?.trim() && identifiers.push({ type, value: value.trim() });
  push('Federal Register Notice', row.federal_register_notice);
  for (const dob of split(row.dates_of_birth)) push('DOB', dob);
  for (const pob of split(row.places_of_birth)) push('POB', pob);
  for (const id of split(row.ids).map(idOf)) if (id) identifiers.push(id);
  push('Title', row.title);
  push('End Date', row.end_date);
  const remarks = [
    row.remarks?.trim(),
    row.license_requirement?.trim() && `License requirement: ${row.license_requirement.trim()}`,
    row.license_policy?.trim() && `License policy: ${row.license_policy.trim()}`,
  ].filter(Boolean).join('\n');
  // Three Entity List rows have impossible years (0017-05-26): no date is better than a wrong one.
  const start = /^(19|20)\d\d-\d\d-\d\d$/.test(row.start_date ?? '') ? row.start_date! : null;
  const programs = split(row.programs);
  return {
    id: `csl-${row._id}`,
    type: TYPES[(row.type ?? '').toLowerCase()] ?? 'organization',
    name,
    aliases,
    countries: [...countries].sort(),
    // The Commerce lists name no program: the list itself is the measure (EL, UVL, MEU, DPL, DTC).
    programs: programs.length ? programs : [from.code],
    lists: [from.list],
    designated: start,
    remarks: remarks || null,
    identifiers,
    addresses,
    related: [],
    sourceUrl: row.source_information_url?.trim() || row.source_list_url?.trim() || null,
  };
}

/** The file's bytes as text: gunzipped when gzip, bounded either way. */
function fileText(bytes: Buffer, file: string): string {
  let data = bytes;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      data = gunzipSync(bytes, { maxOutputLength: MAX_BYTES });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ERR_BUFFER_TOO_LARGE') throw new ImportError(file, null, `unpacks to more than ${MAX_BYTES / 2 ** 20} MB: no screening list is that large`);
      throw new ImportError(file, null, `a broken gzip file (${printable((err as Error).message)}; cut short?)`);
    }
  }
  if (data.length > MAX_BYTES) throw new ImportError(file, null, `more than ${MAX_BYTES / 2 ** 20} MB: no screening list is that large`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw new ImportError(file, null, "not UTF-8 text (binary data?); expected trade.gov's consolidated.csv or consolidated.csv.gz");
  }
}

/** The Commerce and State lists' entries in the CSL's CSV text; `file` names it in errors. */
export function parseCslText(text: string, file: string, onProgress?: ProgressListener): Entity[] {
  const header = text.replace(/^\ufeff/, '').slice(0, 1000).split(/\r?\n/, 1)[0] ?? '';
  const columns = header.split(',').map((c) => c.trim());
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (!header.trim()) throw new ImportError(file, null, 'the file is empty');
  if (missing.length) {
    throw new ImportError(file, 1, `expected trade.gov's Consolidated Screening List CSV, whose header has ${REQUIRED.join(', ')}; missing ${missing.join(', ')} (found ${quoted(header, 60)})`);
  }
  let rows: Row[];
  try {
    rows = parse(text, { bom: true, columns: true, skip_empty_lines: true }) as Row[];
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw new ImportError(file, e.lines ?? null, `not a well-formed CSV (${printable(e.message)}; the file is cut short?)`);
  }
  const entities: Entity[] = [];
  const lists = new Map<string, SourceList>();
  for (const [i, row] of rows.entries()) {
    if (!row.source?.trim() || !row.name?.trim() || !row._id?.trim()) continue;
    const from = lists.get(row.source) ?? sourceList(row.source.trim());
    lists.set(row.source, from);
    if (!from.treasury) entities.push(toEntity(row, from));
    if (onProgress && ((i + 1) % 2000 === 0 || i + 1 === rows.length)) onProgress('Parsing the Consolidated Screening List', i + 1, rows.length);
  }
  // No entry would make the list empty: everyone on it delisted.
  if (!entities.length) throw new ImportError(file, null, 'no entry of a Commerce or State list in it (Treasury rows come from OFAC\'s own files)');
  return entities;
}

/** Reads and parses the CSL from its file on disk, gzip or plain. */
export async function parseCslList(path: string, onProgress?: ProgressListener): Promise<Entity[]> {
  return parseCslText(fileText(await readFile(path), path), path, onProgress);
}
