// Parses the UN Security Council Consolidated List as the UN publishes it (consolidated.xml) into entities.
//
// Names: FIRST_NAME … FOURTH_NAME joined in the UN's order (it does not say which part is the surname).
// Aliases: QUALITY Good (and an entity's a.k.a.) are strong, f.k.a. former names; Low-quality aliases are the UN's
// weak aliases, modelled as OFAC's are: they need more evidence in news and never match alone.
// REFERENCE_NUMBER (`CDi.001`) is the id shown (`un-CDi.001`); UN_LIST_TYPE, the sanctions regime, is the program,
// prefixed `UN-` so that the UN's `Iran` or `DPRK` regime is not taken for OFAC's program of the same name.

import { open, readFile } from 'node:fs/promises';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ProgressListener } from '../progress.ts';
import { countryCodeFromName } from './countries.ts';
import { ImportError, printable, quoted } from './import-error.ts';
import type { Address, Alias, Entity, Identifier, ListRef } from './model.ts';

export const UN_LIST: ListRef = { id: 'un', name: 'UN Security Council Consolidated List' };

/** The UN's published file; the refresh follows it (README, LISTS). */
export const UN_LIST_URL = 'https://scsanctions.un.org/resources/xml/en/consolidated.xml';
const UN_LIST_PAGE = 'https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list';

/** The real file is 2 MB; a hundred times that is no UN list. */
const MAX_BYTES = 200 * 2 ** 20;

/** Elements that may repeat: always read as arrays, so one occurrence looks like many. */
const REPEATED = new Set([
  'INDIVIDUAL', 'ENTITY', 'VALUE', 'INDIVIDUAL_ALIAS', 'ENTITY_ALIAS', 'INDIVIDUAL_ADDRESS', 'ENTITY_ADDRESS',
  'INDIVIDUAL_DATE_OF_BIRTH', 'INDIVIDUAL_PLACE_OF_BIRTH', 'INDIVIDUAL_DOCUMENT', 'NAME_ORIGINAL_SCRIPT',
]);

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Numbers stay text: passport "0243318" keeps its zero, REFERENCE_NUMBER its form.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => REPEATED.has(name),
});

/** The text of a child element, trimmed, whitespace runs as one space; '' when absent or empty. */
function text(node: unknown, key: string): string {
  const value = (node as Node | undefined)?.[key];
  if (typeof value === 'string') return value.replace(/\s+/g, ' ').trim();
  if (typeof value === 'object' && value !== null && typeof (value as Node)['#text'] === 'string') {
    return ((value as Node)['#text'] as string).replace(/\s+/g, ' ').trim();
  }
  return '';
}

function nodes(node: unknown, key: string): Node[] {
  const value = (node as Node | undefined)?.[key];
  return Array.isArray(value) ? value.filter((v): v is Node => typeof v === 'object' && v !== null) : [];
}

/** `<NATIONALITY><VALUE>a</VALUE><VALUE>b</VALUE></NATIONALITY>` as ['a', 'b']. */
function values(node: unknown, key: string): string[] {
  const holder = (node as Node | undefined)?.[key];
  const raw = typeof holder === 'object' && holder !== null ? (holder as Node).VALUE : undefined;
  return (Array.isArray(raw) ? raw : [])
    .map((v) => (typeof v === 'string' ? v : typeof v === 'object' && v !== null ? String((v as Node)['#text'] ?? '') : ''))
    .map((v) => v.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

const ALIAS_KINDS: Record<string, Pick<Alias, 'kind' | 'strength'>> = {
  good: { kind: 'aka', strength: 'strong' },
  'a.k.a.': { kind: 'aka', strength: 'strong' },
  'f.k.a.': { kind: 'fka', strength: 'strong' },
  low: { kind: 'aka', strength: 'weak' },
};

/** Document types under the names the other lists give them, so the same passport reads the same on every card. */
const DOCUMENT_TYPES: [RegExp, string][] = [
  [/^(passport|n[uú]m[eé]ro de pas[as]aporte?|numéro de passeport)$/i, 'Passport'],
  [/^national identification( number)?$/i, 'National ID No.'],
];

function documentType(raw: string): string {
  return DOCUMENT_TYPES.find(([re]) => re.test(raw))?.[1] ?? raw;
}

/** The UN writes "Iran (Islamic Republic of)", "China, Hong Kong Special Administrative Region". */
function unCountry(name: string): string | null {
  if (!name) return null;
  return (
    countryCodeFromName(name) ??
    countryCodeFromName(name.replace(/\s*\([^)]*\)\s*$/, '')) ??
    countryCodeFromName(name.replace(/^China,\s*|\s+Special Administrative Region$/gi, ''))
  );
}

function withCountry<T extends object>(value: T, country: string | null): T & { country?: string } {
  return country ? { ...value, country } : value;
}

/** EXACT 1958-02-22 or 1971, APPROXIMATELY 1966 ("circa 1966"), BETWEEN 1973 and 1974 ("1973 to 1974"). */
function birthDate(node: Node): string {
  const date = text(node, 'DATE').slice(0, 10);
  const year = text(node, 'YEAR');
  const from = text(node, 'FROM_YEAR');
  const to = text(node, 'TO_YEAR');
  const kind = text(node, 'TYPE_OF_DATE').toUpperCase();
  if (kind === 'BETWEEN' && from && to) return `${from} to ${to}`;
  const when = date || year;
  if (!when) return '';
  return kind === 'APPROXIMATELY' ? `circa ${when}` : when;
}

function place(node: Node, keys: string[]): string {
  return keys.map((k) => text(node, k)).filter(Boolean).join(', ');
}

function addressOf(node: Node): Address | null {
  const street = text(node, 'STREET');
  const city = place(node, ['CITY', 'STATE_PROVINCE', 'ZIP_CODE']);
  const country = text(node, 'COUNTRY');
  if (!street && !city && !country) return null;
  const address: Address = {};
  if (street) address.street = street;
  if (city) address.city = city;
  if (country) {
    address.country = country;
    const code = unCountry(country);
    if (code) address.countryCode = code;
  }
  return address;
}

function aliasesOf(record: Node, kind: 'INDIVIDUAL' | 'ENTITY', names: string[]): Alias[] {
  const aliases: Alias[] = [];
  const seen = new Set(names.slice(0, 1).map((n) => n.toLowerCase()));
  const add = (alias: Alias) => {
    const key = alias.name.toLowerCase();
    if (!alias.name || seen.has(key)) return;
    seen.add(key);
    aliases.push(alias);
  };
  for (const name of names.slice(1)) add({ name, kind: 'aka', strength: 'strong' });
  for (const node of nodes(record, `${kind}_ALIAS`)) {
    const how = ALIAS_KINDS[text(node, 'QUALITY').toLowerCase()] ?? ALIAS_KINDS.good!;
    add({ name: text(node, 'ALIAS_NAME'), ...how });
  }
  const originals = record.NAME_ORIGINAL_SCRIPT;
  for (const name of Array.isArray(originals) ? originals : []) {
    if (typeof name === 'string') add({ name: name.replace(/\s+/g, ' ').trim(), kind: 'original', strength: 'strong' });
  }
  return aliases;
}

function identifiersOf(record: Node): { identifiers: Identifier[]; countries: string[] } {
  const identifiers: Identifier[] = [];
  const countries: string[] = [];
  for (const title of values(record, 'TITLE')) identifiers.push({ type: 'Title', value: title });
  for (const position of values(record, 'DESIGNATION')) identifiers.push({ type: 'Position', value: position });
  for (const nationality of values(record, 'NATIONALITY')) {
    const code = unCountry(nationality);
    if (code) countries.push(code);
    identifiers.push(withCountry({ type: 'Nationality', value: nationality }, code));
  }
  for (const node of nodes(record, 'INDIVIDUAL_DATE_OF_BIRTH')) {
    const value = birthDate(node);
    if (value) identifiers.push({ type: 'DOB', value });
  }
  for (const node of nodes(record, 'INDIVIDUAL_PLACE_OF_BIRTH')) {
    const value = place(node, ['CITY', 'STATE_PROVINCE', 'COUNTRY']);
    const code = unCountry(text(node, 'COUNTRY'));
    if (code) countries.push(code);
    if (value) identifiers.push(withCountry({ type: 'POB', value }, code));
  }
  for (const node of nodes(record, 'INDIVIDUAL_DOCUMENT')) {
    const value = text(node, 'NUMBER');
    if (!value) continue;
    const issuer = text(node, 'ISSUING_COUNTRY') || text(node, 'COUNTRY_OF_ISSUE');
    identifiers.push(withCountry({ type: documentType(text(node, 'TYPE_OF_DOCUMENT') || text(node, 'TYPE_OF_DOCUMENT2') || 'Document'), value }, unCountry(issuer)));
  }
  const gender = text(record, 'GENDER');
  if (gender) identifiers.push({ type: 'Gender', value: gender });
  return { identifiers, countries };
}

function toEntity(record: Node, kind: 'INDIVIDUAL' | 'ENTITY', file: string): Entity {
  const parts = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((k) => text(record, k)).filter(Boolean);
  // An entity's one name field may hold two names: "COMPAGNIE AERIENNE DES GRANDS LACS (CAGL) ; GREAT LAKES BUSINESS COMPANY (GLBC)".
  const names = kind === 'ENTITY' ? parts.join(' ').split(/\s+;\s+/).filter(Boolean) : [parts.join(' ')];
  const reference = text(record, 'REFERENCE_NUMBER') || text(record, 'DATAID');
  if (!names[0]) throw new ImportError(file, null, `${kind} ${quoted(reference || '(no reference number)')} has no name`);
  if (!reference) throw new ImportError(file, null, `${kind} ${quoted(names[0])} has neither REFERENCE_NUMBER nor DATAID`);
  const { identifiers, countries } = identifiersOf(record);
  const addresses = nodes(record, `${kind}_ADDRESS`).map(addressOf).filter((a): a is Address => a !== null);
  for (const a of addresses) if (a.countryCode) countries.push(a.countryCode);
  const regime = text(record, 'UN_LIST_TYPE');
  const listed = text(record, 'LISTED_ON').slice(0, 10);
  const remarks = text(record, 'COMMENTS1');
  return {
    id: `un-${reference}`,
    type: kind === 'INDIVIDUAL' ? 'person' : 'organization',
    name: names[0],
    aliases: aliasesOf(record, kind, names),
    countries: [...new Set(countries)].sort(),
    programs: regime ? [`UN-${regime}`] : [],
    lists: [UN_LIST],
    designated: /^\d{4}-\d{2}-\d{2}$/.test(listed) ? listed : null,
    remarks: remarks || null,
    identifiers,
    addresses,
    related: [],
    sourceUrl: UN_LIST_PAGE,
  };
}

/** The comments name other entries by reference ("Jamil Mukulu (CDi.015)"): those are the entry's related parties. */
function linkReferences(entities: Entity[]): void {
  const byId = new Map(entities.map((e) => [e.id, e]));
  for (const e of entities) {
    for (const [, reference] of e.remarks?.matchAll(/\(([A-Z]{2}[ie]\.\d{3})\)/g) ?? []) {
      const other = byId.get(`un-${reference}`);
      if (other && other !== e && !e.related.some((r) => r.id === other.id)) e.related.push({ id: other.id, name: other.name, kind: 'named in comments' });
    }
  }
}

/** The UN list's entries in the text of its XML file; `file` names it in errors. */
export function parseUnXml(xml: string, file: string, onProgress?: ProgressListener): Entity[] {
  const start = xml.search(/\S/);
  if (start < 0) throw new ImportError(file, null, 'the file is empty');
  if (xml[start] !== '<') throw new ImportError(file, 1, `not XML (it begins ${quoted(xml.slice(start, start + 20))}); expected the UN's consolidated.xml`);
  // A document type could declare entities that expand without bound; the UN's file has none.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml.slice(0, 4096))) throw new ImportError(file, null, 'declares a DOCTYPE, which the UN list does not: refused');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new ImportError(file, valid.err.line, `not well-formed XML (${printable(valid.err.msg)}; the file is cut short?)`);
  }
  const root = (parser.parse(xml) as Node).CONSOLIDATED_LIST as Node | undefined;
  if (!root || typeof root !== 'object') {
    throw new ImportError(file, null, "expected the UN Security Council Consolidated List's XML, whose root element is CONSOLIDATED_LIST");
  }
  const individuals = nodes(root.INDIVIDUALS, 'INDIVIDUAL');
  const entities = nodes(root.ENTITIES, 'ENTITY');
  const total = individuals.length + entities.length;
  // No entry would make the list empty: everyone on it delisted.
  if (total === 0) throw new ImportError(file, null, 'no INDIVIDUAL or ENTITY in it');
  const result = [
    ...individuals.map((r) => toEntity(r, 'INDIVIDUAL', file)),
    ...entities.map((r) => toEntity(r, 'ENTITY', file)),
  ];
  linkReferences(result);
  onProgress?.('Parsing UN list', total, total);
  return result;
}

/** The day the UN generated the file (`dateGenerated` on its root element), or null; read from its first bytes. */
export async function unListDate(path: string): Promise<string | null> {
  const file = await open(path);
  try {
    const { buffer, bytesRead } = await file.read({ buffer: Buffer.alloc(1024), position: 0 });
    return /<CONSOLIDATED_LIST\b[^>]*\bdateGenerated="(\d{4}-\d{2}-\d{2})/.exec(buffer.subarray(0, bytesRead).toString('latin1'))?.[1] ?? null;
  } finally {
    await file.close();
  }
}

/** Reads and parses the UN list from its XML file on disk. */
export async function parseUnList(path: string, onProgress?: ProgressListener): Promise<Entity[]> {
  const bytes = await readFile(path);
  if (bytes.length > MAX_BYTES) throw new ImportError(path, null, `${Math.round(bytes.length / 2 ** 20)} MB, more than any UN list (at most ${MAX_BYTES / 2 ** 20} MB)`);
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportError(path, null, 'not UTF-8 text (binary data?); expected the UN\'s consolidated.xml');
  }
  return parseUnXml(xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml, path, onProgress);
}
