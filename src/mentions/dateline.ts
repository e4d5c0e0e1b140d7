// A story's dateline ("KINSHASA, June 5 (Great Lakes Business) -") says where it was written and who wrote it, not whom it is about.
import type { Mention } from './find.ts';

/** A line opening with a place in capitals (and its region), a date, the agency in brackets and a dash. */
const DATELINE = /(\p{Lu}[\p{Lu} .'’-]+(?:, [\p{L} .'’-]{2,40})?), (?:\p{L}{3,9}\.? \d{1,2}|\d{1,2} \p{L}{3,9})\s*\(([^()\n]{1,80})\)\s*[-–—]/dyu;

const NEWLINE = /[\n\r]/g;

/** Where the line after the one holding text[from] starts; Infinity on the last line. */
function lineAfter(text: string, from: number): number {
  NEWLINE.lastIndex = from;
  return NEWLINE.exec(text) ? NEWLINE.lastIndex : Infinity;
}

/** The place and the agency of the dateline the line starting at `lineStart` opens with, if it does. */
function datelineAt(text: string, lineStart: number): [number, number][] {
  DATELINE.lastIndex = lineStart;
  const indices = DATELINE.exec(text)?.indices;
  return indices ? [indices[1]!, indices[2]!] : [];
}

/**
 * `mentions` without those inside a dateline's place or agency. Only the lines holding a mention are read, each once,
 * and the text once in all to find where they start (a text of one long line and many mentions stays linear).
 */
export function withoutDatelines(mentions: Mention[], text: string): Mention[] {
  const inDateline = new Set<Mention>();
  let lineStart = 0;
  let nextLine = lineAfter(text, 0);
  let parts: [number, number][] = [];
  let partsLine = -1;
  for (const m of [...mentions].sort((x, y) => x.start - y.start)) {
    while (nextLine <= m.start) [lineStart, nextLine] = [nextLine, lineAfter(text, nextLine)];
    if (partsLine !== lineStart) [parts, partsLine] = [datelineAt(text, lineStart), lineStart];
    if (parts.some(([start, end]) => m.start >= start && m.end <= end)) inDateline.add(m);
  }
  return inDateline.size ? mentions.filter((m) => !inDateline.has(m)) : mentions;
}
