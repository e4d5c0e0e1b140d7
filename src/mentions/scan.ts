// Scans one article, plain text or HTML, and reports mentions with offsets into the input as given.
//
// Bounded whatever the input: the text is read in parts of at most PART_LENGTH characters, cut at
// a paragraph or sentence end where there is one, each part in time linear in its length; what a
// part found (names in full, for the surnames and short forms of later parts) is carried to the
// next. `scanArticleAsync` yields to the event loop between parts and between the span searches
// within one, so that a long article never holds it for long; `scanArticle` runs the same steps
// back to back. Callers cap the text scanned
// per item (MAX_ARTICLE_TEXT) and the scan caps the mentions it reports (MAX_MENTIONS).
import { type Steps, runSteps, runStepsAsync } from '../steps.ts';
import { type ArticleMemory, type FindOptions, type Mention, type OffsetMap, findSteps, newArticleMemory, toMentions, withoutNamesakes } from './find.ts';
import { looksLikeHtml, stripHtml } from './html.ts';
import type { MentionIndex } from './mention-index.ts';
import { tokenizeText } from './text-tokens.ts';

/** Characters of an article (the feed item's text and the fetched page's, together) the poller scans; the rest is left. */
export const MAX_ARTICLE_TEXT = 256 * 1024;
/** Mentions reported per article at most; once reached, the rest of the article is not scanned. */
export const MAX_MENTIONS = 500;
/**
 * Characters scanned in one synchronous step: a few milliseconds of real news, and at most about 25 ms
 * (measured warm, on a loaded machine) of text that is all names, a mention and its sentence every few words.
 */
export const PART_LENGTH = 8 * 1024;
/** How far back from a part's end a paragraph or sentence end is looked for. */
const CUT_WINDOW = 2048;

/** Where to end a part of `text` starting at `from`: a paragraph end, else a line or sentence end, else a space. */
export function partEnd(text: string, from: number, length = PART_LENGTH): number {
  const limit = from + length;
  if (limit >= text.length) return text.length;
  const window = text.slice(limit - CUT_WINDOW, limit);
  for (const cut of [/\n\s*\n/g, /\n/g, /[.!?]["'\u201d\u2019)]*\s/g, /\s/g]) {
    let last = -1;
    for (let m = cut.exec(window); m; m = cut.exec(window)) last = m.index + m[0].length;
    if (last > 0) return limit - CUT_WINDOW + last;
  }
  // No break at all: cut anywhere but inside a surrogate pair.
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

/** The article's mentions, a part at a time, in steps: a part's passes up to its span searches, then each search (see `findSteps`). */
function* scanSteps(index: MentionIndex, input: string, isHtml: boolean | undefined, options: FindOptions): Steps<Mention[]> {
  const html = isHtml ?? looksLikeHtml(input);
  const visible = html ? stripHtml(input) : null;
  const text = visible ? visible.text : input;
  const memory: ArticleMemory = newArticleMemory();
  const mentions: Mention[] = [];
  for (let from = 0; from < text.length && mentions.length < MAX_MENTIONS; ) {
    const to = partEnd(text, from);
    const part = from === 0 && to === text.length ? text : text.slice(from, to);
    const offset = from;
    const toInput: OffsetMap = visible
      ? { start: (o) => visible.rawStart(o + offset), end: (o) => visible.rawEnd(o + offset) }
      : { start: (o) => o + offset, end: (o) => o + offset };
    const tokens = tokenizeText(index.lexicon, part);
    const finds = yield* findSteps(index, tokens, options, memory);
    mentions.push(...toMentions(index, tokens, finds, input, toInput, memory).slice(0, MAX_MENTIONS - mentions.length));
    yield;
    from = to;
  }
  return withoutNamesakes(index, mentions, input);
}

/**
 * The mentions in an article. HTML (detected, or forced with `isHtml`) is read as the visible text
 * it renders, while start/end stay offsets into `input` itself: input.slice(start, end) is the
 * matched text, markup and entities included where the name spans them.
 */
export function scanArticle(index: MentionIndex, input: string, isHtml?: boolean, options: FindOptions = {}): Mention[] {
  return runSteps(scanSteps(index, input, isHtml, options));
}

/** As `scanArticle`, yielding to the event loop between parts of the article and between span searches. */
export function scanArticleAsync(index: MentionIndex, input: string, isHtml?: boolean, options: FindOptions = {}): Promise<Mention[]> {
  return runStepsAsync(scanSteps(index, input, isHtml, options));
}
