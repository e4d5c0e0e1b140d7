// The real lists the mention tests use, as the bot's importers parse them.
import { fileURLToPath } from 'node:url';
import type { Entity } from '../../src/designations/model.ts';
import { parseOfacList } from '../../src/designations/ofac-csv.ts';

const data = (f: string) => fileURLToPath(new URL(`../../data/${f}`, import.meta.url));

/** OFAC's SDN list of 10 Dec 2021 (the day of the action the fixture articles report) and the consolidated list (SENSETIME GROUP LIMITED). */
export async function listsOfDecember2021(): Promise<Entity[]> {
  const sdn = await parseOfacList([data('ofac-sdn-history/sdn-2021-12-10/sdn.csv')], 'sdn');
  const cons = await parseOfacList([data('ofac-cons/cons_prim.csv'), data('ofac-cons/cons_add.csv')], 'cons');
  return [...sdn, ...cons];
}

export const article = (name: string) => fileURLToPath(new URL(`../fixtures/articles/${name}`, import.meta.url));
