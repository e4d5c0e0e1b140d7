// Names as the press writes them: people shortened to the first given name and surname, behind titles, found when the article says more (namesakes not, nor people whose age the article gives against the listing's birth); an organisation's name without its country only with that country; a name several listed people share, taken for the one the article is about; another izafe (-e- for -i-); a company named after a place the article writes as one; a dateline's agency.
import { beforeAll, describe, expect, it } from 'vitest';
import { parseBundledLists } from '../../src/designations/bundled.ts';
import { mergeListings } from '../../src/designations/listings.ts';
import { findMentions } from '../../src/mentions/find.ts';
import { type MentionIndex, buildMentionIndex } from '../../src/mentions/mention-index.ts';

let index: MentionIndex;

beforeAll(async () => {
  index = buildMentionIndex(mergeListings(await parseBundledLists()));
}, 120_000);

const named = (text: string) => findMentions(index, text).map((m) => `${m.name} = ${text.slice(m.start, m.end)}`);

describe('a person written as the press shortens the name', () => {
  it('is found without a second surname, other given names or patronymic, behind a title of several words', () => {
    expect(named("Venezuela's Vice-President Delcy Rodríguez spoke about the sanctions on the state oil company.")).toContain(
      'RODRIGUEZ GOMEZ, Delcy Eloina = Delcy Rodríguez',
    );
    expect(named("Iran's Supreme Leader Ayatollah Ali Khamenei criticised the new sanctions on Tuesday.")).toContain('KHAMENEI, Ali Husseini = Ali Khamenei');
    expect(named('Attorney General Tarek William Saab said the case in Caracas was closed.')).toContain('SAAB HALABI, Tarek William = Tarek William Saab');
    expect(named('In Managua, Vice-President Rosario Murillo announced the closure of the university.')).toContain(
      'MURILLO DE ORTEGA, Rosario Maria = Rosario Murillo',
    );
  });

  it('is found by a surname on many names of one family, the given name spelled otherwise', () => {
    expect(named('Several cases concern Arkadi Rotenberg, a childhood judo partner of the Russian president, sanctioned in 2014.')).toContain(
      'ROTENBERG, Arkady Romanovich = Arkadi Rotenberg',
    );
  });

  it('is not found with nothing more to go on: no country of theirs, no title, nothing about sanctions', () => {
    expect(named('The bakery prize went to Rosario Murillo, whose croissants won over the jury in Lyon.')).toEqual([]);
  });

  it('is not found when both names are common among listed people (a lawyer Daniel Pérez is not PEREZ ROJAS, Daniel)', () => {
    expect(named('The defence, led by the lawyers Raymond Colón and Daniel Pérez, said the trial in Honduras would begin in July.')).toEqual([]);
  });

  it('is not found when the surname is only alike: another person', () => {
    expect(named('Vladimir Pulin, a Russian official, was sanctioned on Monday.').join()).not.toContain('POLIN');
  });
});

describe("an organisation's name without its country", () => {
  it('is not the listed body of one country when the article names another (Communist Party is not COMMUNIST PARTY OF PERU)', () => {
    expect(named("HANOI (Reuters) - Vietnam's Communist Party tightened state control this year.").join()).not.toContain('SHINING PATH');
  });

  it('is that body with its country written before it', () => {
    expect(named("Myanmar's Ministry of Defence bought the jets, the sanctions notice said.").join()).toContain('MINISTRY OF DEFENSE');
  });
});

describe("a person whose nationality the article gives before the title", () => {
  it("is not a listed person of another country bearing the name (Lebanon's culture minister is not the Syrian a.k.a. SALAMEH, Ghassan)", () => {
    expect(named('Lebanese culture minister Ghassan Salameh said a ceasefire was within reach.')).toEqual([]);
    expect(named('Syrian intelligence chief Ghassan Salameh was seen in Damascus.')).toEqual(['ISMAIL, Ghassan Jaoudat = Ghassan Salameh']);
  });

  it('is not judged by a country named otherwise before the name', () => {
    expect(named('After the U.S. captured President Nicolas Maduro in January, Washington eased sanctions.')).toEqual(['MADURO MOROS, Nicolas = Nicolas Maduro']);
  });
});

describe('a person whose age the article gives', () => {
  const year = new Date().getUTCFullYear();

  it("is a namesake when the age cannot be the listing's date of birth (ZHANG, Wei, born 1977, is no 19-year-old pianist)", () => {
    const text = 'A 19-year-old pianist from the Chinese city of Chengdu, Zhang Wei, won first prize in Leeds on Saturday.';
    expect(named(text).join()).not.toContain('ZHANG, Wei');
    // The same sentence with no age: the name alone is a mention.
    expect(named(text.replace('A 19-year-old pianist', 'A pianist')).join()).toContain('ZHANG, Wei');
  });

  it('is a namesake by an age given just after the name ("Aleksandar Petrov, a 25-year-old IT professional")', () => {
    // MISHKIN, Alexander Yevgeniyevich, born 1979, is a.k.a. PETROV, Alexander.
    const text = (age: number) => `Sanctions on Russia were debated in Sofia. Aleksandar Petrov, a ${age}-year-old IT professional, said he would vote.`;
    expect(named(text(25)).join()).not.toContain('MISHKIN');
    expect(named(text(year - 1979)).join()).toContain('MISHKIN');
  });

  it('is a namesake by an age given after the surname alone, later in the article', () => {
    const text = `Sergei Ivanov, the former Kremlin chief of staff, spoke in Moscow.\n\nIvanov, ${year - 1990}, grew up in Leningrad.`;
    expect(named(text).join()).not.toContain('IVANOV, Sergei Borisovich');
    expect(named(text.replace(`${year - 1990}`, `${year - 1953}`)).join()).toContain('IVANOV, Sergei Borisovich');
  });

  it("is not judged by a surname alone that the article also writes in an unlisted person's name", () => {
    const text =
      "Nicaragua's co-president Rosario Murillo rules alongside her husband, Daniel Ortega. Washington sanctioned their son Laureano Ortega Murillo.\n\nOrtega, 79, has governed since 2007.";
    expect(named(text).join()).toContain('ORTEGA MURILLO, Laureano Facundo');
  });

  it('is judged by a surname alone that stands for the person last named in full with it, another of that surname named later', () => {
    const text = `Coach Sergei Ivanov retired in Red Deer on Friday.\n\nIvanov, ${year - 1962}, played in Moscow. His son, Alex Ivanov, coaches in Calgary.`;
    expect(named(text).join()).not.toContain('IVANOV, Sergei Borisovich');
    expect(named(text.replace(`${year - 1962}`, `${year - 1953}`)).join()).toContain('IVANOV, Sergei Borisovich');
  });
});


describe('a name several listed people share', () => {
  // SAEED, Muhammad (Lashkar-e-Tayyiba's founder) and KHAN, Hafiz Saeed are both listed as "SAEED, Hafiz".
  it('is the one whose listing relates him to what the article names, or whom it names in full elsewhere', () => {
    expect(named('Hafiz Saeed, who founded Lashkar-e-Taiba, was sentenced by a court in Lahore.')).toEqual([
      'SAEED, Muhammad = Hafiz Saeed',
      'LASHKAR E-TAYYIBA = Lashkar-e-Taiba',
    ]);
    expect(named('Hafiz Saeed addressed a rally in Lahore on Friday. Hafiz Muhammad Saeed has been under sanctions since 2008.')).toEqual([
      'SAEED, Muhammad = Hafiz Saeed',
      'SAEED, Muhammad = Hafiz Muhammad Saeed',
    ]);
  });

  it('is the one whose name the span writes whole, not a name that holds those words among others', () => {
    // BIN LADEN, Usama; Hamza bin Usama bin Laden and USAMA BIN LADEN ORGANIZATION hold the same two words.
    expect(named('The Treasury on Tuesday recalled its sanctions on Usama ibn Laden, officials said.')).toEqual([
      'BIN LADIN, Usama bin Muhammad bin Awad = Usama ibn Laden',
    ]);
    // Shortened as the press shortens names, Pedro Sanchez is either listed Pedro Sanchez, or neither.
    expect(named('China and Spain pledged closer ties in a meeting with Prime Minister Pedro Sanchez in Beijing.')).toEqual([]);
  });

  it('is, with nothing else to go by, the one whose own surname is written, not a person a.k.a. so', () => {
    // KHAN, Hafiz Saeed is a.k.a. SAEED, Hafiz; OSETROVA, Maria is a.k.a. ZAKHAROVA, Maria.
    expect(named('Hafiz Saeed was seen at a rally in Lahore on Friday, Pakistani police said.')).toEqual(['SAEED, Muhammad = Hafiz Saeed']);
    expect(named('Russian Foreign Ministry spokeswoman Maria Zakharova said the sanctions would fail.')).toEqual(['ZAKHAROVA, Mariya Vladimirovna = Maria Zakharova']);
  });

  it("stays every bearer's when nothing in the article tells them apart", () => {
    // Two listed people are KIM, Yong Chol.
    expect(named('The Treasury sanctioned Kim Yong Chol on Friday.')).toEqual(['KIM, Yong Chol = Kim Yong Chol', 'KIM, Yong Chol = Kim Yong Chol']);
  });
});

describe('an izafe written otherwise', () => {
  it('is the same name: Lashkar-e-Taiba for LASHKAR-I-TAIBA, Jaish-e-Mohammed for JAISH-I-MOHAMMED', () => {
    expect(named('Lashkar-e-Taiba was banned in Pakistan in 2002.')).toEqual(['LASHKAR E-TAYYIBA = Lashkar-e-Taiba']);
    expect(named('India blames Jaish-e-Mohammed for the attack.')).toEqual(['JAISH-I-MOHAMMED = Jaish-e-Mohammed']);
  });
});

describe('a Russian name as German writes it', () => {
  it('is found in an article, sch read as zh and the given name not sharing its first letter with the list (Jewgeni for YEVGENIY)', () => {
    expect(named('Der Chef der Wagner-Gruppe, Jewgeni Prigoschin, kam bei einem Flugzeugabsturz ums Leben.')).toContain(
      'PRIGOZHIN, Yevgeniy Viktorovich = Jewgeni Prigoschin',
    );
  });

  it('is not found by a German-looking word that reads as no listed name', () => {
    expect(named('Der Journalist Jewgeni Schorin berichtete aus Berlin über das Wetter.').join()).not.toContain('PRIGOZHIN');
  });
});

describe('a name as other languages and house styles write it', () => {
  it('is found with a Korean given name hyphenated, its second syllable in lower case (Kim Jong-un for KIM, Jong Un)', () => {
    expect(named('North Korean leader Kim Jong-un inspected a missile factory, state media said.')).toEqual(['KIM, Jong Un = Kim Jong-un']);
    expect(named('The Treasury sanctioned Ri Pyong-chol, a senior munitions official, on Friday.')).toContain('RI, Pyong Chol = Ri Pyong-chol');
    // The syllables keep their order: Min-sang is not SANG MAN.
    expect(named('Seoul said Kim Min-sang, a vice minister, met the delegation.').join()).not.toContain('KIM, Sang Man');
  });

  it('is found misspelled when no word of it is rare alone, but two of them are rare together (Basharr al-Assad)', () => {
    expect(named('The U.S. Treasury on Tuesday imposed sanctions on Basharr al-Assad, officials said.')).toEqual(['AL-ASSAD, Bashar = Basharr al-Assad']);
  });

  it('is found with the patronymic spelled otherwise, which the list does not need written at all', () => {
    expect(named('Officials said Wladimir Wladimirowitsch Putin spoke by telephone.')).toEqual(['PUTIN, Vladimir Vladimirovich = Wladimir Wladimirowitsch Putin']);
    expect(named('Le président russe Vladimir Vladimirovitch Poutine a parlé mardi.')).toEqual(['PUTIN, Vladimir Vladimirovich = Vladimir Vladimirovitch Poutine']);
  });

  it('is found in Hangul as Korean writes a foreign name, in as many syllables as it takes (블라디미르 푸틴)', () => {
    expect(named('블라디미르 푸틴 러시아 대통령은 화요일에 말했다.')).toEqual(['PUTIN, Vladimir Vladimirovich = 블라디미르 푸틴']);
  });

  it('is found behind a title in German, French or Spanish, as behind an English one', () => {
    expect(named('Die Bilder von Nordkoreas Machthaber Kim Jong Un werden untersucht.')).toEqual(['KIM, Jong Un = Kim Jong Un']);
    expect(named('Der russische Präsident Wladimir Putin hat am Dienstag gesprochen.')).toEqual(['PUTIN, Vladimir Vladimirovich = Wladimir Putin']);
  });
});

describe('a surname alone, with no full name in the article', () => {
  it('is the one listed person bearing it with a title just before it and their country nearby, sanctions or not', () => {
    expect(named('Russian President Putin spoke to reporters on Tuesday.')).toEqual(['PUTIN, Vladimir Vladimirovich = Putin']);
  });
});

describe('a one-word company name the article writes as a place', () => {
  // IZHEVSKY MEKHANICHESKY ZAVOD JSC is listed a.k.a. BAIKAL.
  it('is the place: not where the article writes "Lake Baikal", nor anywhere unless it names the company otherwise', () => {
    expect(named("Scientists studying Lake Baikal say pollution is rising. Baikal holds a fifth of the world's unfrozen fresh water.")).toEqual([]);
    expect(named('Izhevsky Mekhanichesky Zavod, the maker of Baikal shotguns, is under sanctions. Its plant is far from Lake Baikal.')).toEqual([
      'IZHEVSKY MEKHANICHESKY ZAVOD JSC = Izhevsky Mekhanichesky Zavod',
      'IZHEVSKY MEKHANICHESKY ZAVOD JSC = Baikal',
    ]);
  });

  it('is the company where nothing makes it a place', () => {
    expect(named('Baikal, the Russian arms maker sanctioned by the United States, sells shotguns abroad.')).toEqual(['IZHEVSKY MEKHANICHESKY ZAVOD JSC = Baikal']);
  });
});

describe("a dateline's place and agency", () => {
  it('is who wrote the story, not whom it is about', () => {
    const story = (agency: string) => `KINSHASA, June 5 (${agency}) - Congo asked the billionaire Dan Gertler to hand back oil blocks.`;
    expect(named(story('Great Lakes Business'))).toEqual(['GERTLER, Dan = Dan Gertler']);
    expect(named(`${story('Wire')}\n\nThe Great Lakes Business Company, sanctioned in 2005, flew arms to eastern Congo.`)).toContain(
      'GREAT LAKES BUSINESS COMPANY = Great Lakes Business Company',
    );
  });

  it("is where the story was written, not what it is about: the place's name is no listed body's", () => {
    // AMSTERDAM TRADE BANK NV is a.k.a. AMSTERDAM.
    const story = 'AMSTERDAM, April 15 (Reuters) - The Netherlands will spend 248 million euros on drones for Ukraine.';
    expect(named(story).join()).not.toContain('AMSTERDAM TRADE BANK');
  });

  it('is read on the line a mention is on: a second story in one text has its own dateline', () => {
    const text = `Markets were calm on Monday.\r\nKINSHASA, June 5 (Great Lakes Business) - Congo asked Dan Gertler to hand back oil blocks.`;
    expect(named(text)).toEqual(['GERTLER, Dan = Dan Gertler']);
    expect(named(`${text}\nGreat Lakes Business, sanctioned in 2005, flew arms to eastern Congo.`).join()).toContain('GREAT LAKES BUSINESS COMPANY');
  });
});
