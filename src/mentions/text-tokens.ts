// Article text to tokens with their offsets, case, and the sentence and paragraph each belongs to.
//
// One pass over the UTF-16 text: word characters are read as raw words (invisible characters and
// apostrophes inside a word join it, as `tokenize` joins them), each raw word is looked up once in
// the lexicon's caches, and what lies between two words says whether a name may run on across it
// (spaces, hyphens, a non-final full stop) or not (commas, quotes, brackets, a sentence end, a
// blank line). This loop is most of the cost of scanning, hence its plain, numeric style.
import { FNV_SEED, fnvStep } from '../designations/name-index.ts';
import { cleanText } from '../designations/normalize.ts';
import {
  ABBREV,
  CAP,
  CASE_FLAGS,
  INNER_CAP,
  LOWER,
  type Lexicon,
  UPPER,
  fold,
  plainWord,
  trimLexicon,
  wordEntry,
} from './lexicon.ts';

/** Token flags beyond the word's case flags (CAP, UPPER, LOWER, INNER_CAP from the lexicon). */
export const HARD_GAP = 16; // punctuation before it: a name does not run on across it
export const SENTENCE_START = 32;
export const PARAGRAPH_START = 64;
export const HYPHENATED = 128; // joined to the word before by a hyphen alone (Li-wun, al-Shabaab)

/** The tokens of one text. The arrays are the lexicon's, reused by its next `tokenizeText`: read only `count` of them. */
export interface TextTokens {
  text: string;
  count: number;
  /** Lexicon id of each token, and `alt` its other reading (-1 if none); see `WordEntry`. */
  id: Int32Array;
  alt: Int32Array;
  /** Offsets into `text`: the raw word the token came from. */
  start: Int32Array;
  end: Int32Array;
  /** Case flags of the word (CASE_FLAGS), plus HARD_GAP, SENTENCE_START, PARAGRAPH_START, HYPHENATED. */
  flags: Uint8Array;
  sentence: Int32Array;
  paragraph: Int32Array;
}

// Character classes. Letters of cased scripts and ASCII digits have bits of their own, so that a
// word's case is read as it is scanned.
const LOWER_LETTER = 0x10;
const UPPER_LETTER = 0x20;
const DIGIT = 0x40;
const WORD = 0x70; // any of the three; caseless letters, marks and other digits are WORD itself
const SYLLABLE = 2; // a Han or Hangul character: a word of its own, as text in those scripts has no spaces
const INVISIBLE = 3;
const APOSTROPHE = 4;
const SPACE = 5;
const NEWLINE = 6;
const STOP = 7; // . ! ? and their full-width forms
const SOFT = 8; // hyphens, slashes, ampersands: a name runs on across them
const HARD = 9;

const SYLLABIC = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uAC00-\uD7AF]/;

function classify(code: number): number {
  const ch = String.fromCharCode(code);
  if (code >= 0x61 && code <= 0x7a) return LOWER_LETTER;
  if (code >= 0x41 && code <= 0x5a) return UPPER_LETTER;
  if (code >= 0x30 && code <= 0x39) return DIGIT;
  if (code >= 0xd800 && code <= 0xdfff) return 0; // surrogates: read as code points by `classAt`, every time
  if (code === 0x0a || code === 0x0b || code === 0x0c || code === 0x0d || code === 0x85 || code === 0x2028 || code === 0x2029) {
    return NEWLINE;
  }
  if (code === 0x2019 || code === 0xb4 || code === 0x60 || code === 0x27) return APOSTROPHE;
  if (/[.!?\u3002\uff01\uff1f\u061f]/.test(ch)) return STOP;
  if (code >= 0x80 && cleanText(ch) === '') return INVISIBLE;
  if (/[\s\p{Zs}]/u.test(ch)) return SPACE;
  if (SYLLABIC.test(ch)) return SYLLABLE;
  if (/\p{Lu}/u.test(ch)) return UPPER_LETTER;
  if (/\p{Ll}/u.test(ch)) return LOWER_LETTER;
  if (/[\p{L}\p{M}\p{N}]/u.test(ch)) return WORD;
  if (/[-/&+\u2010\u2011\u00b7\u30fb]/.test(ch)) return SOFT;
  return HARD;
}

// Filled on first sight of a character: 0 means not classified yet.
const classes = new Uint8Array(65536);
for (let c = 0; c < 0x80; c++) classes[c] = classify(c);

function classOf(code: number): number {
  let cls = classes[code]!;
  if (cls === 0) cls = classes[code] = classify(code);
  return cls;
}

/** Class of the character at `i` not classified yet, reading a surrogate pair as its code point. */
function classAt(text: string, i: number, code: number): number {
  if (code < 0xd800 || code > 0xdfff) return classOf(code);
  if (code > 0xdbff) return HARD; // a lone low surrogate
  const ch = String.fromCodePoint(text.codePointAt(i)!);
  if (SYLLABIC.test(ch) || /[\u{20000}-\u{3FFFF}]/u.test(ch)) return SYLLABLE;
  return /[\p{L}\p{M}\p{N}]/u.test(ch) ? WORD : HARD;
}

function buffers(lex: Lexicon, size: number): TextTokens {
  const old = lex.tokens;
  if (old && old.id.length >= size) return old;
  const capacity = Math.max(size, (old?.id.length ?? 0) * 2, 1024);
  const grown: TextTokens = {
    text: '',
    count: 0,
    id: new Int32Array(capacity),
    alt: new Int32Array(capacity),
    start: new Int32Array(capacity),
    end: new Int32Array(capacity),
    flags: new Uint8Array(capacity),
    sentence: new Int32Array(capacity),
    paragraph: new Int32Array(capacity),
  };
  if (old) {
    for (const key of ['id', 'alt', 'start', 'end', 'flags', 'sentence', 'paragraph'] as const) grown[key].set(old[key] as never);
  }
  lex.tokens = grown;
  return grown;
}

/** Longer words (no name has one) are read without the plain-word table, which would fill with them. */
const MAX_PLAIN_WORD = 64;

const isHyphen = (code: number) => code === 0x2d || code === 0x2010 || code === 0x2011;

/** True when a capital follows a lower-case letter in text[from, to) (SenseTime). */
function innerCapital(text: string, from: number, to: number): boolean {
  for (let k = from + 1; k < to; k++) {
    if (classes[text.charCodeAt(k)] === UPPER_LETTER && classes[text.charCodeAt(k - 1)] === LOWER_LETTER) return true;
  }
  return false;
}

/** Tokens of an article, with their ids in the lexicon (which learns the article's new words). */
export function tokenizeText(lex: Lexicon, text: string): TextTokens {
  trimLexicon(lex);
  let out = buffers(lex, (text.length >> 2) + 16);
  let { id, alt, start, end, flags, sentence, paragraph } = out;
  let count = 0;
  let sentenceNo = 0;
  let paragraphNo = 0;
  let prevFlags = 0;

  const n = text.length;
  let i = 0;
  while (i < n) {
    // The gap before the next word.
    let newlines = 0;
    let stop = false; // a full stop, or ! or ?
    let bang = false; // ! or ?: ends a sentence even after an abbreviation
    let spaceAfterStop = false;
    let hard = false;
    let code = 0;
    let cls = 0;
    const gapFrom = i;
    for (; i < n; i++) {
      code = text.charCodeAt(i);
      cls = classes[code]!;
      if (cls === 0) cls = classAt(text, i, code);
      if (cls & WORD || cls === SYLLABLE) break;
      if (cls === SPACE) {
        if (stop) spaceAfterStop = true;
      } else if (cls === NEWLINE) {
        if (code !== 0x0d) newlines++;
        if (stop) spaceAfterStop = true;
      } else if (cls === STOP) {
        stop = true;
        if (code !== 0x2e) bang = hard = true;
      } else if (cls === APOSTROPHE) {
        // After a plural (`Workers' Party`) it belongs to the name; elsewhere it is a quote.
        const before = i > 0 ? text.charCodeAt(i - 1) : 0;
        if (!(before === 0x73 || before === 0x53) || stop) hard = true;
      } else if (cls === HARD) hard = true;
    }
    if (i >= n) break;

    // The word. Plain words (letters of cased scripts, or digits: most of them) are hashed, and
    // their case read, on the way.
    const from = i;
    let hash = FNV_SEED;
    let plain = true;
    let seen = 0; // LOWER_LETTER | UPPER_LETTER | DIGIT bits met
    if (cls === SYLLABLE) {
      i += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
      plain = false;
    } else {
      for (; i < n; i++) {
        const c = text.charCodeAt(i);
        let k = classes[c]!;
        if (k === 0) k = classAt(text, i, c);
        if (k & WORD) {
          if (k === WORD) {
            plain = false;
            if (c >= 0xd800 && c <= 0xdbff) i++;
          } else {
            hash = fnvStep(hash, fold(c));
            seen |= k;
          }
          continue;
        }
        if (k !== INVISIBLE && k !== APOSTROPHE) break;
        let j = i + 1;
        while (j < n && classOf(text.charCodeAt(j)) === INVISIBLE) j++;
        if (j >= n) break;
        const after = text.charCodeAt(j);
        if (!((classes[after] || classAt(text, j, after)) & WORD)) break;
        plain = false;
        i = j - 1;
      }
    }

    // Letters and digits mixed (A1, M23) go the slow way: `tokenize` reads digits in them as letters.
    const mixed = seen & DIGIT && seen & (LOWER_LETTER | UPPER_LETTER);
    let at = plain && !mixed && i - from <= MAX_PLAIN_WORD ? plainWord(lex, text, from, i, hash) : -1;
    if (at >= 0 && lex.plain.slots[at + 2]! < 0) at = -1; // a word of several tokens
    let ids: number[] | null = null;
    let firstId: number;
    let lastAlt: number;
    let wordFlags: number;
    if (at >= 0) {
      const slots = lex.plain.slots;
      firstId = slots[at + 2]!;
      const first = classes[text.charCodeAt(from)]!;
      wordFlags = first === UPPER_LETTER ? CAP : first === LOWER_LETTER ? LOWER : 0;
      if (seen & UPPER_LETTER && !(seen & LOWER_LETTER)) wordFlags |= UPPER;
      else if (first === UPPER_LETTER && seen & LOWER_LETTER && innerCapital(text, from, i)) wordFlags |= INNER_CAP;
      lastAlt = wordFlags & CAP ? slots[at + 3]! : -1;
      if (slots[at + 1]! & 1) wordFlags |= ABBREV;
    } else {
      const entry = wordEntry(lex, text.slice(from, i));
      if (entry.ids.length === 0) continue;
      ids = entry.ids;
      firstId = ids[0]!;
      lastAlt = entry.alt;
      wordFlags = entry.flags;
    }

    const firstCode = text.charCodeAt(from);
    const lowerNext = firstCode >= 0x61 && firstCode <= 0x7a;
    const sentenceEnd = stop && spaceAfterStop && !lowerNext && (bang || !(prevFlags & ABBREV));
    const paragraphBreak = newlines >= 2;
    // A line break alone may be a hard wrap inside a sentence: a name runs on across it, but a
    // capital after it says as little as one at a sentence start.
    const startsSentence = count === 0 || sentenceEnd || newlines > 0;
    if (paragraphBreak && count > 0) paragraphNo++;
    if (startsSentence && count > 0) sentenceNo++;
    let f = wordFlags & CASE_FLAGS;
    if (hard || sentenceEnd || paragraphBreak) f |= HARD_GAP;
    if (startsSentence) f |= SENTENCE_START;
    if (count === 0 || paragraphBreak) f |= PARAGRAPH_START;
    if (from - gapFrom === 1 && count > 0 && isHyphen(text.charCodeAt(gapFrom))) f |= HYPHENATED;

    const tokensOfWord = ids ? ids.length : 1;
    if (count + tokensOfWord > id.length) {
      out = buffers(lex, count + tokensOfWord);
      ({ id, alt, start, end, flags, sentence, paragraph } = out);
    }
    for (let t = 0; t < tokensOfWord; t++) {
      id[count] = ids ? ids[t]! : firstId;
      alt[count] = t === tokensOfWord - 1 ? lastAlt : -1;
      start[count] = from;
      end[count] = i;
      flags[count] = t === 0 ? f : wordFlags & CASE_FLAGS;
      sentence[count] = sentenceNo;
      paragraph[count] = paragraphNo;
      count++;
    }
    prevFlags = wordFlags;
  }
  out.text = text;
  out.count = count;
  return out;
}
