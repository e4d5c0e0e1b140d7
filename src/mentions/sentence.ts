// The sentence around a mention, for an alert to quote: cut at sentence ends and line breaks, kept short.

const MAX_SENTENCE = 400;
// A full stop ends a sentence where a space follows it and the word before it is no initial (`V.`, `U.S.`).
const END = /[.!?\u3002\uff01\uff1f](?=["'\u201d\u2019)\]]*(?:\s|$))/g;

function sentenceStart(text: string, before: number): number {
  const window = Math.max(0, before - MAX_SENTENCE);
  let start = window;
  const newline = text.lastIndexOf('\n', before - 1);
  if (newline >= window) start = newline + 1;
  END.lastIndex = start;
  for (let m = END.exec(text); m && m.index < before; m = END.exec(text)) {
    if (!/(?:^|[\s.])\p{L}$/u.test(text.slice(Math.max(0, m.index - 2), m.index))) start = m.index + 1;
  }
  return start;
}

function sentenceEnd(text: string, after: number): number {
  const limit = Math.min(text.length, after + MAX_SENTENCE);
  const newline = text.indexOf('\n', after);
  let end = newline >= 0 && newline < limit ? newline : limit;
  END.lastIndex = after;
  for (let m = END.exec(text); m && m.index < end; m = END.exec(text)) {
    if (!/(?:^|[\s.])\p{L}$/u.test(text.slice(Math.max(0, m.index - 2), m.index))) {
      end = m.index + 1;
      break;
    }
  }
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
