// Name normalisation: any script and spelling to lower-case ASCII tokens that can be compared.
import anyAscii from 'any-ascii';

// Invisible characters that news text and pasted names carry (zero-width spaces and joiners,
// bidi overrides, soft hyphens, BOM): they must neither split nor join words.
const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF\uFE00-\uFE0F]/g;

// Han ideographs and Hangul syllables are one syllable each: transliterators run them together
// (`김정은` -> `GimJeongEun`), while lists write them as separate name parts (`KIM Jong Un`).
const SYLLABIC = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uAC00-\uD7AF]/;
// Abjads write no short vowels: their tokens get a looser comparison (see `Token.abjad`).
const ABJAD = /[\u0590-\u05FF\u0600-\u06FF\u0700-\u074F\u0750-\u077F\u08A0-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const HANGUL = /[\uAC00-\uD7AF\u1100-\u11FF\u3130-\u318F]/;
// Symbols and emoji are no part of a name, and the transliterator would spell them out
// (`🙂` -> `:slightly_smiling_face:`).
const SYMBOLS = /[\p{S}\p{Extended_Pictographic}\p{Cc}\p{Cn}\p{Co}]/gu;

// Digits typed for letters ("Ig0r Sech1n") only where a token mixes both.
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g' };

export interface Token {
  text: string;
  /** Came from Arabic, Persian, Hebrew or Syriac script, where vowels are not written. */
  abjad: boolean;
  /** Came from Hangul, whose romanisations differ systematically (Gim/Kim, Jeong/Jong). */
  hangul: boolean;
  /** Index of the written word it came from: one Han or Hangul word gives a token a syllable. */
  word: number;
}

/** Strips invisible characters and folds compatibility forms (full-width letters, ligatures). */
export function cleanText(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '');
}

function transliterateWord(word: string): string {
  if (!SYLLABIC.test(word)) return anyAscii(word);
  let out = '';
  for (const ch of word) out += SYLLABIC.test(ch) ? ` ${anyAscii(ch)} ` : anyAscii(ch);
  return out;
}

function foldToken(raw: string): string {
  let t = raw.toLowerCase();
  if (/[0-9]/.test(t) && /[a-z]/.test(t)) t = t.replace(/[0-9]/g, (d) => LEET[d] ?? d);
  return t;
}

/**
 * Tokens of a name: transliterated to ASCII, lower-cased, split on anything that is not a letter
 * or digit. Apostrophes join (`QA'IDA` -> `qaida`); hyphens, dots and commas split.
 */
export function tokenize(name: string): Token[] {
  const tokens: Token[] = [];
  const words = cleanText(name).replace(SYMBOLS, ' ').split(/[\s\p{Z}]+/u).filter(Boolean);
  for (const [index, word] of words.entries()) {
    const abjad = ABJAD.test(word);
    const hangul = HANGUL.test(word);
    const ascii = transliterateWord(word).replace(/['\u2019`´]/g, '');
    for (const part of ascii.split(/[^A-Za-z0-9]+/)) {
      if (part) tokens.push({ text: foldToken(part), abjad, hangul, word: index });
    }
  }
  return tokens;
}

/** A name as one comparable string: tokens joined by single spaces. */
export function normalizeName(name: string): string {
  return tokenize(name)
    .map((t) => t.text)
    .join(' ');
}
