// What the benchmarks measure against: the bundled lists, and entities generated in their image, the same every run.
import type { Entity } from '../src/designations/model.ts';

export /** A small seeded generator, so every run measures the same names and queries. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'ri', 'mo', 'sha', 'ten', 'vol', 'ba', 'zu', 'lin', 'dor', 'ni', 'gra', 'pe', 'hu', 'sto'];

export /** A word on no list: two to four syllables, upper case. */
function inventWord(random: () => number): string {
  let w = '';
  const n = 2 + Math.floor(random() * 3);
  for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
  return w.toUpperCase();
}

export /** A million entities shaped like the real ones: their words recombined, persons as `SURNAME, Given`. */
function generateEntities(real: Entity[], count: number, random: () => number): Entity[] {
  const words = real.flatMap((e) => e.name.replace(/[,.]/g, ' ').split(/\s+/)).filter((w) => w.length > 1);
  const pick = () => words[Math.floor(random() * words.length)]!;
  const invent = () => inventWord(random);
  const out: Entity[] = [];
  for (let i = 0; i < count; i++) {
    const person = random() < 0.5;
    const name = person
      ? `${random() < 0.5 ? invent() : pick()}, ${pick()} ${random() < 0.5 ? pick() : ''}`.trim()
      : `${pick()} ${random() < 0.6 ? invent() : pick()} ${random() < 0.5 ? 'LLC' : 'CO., LTD.'}`;
    const aliases = random() < 0.3 ? [{ name: `${invent()} ${pick()}`, kind: 'aka' as const, strength: 'strong' as const }] : [];
    out.push({
      id: `gen-${i}`,
      type: person ? 'person' : 'organization',
      name,
      aliases,
      countries: [],
      programs: [],
      lists: [],
      designated: null,
      remarks: null,
      identifiers: [],
      addresses: [],
      related: [],
      sourceUrl: null,
    });
  }
  return out;
}
