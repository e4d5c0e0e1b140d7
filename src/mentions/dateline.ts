// The agency in a story's dateline ("KINSHASA, June 5 (Great Lakes Business) -") says who wrote it, not whom it is about.
import type { Mention } from './find.ts';

/** A line opening with a place in capitals (and its region), a date, the agency in brackets and a dash. */
const DATELINE = /\p{Lu}[\p{Lu} .'’-]+(?:, [\p{L} .'’-]{2,40})?, (?:\p{L}{3,9}\.? \d{1,2}|\d{1,2} \p{L}{3,9})\s*\(([^()\n]{1,80})\)\s*[-–—]/dyu;

const NEWLINE = /[\n\r]/g;

/** Where the line after the one holding text[from] starts; Infinity on the last line. */
function lineAfter(text: string, from: number): number {
  NEWLINE.lastIndex = from;
  return NEWLINE.exec(text) ? NEWLINE.lastIndex : Infinity;
}

/** The agency of the dateline the line starting at `lineStart` opens with, if it does. */
function agencyAt(text: string, lineStart: number): [number, number] | null {
  DATELINE.lastIndex = lineStart;
  return DATELINE.exec(text)?.indices?.[1] ?? null;
}

/**
 * `mentions` without those inside a dateline's agency. Only the lines holding a mention are read, each once, and the
 * text once in all to find where they start (a text of one long line and many mentions stays linear).
 */
export function withoutDatelineAgencies(mentions: Mention[], text: string): Mention[] {
  const inAgency = new Set<Mention>();
  let lineStart = 0;
  let nextLine = lineAfter(text, 0);
  let agency: [number, number] | null = null;
  let agencyLine = -1;
  for (const m of [...mentions].sort((x, y) => x.start - y.start)) {
    while (nextLine <= m.start) [lineStart, nextLine] = [nextLine, lineAfter(text, nextLine)];
    if (agencyLine !== lineStart) [agency, agencyLine] = [agencyAt(text, lineStart), lineStart];
    if (agency && m.start >= agency[0] && m.end <= agency[1]) inAgency.add(m);
  }
  return inAgency.size ? mentions.filter((m) => !inAgency.has(m)) : mentions;
}
