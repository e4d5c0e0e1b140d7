// HTML to visible text, with a map from every visible character back to where it lies in the raw HTML.
//
// A mention's offsets must point into what the user passed: for HTML that is the raw markup, so
// the stripper records, for each stretch of visible text, the raw range it came from. Text copied
// verbatim maps character by character; a decoded entity or the line break a block tag stands for
// maps as a whole to the raw range that produced it.

/** Visible text and how to find each of its characters in the raw input. */
export interface StrippedText {
  text: string;
  /** Raw offset of the first character of `text.slice(from, to)`. */
  rawStart(from: number): number;
  /** Raw offset just after the last character of `text.slice(from, to)`. */
  rawEnd(to: number): number;
}

const HTML_HINT = /<(?:!doctype\s+html|html|head|body|p|div|span|br|a|b|i|em|strong|h[1-6]|ul|ol|li|table|tr|td|article|section|header|footer|nav|main|figure|blockquote|img|script|style|meta|link|title)\b[^<>]*>|<\/[a-z][a-z0-9]*\s*>/i;

/** True when the text is markup rather than plain text that happens to hold a `<`. */
export function looksLikeHtml(text: string): boolean {
  return HTML_HINT.test(text.length > 65536 ? text.slice(0, 65536) : text);
}

// Elements whose content is never shown as text.
const HIDDEN = new Set(['script', 'style', 'template', 'noscript', 'svg', 'math', 'iframe', 'object']);
// Elements that start a new block: their text is a paragraph of its own.
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer',
  'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre',
  'section', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'ul', 'title', 'body', 'head', 'html', 'caption',
]);
const CELL = new Set(['td', 'th']);

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003',
  thinsp: '\u2009', shy: '\u00ad', zwj: '\u200d', zwnj: '\u200c', lrm: '\u200e', rlm: '\u200f',
  ndash: '\u2013', mdash: '\u2014', lsquo: '\u2018', rsquo: '\u2019', sbquo: '\u201a', ldquo: '\u201c',
  rdquo: '\u201d', bdquo: '\u201e', laquo: '\u00ab', raquo: '\u00bb', lsaquo: '\u2039', rsaquo: '\u203a',
  hellip: '\u2026', bull: '\u2022', middot: '\u00b7', prime: '\u2032', Prime: '\u2033', dagger: '\u2020',
  copy: '\u00a9', reg: '\u00ae', trade: '\u2122', deg: '\u00b0', plusmn: '\u00b1', times: '\u00d7',
  divide: '\u00f7', euro: '\u20ac', pound: '\u00a3', yen: '\u00a5', cent: '\u00a2', sect: '\u00a7',
  para: '\u00b6', iexcl: '\u00a1', iquest: '\u00bf', ordf: '\u00aa', ordm: '\u00ba', acute: '\u00b4',
  szlig: '\u00df', OElig: '\u0152', oelig: '\u0153', Scaron: '\u0160', scaron: '\u0161', Yuml: '\u0178',
  fnof: '\u0192', circ: '\u02c6', tilde: '\u02dc', frac12: '\u00bd', frac14: '\u00bc', frac34: '\u00be',
};
// Latin-1 letters by their entity names: &eacute; &Ntilde; &uuml; ...
const LATIN1_NAMES = 'Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml _ Oslash Ugrave Uacute Ucirc Uuml Yacute THORN';
LATIN1_NAMES.split(' ').forEach((name, i) => {
  if (name === '_') return;
  NAMED[name] = String.fromCharCode(0xc0 + i);
  NAMED[name === 'ETH' || name === 'THORN' ? name.toLowerCase() : name[0]!.toLowerCase() + name.slice(1)] = String.fromCharCode(0xe0 + i);
});
NAMED.yuml = '\u00ff';
// Entities that old pages write without the closing semicolon and browsers still decode.
const LEGACY = new Set(['amp', 'lt', 'gt', 'quot', 'nbsp', 'copy', 'reg']);
// Browsers read &#128; .. &#159; as Windows-1252, where pages meant them: &#151; is an em dash.
const CP1252 = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}))(;?)/y;

/** The character an entity at `at` stands for, and its raw length; null where `&` is just an ampersand. */
function decodeEntity(raw: string, at: number): { value: string; length: number } | null {
  ENTITY.lastIndex = at;
  const m = ENTITY.exec(raw);
  if (!m) return null;
  const [whole, dec, hex, name, semi] = m;
  if (name !== undefined) {
    const value = NAMED[name];
    if (value === undefined) return null;
    if (!semi && !LEGACY.has(name)) return null;
    return { value, length: whole.length };
  }
  let code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
  if (code >= 0x80 && code <= 0x9f) return { value: CP1252[code - 0x80]!, length: whole.length };
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) code = 0xfffd;
  return { value: String.fromCodePoint(code), length: whole.length };
}

const TAG_NAME = /<\/?([A-Za-z][A-Za-z0-9-]*)/y;

const closingTags = new Map<string, RegExp>();
function closingTag(name: string): RegExp {
  let re = closingTags.get(name);
  if (!re) closingTags.set(name, (re = new RegExp(`</${name}\\s*>`, 'gi')));
  return re;
}

/** Where a tag that starts at `at` ends (just after its `>`), skipping `>` inside quoted attribute values. */
function tagEnd(raw: string, at: number): number {
  let quote = 0;
  for (let i = at + 1; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if ((c === 34 || c === 39) && raw.charCodeAt(i - 1) === 61) {
      quote = c; // a quoted attribute value: a `>` inside it does not end the tag
    } else if (c === 62) return i + 1;
  }
  return raw.length;
}

/** Strips tags, comments and hidden elements, decodes entities, and keeps the map back to `raw`. */
export function stripHtml(raw: string): StrippedText {
  // Pieces of visible text: [visible start, raw start, raw end, verbatim?]
  const visStarts: number[] = [];
  const rawStarts: number[] = [];
  const rawEnds: number[] = [];
  const verbatim: boolean[] = [];
  const parts: string[] = [];
  let length = 0;

  const emit = (value: string, from: number, to: number, copied: boolean) => {
    if (!value) return;
    visStarts.push(length);
    rawStarts.push(from);
    rawEnds.push(to);
    verbatim.push(copied);
    parts.push(value);
    length += value.length;
  };
  const breakLine = (at: number, to: number, lines: string) => {
    // One break is enough where the text already ends in one.
    if (length === 0 || parts[parts.length - 1]!.endsWith(lines)) return;
    emit(lines, at, to, false);
  };

  let i = 0;
  let textFrom = 0;
  const flushText = (to: number) => {
    let from = textFrom;
    for (let amp = raw.indexOf('&', from); amp >= 0 && amp < to; amp = raw.indexOf('&', amp + 1)) {
      const entity = decodeEntity(raw, amp);
      if (!entity || amp + entity.length > to) continue;
      emit(raw.slice(from, amp), from, amp, true);
      emit(entity.value, amp, amp + entity.length, false);
      from = amp + entity.length;
      amp = from - 1;
    }
    emit(raw.slice(from, to), from, to, true);
  };

  while (i < raw.length) {
    const lt = raw.indexOf('<', i);
    if (lt < 0) break;
    const next = raw.charCodeAt(lt + 1);
    let end: number;
    if (raw.startsWith('<!--', lt)) {
      const close = raw.indexOf('-->', lt + 4);
      end = close < 0 ? raw.length : close + 3;
    } else if (raw.startsWith('<![CDATA[', lt)) {
      flushText(lt);
      const close = raw.indexOf(']]>', lt + 9);
      const stop = close < 0 ? raw.length : close;
      emit(raw.slice(lt + 9, stop), lt + 9, stop, true);
      i = textFrom = close < 0 ? raw.length : close + 3;
      continue;
    } else if (next === 33 || next === 63) {
      end = tagEnd(raw, lt); // <!DOCTYPE ...>, <?xml ...?>
    } else {
      TAG_NAME.lastIndex = lt;
      const m = TAG_NAME.exec(raw);
      if (!m) {
        i = lt + 1; // a `<` that opens no tag is text
        continue;
      }
      end = tagEnd(raw, lt);
      const name = m[1]!.toLowerCase();
      const closing = next === 47;
      flushText(lt);
      if (!closing && HIDDEN.has(name) && raw.charCodeAt(end - 2) !== 47) {
        const close = closingTag(name);
        close.lastIndex = end;
        end = close.exec(raw) ? close.lastIndex : raw.length;
      } else if (BLOCK.has(name)) breakLine(lt, end, '\n\n');
      else if (name === 'br') breakLine(lt, end, '\n');
      else if (CELL.has(name)) breakLine(lt, end, ' ');
      i = textFrom = end;
      continue;
    }
    flushText(lt);
    i = textFrom = end;
  }
  flushText(raw.length);

  const text = parts.join('');
  const pieceAt = (pos: number) => {
    let lo = 0;
    let hi = visStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (visStarts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return {
    text,
    rawStart(from) {
      if (visStarts.length === 0) return 0;
      const p = pieceAt(Math.min(from, text.length - 1));
      return verbatim[p] ? rawStarts[p]! + (from - visStarts[p]!) : rawStarts[p]!;
    },
    rawEnd(to) {
      if (visStarts.length === 0 || to <= 0) return 0;
      const p = pieceAt(to - 1);
      return verbatim[p] ? rawStarts[p]! + (to - visStarts[p]!) : rawEnds[p]!;
    },
  };
}
