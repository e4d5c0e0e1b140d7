// Parses OFAC's legacy CSV files (SDN: sdn/alt/add/sdn_comments.csv; non-SDN: cons_prim/cons_alt/cons_add/cons_comments.csv) into entities.
//
// Lists: every entity carries its source list first ({id:'ofac-sdn'} or {id:'ofac-cons'}); a non-SDN entity
// also carries the sub-list its programs put it on, as a second ListRef named after OFAC's own list codes
// (ofac-ns-cmic, ofac-ssi, ofac-fse, ofac-ns-plc, ofac-capta, ofac-ns-isa, ofac-ns-mbs). The consolidated
// CSV has no list column, so the sub-list is read from the programs (see CONS_SUB_LISTS), which is exact
// for CMIC, PLC, SSI, FSE and CAPTA and a best reading for the menu-based list (NS-MBS).
//
// Aliases: alt.csv names are strong; names quoted in the remarks ("a.k.a. 'BNC'") are OFAC's weak aliases.

import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { countryCodeFromName, programCountries } from './countries.ts';
import type { ProgressListener } from '../progress.ts';
import type { Address, Alias, Entity, EntityType, Identifier, ListRef, Relation } from './model.ts';
import { ImportError, quoted } from './import-error.ts';
import { decodeListFile } from './list-text.ts';
import { parseRemarks } from './ofac-remarks.ts';

// Where src/screening/input.ts still imports it from.
export { decodeListFile };

export type OfacKind = 'sdn' | 'cons';

/** A file's name (for messages) and its text. */
export interface ListFile {
  name: string;
  text: string;
}

export interface OfacFiles<T = ListFile> {
  main: T;
  alt?: T;
  add?: T;
  comments?: T;
}

export interface OfacParseOptions {
  onProgress?(done: number, total: number): void;
  /**
   * Problems a list can survive: an ent_num used twice (the later row is skipped). Without this callback
   * they are thrown, since alt.csv and add.csv rows, joined by ent_num, cannot tell the two entities apart.
   */
  onWarning?(problem: ImportError): void;
}

const FILE_NAMES: Record<OfacKind, Required<OfacFiles<string>>> = {
  sdn: { main: 'sdn.csv', alt: 'alt.csv', add: 'add.csv', comments: 'sdn_comments.csv' },
  cons: { main: 'cons_prim.csv', alt: 'cons_alt.csv', add: 'cons_add.csv', comments: 'cons_comments.csv' },
};

const LISTS: Record<OfacKind, ListRef> = {
  sdn: { id: 'ofac-sdn', name: 'OFAC SDN List' },
  cons: { id: 'ofac-cons', name: 'OFAC Consolidated (non-SDN) List' },
};

const SUB_LISTS = {
  cmic: { id: 'ofac-ns-cmic', name: 'Non-SDN Chinese Military-Industrial Complex Companies List (NS-CMIC)' },
  plc: { id: 'ofac-ns-plc', name: 'Non-SDN Palestinian Legislative Council List (NS-PLC)' },
  ssi: { id: 'ofac-ssi', name: 'Sectoral Sanctions Identifications List (SSI)' },
  fse: { id: 'ofac-fse', name: 'Foreign Sanctions Evaders List (FSE)' },
  capta: { id: 'ofac-capta', name: 'Correspondent Account or Payable-Through Account Sanctions List (CAPTA)' },
  isa: { id: 'ofac-ns-isa', name: 'Non-SDN Iran Sanctions Act List (NS-ISA)' },
  mbs: { id: 'ofac-ns-mbs', name: 'Non-SDN Menu-Based Sanctions List (NS-MBS)' },
} satisfies Record<string, ListRef>;

/** Programs that name a non-SDN sub-list outright. */
const CONS_SUB_LISTS: [RegExp, ListRef][] = [
  [/^CMIC-/, SUB_LISTS.cmic],
  [/^NS-PLC$/, SUB_LISTS.plc],
  [/^UKRAINE-EO13662$/, SUB_LISTS.ssi],
  [/^FSE-/, SUB_LISTS.fse],
  [/^561-RELATED$/i, SUB_LISTS.capta],
  [/^(NS-)?ISA$/, SUB_LISTS.isa],
];
/** Programs under which OFAC imposes menu-based (not blocking) sanctions, for rows no other sub-list claims. */
const MENU_BASED_PROGRAMS = /^(CAATSA - RUSSIA|RUSSIA-EO14024|BURMA-EO14014|ILLICIT-DRUGS-EO14059|NS-MBS)$/;

function consSubLists(programs: string[]): ListRef[] {
  const lists = CONS_SUB_LISTS.filter(([re]) => programs.some((p) => re.test(p))).map(([, list]) => list);
  if (lists.length === 0 && programs.some((p) => MENU_BASED_PROGRAMS.test(p))) lists.push(SUB_LISTS.mbs);
  return lists;
}

// ---------------------------------------------------------------------------------------------------------
// Reading records

interface CsvRecord {
  line: number;
  fields: string[];
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Rejects what is plainly not a legacy CSV before it can turn into junk entities. */
function checkLooksLikeCsv(file: ListFile, start: number, end: number): void {
  const { name, text } = file;
  if (start >= end) throw new ImportError(name, null, 'the file is empty');
  // A DOS end-of-file mark may end the file; anywhere else, control characters mean binary data.
  const control = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]/.exec(text.slice(0, end));
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).padStart(2, '0');
    throw new ImportError(name, lineAt(text, control.index), `binary data (character 0x${code}), not a CSV text file`);
  }
  const first = text[start];
  if (first === '{' || first === '[') {
    throw new ImportError(name, 1, "found JSON, expected OFAC's legacy CSV (a FollowTheMoney file belongs to the FTM importer)");
  }
  if (first === '<') throw new ImportError(name, 1, "found XML or HTML, expected OFAC's legacy CSV");
}

const FIELD_END = /[,\r\n]/g;

/** A quoted field starting at `start`: its value, where it ends, and how many line breaks it holds. */
function readQuoted(file: ListFile, start: number, end: number, line: number): { value: string; next: number; breaks: number } {
  const { name, text } = file;
  let value = '';
  let breaks = 0;
  for (let j = start + 1; ; ) {
    const quote = text.indexOf('"', j);
    if (quote < 0 || quote >= end) throw new ImportError(name, line, 'a quoted field is never closed (the file is cut short?)');
    const chunk = text.slice(j, quote);
    for (let n = chunk.indexOf('\n'); n >= 0; n = chunk.indexOf('\n', n + 1)) breaks++;
    value += chunk;
    if (text.charCodeAt(quote + 1) !== 34) {
      const next = quote + 1;
      if (next < end && !',\r\n'.includes(text[next]!)) {
        throw new ImportError(name, line + breaks, `expected a comma or a line end after a closing quote, found ${quoted(text[next]!)}`);
      }
      return { value, next, breaks };
    }
    value += '"';
    j = quote + 2;
  }
}

/** RFC 4180 records with 1-based start lines; fields trimmed, OFAC's "-0-" read as empty, unquoted fields taken as they are. */
function readRecords(file: ListFile): CsvRecord[] {
  const { text } = file;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let end = text.length;
  while (end > i && /[\s\x1a]/.test(text[end - 1]!)) end--;
  checkLooksLikeCsv(file, i, end);

  const records: CsvRecord[] = [];
  let line = 1;
  // Whether the last field read is plainly whole: quoted, or OFAC's "-0-".
  let whole = true;
  while (i < end) {
    const record: CsvRecord = { line, fields: [] };
    for (;;) {
      let value: string;
      const isQuoted = text.charCodeAt(i) === 34;
      if (isQuoted) {
        const field = readQuoted(file, i, end, line);
        ({ value } = field);
        i = field.next;
        line += field.breaks;
      } else {
        FIELD_END.lastIndex = i;
        const found = FIELD_END.exec(text);
        const stop = found && found.index < end ? found.index : end;
        value = text.slice(i, stop);
        i = stop;
      }
      const trimmed = value.trim();
      whole = isQuoted || trimmed === '-0-';
      record.fields.push(trimmed === '-0-' ? '' : trimmed);
      if (i >= end || text[i] !== ',') break;
      i++;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    if (record.fields.length > 1 || record.fields[0] !== '') records.push(record);
  }
  // Published files end with a line break (OFAC's with an end-of-file mark too). Without one, a last
  // field that is neither quoted nor "-0-" is where a download or a copy was cut: its row would pass.
  const last = records.at(-1);
  if (last && !whole && !/[\r\n\x1a]/.test(text.slice(end))) {
    throw new ImportError(file.name, last.line, 'the file ends inside this line, with no line break after it (the file is cut short?)');
  }
  return records;
}

function entNum(file: string, record: CsvRecord): string {
  const raw = record.fields[0]!;
  if (!/^\d+$/.test(raw)) {
    const hint = record.line === 1 && /[a-z]/i.test(raw) ? " (a header row? OFAC's legacy CSV has none)" : '';
    throw new ImportError(file, record.line, `ent_num ${quoted(raw)} is not a number${hint}`);
  }
  return String(Number(raw));
}

/** Records of a file with a fixed number of columns (at least `columns` when `atLeast`). */
function tableRows(file: ListFile, columns: number, what: string, atLeast = false): CsvRecord[] {
  const records = readRecords(file);
  for (const record of records) {
    // The ent_num first: a header row says more about a wrong file than its column count does.
    entNum(file.name, record);
    const n = record.fields.length;
    if (atLeast ? n < columns : n !== columns) {
      throw new ImportError(file.name, record.line, `expected ${atLeast ? 'at least ' : ''}${columns} columns (${what}), found ${n}`);
    }
  }
  return records;
}

// ---------------------------------------------------------------------------------------------------------
// Building entities

interface MainRow {
  line: number;
  entNum: string;
  name: string;
  type: EntityType;
  programs: string[];
  title: string;
  callSign: string;
  vesselType: string;
  tonnage: string;
  grt: string;
  vesselFlag: string;
  vesselOwner: string;
  remarks: string;
}

const SDN_TYPES: Record<string, EntityType> = {
  individual: 'person',
  vessel: 'vessel',
  aircraft: 'aircraft',
  '': 'organization',
  entity: 'organization',
};

function mainRow(file: string, record: CsvRecord): MainRow {
  const [, name, sdnType, program, title, callSign, vesselType, tonnage, grt, vesselFlag, vesselOwner, remarks] =
    record.fields as [string, string, string, string, string, string, string, string, string, string, string, string];
  if (!name) throw new ImportError(file, record.line, 'SDN_Name is empty');
  const type = SDN_TYPES[sdnType.toLowerCase()];
  if (!type) throw new ImportError(file, record.line, `SDN_Type ${quoted(sdnType)} is not individual, vessel, aircraft or -0-`);
  const programs = program
    .split('] [')
    .map((p) => p.replace(/^\[|\]$/g, '').trim())
    .filter((p) => p.length > 0);
  return {
    line: record.line, entNum: entNum(file, record), name, type, programs, title, callSign,
    vesselType, tonnage, grt, vesselFlag, vesselOwner, remarks,
  };
}

function groupByEntNum(file: ListFile | undefined, columns: number, what: string, atLeast = false): Map<string, string[][]> {
  const groups = new Map<string, string[][]>();
  if (!file) return groups;
  for (const record of tableRows(file, columns, what, atLeast)) {
    const id = String(Number(record.fields[0]));
    const group = groups.get(id);
    if (group) group.push(record.fields);
    else groups.set(id, [record.fields]);
  }
  return groups;
}

const ALT_KINDS: Record<string, Alias['kind']> = { aka: 'aka', fka: 'fka', nka: 'nka' };

function addAlias(aliases: Alias[], seen: Set<string>, alias: Alias): void {
  const k = alias.name.toLowerCase();
  if (!alias.name || seen.has(k)) return;
  seen.add(k);
  aliases.push(alias);
}

function address(fields: string[]): Address | null {
  const [, , street, city, country] = fields as [string, string, string, string, string];
  if (!street && !city && !country) return null;
  const result: Address = {};
  if (street) result.street = street;
  if (city) result.city = city;
  if (country) {
    result.country = country;
    const code = countryCodeFromName(country);
    if (code) result.countryCode = code;
  }
  return result;
}

/** Fixed-column facts worth showing, under the names OFAC's column headers give them. */
function columnIdentifiers(row: MainRow, flag: string | null): Identifier[] {
  const ids: Identifier[] = [];
  const push = (type: string, value: string) => value && ids.push({ type, value });
  push('Title', row.title);
  push('Call Sign', row.callSign);
  push('Vessel Type', row.vesselType);
  push('Tonnage', row.tonnage);
  push('GRT', row.grt);
  if (row.vesselFlag) {
    ids.push(flag ? { type: 'Vessel Flag', value: row.vesselFlag, country: flag } : { type: 'Vessel Flag', value: row.vesselFlag });
  }
  return ids;
}

/** Resolves a name to the one entity that has it as its primary name; OFAC sometimes drops a final "." . */
function nameResolver(rows: MainRow[], idOf: (row: MainRow) => string): (name: string) => string | null {
  const byName = new Map<string, string | null>();
  for (const row of rows) byName.set(row.name, byName.has(row.name) ? null : idOf(row));
  return (name) => {
    for (const candidate of [name, name.replace(/\.$/, ''), `${name}.`]) {
      const id = byName.get(candidate);
      if (id !== undefined) return id;
    }
    return null;
  };
}

/** The main file's rows; an ent_num used twice is thrown, or reported and skipped when `onWarning` is given. */
function mainRows(file: ListFile, onWarning?: (problem: ImportError) => void): MainRow[] {
  const rows: MainRow[] = [];
  const lineOf = new Map<string, number>();
  const columns = 'ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks';
  for (const record of tableRows(file, 12, columns)) {
    const row = mainRow(file.name, record);
    const first = lineOf.get(row.entNum);
    if (first === undefined) {
      lineOf.set(row.entNum, row.line);
      rows.push(row);
      continue;
    }
    const problem = new ImportError(file.name, row.line, `ent_num ${row.entNum} is already used on line ${first}`);
    if (!onWarning) throw problem;
    onWarning(problem);
  }
  return rows;
}

/** What the other files say about each ent_num, and how to find an entity by its name. */
interface Joined {
  kind: OfacKind;
  alts: Map<string, string[][]>;
  adds: Map<string, string[][]>;
  comments: Map<string, string[][]>;
  resolve: (name: string) => string | null;
}

const entityId = (kind: OfacKind, entNum: string) => `ofac-${kind}-${entNum}`;

function toEntity(row: MainRow, joined: Joined): Entity {
  // sdn_comments.csv carries the part of a remark cut at the field's length limit.
  const remarks = row.remarks + (joined.comments.get(row.entNum) ?? []).map((f) => f.slice(1).join(',')).join('');
  const facts = parseRemarks(remarks);

  const aliases: Alias[] = [];
  const seen = new Set([row.name.toLowerCase()]);
  for (const fields of joined.alts.get(row.entNum) ?? []) {
    addAlias(aliases, seen, { name: fields[3]!, kind: ALT_KINDS[fields[2]!.toLowerCase()] ?? 'aka', strength: 'strong' });
  }
  for (const alias of facts.aliases) addAlias(aliases, seen, alias);

  const addresses = (joined.adds.get(row.entNum) ?? []).map(address).filter((a): a is Address => a !== null);
  const flag = row.vesselFlag ? countryCodeFromName(row.vesselFlag) : null;
  const countries = new Set([
    ...addresses.flatMap((a) => (a.countryCode ? [a.countryCode] : [])),
    ...facts.countries,
    ...(flag ? [flag] : []),
    ...row.programs.flatMap(programCountries),
  ]);

  const related: Relation[] = facts.linkedTo.map((name) => ({ id: joined.resolve(name), name, kind: 'linked to' }));
  if (row.vesselOwner) related.push({ id: joined.resolve(row.vesselOwner), name: row.vesselOwner, kind: 'vessel owner' });

  return {
    id: entityId(joined.kind, row.entNum),
    type: row.type,
    name: row.name,
    aliases,
    countries: [...countries].sort(),
    programs: row.programs,
    lists: joined.kind === 'sdn' ? [LISTS.sdn] : [LISTS.cons, ...consSubLists(row.programs)],
    designated: facts.listingDate,
    remarks: remarks || null,
    identifiers: [...columnIdentifiers(row, flag), ...facts.identifiers],
    addresses,
    related,
    sourceUrl: `https://sanctionssearch.ofac.treas.gov/Details.aspx?id=${row.entNum}`,
  };
}

/**
 * Parses one OFAC list (SDN or non-SDN) from its files' text, as parseOfacList reads them from disk.
 * alt/add/comments rows whose ent_num is not in the main file are ignored: they come from another version.
 */
export function parseOfacFiles(files: OfacFiles, kind: OfacKind, opts: OfacParseOptions = {}): Entity[] {
  const rows = mainRows(files.main, opts.onWarning);
  const joined: Joined = {
    kind,
    alts: groupByEntNum(files.alt, 5, 'ent_num, alt_num, alt_type, alt_name, alt_remarks'),
    adds: groupByEntNum(files.add, 6, 'ent_num, add_num, address, city, country, add_remarks'),
    comments: groupByEntNum(files.comments, 2, 'ent_num, remarks', true),
    resolve: nameResolver(rows, (row) => entityId(kind, row.entNum)),
  };
  return rows.map((row, n) => {
    if (opts.onProgress && ((n + 1) % 1000 === 0 || n + 1 === rows.length)) opts.onProgress(n + 1, rows.length);
    return toEntity(row, joined);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Files on disk

const KNOWN_NAMES = new Set([...Object.values(FILE_NAMES.sdn), ...Object.values(FILE_NAMES.cons)]);

/** Which of OFAC's files each path is, by its name; all must belong to one list, and the main file must be there. */
export function resolveOfacFiles(paths: string[], kind?: OfacKind): { kind: OfacKind; files: OfacFiles<string> } {
  const found: Partial<Record<OfacKind, Partial<OfacFiles<string>>>> = {};
  for (const path of paths) {
    const base = basename(path).toLowerCase();
    const match = (['sdn', 'cons'] as const).flatMap((k) =>
      (Object.entries(FILE_NAMES[k]) as [keyof OfacFiles, string][]).filter(([, n]) => n === base).map(([role]) => [k, role] as const),
    )[0];
    if (!match) throw new ImportError(path, null, `not one of OFAC's legacy CSV file names (${[...KNOWN_NAMES].join(', ')})`);
    const [k, role] = match;
    const files = (found[k] ??= {});
    if (files[role]) throw new ImportError(path, null, `two files for ${FILE_NAMES[k][role]}: ${files[role]} and ${path}`);
    files[role] = path;
  }
  const kinds = Object.keys(found) as OfacKind[];
  const all = paths.join(', ') || '(no files)';
  if (kinds.length === 0) throw new ImportError(all, null, 'no OFAC list files');
  if (kinds.length > 1) throw new ImportError(all, null, 'files of both the SDN and the non-SDN list; import one list at a time');
  const k = kinds[0]!;
  if (kind && k !== kind) throw new ImportError(all, null, `these are files of the ${k} list, not the ${kind} list`);
  const files = found[k]!;
  if (!files.main) throw new ImportError(all, null, `${FILE_NAMES[k].main} is missing`);
  return { kind: k, files: files as OfacFiles<string> };
}

/** A directory stands for the files in it that are named like OFAC's. */
async function expandDirectories(paths: string[]): Promise<string[]> {
  const expanded: string[] = [];
  for (const path of paths) {
    if (!(await stat(path)).isDirectory()) expanded.push(path);
    else for (const name of await readdir(path)) if (KNOWN_NAMES.has(name.toLowerCase())) expanded.push(join(path, name));
  }
  return expanded;
}

/**
 * Reads and parses one OFAC list from its files (sdn.csv with alt.csv, add.csv, sdn_comments.csv if there,
 * or the cons_* files), told apart by name; a directory stands for its OFAC-named files. `kind`, when
 * given, must match the files.
 */
export async function parseOfacList(
  paths: string[],
  kind?: OfacKind,
  onProgress?: ProgressListener,
  onWarning?: (problem: ImportError) => void,
): Promise<Entity[]> {
  const resolved = resolveOfacFiles(await expandDirectories(paths), kind);
  const read = async (path?: string): Promise<ListFile | undefined> =>
    path ? { name: path, text: decodeListFile(await readFile(path)) } : undefined;
  const { main, alt, add, comments } = resolved.files;
  const [mainFile, altFile, addFile, commentsFile] = await Promise.all([read(main), read(alt), read(add), read(comments)]);
  const label = resolved.kind === 'sdn' ? 'Parsing OFAC SDN list' : 'Parsing OFAC non-SDN list';
  return parseOfacFiles({ main: mainFile!, alt: altFile, add: addFile, comments: commentsFile }, resolved.kind, {
    onProgress: onProgress && ((done, total) => onProgress(label, done, total)),
    onWarning,
  });
}
