// Other readings of a query's words: German and French spellings of Russian names, Korean names in Revised Romanisation, Arabic names with g for j, as the lists would write them.
//
// Lists write Russian names in English-style romanisation (Yevgeniy, Khodorkovskiy, Lavrov) and Korean ones in
// McCune-Reischauer style (Kim Jong Un, Pak Jong Chon); the press of other languages writes the same names by
// its own rules (Jewgeni Prigoschin, Evgueni Prigojine, Chodorkowski; 김정은 transliterates as `gim jeong eun`).
// Each reading rewrites a query's words by one language's rules; search scores every reading and keeps the
// best, so a reading can only add what the listed spelling supports.
import type { Token } from './normalize.ts';

type Rules = [RegExp, Record<string, string>];

// German: w is v, j is y, sch is sh, tsch is ch, ch is kh; -ow/-ew endings follow from w. German writes zh (ж) as sch
// too (Prigoschin for PRIGOZHIN, Schirinowski for ZHIRINOVSKY): a second reading, for words that have one.
const GERMAN: Rules = [/tsch|sch|ch|w|j/g, { tsch: 'ch', sch: 'sh', ch: 'kh', w: 'v', j: 'y' }];
const GERMAN_ZH: Rules = [/tsch|sch|ch|w|j/g, { tsch: 'ch', sch: 'zh', ch: 'kh', w: 'v', j: 'y' }];
// French: ou is u, j is zh, ch is sh, tch is ch, gu before e or i is g, -ine is -in (Poutine), -off is -ov.
const FRENCH: Rules = [/tch|ch|ou|gu(?=[eiy])|j|ine$|off$/g, { tch: 'ch', ch: 'sh', ou: 'u', gu: 'g', j: 'zh', ine: 'in', off: 'ov' }];

// Arabic names as Egyptian and Levantine speech (and Hebrew-language press) say them: jim is g (Golani for JAWLANI,
// Gamal for JAMAL). Read so only in a name the Arabic particles mark as Arabic.
const ARABIC_G: Rules = [/g/g, { g: 'j' }];
const ARABIC_PARTICLES = new Set(['al', 'el', 'abu', 'abou', 'bin', 'ibn', 'abd', 'abdul']);

const rewrite = (text: string, [pattern, map]: Rules) => text.replace(pattern, (group) => map[group]!);

/** Revised Romanisation to the McCune-Reischauer spellings lists use: eo is o, eu is u, initial g/d/b/l are k/t/p/r. */
function koreanListSpelling(syllable: string): string {
  return syllable
    .replace(/eo/g, 'o')
    .replace(/eu/g, 'u')
    .replace(/^[gdbl]/, (c) => ({ g: 'k', d: 't', b: 'p', l: 'r' })[c]!)
    .replace(/(?<!n)g$/, 'k');
}

/**
 * Readings of `tokens` other than as written, each differing from it somewhere. Latin words `listed` as
 * written are left as they are: a reading is for the words the lists spell otherwise (and it costs a search).
 * Hangul is always read both ways, as lists hold both romanisations of common syllables (Jeong, Jong).
 */
export function otherRomanisations(tokens: Token[], listed: (text: string) => boolean): Token[][] {
  const readings: Token[][] = [];
  const add = (read: (t: Token) => string) => {
    const reading = tokens.map((t) => ({ ...t, text: read(t) }));
    if (reading.some((t, i) => t.text !== tokens[i]!.text)) readings.push(reading);
  };
  if (tokens.some((t) => t.hangul)) add((t) => (t.hangul ? koreanListSpelling(t.text) : t.text));
  const latin = (rules: Rules) => (t: Token) => (t.abjad || t.hangul || listed(t.text) ? t.text : rewrite(t.text, rules));
  add(latin(GERMAN));
  if (tokens.some((t) => /(?<!t)sch/.test(t.text))) add(latin(GERMAN_ZH));
  add(latin(FRENCH));
  if (tokens.some((t) => ARABIC_PARTICLES.has(t.text))) add(latin(ARABIC_G));
  return readings;
}
