// The error every importer raises for a file it cannot import: names the file and the line, and quotes the file safely.
import { clip } from '../messages/reply.ts';

/** A list file that cannot be imported: names the file and, where it applies, the 1-based line. */
export class ImportError extends Error {
  override name = 'ImportError';
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly detail: string,
  ) {
    super(line === null ? `${file}: ${detail}` : `${file} line ${line}: ${detail}`);
  }
}

/** Text with control characters (a terminal's escape sequences) and bidi overrides written as escapes: printing it cannot act on a terminal. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text from a bad file as an error message quotes it: short, in quotes, printable. */
export function quoted(text: string, max = 40): string {
  return `"${printable(clip(text, max))}"`;
}
