// List files as text: UTF-8, UTF-16 where a byte order mark says so, Windows-1252 for older OFAC copies; whole, or line by line as they stream.
import { createReadStream } from 'node:fs';
import { ImportError } from './import-error.ts';

/** No list entry comes near this: a longer line is not one (a file with no line breaks, or binary data). */
export const MAX_LINE_BYTES = 64 * 2 ** 20;

/** The encoding a byte order mark announces (UTF-16, as Windows tools save "Unicode text"); UTF-8 without one. */
function encodingOf(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

// Windows-1252's characters for bytes 0x80-0x9F (curly quotes, dashes, €), where Latin-1 has C1 controls;
// the five bytes it leaves undefined stay controls, as the WHATWG Encoding Standard says.
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Node's TextDecoder reads 'windows-1252' as Latin-1 since 20.18.3 (nodejs/node#60888): decoded here instead. */
function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/** File bytes as text: UTF-16 by its byte order mark, UTF-8, or Windows-1252 for older copies that are not valid UTF-8. */
export function decodeListFile(bytes: Uint8Array): string {
  const encoding = encodingOf(bytes);
  if (encoding !== 'utf-8') return new TextDecoder(encoding).decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

export interface FileLine {
  text: string;
  /** 1-based. */
  number: number;
  /** Bytes of the file read so far, for progress. */
  bytesRead: number;
}

/**
 * The lines of a file as it streams (a FollowTheMoney export passes 1 GB), in UTF-8, which JSON must be
 * written in, or in UTF-16 by its byte order mark. A line that is not UTF-8, or that is longer than
 * `maxLineBytes`, is an ImportError naming it.
 */
export async function* fileLines(path: string, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<FileLine> {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let utf16: TextDecoder | undefined;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let utf16Text = '';
  let number = 0;
  let bytesRead = 0;
  const tooLong = () => new ImportError(path, number + 1, `a line of more than ${maxLineBytes / 2 ** 20} MB: not a list file, or one without line breaks`);
  const utf8Line = (bytes: Buffer): FileLine => {
    number++;
    try {
      return { text: utf8.decode(bytes), number, bytesRead };
    } catch {
      throw new ImportError(path, number, 'not UTF-8 text (a byte sequence UTF-8 does not have): binary data, or another encoding');
    }
  };
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    if (bytesRead === 0 && encodingOf(chunk) !== 'utf-8') utf16 = new TextDecoder(encodingOf(chunk));
    bytesRead += chunk.length;
    if (utf16) {
      const lines = (utf16Text + utf16.decode(chunk, { stream: true })).split('\n');
      utf16Text = lines.pop()!;
      for (const text of lines) yield { text, number: ++number, bytesRead };
      if (utf16Text.length * 2 > maxLineBytes) throw tooLong();
      continue;
    }
    let start = 0;
    for (let end = chunk.indexOf(10); end >= 0; end = chunk.indexOf(10, start)) {
      pending.push(chunk.subarray(start, end));
      yield utf8Line(Buffer.concat(pending));
      pending = [];
      pendingBytes = 0;
      start = end + 1;
    }
    pending.push(chunk.subarray(start));
    pendingBytes += chunk.length - start;
    if (pendingBytes > maxLineBytes) throw tooLong();
  }
  if (utf16) {
    const text = utf16Text + utf16.decode();
    if (text) yield { text, number: ++number, bytesRead };
  } else if (pendingBytes > 0) {
    yield utf8Line(Buffer.concat(pending));
  }
}
