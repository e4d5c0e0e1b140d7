// A phonetic key per name token, loose enough to join the spellings of one name across languages.
//
// Spellings of one name differ by language and romanisation: Putin/Poutine/Poetin/Putyin,
// Lukashenko/Lukashenka, Yevgeniy/Evgeni, Gim/Kim, Jeong/Jong, and in scripts without written
// vowels, bwtyn. The key keeps the consonant skeleton, merges consonants that romanisations
// swap (voiced with voiceless, r with l, sh/sch/zh with s, kh with h), drops vowels and the
// semivowels y and w after the first letter, and collapses repeats. It is a key for finding
// candidates and a hint for the scorer, never a verdict on its own.

// One pass over the letter groups that romanisations write differently; longest first.
const GROUPS = /tsch|sch|tch|dzh|dj|sh|zh|sz|ch|tz|ts|cz|kh|ph|th|ck|qu|gu(?=[ei])|gh|c(?=[eiy])|x|q/g;
const GROUP_CODE: Record<string, string> = {
  tsch: 'C', tch: 'C', dzh: 'C', dj: 'C', ch: 'C', tz: 'C', ts: 'C', cz: 'C', c: 'C',
  sch: 'S', sh: 'S', zh: 'S', sz: 'S',
  kh: 'H', ph: 'B', th: 'T', ck: 'K', qu: 'K', gu: 'K', q: 'K',
};

function groupCode(group: string, offset: number, token: string): string {
  const atEnd = offset + group.length === token.length;
  if (group === 'x') return atEnd ? 'S' : 'KS';
  if (group === 'gh') return atEnd ? 'H' : 'K';
  return GROUP_CODE[group]!;
}

const CONSONANT: Record<string, string> = {
  b: 'B', p: 'B', f: 'B', v: 'B', w: 'B',
  d: 'T', t: 'T',
  g: 'K', k: 'K', c: 'K',
  s: 'S', z: 'S',
  j: 'C',
  l: 'L', r: 'L',
  m: 'M', n: 'N', h: 'H',
};

/** The key of one lower-case ASCII token; '' for a token with no consonant to key on. */
export function phoneticKey(token: string): string {
  const t = token.replace(GROUPS, groupCode);
  let key = '';
  for (let i = 0; i < t.length; i++) {
    const ch = t[i]!;
    let code: string;
    if (ch >= 'A' && ch <= 'Z') code = ch;
    else if ('aeiouy'.includes(ch) || (ch === 'w' && i > 0 && 'aeiou'.includes(t[i - 1]!))) code = i === 0 ? 'A' : '';
    else if (ch >= '0' && ch <= '9') code = ch;
    else code = CONSONANT[ch] ?? '';
    if (code === 'H' && i > 0) code = '';
    if (code && key[key.length - 1] !== code) key += code;
  }
  return key;
}
