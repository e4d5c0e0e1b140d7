// A one-word name the article writes as a place (Lake Baikal, the Amur region): a company named after it is not what the article means by it.
import type { Entity } from '../designations/model.ts';
import type { Mention } from './find.ts';

/** Words that make the word after them a place: "Lake Baikal", "Mount Elbrus", "Sea of Azov". */
const BEFORE = String.raw`\b(?:Lake|Mount|Mt\.?|River|Gulf of|Bay of|Sea of|Cape|Isle of|Island of|Strait of|Port)\s+`;
/** Words that make the word before them a place: "the Baikal basin", "the Selenga river", "the Amur region". */
const AFTER = String.raw`\s+(?:[Rr]iver|[Ll]ake|[Ss]ea|[Bb]ay|[Gg]ulf|[Bb]asin|[Rr]egion|[Oo]blast|[Kk]rai|[Pp]rovince|[Pp]eninsula|[Ii]slands?|[Ss]trait|[Cc]anal|[Dd]esert|[Dd]elta|[Pp]lateau|[Mm]ountains?|[Vv]alley|[Rr]eservoir|[Ww]atershed|[Cc]oast)\b`;
const WORD = String.raw`(\p{Lu}[\p{L}'’-]*)`;
const PLACES = new RegExp(`${BEFORE}${WORD}|${WORD}(?=${AFTER})`, 'dgu');

/**
 * `mentions` without an organisation's (or ship's) mentions by one word written as a place's name there ("Lake
 * Baikal"), and anywhere when the article writes that word as a place somewhere and names the entity by no more than
 * it. Read once through the text.
 */
export function withoutPlaceNames(mentions: Mention[], text: string, entityOf: (id: string) => Entity | undefined): Mention[] {
  const oneWord = mentions.filter((m) => !/\s/.test(m.matched) && entityOf(m.entityId)?.type !== 'person');
  if (oneWord.length === 0) return mentions;
  const places = new Set<string>();
  const placedAt = new Set<number>();
  for (const m of text.matchAll(PLACES)) {
    const group = m[1] === undefined ? 2 : 1;
    places.add(m[group]!.toLowerCase());
    placedAt.add(m.indices![group]![0]);
  }
  const namedInFull = new Set(mentions.filter((m) => /\s/.test(m.matched)).map((m) => m.entityId));
  const dropped = new Set(oneWord.filter((m) => placedAt.has(m.start) || (places.has(m.matched.toLowerCase()) && !namedInFull.has(m.entityId))));
  return dropped.size ? mentions.filter((m) => !dropped.has(m)) : mentions;
}
