import { describe, expect, it } from 'vitest';
import { ofacDate, parseRemarks, splitRemarks } from '../../src/designations/ofac-remarks.ts';

// Remarks are real OFAC clauses from data/ and test/fixtures/ (ent_num in the test name), some shortened or
// combined; the made-up ones say so.

describe('splitRemarks', () => {
  it('splits on ";" and drops the final full stop', () => {
    expect(splitRemarks('DOB 1962; POB Shati.')).toEqual(['DOB 1962', 'POB Shati']);
  });

  it("keeps quoted aliases whole, apostrophes in names included (ent_num 3754, 21040, 18047)", () => {
    expect(splitRemarks("SSN 523-33-8386 (United States); a.k.a. 'ABU-'UMAR'.")).toEqual([
      'SSN 523-33-8386 (United States)',
      "a.k.a. 'ABU-'UMAR'",
    ]);
    expect(splitRemarks("V.A.T. Number 9111000450; a.k.a. 'SUE RC 'KMP''.")).toEqual([
      'V.A.T. Number 9111000450',
      "a.k.a. 'SUE RC 'KMP''",
    ]);
    expect(splitRemarks("a.k.a. 'Abu Hazza''; a.k.a. ''Umar al-Afghani'; a.k.a. 'Abu Sa'd'; Linked To: AL-NUSRAH FRONT.")).toEqual([
      "a.k.a. 'Abu Hazza''",
      "a.k.a. ''Umar al-Afghani'",
      "a.k.a. 'Abu Sa'd'",
      'Linked To: AL-NUSRAH FRONT',
    ]);
  });

  it('does not split at a ";" inside a quoted alias (made up: rare in the lists)', () => {
    expect(splitRemarks("a.k.a. 'ONE; TWO'; Gender Male.")).toEqual(["a.k.a. 'ONE; TWO'", 'Gender Male']);
  });
});

describe('parseRemarks', () => {
  it('reads a person: dates and place of birth, nationality, gender, documents, links (LU, Hezheng, 34024, with a Linked To added)', () => {
    const facts = parseRemarks(
      'DOB 06 Apr 1974; POB Shanghai, China; nationality China; Gender Male; National ID No. 31010619740406283X (China); Linked To: SEK STUDIO.',
    );
    expect(facts.identifiers).toEqual([
      { type: 'DOB', value: '06 Apr 1974' },
      { type: 'POB', value: 'Shanghai, China', country: 'CN' },
      { type: 'Gender', value: 'Male' },
      { type: 'National ID No.', value: '31010619740406283X', country: 'CN' },
    ]);
    expect(facts.countries).toEqual(['CN', 'CN']);
    expect(facts.linkedTo).toEqual(['SEK STUDIO']);
    expect(facts.aliases).toEqual([]);
  });

  it('reads passports with their dates cut off, and alt. clauses (AHMED, Benazir, 33952)', () => {
    const facts = parseRemarks(
      'DOB 01 Oct 1963; POB Gopalganj, Bangladesh; nationality Bangladesh; Gender Male; Passport B00002095 (Bangladesh) issued 04 Mar 2020 expires 03 Mar 2030; alt. Passport 6067015 (Comoros); Linked To: RAPID ACTION BATTALION.',
    );
    expect(facts.identifiers.filter((i) => i.type === 'Passport')).toEqual([
      { type: 'Passport', value: 'B00002095', country: 'BD' },
      { type: 'Passport', value: '6067015', country: 'KM' },
    ]);
    expect(facts.linkedTo).toEqual(['RAPID ACTION BATTALION']);
  });

  it("takes quoted a.k.a. names as OFAC's weak aliases (GHAILANI, 6925)", () => {
    const facts = parseRemarks(
      "POB Zanzibar, Tanzania; citizen Tanzania; a.k.a. 'AHMED, A.'; a.k.a. 'KHABAR, Abu'; a.k.a. ''FOOPIE''; a.k.a. ''AHMED THE TANZANIAN''.",
    );
    expect(facts.aliases).toEqual([
      { name: 'AHMED, A.', kind: 'aka', strength: 'weak' },
      { name: 'KHABAR, Abu', kind: 'aka', strength: 'weak' },
      { name: 'FOOPIE', kind: 'aka', strength: 'weak' },
      { name: 'AHMED THE TANZANIAN', kind: 'aka', strength: 'weak' },
    ]);
    expect(facts.countries).toEqual(['TZ', 'TZ']);
  });

  it('keeps f.k.a. as a former name and drops an alias cut off at the field limit (LAZARUS GROUP, 27307)', () => {
    expect(parseRemarks("f.k.a. 'ZOMEX'.").aliases).toEqual([{ name: 'ZOMEX', kind: 'fka', strength: 'weak' }]);
    const cut = parseRemarks("Secondary sanctions risk: North Korea Sanctions Regulations; a.k.a. 'GUARDIANS OF PEACE'; a.k.a. 'WHOIS HACKIN");
    expect(cut.aliases.map((a) => a.name)).toEqual(['GUARDIANS OF PEACE']);
  });

  it('reads the CMIC listing date as the designation date (SENSETIME GROUP LIMITED, 33114)', () => {
    const facts = parseRemarks(
      'Effective Date (CMIC) 08 Feb 2022; Purchase/Sales For Divestment Date (CMIC) 10 Dec 2022; Listing Date (CMIC) 10 Dec 2021; C.R. No. 2162198 (Hong Kong).',
    );
    expect(facts.listingDate).toBe('2021-12-10');
    expect(facts.identifiers).toEqual([{ type: 'C.R. No.', value: '2162198', country: 'HK' }]);
  });

  it('takes the earliest of several listing dates, directive ones included', () => {
    const facts = parseRemarks('Listing Date (EO 14024 Directive 2): 24 Feb 2022; Listing Date (CMIC) 03 Jun 2021.');
    expect(facts.listingDate).toBe('2021-06-03');
  });

  it('reads vessels: IMO, MMSI, nationality of registration, former flags', () => {
    const facts = parseRemarks(
      'Nationality of Registration Korea, North; Vessel Registration Identification IMO 8916293; MMSI 445114000; Former Vessel Flag Malta; Identification Number IMO 5342883.',
    );
    expect(facts.countries).toEqual(['KP']);
    expect(facts.identifiers).toEqual([
      { type: 'IMO', value: '8916293' },
      { type: 'MMSI', value: '445114000' },
      { type: 'Former Vessel Flag', value: 'Malta' },
      { type: 'IMO', value: '5342883' },
    ]);
  });

  it('reads websites, e-mail, digital currency addresses and labels it does not list when a country ends them (the last clause made up)', () => {
    const facts = parseRemarks(
      "Website www.topfashion-online.de; Email Address 417136259@qq.com; Digital Currency Address - XBT 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h; Registration Number HRA 738077 (Stuttgart) (Germany); Seafarer's Register Code 4711 (Ukraine).",
    );
    expect(facts.identifiers).toEqual([
      { type: 'Website', value: 'www.topfashion-online.de' },
      { type: 'Email Address', value: '417136259@qq.com' },
      { type: 'Digital Currency Address - XBT', value: '12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h' },
      { type: 'Registration Number', value: 'HRA 738077 (Stuttgart)', country: 'DE' },
      { type: "Seafarer's Register Code", value: '4711', country: 'UA' },
    ]);
  });

  it('ignores what it does not understand, and empty remarks', () => {
    const facts = parseRemarks('Target Type State-Owned Enterprise; Member of the State Duma of the Federal Assembly of the Russian Federation.');
    expect(facts).toEqual({ identifiers: [], countries: [], aliases: [], linkedTo: [], listingDate: null });
    expect(parseRemarks(null).identifiers).toEqual([]);
    expect(parseRemarks('').aliases).toEqual([]);
  });

  it("resolves the country of a place of birth from its last part, and not from a place it doesn't know", () => {
    expect(parseRemarks('POB Culiacan, Sinaloa, Mexico').countries).toEqual(['MX']);
    expect(parseRemarks('POB Umm Tuba').countries).toEqual([]);
    expect(parseRemarks('nationality Region: Gaza').countries).toEqual(['PS']);
  });
});

describe('ofacDate', () => {
  it('reads day-month-year dates only', () => {
    expect(ofacDate('10 Dec 2021')).toBe('2021-12-10');
    expect(ofacDate('3 Jun 2021')).toBe('2021-06-03');
    expect(ofacDate('Aug 1953')).toBeNull();
    expect(ofacDate('circa 1951')).toBeNull();
    expect(ofacDate('10 Foo 2021')).toBeNull();
  });
});
