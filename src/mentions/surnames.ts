// Later mentions of a person by surname alone ("Zakir has defended ..."), once the article has named them in full.
//
// A surname alone is a mention only after the full name appeared earlier in the same article,
// and only when no other person the article named shares it (Kim Jong Un and Kim Yo Jong).
import { type Article, nameRunsOn } from './article.ts';
import { CAP, LOWER } from './lexicon.ts';
import { COMMON, FUNCTION, INSTITUTION, classOf, entityNames } from './mention-index.ts';

/** A person found by full name: from which token on their surname alone counts, and how sure. */
export interface NamedPerson {
  entity: number;
  after: number;
  confidence: number;
}

export interface SurnameFind {
  from: number;
  to: number;
  entity: number;
  /** The listed name the surname comes from. */
  name: number;
  confidence: number;
}

interface Surname {
  ids: number[];
  entity: number;
  name: number;
  after: number;
  confidence: number;
}

/** Surname-alone mentions of the given persons; `covered` marks tokens already inside a mention. */
export function surnameFinds(a: Article, persons: NamedPerson[], covered: Uint8Array): SurnameFind[] {
  if (persons.length === 0) return [];
  const { index, tokens } = a;
  const { names } = index;
  const byFirst = new Map<number, Surname[]>();
  const owners = new Map<string, Set<number>>();
  for (const person of persons) {
    const range = entityNames(index, person.entity);
    for (let n = range.from; n < range.to; n++) {
      if (names.nameRank[n] === 2) continue;
      const ids: number[] = [];
      for (let k = names.nameStart[n]!; k < names.nameStart[n + 1]! && names.nameSurname[k] === 1; k++) ids.push(names.nameTokens[k]!);
      if (ids.length === 0 || ids.every((id) => classOf(index, id) & (FUNCTION | COMMON | INSTITUTION))) continue;
      if (ids.map((id) => names.tokenText[id]!).join('').length < 2) continue;
      const key = ids.join();
      const set = owners.get(key) ?? new Set();
      set.add(person.entity);
      owners.set(key, set);
      const list = byFirst.get(ids[0]!) ?? [];
      list.push({ ids, entity: person.entity, name: n, after: person.after, confidence: Math.min(0.8, person.confidence - 0.1) });
      byFirst.set(ids[0]!, list);
    }
  }
  const out: SurnameFind[] = [];
  for (let i = 0; i < tokens.count; i++) {
    if (covered[i]) continue;
    const list = byFirst.get(tokens.id[i]!) ?? (tokens.alt[i]! >= 0 ? byFirst.get(tokens.alt[i]!) : undefined);
    if (!list) continue;
    for (const s of list) {
      const to = i + s.ids.length;
      if (i < s.after || to > tokens.count || owners.get(s.ids.join())!.size > 1) continue;
      let ok = true;
      for (let k = 0; k < s.ids.length && ok; k++) {
        const f = tokens.flags[i + k]!;
        ok = (tokens.id[i + k] === s.ids[k] || tokens.alt[i + k] === s.ids[k]) && (f & CAP) !== 0 && !(f & LOWER) && !covered[i + k];
      }
      if (!ok || nameRunsOn(a, i, to, true)) continue;
      out.push({ from: i, to, entity: s.entity, name: s.name, confidence: s.confidence });
      break;
    }
  }
  return out;
}

