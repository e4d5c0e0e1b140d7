// The ways news writes a listed name: given names first, middle names dropped or cut to an initial, legal forms left out.
//
// Lists write people `SURNAME, Given Names` (`PUTIN, Vladimir Vladimirovich`); news writes
// `Vladimir Putin`, `Vladimir V. Putin`, `Bashar Assad` for `AL-ASSAD, Bashar`, and for a
// two-part Spanish surname often only the first part (`Osiris Luna` for `LUNA MEZA, Osiris`).
// Companies lose their legal forms (`SenseTime Group` for `SENSETIME GROUP LIMITED`).
import type { Entity } from '../designations/model.ts';
import { wordRole } from '../designations/name-words.ts';

/** How a pattern was derived from the listed name; lower is closer to the list. */
export const LISTED = 0;
export const GIVEN_FIRST = 1; // Shohrat Zakir
export const FIRST_INITIAL_SURNAME = 2; // Vladimir V. Putin
export const FIRST_SURNAME = 3; // Vladimir Putin
export const NO_PARTICLE = 4; // Bashar Assad
export const CORE = 5; // SenseTime Group, SenseTime
export const FIRST_SURNAME_PART = 6; // Osiris Luna
export const NO_COUNTRY = 7; // Communist Party, for COMMUNIST PARTY OF PERU (see `withoutCountry` in mention-index.ts)

export interface NameVariant {
  tokens: number[];
  variant: number;
}

// Legal-form words the name index does not weigh as such but that never name a company on their own.
const MORE_LEGAL = new Set(['open', 'closed', 'liability', 'unitary', 'incorporated', 'limitada', 'ltda']);

// Countries whose people's given names are syllables written apart.
const SYLLABIC_NAMES = new Set(['CN', 'HK', 'MO', 'TW', 'KP', 'KR', 'VN', 'SG']);

const isLegal = (text: string) => wordRole(text) === 'legal' || MORE_LEGAL.has(text);
const isParticle = (text: string) => wordRole(text) === 'particle';

/**
 * The variants of one listed name other than the name as listed. `ids` and `texts` are its tokens;
 * `surname` how many of them come before the comma of a person's `SURNAME, Given` form; `idOf`
 * gives the id of a token text (an initial).
 */
export function nameVariants(
  ids: number[],
  texts: string[],
  surname: number,
  entity: Pick<Entity, 'type' | 'countries'>,
  idOf: (text: string) => number,
): NameVariant[] {
  const type = entity.type;
  const out: NameVariant[] = [];
  const add = (tokens: number[], variant: number) => {
    if (tokens.length > 0 && !(tokens.length === ids.length && tokens.every((t, i) => t === ids[i]))) out.push({ tokens, variant });
  };
  if (type === 'person' && surname > 0 && surname < ids.length) {
    const last = ids.slice(0, surname);
    const given = ids.slice(surname);
    const givenText = texts.slice(surname);
    add([...given, ...last], GIVEN_FIRST);
    // A one-letter given name is an initial: it cannot lead a name on its own.
    const firstUsable = givenText[0]!.length > 1 && wordRole(givenText[0]!) !== 'patronymic';
    // Chinese, Korean and Vietnamese given names are written as syllables (KIM, Jong Un; LI, Cheng
    // Yu): the syllables are one name, never cut to the first.
    const syllables = surname === 1 && entity.countries.some((c) => SYLLABIC_NAMES.has(c));
    if (firstUsable && given.length > 1 && !syllables) {
      add([given[0]!, ...last], FIRST_SURNAME);
      const second = givenText[1]!;
      if (second.length > 1 && !isParticle(second)) add([given[0]!, idOf(second[0]!), ...last], FIRST_INITIAL_SURNAME);
    }
    if (firstUsable && surname > 1 && isParticle(texts[0]!) && !isParticle(texts[1]!)) {
      add([given[0]!, ...last.slice(1)], NO_PARTICLE);
    }
    if (firstUsable && surname === 2 && !isParticle(texts[0]!) && !isParticle(texts[1]!)) {
      add([given[0]!, last[0]!], FIRST_SURNAME_PART);
    }
  } else if (type === 'organization') {
    let from = 0;
    let to = ids.length;
    while (from < to && isLegal(texts[from]!)) from++;
    // Trailing legal forms, and what `S.A.`, `S.A. DE C.V.` leave: single letters and a dangling
    // `de` (not digits: NEW HOLDING 1 and NEW HOLDING 2 are two companies).
    const trailing = (t: string) => isLegal(t) || /^[a-z]$/.test(t) || isParticle(t);
    const cuts: number[] = [];
    while (to > from && trailing(texts[to - 1]!)) {
      to--;
      if (isLegal(texts[to]!)) cuts.push(to);
    }
    if (to > from) {
      add(ids.slice(from, to), CORE);
      for (const cut of cuts) if (cut > to) add(ids.slice(from, cut), CORE);
      if (from > 0) add(ids.slice(from), CORE);
    }
  }
  return out;
}
