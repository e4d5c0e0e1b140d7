// How a row's country and date of birth move a name match's score: agreeing with the listing raises it, contradicting it lowers it.
import { countryCode } from '../designations/countries.ts';
import type { Entity } from '../designations/model.ts';
import { type BirthDate, compareBirthDates, listedBirthDates, parseBirthDate } from './birth-date.ts';

/** What the row says besides the name, read once per row. */
export interface RowFacts {
  /** ISO alpha-2, or null when the row gives none or one not understood (then `notes` says so). */
  country: string | null;
  birth: BirthDate | null;
  /** Why a fact the row gives is not used. */
  notes: string[];
}

export function rowFacts(country: string, dateOfBirth: string): RowFacts {
  const notes: string[] = [];
  const code = country ? countryCode(country) : null;
  if (country && !code) notes.push(`country "${country}" not recognised, not used`);
  const birth = dateOfBirth ? parseBirthDate(dateOfBirth) : null;
  if (dateOfBirth && !birth) notes.push(`date of birth "${dateOfBirth}" not understood, not used`);
  return { country: code, birth, notes };
}

// A raise closes part of the gap to 1; a lowering keeps a share of the score. A different date of
// birth is the stronger sign of a different person: an exact name with one is no longer a strong match.
const SAME_COUNTRY_RAISE = 0.25;
const OTHER_COUNTRY_KEEP = 0.8;
const SAME_DAY_RAISE = 0.6;
const SAME_YEAR_RAISE = 0.4;
const OTHER_BIRTH_KEEP = 0.55;

const raise = (score: number, share: number) => score + (1 - score) * share;

const describe = (b: BirthDate) => b.date ?? (b.from === b.to ? String(b.from) : `${b.from}-${b.to}`);

/** The score with the row's country and date of birth weighed in, and each step said in words. */
export function weighFacts(score: number, entity: Entity, facts: RowFacts): { score: number; reasons: string[] } {
  const reasons: string[] = [];
  if (facts.country && entity.countries.length) {
    if (entity.countries.includes(facts.country)) {
      score = raise(score, SAME_COUNTRY_RAISE);
      reasons.push(`country ${facts.country} is the listing's: raises`);
    } else {
      score *= OTHER_COUNTRY_KEEP;
      reasons.push(`country ${facts.country} is not the listing's (${entity.countries.join(', ')}): lowers`);
    }
  }
  const listed = facts.birth ? listedBirthDates(entity) : [];
  if (facts.birth && listed.length) {
    const agreement = compareBirthDates(facts.birth, listed);
    const given = `born ${describe(facts.birth)}`;
    if (agreement === 'same day') score = raise(score, SAME_DAY_RAISE);
    else if (agreement === 'same year') score = raise(score, SAME_YEAR_RAISE);
    else score *= OTHER_BIRTH_KEEP;
    const effect = agreement === 'differs' ? 'lowers' : 'raises';
    reasons.push(`${given}, listed ${listed.map(describe).join(' or ')} (${agreement}): ${effect}`);
  } else if (facts.birth && entity.type !== 'person') {
    // Only a person is born: a row with a date of birth is not this vessel, aircraft or organisation.
    score *= OTHER_BIRTH_KEEP;
    reasons.push(`born ${describe(facts.birth)}, but the listing is ${entity.type === 'organization' ? 'an organization' : `a ${entity.type}`}: lowers`);
  } else if (facts.birth) {
    reasons.push('no date of birth on the list to compare');
  }
  return { score, reasons };
}
