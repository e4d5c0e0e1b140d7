// Name normalisation: any script and spelling to lower-case ASCII tokens that can be compared.
import anyAscii from 'any-ascii';
import { wellFormed } from '../messages/reply.ts';

// Invisible characters that news text and pasted names carry (zero-width spaces and joiners,
// bidi overrides, soft hyphens, BOM, variation selectors): they must neither split nor join words.
// Tag characters (U+E0000..) too: the transliterator would read them as the ASCII letters they shadow.
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

// Cyrillic and Greek letters drawn like Latin ones (Unicode's confusables). A word that mixes them with
// Latin letters is a Latin word typed with look-alikes, a spoof or a keyboard-layout slip: transliterated
// it would read otherwise (Cyrillic `С` is `S`, `Р` is `R`).
const LOOKALIKES: Record<string, string> = {
  А: 'A', В: 'B', С: 'C', Е: 'E', Н: 'H', І: 'I', Ј: 'J', К: 'K', М: 'M', О: 'O', Р: 'P', Ѕ: 'S', Т: 'T', Х: 'X', У: 'Y', Ү: 'Y', Ӏ: 'I', Ԛ: 'Q', Ԝ: 'W',
  а: 'a', с: 'c', ԁ: 'd', е: 'e', һ: 'h', і: 'i', ј: 'j', ӏ: 'l', о: 'o', р: 'p', ԛ: 'q', ѕ: 's', ԝ: 'w', х: 'x', у: 'y',
  Α: 'A', Β: 'B', Ϲ: 'C', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
  α: 'a', ϲ: 'c', ι: 'i', ν: 'v', ο: 'o', ρ: 'p', υ: 'u', γ: 'y',
};
const LOOKALIKE = new RegExp(`[${Object.keys(LOOKALIKES).join('')}]`, 'g');
const CYRILLIC_OR_GREEK = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;
const LATIN = /\p{Script=Latin}/u;

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
  // Lone surrogates first, or two halves with an invisible character between them would pair up
  // once it is gone (into a tag character, read as a letter). Invisible characters are stripped
  // before NFKC, so that what they kept apart composes (`e`, ZWSP, U+0301 is `é`), and after, for
  // what NFKC turns into one (U+3164 HANGUL FILLER).
  return wellFormed(text).replace(INVISIBLE, '').normalize('NFKC').replace(INVISIBLE, '');
}

/**
 * `word` with its Cyrillic and Greek look-alikes as the Latin letters they imitate; null when it has
 * none, or a Cyrillic or Greek letter that looks like no Latin one (then it is not a spoof).
 */
function latinLookalike(word: string): string | null {
  if (!CYRILLIC_OR_GREEK.test(word)) return null;
  const latin = word.replace(LOOKALIKE, (c) => LOOKALIKES[c]!);
  return CYRILLIC_OR_GREEK.test(latin) ? null : latin;
}

/** A word mixing Latin letters with look-alikes read as Latin; any other word as it is. */
function unspoofed(word: string): string {
  return (LATIN.test(word) && latinLookalike(word)) || word;
}

const WORD = /[^\s\p{Z}]+/gu;

/**
 * `text` with every word that could be a Latin one spoofed read as that Latin word: a second reading,
 * for words of look-alikes only, which may as well be Cyrillic or Greek for real (`ЅЕК` is SEK, or `dzek`).
 */
export function lookalikeReading(text: string): string {
  return text.replace(WORD, (word) => latinLookalike(word) ?? word);
}

// The Arabic article, and a word's first letter when it is a bare alif or an ayn: the transliterator
// writes the article onto the word (`الشامي` -> `lshmy`) and these letters as nothing, where
// Latin spellings write `al` apart and a vowel (Ahmad, Ali, Abd).
const ARTICLE = /^[\u0627\u0671]\u0644(?=\p{L}{3})/u;
const LEADING_VOWEL = /^[\u0627\u0623\u0625\u0622\u0671\u0639]/u;

/**
 * An abjad word as Latin spellings write it: the article apart, a leading alif or ayn as `a`, and the
 * letters that write long vowels inside a word (waw, ya) as the vowels (`محمد` muhmd, `حسين` hsin),
 * so that their consonants key alike with Latin spellings' (Muhammad, Hussein).
 */
function abjadWords(word: string): string[] {
  const article = ARTICLE.test(word);
  const rest = article ? word.replace(ARTICLE, '') : word;
  const vowelled = anyAscii(rest.replace(LEADING_VOWEL, 'a')).replace(/(?<=[A-Za-z])w/g, 'u').replace(/(?<=[A-Za-z])y/g, 'i');
  return article ? ['al', vowelled] : [vowelled];
}

function transliterateWord(word: string): string {
  if (ABJAD.test(word)) return abjadWords(word).join(' ');
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
  // Look-alikes before NFKC, which makes some of them other Greek letters (lunate `ϲ` becomes `σ`).
  const unspoofedName = CYRILLIC_OR_GREEK.test(name) ? name.replace(WORD, unspoofed) : name;
  const words = cleanText(unspoofedName).replace(SYMBOLS, ' ').split(/[\s\p{Z}]+/u).filter(Boolean);
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
