// A one-word name the article writes as a place (Lake Baikal, the Amur region): a company named after it is not what the article means by it.
import type { Entity } from '../designations/model.ts';
import type { Mention } from './find.ts';

/** Words that make the capitalised word after them a place: "Lake Baikal", "Mount Elbrus", "Sea of Azov". */
const BEFORE = /\b(?:Lake|Mount|Mt\.?|River|Gulf of|Bay of|Sea of|Cape|Isle of|Island of|Strait of|Port)\s+(?=\p{Lu})/gu;
/** Words that make the capitalised word before them a place: "the Baikal basin", "the Selenga river", "the Amur region". */
const AFTER =
  /\s+(?:[Rr]iver|[Ll]ake|[Ss]ea|[Bb]ay|[Gg]ulf|[Bb]asin|[Rr]egion|[Oo]blast|[Kk]rai|[Pp]rovince|[Pp]eninsula|[Ii]slands?|[Ss]trait|[Cc]anal|[Dd]esert|[Dd]elta|[Pp]lateau|[Mm]ountains?|[Vv]alley|[Rr]eservoir|[Ww]atershed|[Cc]oast)\b/g;
/** A character of a place's word (Baikal-Amur, Kamchatka's). */
const IN_WORD = /[\p{L}'’-]/u;

/** Each word the text writes as a place's name, lower-cased, and where each such writing starts. */
function placesIn(text: string): { places: Set<string>; placedAt: Set<number> } {
  const places = new Set<string>();
  const placedAt = new Set<number>();
  const add = (start: number, end: number) => {
    places.add(text.slice(start, end).toLowerCase());
    placedAt.add(start);
  };
  // Both patterns start with literal words, which most of the text does not hold; the place's word is read from
  // there, each word of the text at most once per pattern.
  for (const m of text.matchAll(BEFORE)) {
    const start = m.index + m[0].length;
    let end = start + 1;
    while (end < text.length && IN_WORD.test(text[end]!)) end++;
    add(start, end);
  }
  for (const m of text.matchAll(AFTER)) {
    let start = m.index;
    while (start > 0 && IN_WORD.test(text[start - 1]!)) start--;
    if (start < m.index && /\p{Lu}/u.test(text[start]!)) add(start, m.index);
  }
  return { places, placedAt };
}

/**
 * `mentions` without an organisation's (or ship's) mentions by one word written as a place's name there ("Lake
 * Baikal"), and anywhere when the article writes that word as a place somewhere and names the entity by no more than
 * it. Read once through the text.
 */
export function withoutPlaceNames(mentions: Mention[], text: string, entityOf: (id: string) => Entity | undefined): Mention[] {
  const oneWord = mentions.filter((m) => !/\s/.test(m.matched) && entityOf(m.entityId)?.type !== 'person');
  if (oneWord.length === 0) return mentions;
  const { places, placedAt } = placesIn(text);
  const namedInFull = new Set(mentions.filter((m) => /\s/.test(m.matched)).map((m) => m.entityId));
  const dropped = new Set(oneWord.filter((m) => placedAt.has(m.start) || (places.has(m.matched.toLowerCase()) && !namedInFull.has(m.entityId))));
  return dropped.size ? mentions.filter((m) => !dropped.has(m)) : mentions;
}
