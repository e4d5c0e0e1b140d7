// Screens rows of names against the designations: the best match of each row, weighed with its country and date of birth, and classified.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Catalog } from '../designations/catalog.ts';
import { tokenize } from '../designations/normalize.ts';
import { MATCH_THRESHOLD, SUGGESTION_THRESHOLD, type SearchHit } from '../designations/search.ts';
import type { ProgressListener } from '../progress.ts';
import { rowFacts, weighFacts } from './evidence.ts';
import type { ScreeningRow } from './input.ts';

/** Strong: at or above the search's match threshold. Possible: in its suggestion band. */
export type MatchLevel = 'strong' | 'possible' | 'none';

export interface ScreenedRow {
  input: ScreeningRow;
  level: MatchLevel;
  /** The best match with the row's facts weighed in (its score is the weighed one), or null. */
  match: SearchHit | null;
  /** How the name matched, and what the country and date of birth did to the score. */
  why: string;
}

export interface Screening {
  results: ScreenedRow[];
  strong: number;
  possible: number;
}

/** Candidates weighed per row: a country or a date of birth can lift a lower-ranked name above the first. */
const CANDIDATES = 10;
/** Work between yields to the event loop, so that a bot keeps answering (and showing progress) while a file is screened. */
const SLICE_MS = 25;

const PROGRESS_LABEL = 'screening';

export function levelOf(score: number): MatchLevel {
  return score >= MATCH_THRESHOLD ? 'strong' : score >= SUGGESTION_THRESHOLD ? 'possible' : 'none';
}

const round = (score: number) => Math.round(score * 1000) / 1000;

export function screenRow(catalog: Pick<Catalog, 'search'>, input: ScreeningRow): ScreenedRow {
  if (tokenize(input.name).length === 0) return { input, level: 'none', match: null, why: 'no name in this row' };
  const facts = rowFacts(input.country, input.dateOfBirth);
  const { hits } = catalog.search(input.name, { limit: CANDIDATES, threshold: SUGGESTION_THRESHOLD });
  let best: { hit: SearchHit; reasons: string[] } | null = null;
  for (const hit of hits) {
    const { score, reasons } = weighFacts(hit.score, hit.entity, facts);
    const weighed = { ...hit, score: round(score) };
    if (!best || weighed.score > best.hit.score) best = { hit: weighed, reasons };
  }
  if (!best || levelOf(best.hit.score) === 'none') {
    // A name close enough on its own, lowered by the row's facts: say which, so the lowering can be checked.
    const lowered = best ? [`the closest, ${best.hit.entity.name} (${best.hit.entity.id}), falls to ${best.hit.score.toFixed(2)}`, ...best.reasons] : [];
    return { input, level: 'none', match: null, why: ['no listed name is close enough', ...lowered, ...facts.notes].join('; ') };
  }
  const { hit, reasons } = best;
  const as = hit.matched === hit.entity.name ? '' : ` as "${hit.matched}"`;
  const why = [`name${as}: ${hit.why}`, ...reasons, ...facts.notes].join('; ');
  return { input, level: levelOf(hit.score), match: hit, why };
}

/** Screens every row, in order, telling `onProgress` how far it is as it goes. */
export async function screenRows(catalog: Pick<Catalog, 'search'>, rows: ScreeningRow[], onProgress?: ProgressListener): Promise<Screening> {
  const results: ScreenedRow[] = [];
  onProgress?.(PROGRESS_LABEL, 0, rows.length);
  let sliceStart = performance.now();
  for (const row of rows) {
    results.push(screenRow(catalog, row));
    if (performance.now() - sliceStart >= SLICE_MS) {
      onProgress?.(PROGRESS_LABEL, results.length, rows.length);
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  onProgress?.(PROGRESS_LABEL, rows.length, rows.length);
  return {
    results,
    strong: results.filter((r) => r.level === 'strong').length,
    possible: results.filter((r) => r.level === 'possible').length,
  };
}
