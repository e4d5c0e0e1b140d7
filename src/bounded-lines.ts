// Text read a line at a time from a stream, holding at most a bound of any one line: a line with no end in sight is never buffered whole.

/** A line as read: its text, or, past `maxChars`, only that it was too long (said once, as soon as it is known). */
export type BoundedLine = { text: string } | { tooLong: true };

/**
 * The lines of `input` (UTF-8; `\n` or `\r\n` ends one, the last may have no end). A line longer than `maxChars` is
 * yielded as `{ tooLong: true }` the moment it passes the bound, before the rest of it has arrived; the rest is skipped.
 */
export async function* boundedLines(input: AsyncIterable<string | Buffer | Uint8Array>, maxChars: number): AsyncGenerator<BoundedLine> {
  const decoder = new TextDecoder('utf-8');
  let line = '';
  let skipping = false;
  // A trailing \r may be the first half of a \r\n split between chunks: it does not count.
  const withoutCr = (text: string) => (text.endsWith('\r') ? text.slice(0, -1) : text);
  const take = function* (text: string): Generator<BoundedLine> {
    for (let at = 0; ; ) {
      const end = text.indexOf('\n', at);
      if (!skipping) {
        // No more of a chunk than tells whether the line is too long (a \r and one character past the bound).
        line += text.slice(at, Math.min(end === -1 ? text.length : end, at + maxChars + 2 - line.length));
        if (withoutCr(line).length > maxChars) {
          line = '';
          skipping = true;
          yield { tooLong: true };
        }
      }
      if (end === -1) return;
      if (!skipping) yield { text: withoutCr(line) };
      line = '';
      skipping = false;
      at = end + 1;
    }
  };
  for await (const chunk of input) yield* take(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  yield* take(decoder.decode());
  if (line) yield { text: withoutCr(line) };
}
