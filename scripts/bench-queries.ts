// A labelled query set made from the bundled lists, the same every run: listed names as users mistype, reorder, shorten and transliterate them, and clean names that must find nothing.
//
// The variants are written by rules of their own, not by the matcher's: the legal forms dropped, the
// transliterations into Cyrillic and Arabic script and the keyboard typos below are this generator's.
import type { Entity } from '../src/designations/model.ts';
import { normalizeName } from '../src/designations/normalize.ts';

export interface LabelledQuery {
  query: string;
  /** Ids of the entities the query names: several when they share the name it was made from; none for a clean name. */
  expected: string[];
  kind: string;
}

export const POSITIVE_KINDS = ['exact', 'reorder', 'typo', 'two-typos', 'legal-form-dropped', 'cyrillic', 'arabic-script', 'diacritics'] as const;
export const NEGATIVE_KINDS = ['neg-person', 'neg-company'] as const;

/** Countries whose people and companies are written in Cyrillic, and in Arabic script, at home. */
const CYRILLIC_COUNTRIES = new Set(['RU', 'BY', 'UA', 'KZ', 'KG', 'TJ', 'BG', 'RS', 'MK']);
const ARABIC_COUNTRIES = new Set(['IR', 'IQ', 'SY', 'LB', 'YE', 'SA', 'AE', 'JO', 'PS', 'EG', 'LY', 'SD', 'KW', 'QA', 'BH', 'OM', 'AF', 'PK', 'DZ', 'TN', 'MA']);

/** Longest first, so that `LIMITED LIABILITY COMPANY` goes before `COMPANY`. */
const LEGAL_FORMS = [
  'PUBLIC JOINT STOCK COMPANY', 'CLOSED JOINT STOCK COMPANY', 'OPEN JOINT STOCK COMPANY', 'JOINT STOCK COMPANY',
  'LIMITED LIABILITY COMPANY', 'LIMITED LIABILITY PARTNERSHIP', 'CO., LTD.', 'CO. LTD', 'COMPANY LIMITED',
  'LIMITED', 'LTD.', 'LTD', 'LLC', 'L.L.C.', 'LLP', 'OOO', 'OAO', 'ZAO', 'PAO', 'AO', 'JSC', 'OJSC', 'CJSC', 'PJSC',
  'INC.', 'INC', 'CORPORATION', 'CORP.', 'CORP', 'COMPANY', 'CO.', 'S.A.', 'SA', 'GMBH', 'AG', 'PLC', 'FZE', 'FZCO', 'FZC', 'SARL',
];

const GIVEN_NAMES = `James Mary John Patricia Robert Jennifer Michael Linda David Elizabeth William Susan Thomas Sarah
  Charles Karen Daniel Lisa Matthew Nancy Anthony Betty Mark Sandra Paul Ashley Steven Emily Andrew Donna Joshua
  Michelle Kevin Carol Brian Amanda George Melissa Timothy Deborah Jose Maria Juan Carmen Luis Ana Carlos Lucia
  Hans Ursula Klaus Petra Jurgen Monika Pierre Claire Jean Sophie Marco Giulia Luca Chiara Piotr Agnieszka Tomasz
  Kenji Yuki Hiroshi Sakura Wei Fang Jun Mei Arjun Priya Rahul Anjali Oluwaseun Chinwe Kwame Amara Lars Ingrid
  Sven Astrid Mikko Aino Dermot Siobhan Rhys Bethan Tiago Beatriz Joao Ines Erik Nora`;
const SURNAMES = `Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Moore Jackson Martin Thompson
  White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Green Baker Adams Nelson Hill Campbell
  Mitchell Roberts Carter Phillips Evans Turner Parker Collins Edwards Stewart Morris Murphy Cook Rogers Morgan
  Cooper Peterson Bailey Reed Kelly Howard Schmidt Schneider Fischer Weber Meyer Wagner Becker Hoffmann Dubois
  Lefebvre Moreau Laurent Rossi Russo Ferrari Esposito Bianchi Kowalski Nowak Wisniewski Tanaka Suzuki Watanabe
  Yamamoto Nakamura Wang Zhang Liu Chen Yang Sharma Patel Gupta Okafor Adeyemi Mensah Johansson Lindqvist
  Virtanen Korhonen Murray Byrne Gallagher Jenkins Pereira Costa Oliveira Santos Hansen Larsen`;
const COMPANY_WORDS = `Sunrise Meadow Harbor Maple Cedar Riverside Summit Bright Golden Silver Blue Green Northern Southern
  Coastal Valley Hillside Pioneer Heritage Evergreen Horizon Lakeside Orchard Willow Prairie Crescent Beacon
  Liberty Unity Keystone Cornerstone Redwood Aspen Falcon Sparrow Lantern Compass Anchor Harvest`;
const COMPANY_TRADES = `Bakery Dental Consulting Logistics Software Plumbing Roofing Florists Catering Printing Pharmacy
  Veterinary Bookkeeping Landscaping Tailoring Coffee Brewing Textiles Furniture Optics Tutoring Cleaning Kitchens
  Bicycles Ceramics Insurance Realty Studios Motors Foods`;
const COMPANY_FORMS = ['LLC', 'Ltd', 'Inc', 'GmbH', 'Co.', 'S.A.', ''];

const words = (text: string) => text.split(/\s+/).filter(Boolean);

/** Neighbouring keys on a QWERTY keyboard: the letters a finger slips to. */
const NEIGHBOURS: Record<string, string> = {
  q: 'wa', w: 'qes', e: 'wrd', r: 'etf', t: 'ryg', y: 'tuh', u: 'yij', i: 'uok', o: 'ipl', p: 'ol',
  a: 'qsz', s: 'adwx', d: 'sfec', f: 'dgrv', g: 'fhtb', h: 'gjyn', j: 'hkum', k: 'jli', l: 'kop',
  z: 'asx', x: 'zcs', c: 'xvd', v: 'cbf', b: 'vng', n: 'bmh', m: 'nj',
};

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;
const matchCase = (like: string, text: string) => (like === like.toUpperCase() ? text.toUpperCase() : text.toLowerCase());

/** One slip of the fingers inside `word`: a neighbouring key, a letter dropped, doubled, or two swapped. */
function typo(word: string, random: () => number): string {
  const at = 1 + Math.floor(random() * (word.length - 2));
  const ch = word[at]!;
  const op = Math.floor(random() * 4);
  if (op === 0) {
    const near = NEIGHBOURS[ch.toLowerCase()];
    return near ? word.slice(0, at) + matchCase(ch, pick([...near], random)) + word.slice(at + 1) : word.slice(0, at) + word.slice(at + 1);
  }
  if (op === 1) return word.slice(0, at) + word.slice(at + 1);
  if (op === 2) return word.slice(0, at) + ch + word.slice(at);
  return word.slice(0, at - 1) + word[at] + word[at - 1] + word.slice(at + 1);
}

const CYRILLIC: [string, string][] = [
  ['shch', 'щ'], ['sch', 'ш'], ['sh', 'ш'], ['ch', 'ч'], ['zh', 'ж'], ['kh', 'х'], ['ts', 'ц'], ['ya', 'я'], ['yu', 'ю'],
  ['yo', 'ё'], ['ye', 'е'], ['iy', 'ий'], ['yy', 'ый'], ['a', 'а'], ['b', 'б'], ['v', 'в'], ['g', 'г'], ['d', 'д'],
  ['e', 'е'], ['z', 'з'], ['i', 'и'], ['k', 'к'], ['l', 'л'], ['m', 'м'], ['n', 'н'], ['o', 'о'], ['p', 'п'], ['r', 'р'],
  ['s', 'с'], ['t', 'т'], ['u', 'у'], ['f', 'ф'], ['h', 'х'], ['c', 'к'], ['q', 'к'], ['w', 'в'], ['x', 'кс'], ['j', 'дж'],
];

/** A Latin-written word in Russian Cyrillic, letter group by letter group; `y` is `й` after a vowel, `ы` after a consonant. */
function toCyrillic(word: string): string {
  const lower = word.toLowerCase().replace(/[^a-z-]/g, '');
  let out = '';
  for (let i = 0; i < lower.length; ) {
    if (lower[i] === 'y' && !/^y[aueo]/.test(lower.slice(i))) {
      out += i > 0 && /[aeiou]/.test(lower[i - 1]!) ? 'й' : i === 0 ? 'й' : 'ы';
      i++;
      continue;
    }
    const group = CYRILLIC.find(([latin]) => lower.startsWith(latin, i));
    if (group) {
      out += group[1];
      i += group[0].length;
    } else {
      out += lower[i];
      i++;
    }
  }
  return out.charAt(0).toUpperCase() + out.slice(1);
}

const ARABIC: [string, string][] = [
  ['sh', 'ش'], ['kh', 'خ'], ['th', 'ث'], ['dh', 'ذ'], ['gh', 'غ'], ['ch', 'تش'], ['b', 'ب'], ['p', 'ب'], ['t', 'ت'],
  ['j', 'ج'], ['g', 'ج'], ['h', 'ه'], ['d', 'د'], ['r', 'ر'], ['z', 'ز'], ['s', 'س'], ['f', 'ف'], ['v', 'ف'], ['q', 'ق'],
  ['k', 'ك'], ['c', 'ك'], ['l', 'ل'], ['m', 'م'], ['n', 'ن'], ['w', 'و'], ['y', 'ي'], ['x', 'كس'],
];
/** Vowels Arabic script writes as letters: long ones (as Latin spellings pair them), and i, o, u in an open syllable. */
const LONG_VOWELS: [RegExp, string][] = [[/^(aa)/, 'ا'], [/^(ee|ii|ei|ey|ai|ay)/, 'ي'], [/^(oo|ou|uu)/, 'و']];
const VOWEL_LETTERS: Record<string, string> = { a: 'ا', e: 'ي', i: 'ي', o: 'و', u: 'و' };

/**
 * A Latin-written word in Arabic script, roughly as it is written: a and e left out as short vowels, i, o and u written
 * as long ones unless a doubled consonant closes their syllable, paired vowels and a word's last written, a first
 * vowel as alif, a doubled consonant once (Yusuf -> يوسف, Hussein -> هسين, Asadi -> اسدي; Muhammad -> موهمد, where
 * Arabic writes محمد, is the kind of miss a Latin spelling forces).
 */
function toArabic(word: string): string {
  const lower = word.toLowerCase().replace(/[^a-z]/g, '');
  let out = '';
  for (let i = 0; i < lower.length; ) {
    const ch = lower[i]!;
    const long = LONG_VOWELS.find(([pattern]) => pattern.test(lower.slice(i)));
    if (long) {
      out += i === 0 ? 'ا' : long[1];
      i += 2;
    } else if (/[aeiou]/.test(ch)) {
      const closed = /^[b-df-hj-np-tv-z]/.test(lower[i + 1] ?? '') && lower[i + 1] === lower[i + 2];
      if (i === 0) out += 'ا';
      else if (i === lower.length - 1 || (/[iou]/.test(ch) && !closed)) out += VOWEL_LETTERS[ch];
      i++;
    } else if (ch === lower[i - 1]) i++;
    else {
      const group = ARABIC.find(([latin]) => lower.startsWith(latin, i))!;
      out += group[1];
      i += group[0].length;
    }
  }
  return out;
}

const ACCENTED: Record<string, string> = { a: 'áäà', e: 'éèë', i: 'íï', o: 'óöô', u: 'úü', n: 'ñ', c: 'çč', s: 'šş', z: 'ž', y: 'ý', r: 'ř' };

/** One or two letters given the accents other languages write them with. */
function addDiacritics(name: string, random: () => number): string {
  const chars = [...name];
  const candidates = chars.flatMap((ch, i) => (ACCENTED[ch.toLowerCase()] ? [i] : []));
  const times = 1 + Math.floor(random() * 2);
  for (let n = 0; n < times && candidates.length; n++) {
    const i = candidates.splice(Math.floor(random() * candidates.length), 1)[0]!;
    chars[i] = matchCase(chars[i]!, pick([...ACCENTED[chars[i]!.toLowerCase()]!], random));
  }
  return chars.join('');
}

/** `SURNAME, Given Names` as people write it: `Given Names SURNAME`. */
function naturalOrder(entity: Entity): string {
  const comma = entity.name.indexOf(',');
  return entity.type === 'person' && comma > 0 ? `${entity.name.slice(comma + 1).trim()} ${entity.name.slice(0, comma).trim()}` : entity.name;
}

function dropLegalForms(name: string): string {
  let out = ` ${name.replace(/,/g, ' ,')} `;
  for (const form of LEGAL_FORMS) out = out.split(` ${form.replace(/,/g, ' ,')} `).join(' ');
  return out.replace(/\s+,/g, ',').replace(/\s+/g, ' ').replace(/^[\s,]+|[\s,]+$/g, '');
}

type Variant = (entity: Entity, random: () => number) => string | null;

const nameWords = (text: string) => text.replace(/,/g, ' ').split(/\s+/).filter(Boolean);

const VARIANTS: Record<(typeof POSITIVE_KINDS)[number], Variant> = {
  exact: (e) => e.name,
  reorder: (e, random) => {
    if (e.type === 'person' && e.name.includes(',')) return naturalOrder(e);
    const ws = nameWords(e.name);
    if (ws.length < 2) return null;
    const rotated = [...ws.slice(1 + Math.floor(random() * (ws.length - 1))), ...ws];
    return rotated.slice(0, ws.length).join(' ');
  },
  typo: (e, random) => {
    const ws = nameWords(e.name);
    const long = ws.flatMap((w, i) => (w.length >= 5 ? [i] : []));
    if (!long.length) return null;
    const i = pick(long, random);
    ws[i] = typo(ws[i]!, random);
    return ws.join(' ');
  },
  'two-typos': (e, random) => {
    const ws = nameWords(e.name);
    const long = ws.flatMap((w, i) => (w.length >= 5 ? [i] : []));
    if (long.length < 2) return null;
    const i = long.splice(Math.floor(random() * long.length), 1)[0]!;
    ws[i] = typo(ws[i]!, random);
    const j = pick(long, random);
    ws[j] = typo(ws[j]!, random);
    return ws.join(' ');
  },
  'legal-form-dropped': (e) => {
    if (e.type !== 'organization') return null;
    const dropped = dropLegalForms(e.name);
    return dropped !== e.name && nameWords(dropped).length > 0 ? dropped : null;
  },
  // People's names are transliterated at home; companies' are often translated, so only people are written in another script.
  cyrillic: (e) => (e.type === 'person' && e.countries.some((c) => CYRILLIC_COUNTRIES.has(c)) ? nameWords(naturalOrder(e)).map(toCyrillic).join(' ') : null),
  'arabic-script': (e) => (e.type === 'person' && e.countries.some((c) => ARABIC_COUNTRIES.has(c)) ? nameWords(naturalOrder(e)).map(toArabic).join(' ') : null),
  diacritics: (e, random) => {
    const accented = addDiacritics(e.name, random);
    return accented === e.name ? null : accented;
  },
};

/**
 * `perKind` queries of each positive kind, each from a different entity drawn at random (one the kind does not
 * apply to is passed over), and `negatives` clean names of each negative kind.
 */
export function labelledQueries(entities: Entity[], random: () => number, perKind = 50, negatives = 50): LabelledQuery[] {
  // Entities by each of their names, normalised: a query made from a name shared by several entities names each of them.
  const byName = new Map<string, string[]>();
  for (const e of entities) {
    for (const name of new Set([e.name, ...e.aliases.map((a) => a.name)].map(normalizeName))) {
      const ids = byName.get(name);
      if (ids) ids.push(e.id);
      else byName.set(name, [e.id]);
    }
  }
  const out: LabelledQuery[] = [];
  for (const kind of POSITIVE_KINDS) {
    const used = new Set<string>();
    for (let tries = 0, made = 0; made < perKind && tries < perKind * 400; tries++) {
      const e = pick(entities, random);
      if (used.has(e.id)) continue;
      const query = VARIANTS[kind](e, random);
      if (!query) continue;
      used.add(e.id);
      out.push({ query, expected: byName.get(normalizeName(e.name)) ?? [e.id], kind });
      made++;
    }
  }

  // Clean names: none of them held, all its words, by any listed name or alias.
  const listed = [...byName.keys()].map((n) => new Set(n.split(' ')));
  const clean = (query: string) => {
    const tokens = normalizeName(query).split(' ').filter(Boolean);
    return !listed.some((name) => tokens.every((t) => name.has(t)));
  };
  const makers: Record<(typeof NEGATIVE_KINDS)[number], () => string> = {
    'neg-person': () => `${pick(words(GIVEN_NAMES), random)} ${pick(words(SURNAMES), random)}`,
    'neg-company': () => `${pick(words(COMPANY_WORDS), random)} ${pick(words(COMPANY_TRADES), random)} ${pick(COMPANY_FORMS, random)}`.trim(),
  };
  for (const kind of NEGATIVE_KINDS) {
    const seen = new Set<string>();
    for (let tries = 0; seen.size < negatives && tries < negatives * 100; tries++) {
      const query = makers[kind]();
      if (seen.has(query) || !clean(query)) continue;
      seen.add(query);
      out.push({ query, expected: [], kind });
    }
  }
  return out;
}
