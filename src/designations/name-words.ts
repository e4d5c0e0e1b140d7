// Words in names that say little about who is meant: legal forms, titles, particles.
//
// They count, weakly, when present on both sides, and their absence costs little: users drop
// "Co., Ltd." and add "President" freely. Lists are in normalised (lower-case ASCII) form.

const LEGAL_FORMS = `co company companies ltd limited llc llp lp plc inc incorporated corp corporation
  group holding holdings sa sarl sas ag gmbh kg bv nv ab as asa oy oyj spa srl sl sociedad
  anonima jsc ojsc cjsc pjsc pao oao zao ooo tov pat at jv fze fzco fzc fz est establishment
  pte pvt private public joint stock bhd sdn tbk cv liability partnership limitada ltda sirketi
  obshchestvo obschestvo ogranichennoy ogranichennoi otvetstvennostyu aktsionernoe zakrytoe otkrytoe
  publichnoe tovarystvo`;

const TITLES = `mr mrs ms miss dr prof sir lord lady sheikh shaykh sheik haji hajji hajj mullah maulana
  maulvi imam sayyid sayed general gen colonel col major lieutenant lt captain capt admiral
  president presidente presidenta praesident prasident prezydent prezident predsjednik
  predsednik presedintele presidentti presiden prezidan rais elnok minister premier chairman
  commander marshal brigadier senator deputy governor king queen prince princess emir amir`;

const PARTICLES = `the of and for de del della der den di da do dos das du la le les el al van von
  bin ibn bint ben ould y e i et und`;

const set = (words: string) => new Set(words.split(/\s+/).filter(Boolean));
const legalForms = set(LEGAL_FORMS);
const titles = set(TITLES);
const particles = set(PARTICLES);

// Patronymics and Turkic "son of" endings: often left out when a person is named in the news.
const PATRONYMIC = /^[a-z]{3,}(ovich|evich|ovitch|evitch|ovic|evic|ovna|evna|ogly|oglu|ugli|uly|kyzy)$/;

export type WordRole = 'name' | 'legal' | 'title' | 'particle' | 'patronymic';

export function wordRole(token: string): WordRole {
  if (particles.has(token)) return 'particle';
  if (PATRONYMIC.test(token)) return 'patronymic';
  if (legalForms.has(token)) return 'legal';
  if (titles.has(token)) return 'title';
  return 'name';
}

/** How much a token of this role weighs against a distinctive name token (1). */
export const ROLE_WEIGHT: Record<WordRole, number> = { name: 1, patronymic: 0.4, legal: 0.15, title: 0.1, particle: 0.1 };
