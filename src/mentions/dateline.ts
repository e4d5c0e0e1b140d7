// The agency in a story's dateline ("KINSHASA, June 5 (Great Lakes Business) -") says who wrote it, not whom it is about.
import type { Mention } from './find.ts';

/** A line opening with a place in capitals (and its region), a date, the agency in brackets and a dash. */
const DATELINE = /^\p{Lu}[\p{Lu} .'’-]+(?:, [\p{L} .'’-]{2,40})?, (?:\p{L}{3,9}\.? \d{1,2}|\d{1,2} \p{L}{3,9})\s*\(([^()\n]{1,80})\)\s*[-–—]/dgmu;

/** `mentions` without those inside a dateline's agency. */
export function withoutDatelineAgencies(mentions: Mention[], text: string): Mention[] {
  if (mentions.length === 0) return mentions;
  const agencies: [number, number][] = [];
  for (const m of text.matchAll(DATELINE)) agencies.push(m.indices![1]!);
  if (agencies.length === 0) return mentions;
  return mentions.filter((m) => !agencies.some(([start, end]) => m.start >= start && m.end <= end));
}
