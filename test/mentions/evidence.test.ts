// Namesakes real news is full of, against the lists the bot ships.
import { beforeAll, describe, expect, it } from 'vitest';
import { parseBundledLists } from '../../src/designations/bundled.ts';
import { findMentions } from '../../src/mentions/find.ts';
import { type MentionIndex, buildMentionIndex } from '../../src/mentions/mention-index.ts';

let index: MentionIndex;

beforeAll(async () => {
  index = buildMentionIndex(await parseBundledLists());
});

const found = (text: string) => [...new Set(findMentions(index, text).map((m) => m.name))].sort();

describe('people as news names them', () => {
  it('finds given names first, middle names cut to an initial, other spellings, surnames alone later', () => {
    expect(found('President Vladimir V. Putin spoke.')).toEqual(['PUTIN, Vladimir Vladimirovich']);
    expect(found('Der russische Präsident Wladimir Putin sagte am Montag, Putins Regierung ...')).toEqual(['PUTIN, Vladimir Vladimirovich']);
    expect(found('Russia’s support for Syria’s Bashar al-Assad continued.')).toEqual(['AL-ASSAD, Bashar']);
    expect(found('El ministro ruso de Exteriores, Serguei Lavrov, dijo el lunes ...')).toEqual(['LAVROV, Sergei Viktorovich']);
    const later = findMentions(index, 'Dmitry Medvedev spoke first. Then Medvedev left.');
    expect(later.map((m) => m.matched)).toEqual(['Dmitry Medvedev', 'Medvedev']);
  });

  it('takes Kim Jong Un for himself, and Kim alone only once he is named', () => {
    expect(found('Kim said nothing.')).toEqual([]);
    expect(findMentions(index, 'Kim Jong Un spoke. Kim smiled.').map((m) => m.matched)).toEqual(['Kim Jong Un', 'Kim']);
  });
});

describe('evidence rules against namesakes', () => {
  it('does not alert on an ordinary lower-case word that is a listed alias', () => {
    // DIO is an alias of DEFENSE INDUSTRIES ORGANIZATION; "dio" is Spanish for "gave".
    expect(found('El presidente le dio la mano y se dio cuenta de todo.')).toEqual([]);
    // THE BASE is an alias of AL QA'IDA.
    expect(found('The convoy drove back to the base before nightfall.')).toEqual([]);
  });

  it('does not alert on OFAC weak aliases standing alone', () => {
    const weak = index.names.nameText.filter((_, n) => index.names.nameRank[n] === 2);
    expect(weak).toContain('SAID');
    expect(found('A spokesman said on Monday that Said would travel.')).toEqual([]);
  });

  it('takes an acronym only in capitals, as a word of its own, better with its country', () => {
    expect(found('Herzliche Grüße aus Berlin, schrieb er.')).toEqual([]);
    expect(found('Russia’s GRU military intelligence service ran the operation.')).toEqual(['MAIN INTELLIGENCE DIRECTORATE']);
  });

  it('needs a ship word and the ship’s country for a vessel named after a word', () => {
    expect(found('Olympia 2022: Zweiter Coronafall im deutschen Team.')).toEqual([]);
    const vessel = index.names.entities.find((e) => e.name === 'OLYMPIA')!;
    expect(vessel.type).toBe('vessel');
    expect(vessel.countries).toContain('RU');
    expect(found('The Russian tanker Olympia was seen off Malta.')).toEqual(['OLYMPIA']);
  });

  it('needs the country for a name made of ordinary and state words', () => {
    const cuban = index.names.entities.find((e) => e.name === 'MINISTRY OF INTERIOR')!;
    expect(cuban.countries).toContain('CU');
    expect(found('El proyecto separa el control público del Ministerio del Interior, dijo el gobierno chileno.')).toEqual([]);
    expect(found('El Ministerio del Interior de Cuba anunció nuevas medidas.')).toEqual(['MINISTRY OF INTERIOR']);
  });

  it('takes a name qualified by another country for that country’s namesake', () => {
    // PEOPLE'S LIBERATION ARMY is an alias of SHINING PATH, in Peru.
    expect(found('It does not matter if a kid or the PLA [China’s People’s Liberation Army] does it.')).toEqual([]);
  });

  it('does not take a longer name for a listed shorter one', () => {
    // MOHAMMAD, Baz is an alias of a listed person; Khan Mohammad Baz is somebody else.
    expect(found('“There was no money,” says Khan Mohammad Baz, the head of the exchange.')).toEqual([]);
  });

  it('still finds distinctive names written as names', () => {
    expect(found('Hamas and the Taliban were mentioned, as was Boko Haram.')).toEqual(['BOKO HARAM', 'HAMAS', 'TALIBAN']);
    expect(found('Islamic State fighters retreated.')).toEqual(['ISLAMIC STATE OF IRAQ AND THE LEVANT']);
    expect(found('Venezuela’s state oil company PDVSA said exports rose.')).toEqual(['PETROLEOS DE VENEZUELA, S.A.']);
    expect(found('Hezbollah said on Monday it would respond.')).toEqual(['HIZBALLAH']);
  });

  it('takes a word of many names of few entities for a name of its own', () => {
    // QAIDA is on some thirty listed names, nearly all aliases of a handful of groups.
    expect(found('Ermittler sagen, Al Qaida stecke hinter dem Anschlag.')).toEqual(["AL QA'IDA"]);
  });

  it('does not take a person’s one-word name when the article writes it within a longer name', () => {
    expect(found('Matiullah Khan runs a transport company in Kandahar. Matiullah said business was good.')).toEqual([]);
    expect(found('The Taliban governor Matiullah spoke in Kandahar, Afghanistan.')).toEqual(['MATIULLAH', 'TALIBAN']);
  });

  it('takes a name in lower case only with the entity named otherwise', () => {
    // THIRD FLOOR is an alias of North Korea's OFFICE 39.
    expect(found('Fire broke out on the third floor of the hospital.')).toEqual([]);
  });

  it('takes a name several entities share for those whose country is named nearest', () => {
    expect(found('In Tunisia, the government banned Ansar al-Sharia in 2013.')).toEqual(["ANSAR AL-SHARI'A IN TUNISIA"]);
    const libyan = found('Ansar al-Sharia fighters clashed with the army in Benghazi, Libya, on Friday.');
    expect(libyan).toContain("ANSAR AL-SHARI'A IN BENGHAZI");
    expect(libyan).not.toContain("ANSAR AL-SHARI'A IN TUNISIA");
    expect(libyan).not.toContain("AL-QA'IDA IN THE ARABIAN PENINSULA");
  });

  it('skips a whole country name before a one-word name spelled otherwise, wherever the run of capitals starts', () => {
    // Hizbollah is a near-spelling of HIZBALLAH; ARABIA is no country's first word.
    expect(found('Saudi Arabia’s Hizbollah problem grew.')).toEqual(['HIZBALLAH']);
    // A headline's run of capitals is cut after six words, here inside "Saudi Arabia's".
    expect(found('Why Western Officials Now Fear Saudi Arabia’s Hizbollah, in Five Charts')).toEqual(['HIZBALLAH']);
  });

  it('takes a short company name with its legal form written for the company, not an acronym', () => {
    expect(found('Britain sanctioned the cybercrime group Evil Corp.')).toEqual(['EVIL CORP']);
  });

  it('takes a weak alias that is the initials of another of the entity’s names as an acronym, with its country', () => {
    // FSB is OFAC's weak a.k.a. of FEDERAL SECURITY SERVICE, the initials of FEDERALNAYA SLUZHBA BEZOPASNOSTI.
    expect(found('Russia’s FSB security service ran the operation.')).toEqual(['FEDERAL SECURITY SERVICE']);
    expect(found('The FSB said nothing.')).toEqual([]);
  });

  it('takes a weak alias a search of the span finds only with its country nearby', () => {
    // MUHAMMAD YUNUS is a weak alias of an Indonesian, not Bangladesh's interim leader.
    expect(found('Muhammad Yunus, the Nobel laureate, leads Bangladesh’s interim government.')).toEqual([]);
  });

  it('reads a superyacht as a ship', () => {
    expect(found('Viktor Vekselberg, whose superyacht Tango was seized in Spain, appealed.')).toContain('TANGO');
  });

  it('settles a name a script without vowels leaves open by the entity the article names, and takes no common word for a name', () => {
    // بشار is Bashar and Bushra alike; the caption's الرئيس ("the president") sounds like LAROSA.
    const caption = 'A caption read "الرئيس بشار الأسد يحضر حفل تخريج".';
    expect(found(`President Bashar al-Assad attended a graduation in Homs. ${caption}`)).toEqual(['AL-ASSAD, Bashar']);
    expect(found(caption)).toEqual([]);
  });

  it('tells sibling companies apart by the legal forms the article writes, in the plural too', () => {
    expect(found('Western governments targeted Myanmar Economic Holdings Ltd, a military conglomerate.')).toEqual([
      'MYANMA ECONOMIC HOLDINGS PUBLIC COMPANY LIMITED',
    ]);
    expect(found('Western governments targeted Myanmar Economic Corporation, a military conglomerate.')).toEqual([
      'MYANMAR ECONOMIC CORPORATION LIMITED',
    ]);
    expect(found('SenseTime Group Ltd said it would appeal.')).toEqual(['SENSETIME GROUP LIMITED']);
  });

  it('takes an organisation’s distinctive word alone, with its country or sanctions said of it', () => {
    // STATE CORPORATION ROSTEC; BELARUSKALI OAO.
    expect(found('Russia’s state defence conglomerate Rostec said output had doubled.')).toEqual(['STATE CORPORATION ROSTEC']);
    expect(found('Belaruskali, one of the biggest potash miners, was sanctioned in 2021.')).toEqual(['BELARUSKALI OAO']);
    expect(found('Rostec said output had doubled.')).toEqual([]);
  });

  it('takes a state body named with its country before it for the one listed with "of <country>"', () => {
    // MINISTRY OF DEFENSE OF BURMA; many countries' ministries of defence are listed or not.
    expect(found('Myanmar’s Ministry of Defence bought jet fuel.')).toEqual(['MINISTRY OF DEFENSE OF BURMA']);
    expect(found('Britain’s Ministry of Defence said the drills were routine.')).toEqual([]);
    expect(found('The Ministry of Defence said the drills were routine.')).toEqual([]);
  });

  it('takes a company’s short name with its listed legal form a word or two after it', () => {
    // WAGNER GROUP is an alias of PRIVATE MILITARY COMPANY 'WAGNER'; Wagner alone is a common surname.
    expect(found('Investigators traced recruits for the Wagner mercenary group in France.')).toEqual(["PRIVATE MILITARY COMPANY 'WAGNER'"]);
    expect(found('Investigators traced recruits for Wagner in France.')).toEqual([]);
  });

  it('reads a person’s name around a nickname in quotes, the nickname telling namesakes apart', () => {
    // GUZMAN, Joaquin Chapo is an alias of GUZMAN LOERA, Joaquin; his son GUZMAN LOPEZ, Joaquin is listed too.
    expect(found('The faction is led by the sons of jailed kingpin Joaquin "El Chapo" Guzman.')).toEqual(['GUZMAN LOERA, Joaquin']);
    expect(found('The faction is led by the sons of jailed kingpin Joaquin “El Chapo” Guzman.')).toEqual(['GUZMAN LOERA, Joaquin']);
  });

  it('takes a rare surname alone with a place the list gives for the person, where no country is named', () => {
    // TUNIYAZ, Erken: address Xinjiang, born in Aksu, Xinjiang, China.
    const text = (place: string) => `Chairman Tuniyaz said workers moved from southern ${place} did so freely. The United States sanctioned him in 2021.`;
    expect(found(text('Xinjiang'))).toEqual(['TUNIYAZ, Erken']);
    expect(found(text('Guangdong'))).toEqual([]);
  });
});
