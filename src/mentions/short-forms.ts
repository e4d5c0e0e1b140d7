// Later mentions of an organisation by a short form, once the article has named it: its acronym ("RAB") or "the battalion".
//
// Press writes "the Rapid Action Battalion (RAB)" once, then "RAB" or "the battalion". An acronym
// is the initials of a listed name's words (particles and legal forms left out), written in
// capitals; "the <word>" takes the last word of the name when it says what kind of body it is
// (battalion, ministry, studio ...). Both count only after the full name, and only when no other
// organisation the article named answers to them; each is linked to that full mention.
import type { Article } from './article.ts';
import type { Found, MentionLink } from './find.ts';
import { CAP, UPPER, tokenText } from './lexicon.ts';
import { INSTITUTION, KIND_WORDS, MIN_ACRONYM, acronymWords, classOf, entityNames, initialsOf } from './mention-index.ts';
import { HARD_GAP } from './text-tokens.ts';

/** An organisation found by a name of its own: from which token on its short forms count, and how sure. */
export interface NamedOrganization {
  entity: number;
  after: number;
  confidence: number;
  link: Found | MentionLink;
}

export interface ShortFormFind {
  from: number;
  to: number;
  entity: number;
  name: number;
  confidence: number;
  link: Found | MentionLink;
}

const ACRONYM_CONFIDENCE = 0.8;
const KIND_CONFIDENCE = 0.65;

interface Form {
  /** Token text the article must write: the acronym in lower case, or the kind word. */
  text: string;
  acronym: boolean;
  org: NamedOrganization;
  name: number;
}

/** Short-form mentions of the organisations named; `covered` marks tokens already inside a mention. */
export function shortFormFinds(a: Article, orgs: NamedOrganization[], covered: Uint8Array): ShortFormFind[] {
  if (orgs.length === 0) return [];
  const { tokens, index } = a;
  const forms = new Map<string, Form[]>();
  for (const org of orgs) {
    for (const form of formsOf(a, org)) {
      const list = forms.get(form.text) ?? [];
      if (!list.some((f) => f.org.entity === org.entity)) list.push(form);
      forms.set(form.text, list);
    }
  }
  const out: ShortFormFind[] = [];
  for (let i = 0; i < tokens.count; i++) {
    if (covered[i]) continue;
    const list = forms.get(tokenText(index.lexicon, tokens.id[i]!));
    // A form two named organisations answer to names neither.
    if (!list || list.length !== 1) continue;
    const form = list[0]!;
    if (i < form.org.after) continue;
    const f = tokens.flags[i]!;
    if (form.acronym) {
      if (!(f & UPPER)) continue;
      out.push({ from: i, to: i + 1, entity: form.org.entity, name: form.name, confidence: Math.min(ACRONYM_CONFIDENCE, form.org.confidence - 0.1), link: form.org.link });
    } else if (i > 0 && !(f & HARD_GAP) && !covered[i - 1] && tokenText(index.lexicon, tokens.id[i - 1]!) === 'the') {
      // Not "the Battalion Commander ...": the words run on into another name.
      if (i + 1 < tokens.count && !(tokens.flags[i + 1]! & HARD_GAP) && tokens.flags[i + 1]! & CAP) continue;
      out.push({ from: i - 1, to: i + 1, entity: form.org.entity, name: form.name, confidence: Math.min(KIND_CONFIDENCE, form.org.confidence - 0.15), link: form.org.link });
    }
  }
  return out;
}

/** The acronyms and the kind word of an organisation's names (weak aliases left out). */
function formsOf(a: Article, org: NamedOrganization): Form[] {
  const { names } = a.index;
  const range = entityNames(a.index, org.entity);
  const out: Form[] = [];
  for (let n = range.from; n < range.to; n++) {
    if (names.nameRank[n] === 2) continue;
    const words = acronymWords(a.index, n);
    if (words.length >= MIN_ACRONYM) out.push({ text: initialsOf(a.index, words), acronym: true, org, name: n });
    const last = words[words.length - 1];
    if (words.length >= 2 && last !== undefined) {
      const text = names.tokenText[last]!;
      if (classOf(a.index, last) & INSTITUTION || KIND_WORDS.has(text)) out.push({ text, acronym: false, org, name: n });
    }
  }
  return out;
}
