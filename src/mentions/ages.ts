// A person's age as the article gives it ("the 44-year-old bowler, Muhammad Iqbal", "Ivanov, 62,", "Aleksandar Petrov, a 25-year-old IT professional"), against the listing's date of birth: a reader's surest sign of a namesake.
import type { Entity } from '../designations/model.ts';
import { compareBirthDates, listedBirthDates } from '../screening/birth-date.ts';
import type { Mention } from './find.ts';

/** How old an article may be, in years, when nothing dates it: news is read within days, archives within a few years. */
const ARTICLE_AGE_YEARS = 6;
/** Characters looked at before and after a mention for an age. */
const BEFORE = 60;
const AFTER = 24;
/** Pairs of capitalised words ending in one surname looked at, at most. */
const MAX_NAME_PAIRS = 100;

// "44-year-old opening bowler, " or "a 19-year-old pianist from the Chinese city of Chengdu, " just before the name.
const AGE_BEFORE = /\b(\d{1,3})[- ]years?[- ]old\b(?:[\s,]+[\p{L}'’-]+){0,8}[\s,]*$/u;
// ", 62," or ", aged 62" or " (62)" or ", a 25-year-old" just after the name.
const AGE_AFTER = /^(?:\s*,\s*(?:aged\s+)?(\d{1,3})(?=\s*[,;.)]|\s+(?:years|who|said|has|is|was))|\s*\((\d{1,3})\)|\s*,\s*an?\s+(\d{1,3})[- ]years?[- ]old\b)/;

/**
 * `mentions` without the people whom an age the article gives next to one of their mentions, read as of today
 * and up to ARTICLE_AGE_YEARS before, proves born in other years than every date of birth listed: a namesake.
 */
export function withoutOtherAges(mentions: Mention[], text: string, entityOf: (id: string) => Entity | undefined, now = new Date()): Mention[] {
  const others = new Set<string>();
  const year = now.getUTCFullYear();
  const shared = sharedWords(mentions);
  let pairs: Map<string, [number, number][]> | undefined;
  let byEntity: Map<string, Mention[]> | undefined;
  const otherNames = new Map<string, number[] | null>();
  for (const m of mentions) {
    if (others.has(m.entityId)) continue;
    const entity = entityOf(m.entityId);
    // A surname alone that the article writes in two people's names (Murillo: Rosario Murillo, Laureano Ortega
    // Murillo) may have been linked to the wrong one: its age says nothing of either.
    if (entity?.type !== 'person' || shared.has(m.matched.toLowerCase())) continue;
    const age = ageNear(text, m.start, m.end);
    if (age === null) continue;
    // Nor a surname alone the article also writes after another given name (Ortega, 79: Daniel Ortega, not Laureano Ortega Murillo).
    if (!/\s/.test(m.matched)) {
      pairs ??= namePairs(text);
      byEntity ??= mentionsByEntity(mentions);
      const own = byEntity.get(m.entityId) ?? [];
      const key = `${m.entityId}\t${m.matched}`;
      let others = otherNames.get(key);
      if (others === undefined) otherNames.set(key, (others = otherNamesWith(pairs, m.matched, own)));
      if (!meansOwn(others, own, m.matched, m.start)) continue;
    }
    const listed = listedBirthDates(entity);
    if (listed.length && compareBirthDates({ from: year - ARTICLE_AGE_YEARS - age - 1, to: year - age }, listed) === 'differs') others.add(m.entityId);
  }
  return others.size ? mentions.filter((m) => !others.has(m.entityId)) : mentions;
}

function mentionsByEntity(mentions: Mention[]): Map<string, Mention[]> {
  const by = new Map<string, Mention[]>();
  for (const m of mentions) {
    const list = by.get(m.entityId);
    if (list) list.push(m);
    else by.set(m.entityId, [m]);
  }
  return by;
}

/** Words of the article's mentions that stand in the names of several entities. */
function sharedWords(mentions: Mention[]): Set<string> {
  const holders = new Map<string, Set<string>>();
  for (const m of mentions) {
    for (const word of m.matched.toLowerCase().split(/\s+/)) holders.set(word, (holders.get(word) ?? new Set()).add(m.entityId));
  }
  return new Set([...holders].filter(([, ids]) => ids.size > 1).map(([word]) => word));
}

/**
 * Where the text writes two capitalised words in a row, by the second word (lower case): where the pair starts and ends.
 * One pass over the text, made only when a surname alone has an age.
 */
function namePairs(text: string): Map<string, [number, number][]> {
  const pairs = new Map<string, [number, number][]>();
  for (const m of text.matchAll(/(?<![\p{L}'’-])\p{Lu}[\p{L}'’-]*\s+(?=(\p{Lu}[\p{L}'’-]*))/gu)) {
    // A capital a sentence begins with ("But Ivanov") is no given name.
    if (/(?:^|[.!?]["”’]?\s+)$/.test(text.slice(Math.max(0, m.index - 3), m.index))) continue;
    const second = m[1]!.toLowerCase();
    const pair: [number, number] = [m.index, m.index + m[0].length + m[1]!.length];
    const list = pairs.get(second);
    if (!list) pairs.set(second, [pair]);
    else if (list.length <= MAX_NAME_PAIRS) list.push(pair);
  }
  return pairs;
}

/**
 * Where the text writes `surname` after a capitalised word (`pairs`) other than in `own` mentions: in another person's
 * name. Null when it is written so too often to tell whose it is.
 */
function otherNamesWith(pairs: Map<string, [number, number][]>, surname: string, own: Mention[]): number[] | null {
  const written = pairs.get(surname.toLowerCase()) ?? [];
  if (written.length > MAX_NAME_PAIRS) return null;
  return written.filter(([start, end]) => !own.some((o) => o.start <= start && o.end >= end)).map(([start]) => start);
}

/**
 * Whether a surname alone at `at` is the entity's own: no other person's name holds it, or the person last named in
 * full ending with it before `at` is the entity (Sergei Ivanov ... "Ivanov, 62," ... their son, Alex Ivanov; but not
 * Laureano Ortega Murillo for "Ortega, 79" after Daniel Ortega).
 */
function meansOwn(others: number[] | null, own: Mention[], surname: string, at: number): boolean {
  if (others === null) return false;
  if (others.length === 0) return true;
  const ending = ` ${surname.toLowerCase()}`;
  let lastOwn = -1;
  for (const o of own) if (o.start < at && o.matched.toLowerCase().endsWith(ending)) lastOwn = Math.max(lastOwn, o.start);
  let lastOther = -1;
  for (const start of others) if (start < at) lastOther = Math.max(lastOther, start);
  return lastOwn > lastOther;
}

/** The age written just before or after text[start, end), or null. */
function ageNear(text: string, start: number, end: number): number | null {
  const before = AGE_BEFORE.exec(text.slice(Math.max(0, start - BEFORE), start));
  const after = AGE_AFTER.exec(text.slice(end, end + AFTER));
  const age = Number(before?.[1] ?? after?.[1] ?? after?.[2] ?? after?.[3] ?? NaN);
  return age >= 1 && age <= 120 ? age : null;
}
