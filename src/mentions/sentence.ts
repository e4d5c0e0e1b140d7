// The sentence around a mention, for an alert to quote: cut at sentence ends and line breaks, kept short.

const MAX_SENTENCE = 400;
// A full stop ends a sentence where a space follows it and the word before it is no initial (`V.`, `U.S.`).
const END = /[.!?\u3002\uff01\uff1f](?=["'\u201d\u2019)\]]*(?:\s|$))/g;
/** Closing quotes and brackets looked at past a window's edge, to tell a sentence end from a stop inside a word. */
const LOOKAHEAD = 8;

/**
 * Offsets of sentence ends in text[from, to). The search runs on that slice alone (and a few
 * characters after it): a text with no sentence end must not be searched to its end for every mention.
 */
function* endsIn(text: string, from: number, to: number): Generator<number> {
  const slice = text.slice(from, Math.min(text.length, to + LOOKAHEAD));
  const atTextEnd = to + LOOKAHEAD >= text.length;
  END.lastIndex = 0;
  for (let m = END.exec(slice); m && m.index < to - from; m = END.exec(slice)) {
    // Ended by the slice, not the text: only a space after the stop says it ends a sentence.
    if (!atTextEnd && !/\s/.test(slice.slice(m.index + 1))) continue;
    const at = from + m.index;
    if (!/(?:^|[\s.])\p{L}$/u.test(text.slice(Math.max(0, at - 2), at))) yield at;
  }
}

function sentenceStart(text: string, before: number): number {
  const window = Math.max(0, before - MAX_SENTENCE);
  let start = window;
  const newline = text.slice(window, before).lastIndexOf('\n');
  if (newline >= 0) start = window + newline + 1;
  for (const at of endsIn(text, start, before)) start = at + 1;
  return start;
}

function sentenceEnd(text: string, after: number): number {
  const limit = Math.min(text.length, after + MAX_SENTENCE);
  const newline = text.slice(after, limit).indexOf('\n');
  const end = newline >= 0 ? after + newline : limit;
  for (const at of endsIn(text, after, end)) return at + 1;
  return end;
}

/** The sentence of `text` that holds text.slice(start, end), whitespace collapsed. */
export function sentenceAround(text: string, start: number, end: number): string {
  let from = sentenceStart(text, start);
  let to = sentenceEnd(text, end);
  if (to - from > MAX_SENTENCE) {
    from = Math.max(from, start - (MAX_SENTENCE >> 1));
    to = Math.min(to, from + MAX_SENTENCE);
  }
  return text.slice(from, to).replace(/\s+/g, ' ').trim();
}
