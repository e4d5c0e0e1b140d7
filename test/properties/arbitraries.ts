// Hostile text for property tests: any UTF-16 (lone surrogates too), invisible and bidi characters, look-alikes, chat markup, terminal escapes, SQL.
import fc from 'fast-check';

/** Any UTF-16 code units, lone surrogates included: what a JS string can hold, valid Unicode or not. */
export const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 60 });

/** Any Unicode code points, astral ones (emoji, tag characters) included. */
export const anyCodePoints = fc.string({ unit: 'binary', maxLength: 60 });

/** Characters that draw nothing, or reorder what follows: zero-width, joiners, bidi overrides and isolates, BOM, tags, variation selectors. */
export const INVISIBLES = [
  '\u00ad', '\u034f', '\u061c', '\u115f', '\u180e', '\u200b', '\u200c', '\u200d', '\u200e', '\u200f',
  '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2060', '\u2066', '\u2067', '\u2068', '\u2069',
  '\u3164', '\ufe0f', '\ufeff', '\ufff9', '\u{e0001}', '\u{e0041}', '\u{e0053}', '\u{e007f}', '\u{e0100}',
];

/**
 * Cyrillic and Greek letters drawn like Latin ones (from Unicode's confusables.txt), by the Latin letter
 * they imitate: what a spoofed name is typed with.
 */
export const LOOKALIKES: Record<string, string[]> = {
  A: ['\u0410', '\u0391'], B: ['\u0412', '\u0392'], C: ['\u0421', '\u03f9'], E: ['\u0415', '\u0395'], H: ['\u041d', '\u0397'],
  I: ['\u0406', '\u0399'], J: ['\u0408'], K: ['\u041a', '\u039a'], M: ['\u041c', '\u039c'], N: ['\u039d'], O: ['\u041e', '\u039f'],
  P: ['\u0420', '\u03a1'], S: ['\u0405'], T: ['\u0422', '\u03a4'], X: ['\u0425', '\u03a7'], Y: ['\u04ae', '\u03a5'], Z: ['\u0396'],
  a: ['\u0430'], c: ['\u0441', '\u03f2'], d: ['\u0501'], e: ['\u0435'], h: ['\u04bb'], i: ['\u0456'], j: ['\u0458'],
  o: ['\u043e', '\u03bf'], p: ['\u0440', '\u03c1'], q: ['\u051b'], s: ['\u0455'], v: ['\u03bd'], w: ['\u051d'], x: ['\u0445'], y: ['\u0443'],
};

/** What chat platforms read as pings, links or formatting, and what terminals read as commands. */
export const MARKUP = [
  '<!channel>', '<!here>', '<!everyone>', '<@U123ABC>', '<#C123|general>', '<!subteam^S123>', '<https://evil.example|click here>',
  '<http://evil.example>', '@everyone', '@here', '@EVERYONE', '<@123456789012345678>', '<@!123456789012345678>', '<@&123456789012345678>',
  '<#123456789012345678>', '</sanctions:123>', '<t:0:R>', '<:pepe:123>', '[x](http://evil.example)', '[x](<http://evil.example>)',
  '**bold**', '__u__', '~~s~~', '||spoiler||', '`code`', '```block```', '> quote', '# heading', '-# small', '*', '_', '\\', '&amp;', '&lt;',
  '\u001b[2J', '\u001b[31m', '\u001b]0;pwned\u0007', '\u001b]8;;http://evil.example\u001b\\link\u001b]8;;\u001b\\', '\u009b31m', '\u001bP1$r\u001b\\',
  '\r', '\n', '\t', '\u0000', '\u0007', '\u0085', '\u2028',
];

export const SQL = ["'; DROP TABLE subscriptions; --", '1 OR 1=1', "' OR '1'='1", '"; DELETE FROM entities; --', '%', '_', '\\', "Robert'); --"];

/** Pieces that make names longer than any (ligatures and signs that NFKC expands) or change under normalisation. */
const EXPANDERS = ['\ufdfa', '\ufdfb', '\u3300', '\ufb01', '\u2474', 'ǅ', 'ẞ', 'İ', 'ﬀ', '\u0301', '\u0308\u0301\u0323', '🙂', '👨‍👩‍👧', '🇰🇵', '金正恩', '김정은', 'بوتين', 'Путин'];

/** Text made of hostile pieces, plain words, and random code units, in any mix. */
export const hostileText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...INVISIBLES, ...MARKUP, ...SQL, ...EXPANDERS),
      fc.constantFrom(...Object.values(LOOKALIKES).flat()),
      fc.constantFrom('SEK', 'Studio', 'ZAKIR', 'Shohrat', 'Korea', ' ', ' ', '-', ',', '.'),
      anyUnits,
    ),
    { maxLength: 25 },
  )
  .map((parts) => parts.join(''));

/** Any of the above: what a property about arbitrary input is tried on. */
export const anyText = fc.oneof(anyUnits, anyCodePoints, hostileText);

/** `text` with characters inserted between its characters (never inside a surrogate pair) at the given places, taken modulo. */
export function withInserted(text: string, inserts: [number, string][]): string {
  const chars = [...text];
  for (const [at, ch] of inserts) chars.splice(at % (chars.length + 1), 0, ch);
  return chars.join('');
}

/** `text` with the letters at the given places (modulo its length) swapped for a Cyrillic or Greek look-alike, where one exists. */
export function withLookalikes(text: string, swaps: [number, number][]): string {
  const chars = [...text];
  for (const [at, which] of swaps) {
    const i = at % Math.max(chars.length, 1);
    const options = LOOKALIKES[chars[i] ?? ''];
    if (options) chars[i] = options[which % options.length]!;
  }
  return chars.join('');
}

/** Lone surrogates: what no platform can send and JSON encoders escape or mangle. */
export const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
