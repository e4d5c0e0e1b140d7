// Countries named in article text, by name or adjective ("Cuba", "Cuban", "kubanische"), as token spans.
//
// A name made of ordinary words (MINISTRY OF INTERIOR) is a mention only with its country nearby,
// and a country written just before such a name that is not the entity's ("China's People's
// Liberation Army") says another body is meant.
import { countryCandidates } from '../designations/countries.ts';
import { tokenize } from '../designations/normalize.ts';
import { type Lexicon, CAP, UPPER, tokenId } from './lexicon.ts';
import type { TextTokens } from './text-tokens.ts';

/**
 * Adjectives of the countries news names most, in English, with the stems German (`de:`),
 * Spanish (`es:`) and French (`fr:`) inflect: `de:russisch` stands for russisch, russische,
 * russischen, russischer, russisches.
 */
const ADJECTIVES: [string, string][] = [
  ['AF', 'afghan afghani de:afghanisch es:afgan fr:afghan'],
  ['BY', 'belarusian belarussian de:belarussisch es:bielorrus fr:bielorusse'],
  ['CD', 'congolese de:kongolesisch es:congoles fr:congolais'],
  ['CF', 'centrafrican'],
  ['CL', 'chilean de:chilenisch es:chilen fr:chilien'],
  ['CN', 'chinese de:chinesisch es:chin fr:chinois'],
  ['CO', 'colombian de:kolumbianisch es:colombian fr:colombien'],
  ['CU', 'cuban de:kubanisch es:cuban fr:cubain'],
  ['DE', 'german de:deutsch es:alem fr:allemand'],
  ['EG', 'egyptian de:agyptisch es:egipci fr:egyptien'],
  ['ER', 'eritrean'],
  ['ET', 'ethiopian'],
  ['FR', 'french de:franzosisch es:frances fr:francais'],
  ['GB', 'british de:britisch es:britanic fr:britannique'],
  ['HK', 'hongkonger'],
  ['IL', 'israeli de:israelisch es:israel fr:israelien'],
  ['IN', 'indian de:indisch es:indi fr:indien'],
  ['IQ', 'iraqi de:irakisch es:iraqu fr:irakien'],
  ['IR', 'iranian persian de:iranisch es:iran fr:iranien'],
  ['JP', 'japanese de:japanisch es:japones fr:japonais'],
  ['KP', 'north_korean de:nordkoreanisch es:norcorean fr:nord-coreen'],
  ['KR', 'south_korean de:sudkoreanisch es:surcorean fr:sud-coreen'],
  ['KP KR', 'korean de:koreanisch es:corean fr:coreen'],
  ['LB', 'lebanese de:libanesisch es:liban fr:libanais'],
  ['LY', 'libyan de:libysch es:libi fr:libyen'],
  ['ML', 'malian'],
  ['MM', 'burmese myanmarese de:myanmarisch es:birman fr:birman'],
  ['MX', 'mexican de:mexikanisch es:mexican fr:mexicain'],
  ['NI', 'nicaraguan de:nicaraguanisch es:nicaraguens fr:nicaraguayen'],
  ['NG', 'nigerian'],
  ['PE', 'peruvian de:peruanisch es:peruan fr:peruvien'],
  ['PK', 'pakistani de:pakistanisch es:paquistan fr:pakistanais'],
  ['PS', 'palestinian de:palastinensisch es:palestin fr:palestinien'],
  ['RU', 'russian de:russisch es:rus fr:russe'],
  ['SA', 'saudi de:saudisch es:saud fr:saoudien'],
  ['SD', 'sudanese'],
  ['SO', 'somali somalian de:somalisch es:somal fr:somalien'],
  ['SS', 'south_sudanese'],
  ['SY', 'syrian de:syrisch es:siri fr:syrien'],
  ['TR', 'turkish de:turkisch es:turc fr:turc'],
  ['UA', 'ukrainian de:ukrainisch es:ucranian fr:ukrainien'],
  ['US', 'american de:amerikanisch es:estadounidens fr:americain'],
  ['VE', 'venezuelan de:venezolanisch es:venezolan fr:venezuelien'],
  ['YE', 'yemeni de:jemenitisch es:yemen fr:yemenite'],
  ['ZW', 'zimbabwean'],
];

const ENDINGS: Record<string, string[]> = {
  de: ['', 'e', 'en', 'er', 'es', 'em'],
  es: ['o', 'a', 'os', 'as', 'e', 'es'],
  fr: ['', 'e', 's', 'es', 'ne', 'nes'],
};

function adjectiveForms(spec: string): string[] {
  return spec.split(' ').flatMap((word) => {
    const [lang, stem] = word.includes(':') ? (word.split(':') as [string, string]) : ['en', word];
    const base = stem.replace(/_/g, ' ');
    return (ENDINGS[lang] ?? ['', 's']).map((ending) => base + ending);
  });
}

interface CountryPhrase {
  tokens: number[];
  codes: string[];
  /** Country names are proper nouns; adjectives are lower-case in Spanish, French and German. */
  capitalised: boolean;
  /** Short names (US, UK, UAE) count only in capitals, or `us` would be a country. */
  upper: boolean;
}

export interface CountryMatcher {
  byFirst: Map<number, CountryPhrase[]>;
}

/** Country names and adjectives as token sequences of the lexicon; returns the token texts to fix. */
export function buildCountryMatcher(lex: Lexicon): CountryMatcher {
  const byFirst = new Map<number, CountryPhrase[]>();
  const add = (text: string, codes: string[], capitalised: boolean) => {
    const tokens = tokenize(text).map((t) => tokenId(lex, t.text));
    if (tokens.length === 0) return;
    const upper = text.replace(/[^A-Za-z]/g, '').length <= 3;
    const list = byFirst.get(tokens[0]!) ?? [];
    if (list.some((p) => p.tokens.join() === tokens.join())) return;
    list.push({ tokens, codes, capitalised, upper });
    byFirst.set(tokens[0]!, list);
  };
  for (const c of countryCandidates()) for (const name of c.names) if (!name.includes(',')) add(name, [c.code], true);
  for (const [codes, spec] of ADJECTIVES) for (const form of adjectiveForms(spec)) add(form, codes.split(' '), false);
  return { byFirst };
}

export interface CountryMention {
  from: number;
  to: number;
  codes: string[];
  /** Written as an adjective (Lebanese, russische), not as the country's name. */
  adjective: boolean;
}

function phraseAt(matcher: CountryMatcher, tokens: TextTokens, i: number): CountryPhrase | null {
  const phrases = matcher.byFirst.get(tokens.id[i]!);
  if (!phrases) return null;
  let best: CountryPhrase | null = null;
  for (const p of phrases) {
    if (p.upper ? !(tokens.flags[i]! & UPPER) : p.capitalised && !(tokens.flags[i]! & CAP)) continue;
    if (i + p.tokens.length > tokens.count || (best && best.tokens.length >= p.tokens.length)) continue;
    if (p.tokens.every((t, k) => tokens.id[i + k] === t || tokens.alt[i + k] === t)) best = p;
  }
  return best;
}

/** Every country named in the tokens, longest phrase first where they overlap; `starts` tells a phrase's first word. */
export function findCountries(matcher: CountryMatcher, tokens: TextTokens, starts: (id: number) => boolean): CountryMention[] {
  const out: CountryMention[] = [];
  for (let i = 0; i < tokens.count; i++) {
    if (!starts(tokens.id[i]!)) continue;
    const p = phraseAt(matcher, tokens, i);
    if (!p) continue;
    out.push({ from: i, to: i + p.tokens.length, codes: p.codes, adjective: !p.capitalised });
    i += p.tokens.length - 1;
  }
  return out;
}

/** Countries a listed name itself names (`LEBANESE HIZBALLAH`, `COMMUNIST PARTY OF PERU`). */
export function countriesInName(matcher: CountryMatcher, ids: ArrayLike<number>): string[] {
  const codes = new Set<string>();
  for (let i = 0; i < ids.length; i++) {
    for (const p of matcher.byFirst.get(ids[i]!) ?? []) {
      if (i + p.tokens.length <= ids.length && p.tokens.every((t, k) => ids[i + k] === t)) p.codes.forEach((c) => codes.add(c));
    }
  }
  return [...codes];
}
