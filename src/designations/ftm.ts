// Parses OpenSanctions FollowTheMoney files (entities.ftm.json and entities.delta.json, one JSON object a line) into entities.
//
// Only listed parties become entities: `target: true` records of the schemas in ENTITY_TYPES that have a
// non-empty name. The other records in the same file are context: Sanction records give programs and the
// designation date, Ownership/Directorship/Family/... give relations, Address/Passport records give
// addresses and identifiers. A delta file is read the same way, so its entities only get the context that
// the delta itself carries.

import { stat } from 'node:fs/promises';
import type { ProgressListener } from '../progress.ts';
import { countryName, isCountryCode } from './countries.ts';
import type { Address, Alias, Entity, EntityType, Identifier, Relation } from './model.ts';
import { ImportError, printable, quoted } from './import-error.ts';
import { fileLines } from './list-text.ts';

interface FtmRecord {
  id: string;
  caption?: string;
  schema: string;
  properties: Record<string, string[]>;
  datasets?: string[];
  first_seen?: string;
  target?: boolean;
}

export type FtmOpKind = 'ADD' | 'MOD' | 'DEL';

/**
 * One delta line for our entity set. ADD and MOD of a listed party carry its entity; a DEL, or an ADD/MOD of
 * a record that is not (or no longer) a named listed party, has no entity and means "remove `id` if you have it".
 * ADD/MOD lines of context records (sanctions, ownerships, addresses) give no op of their own.
 */
export interface FtmOp {
  op: FtmOpKind;
  /** `os-<id>` */
  id: string;
  entity?: Entity;
}

const ENTITY_TYPES: Record<string, EntityType> = {
  Person: 'person',
  Organization: 'organization',
  Company: 'organization',
  LegalEntity: 'organization',
  Vessel: 'vessel',
  Airplane: 'aircraft',
};

/** Link schemas: the two properties naming the parties, and the relation as seen from each side. */
const LINKS: Record<string, [string, string, string, string]> = {
  Ownership: ['owner', 'asset', 'owner of', 'owned by'],
  Directorship: ['director', 'organization', 'director of', 'directed by'],
  Family: ['person', 'relative', 'family member', 'family member'],
  Associate: ['person', 'associate', 'associate', 'associate'],
  UnknownLink: ['subject', 'object', 'linked to', 'linked to'],
  Employment: ['employee', 'employer', 'employee of', 'employer of'],
  Membership: ['member', 'organization', 'member of', 'has member'],
  Representation: ['agent', 'client', 'agent of', 'represented by'],
  Succession: ['predecessor', 'successor', 'predecessor of', 'successor of'],
};

/** FTM properties shown as identifiers, under the names OFAC's remarks use where there is one. */
const IDENTIFIER_TYPES: Record<string, string> = {
  birthDate: 'DOB',
  birthPlace: 'POB',
  gender: 'Gender',
  position: 'Position',
  idNumber: 'National ID No.',
  passportNumber: 'Passport',
  registrationNumber: 'Registration Number',
  taxNumber: 'Tax ID No.',
  vatCode: 'V.A.T. Number',
  innCode: 'INN',
  ogrnCode: 'OGRN',
  kppCode: 'KPP',
  okpoCode: 'OKPO',
  leiCode: 'Legal Entity Number',
  dunsCode: 'D-U-N-S Number',
  swiftBic: 'SWIFT/BIC',
  bikCode: 'BIK',
  uniqueEntityId: 'UEI',
  permId: 'PermID',
  incorporationDate: 'Organization Established Date',
  imoNumber: 'IMO',
  mmsi: 'MMSI',
  callSign: 'Call Sign',
  flag: 'Vessel Flag',
  serialNumber: 'Serial No.',
  website: 'Website',
  email: 'Email Address',
  phone: 'Phone Number',
};

const COUNTRY_PROPERTIES = ['country', 'nationality', 'citizenship', 'jurisdiction', 'flag'];
/** Program values that are codes ("RUSSIA-EO14024"), not the prose of a regulation's title. */
const PROGRAM_CODE = /^[A-Z0-9][A-Z0-9-]{1,39}$/;
const FULL_DATE = /^\d{4}-\d{2}-\d{2}/;
/** A letter of a script other than Latin. */
const NON_LATIN = /[^\P{L}\p{Script=Latin}]/u;

function isRecord(value: unknown): value is FtmRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r.id === 'string' && typeof r.schema === 'string' && typeof r.properties === 'object' && r.properties !== null;
}

function parseLine(line: string, file: string, lineNo: number): unknown {
  try {
    return JSON.parse(line.charCodeAt(0) === 0xfeff ? line.slice(1) : line);
  } catch (err) {
    throw new ImportError(file, lineNo, `not valid JSON (${printable((err as Error).message)})`);
  }
}

/** Non-blank lines with their 1-based numbers. */
function* lines(text: string): Generator<[string, number]> {
  let lineNo = 0;
  for (const line of text.split('\n')) {
    lineNo++;
    if (line.trim()) yield [line, lineNo];
  }
}

function values(record: FtmRecord, prop: string): string[] {
  const raw = record.properties[prop];
  return Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean) : [];
}

function countryCodes(raw: string[]): string[] {
  return raw.map((c) => c.toUpperCase()).filter((c) => c.length === 2 && isCountryCode(c));
}

/** What the records of one file say about each other, indexed by the id they point at. */
interface Context {
  byId: Map<string, FtmRecord>;
  sanctions: Map<string, FtmRecord[]>;
  links: Map<string, { other: string; kind: string }[]>;
  documents: Map<string, FtmRecord[]>;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function buildContext(records: FtmRecord[]): Context {
  const ctx: Context = { byId: new Map(), sanctions: new Map(), links: new Map(), documents: new Map() };
  for (const r of records) {
    ctx.byId.set(r.id, r);
    if (r.schema === 'Sanction') for (const target of values(r, 'entity')) push(ctx.sanctions, target, r);
    if (r.schema === 'Passport' || r.schema === 'Identification') {
      for (const holder of values(r, 'holder')) push(ctx.documents, holder, r);
    }
    const link = LINKS[r.schema];
    if (link) {
      const [propA, propB, kindA, kindB] = link;
      // Family records say how the two are related ("Family member of", "Son").
      const fromA = r.schema === 'Family' ? (values(r, 'relationship')[0]?.toLowerCase() ?? kindA) : kindA;
      for (const a of values(r, propA)) {
        for (const b of values(r, propB)) {
          push(ctx.links, a, { other: b, kind: fromA });
          push(ctx.links, b, { other: a, kind: kindB });
        }
      }
    }
  }
  return ctx;
}

function usableName(record: FtmRecord): string | null {
  const names = values(record, 'name');
  const caption = record.caption?.trim();
  // The caption is OpenSanctions' pick among the names; a caption that is not among them is stale.
  if (caption && names.includes(caption)) return caption;
  return names[0] ?? null;
}

function isListedParty(record: FtmRecord): boolean {
  return record.target === true && ENTITY_TYPES[record.schema] !== undefined && usableName(record) !== null;
}

function aliasesOf(record: FtmRecord, name: string): Alias[] {
  const aliases: Alias[] = [];
  const seen = new Set([name.toLowerCase()]);
  const add = (names: string[], alias: (n: string) => Alias) => {
    for (const n of names) {
      if (seen.has(n.toLowerCase())) continue;
      seen.add(n.toLowerCase());
      aliases.push(alias(n));
    }
  };
  add(values(record, 'name'), (n) => ({ name: n, kind: NON_LATIN.test(n) ? 'original' : 'aka', strength: 'strong' }));
  add(values(record, 'alias'), (n) => ({ name: n, kind: 'aka', strength: 'strong' }));
  add(values(record, 'previousName'), (n) => ({ name: n, kind: 'fka', strength: 'strong' }));
  // Abbreviations are what OFAC calls weak aliases: short acronyms that match too much on their own.
  add([...values(record, 'weakAlias'), ...values(record, 'abbreviation')], (n) => ({ name: n, kind: 'aka', strength: 'weak' }));
  return aliases;
}

function addressesOf(record: FtmRecord, ctx: Context): Address[] {
  const fromEntities = values(record, 'addressEntity')
    .map((id) => ctx.byId.get(id))
    .filter((a): a is FtmRecord => a !== undefined);
  const addresses = fromEntities.map((a) => {
    const address: Address = {};
    const street = values(a, 'street')[0] ?? values(a, 'full')[0];
    const city = values(a, 'city')[0];
    const code = countryCodes(values(a, 'country'))[0];
    if (street) address.street = street;
    if (city) address.city = city;
    if (code) {
      address.country = countryName(code) ?? code;
      address.countryCode = code;
    }
    return address;
  });
  // Plain-text addresses repeat the address entities when both are there.
  if (addresses.length > 0) return addresses;
  return values(record, 'address').map((full) => ({ street: full }));
}

function identifiersOf(record: FtmRecord, ctx: Context): Identifier[] {
  const ids: Identifier[] = [];
  for (const [prop, type] of Object.entries(IDENTIFIER_TYPES)) {
    for (const value of values(record, prop)) {
      const code = prop === 'flag' ? countryCodes([value])[0] : undefined;
      ids.push(code ? { type, value, country: code } : { type, value });
    }
  }
  for (const doc of ctx.documents.get(record.id) ?? []) {
    const type = doc.schema === 'Passport' ? 'Passport' : (values(doc, 'type')[0] ?? 'National ID No.');
    const code = countryCodes(values(doc, 'country'))[0];
    for (const value of values(doc, 'number')) ids.push(code ? { type, value, country: code } : { type, value });
  }
  return ids;
}

function relatedOf(record: FtmRecord, ctx: Context): Relation[] {
  const related: Relation[] = [];
  const seen = new Set<string>();
  for (const { other, kind } of ctx.links.get(record.id) ?? []) {
    const party = ctx.byId.get(other);
    const name = party && usableName(party);
    // A party outside the file has no name to show.
    if (!party || !name || seen.has(`${other} ${kind}`)) continue;
    seen.add(`${other} ${kind}`);
    related.push({ id: isListedParty(party) ? `os-${other}` : null, name, kind });
  }
  return related;
}

function toEntity(record: FtmRecord, ctx: Context): Entity {
  const name = usableName(record)!;
  const sanctions = ctx.sanctions.get(record.id) ?? [];
  const programs = new Set(values(record, 'programId'));
  const dates: string[] = [];
  for (const s of sanctions) {
    for (const p of values(s, 'programId')) programs.add(p);
    for (const p of values(s, 'program')) if (PROGRAM_CODE.test(p)) programs.add(p);
    for (const d of [...values(s, 'listingDate'), ...values(s, 'startDate')]) if (FULL_DATE.test(d)) dates.push(d.slice(0, 10));
  }
  const firstSeen = record.first_seen && FULL_DATE.test(record.first_seen) ? record.first_seen.slice(0, 10) : null;
  const addresses = addressesOf(record, ctx);
  const countries = new Set([
    ...COUNTRY_PROPERTIES.flatMap((p) => countryCodes(values(record, p))),
    ...addresses.flatMap((a) => (a.countryCode ? [a.countryCode] : [])),
  ]);
  const remarks = [...values(record, 'notes'), ...values(record, 'summary')].join('\n');
  return {
    id: `os-${record.id}`,
    type: ENTITY_TYPES[record.schema]!,
    name,
    aliases: aliasesOf(record, name),
    countries: [...countries].sort(),
    programs: [...programs].sort(),
    lists: (record.datasets ?? []).map((d) => ({ id: `os-${d}`, name: d })),
    designated: dates.length > 0 ? dates.sort()[0]! : firstSeen,
    remarks: remarks || null,
    identifiers: identifiersOf(record, ctx),
    addresses,
    related: relatedOf(record, ctx),
    sourceUrl: `https://www.opensanctions.org/entities/${encodeURIComponent(record.id)}/`,
  };
}

function readRecord(value: unknown, file: string, lineNo: number): FtmRecord {
  if (!isRecord(value)) {
    throw new ImportError(file, lineNo, 'expected a FollowTheMoney entity (an object with id, schema and properties)');
  }
  return value;
}

function listedParties(records: FtmRecord[], file: string): Entity[] {
  if (records.length === 0) throw new ImportError(file, null, 'the file is empty');
  const parties = records.filter(isListedParty);
  if (parties.length === 0) {
    const schemas = Object.keys(ENTITY_TYPES).join(', ');
    throw new ImportError(file, null, `no listed party in it (a record with target: true, a name, and schema ${schemas})`);
  }
  const ctx = buildContext(records);
  return parties.map((r) => toEntity(r, ctx));
}

/**
 * The listed parties in the text of an entities.ftm.json file. An empty file, or one with no listed
 * party, is refused: importing it would delist everyone.
 */
export function parseFtmText(text: string, file: string): Entity[] {
  const records: FtmRecord[] = [];
  for (const [line, lineNo] of lines(text)) records.push(readRecord(parseLine(line, file, lineNo), file, lineNo));
  return listedParties(records, file);
}

/** The listed parties of an entities.ftm.json file on disk, read line by line (the full exports pass 1 GB). */
export async function parseFtmEntities(path: string, onProgress?: ProgressListener): Promise<Entity[]> {
  const { size } = await stat(path);
  const records: FtmRecord[] = [];
  for await (const { text, number, bytesRead } of fileLines(path)) {
    if (text.trim()) records.push(readRecord(parseLine(text, path, number), path, number));
    if (onProgress && number % 5000 === 0) onProgress('Reading FTM entities', Math.min(bytesRead, size), size);
  }
  onProgress?.('Reading FTM entities', size, size);
  return listedParties(records, path);
}

/** The ops of an entities.delta.json file (`{"op": "ADD"|"MOD"|"DEL", "entity": {...}}` lines), in file order. */
export function parseFtmDelta(text: string, file: string): FtmOp[] {
  const parsed: { op: FtmOpKind; record: FtmRecord }[] = [];
  for (const [line, lineNo] of lines(text)) {
    const value = parseLine(line, file, lineNo) as { op?: unknown; entity?: unknown } | null;
    const op = value?.op;
    if (op !== 'ADD' && op !== 'MOD' && op !== 'DEL') {
      const found = typeof op === 'string' ? quoted(op) : op == null ? 'null' : `a ${Array.isArray(op) ? 'list' : typeof op}`;
      throw new ImportError(file, lineNo, `expected a delta line with op ADD, MOD or DEL, found ${found}`);
    }
    const entity = value!.entity as { id?: unknown } | undefined;
    if (op === 'DEL') {
      if (typeof entity?.id !== 'string') throw new ImportError(file, lineNo, 'a DEL line needs entity.id');
      parsed.push({ op, record: { id: entity.id, schema: '', properties: {} } });
    } else {
      parsed.push({ op, record: readRecord(entity, file, lineNo) });
    }
  }
  const ctx = buildContext(parsed.filter((l) => l.op !== 'DEL').map((l) => l.record));
  const ops: FtmOp[] = [];
  for (const { op, record } of parsed) {
    const id = `os-${record.id}`;
    if (op === 'DEL') ops.push({ op, id });
    else if (isListedParty(record)) ops.push({ op, id, entity: toEntity(record, ctx) });
    else if (ENTITY_TYPES[record.schema]) ops.push({ op, id });
  }
  return ops;
}
