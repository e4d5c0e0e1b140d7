// Country names (ISO 3166 names, OFAC's spellings, what users type) to ISO 3166 alpha-2 codes and back.

import anyAscii from 'any-ascii';
import { cleanText, lookalikeReading } from './normalize.ts';

/** Code, display name, then other names: OFAC's spellings ("Korea, North"), official and everyday names. */
const COUNTRIES: readonly (readonly [string, string, ...string[]])[] = [
  ['AD', 'Andorra'],
  ['AE', 'United Arab Emirates', 'UAE', 'U.A.E.', 'Emirates', 'Dubai', 'Abu Dhabi', 'Sharjah'],
  ['AF', 'Afghanistan'],
  ['AG', 'Antigua and Barbuda', 'Antigua'],
  ['AI', 'Anguilla'],
  ['AL', 'Albania'],
  ['AM', 'Armenia'],
  ['AO', 'Angola'],
  ['AQ', 'Antarctica'],
  ['AR', 'Argentina'],
  ['AS', 'American Samoa'],
  ['AT', 'Austria'],
  ['AU', 'Australia'],
  ['AW', 'Aruba'],
  ['AX', 'Åland Islands', 'Aland'],
  ['AZ', 'Azerbaijan'],
  ['BA', 'Bosnia and Herzegovina', 'Bosnia', 'Bosnia-Herzegovina', 'BiH'],
  ['BB', 'Barbados'],
  ['BD', 'Bangladesh'],
  ['BE', 'Belgium'],
  ['BF', 'Burkina Faso'],
  ['BG', 'Bulgaria'],
  ['BH', 'Bahrain'],
  ['BI', 'Burundi'],
  ['BJ', 'Benin'],
  ['BL', 'Saint Barthélemy', 'Saint Barthelemy', 'St Barts'],
  ['BM', 'Bermuda'],
  ['BN', 'Brunei', 'Brunei Darussalam'],
  ['BO', 'Bolivia', 'Plurinational State of Bolivia'],
  ['BQ', 'Caribbean Netherlands', 'Bonaire, Sint Eustatius and Saba', 'Bonaire'],
  ['BR', 'Brazil'],
  ['BS', 'Bahamas', 'Bahamas, The', 'The Bahamas'],
  ['BT', 'Bhutan'],
  ['BV', 'Bouvet Island'],
  ['BW', 'Botswana'],
  ['BY', 'Belarus', 'Byelorussia', 'Belorussia'],
  ['BZ', 'Belize'],
  ['CA', 'Canada'],
  ['CC', 'Cocos (Keeling) Islands', 'Cocos Islands'],
  ['CD', 'Democratic Republic of the Congo', 'Congo, Democratic Republic of the', 'DR Congo', 'DRC', 'Congo-Kinshasa', 'Congo (Kinshasa)', 'Zaire'],
  ['CF', 'Central African Republic', 'CAR'],
  ['CG', 'Republic of the Congo', 'Congo, Republic of the', 'Congo', 'Congo-Brazzaville', 'Congo (Brazzaville)'],
  ['CH', 'Switzerland'],
  ['CI', "Côte d'Ivoire", 'Cote d Ivoire', 'Ivory Coast'],
  ['CK', 'Cook Islands'],
  ['CL', 'Chile'],
  ['CM', 'Cameroon'],
  ['CN', 'China', "People's Republic of China", 'PRC', 'Mainland China'],
  ['CO', 'Colombia'],
  ['CR', 'Costa Rica'],
  ['CU', 'Cuba'],
  ['CV', 'Cabo Verde', 'Cape Verde'],
  ['CW', 'Curaçao', 'Curacao'],
  ['CX', 'Christmas Island'],
  ['CY', 'Cyprus'],
  ['CZ', 'Czechia', 'Czech Republic'],
  ['DE', 'Germany', 'Deutschland'],
  ['DJ', 'Djibouti'],
  ['DK', 'Denmark'],
  ['DM', 'Dominica'],
  ['DO', 'Dominican Republic'],
  ['DZ', 'Algeria'],
  ['EC', 'Ecuador'],
  ['EE', 'Estonia'],
  ['EG', 'Egypt'],
  ['EH', 'Western Sahara'],
  ['ER', 'Eritrea'],
  ['ES', 'Spain'],
  ['ET', 'Ethiopia'],
  ['FI', 'Finland'],
  ['FJ', 'Fiji'],
  ['FK', 'Falkland Islands', 'Falklands'],
  ['FM', 'Micronesia', 'Micronesia, Federated States of', 'Federated States of Micronesia'],
  ['FO', 'Faroe Islands', 'Faroes'],
  ['FR', 'France'],
  ['GA', 'Gabon'],
  ['GB', 'United Kingdom', 'UK', 'U.K.', 'Great Britain', 'Britain', 'England', 'Scotland', 'Wales', 'Northern Ireland', 'United Kingdom of Great Britain and Northern Ireland'],
  ['GD', 'Grenada'],
  ['GE', 'Georgia'],
  ['GF', 'French Guiana'],
  ['GG', 'Guernsey'],
  ['GH', 'Ghana'],
  ['GI', 'Gibraltar'],
  ['GL', 'Greenland'],
  ['GM', 'Gambia', 'The Gambia', 'Gambia, The'],
  ['GN', 'Guinea'],
  ['GP', 'Guadeloupe'],
  ['GQ', 'Equatorial Guinea'],
  ['GR', 'Greece'],
  ['GS', 'South Georgia and the South Sandwich Islands', 'South Georgia'],
  ['GT', 'Guatemala'],
  ['GU', 'Guam'],
  ['GW', 'Guinea-Bissau'],
  ['GY', 'Guyana'],
  ['HK', 'Hong Kong', 'Hong Kong SAR', 'Hong Kong, China'],
  ['HM', 'Heard Island and McDonald Islands'],
  ['HN', 'Honduras'],
  ['HR', 'Croatia'],
  ['HT', 'Haiti'],
  ['HU', 'Hungary'],
  ['ID', 'Indonesia'],
  ['IE', 'Ireland', 'Republic of Ireland', 'Eire'],
  ['IL', 'Israel'],
  ['IM', 'Isle of Man', 'Man, Isle of'],
  ['IN', 'India'],
  ['IO', 'British Indian Ocean Territory'],
  ['IQ', 'Iraq'],
  ['IR', 'Iran', 'Islamic Republic of Iran', 'Persia'],
  ['IS', 'Iceland'],
  ['IT', 'Italy'],
  ['JE', 'Jersey'],
  ['JM', 'Jamaica'],
  ['JO', 'Jordan'],
  ['JP', 'Japan'],
  ['KE', 'Kenya'],
  ['KG', 'Kyrgyzstan', 'Kyrgyz Republic', 'Kirghizia'],
  ['KH', 'Cambodia'],
  ['KI', 'Kiribati'],
  ['KM', 'Comoros'],
  ['KN', 'Saint Kitts and Nevis', 'St Kitts'],
  ['KP', 'North Korea', 'Korea, North', 'DPRK', 'D.P.R.K.', "Democratic People's Republic of Korea", "Korea, Democratic People's Republic of", "Korea (Democratic People's Republic of)"],
  ['KR', 'South Korea', 'Korea, South', 'Republic of Korea', 'ROK', 'Korea, Republic of'],
  ['KW', 'Kuwait'],
  ['KY', 'Cayman Islands', 'Caymans'],
  ['KZ', 'Kazakhstan'],
  ['LA', 'Laos', "Lao People's Democratic Republic", 'Lao PDR'],
  ['LB', 'Lebanon'],
  ['LC', 'Saint Lucia'],
  ['LI', 'Liechtenstein'],
  ['LK', 'Sri Lanka', 'Ceylon'],
  ['LR', 'Liberia'],
  ['LS', 'Lesotho'],
  ['LT', 'Lithuania'],
  ['LU', 'Luxembourg'],
  ['LV', 'Latvia'],
  ['LY', 'Libya'],
  ['MA', 'Morocco'],
  ['MC', 'Monaco'],
  ['MD', 'Moldova', 'Republic of Moldova', 'Moldova, Republic of'],
  ['ME', 'Montenegro'],
  ['MF', 'Saint Martin', 'Saint Martin (French part)'],
  ['MG', 'Madagascar'],
  ['MH', 'Marshall Islands'],
  ['MK', 'North Macedonia', 'North Macedonia, The Republic of', 'Republic of North Macedonia', 'Macedonia', 'Macedonia, The Former Yugoslav Republic of', 'FYROM'],
  ['ML', 'Mali', 'Northern Mali'],
  ['MM', 'Myanmar (Burma)', 'Burma', 'Myanmar'],
  ['MN', 'Mongolia'],
  ['MO', 'Macau', 'Macao', 'Macau SAR'],
  ['MP', 'Northern Mariana Islands'],
  ['MQ', 'Martinique'],
  ['MR', 'Mauritania'],
  ['MS', 'Montserrat'],
  ['MT', 'Malta'],
  ['MU', 'Mauritius'],
  ['MV', 'Maldives'],
  ['MW', 'Malawi'],
  ['MX', 'Mexico'],
  ['MY', 'Malaysia'],
  ['MZ', 'Mozambique'],
  ['NA', 'Namibia'],
  ['NC', 'New Caledonia'],
  ['NE', 'Niger'],
  ['NF', 'Norfolk Island'],
  ['NG', 'Nigeria'],
  ['NI', 'Nicaragua'],
  ['NL', 'Netherlands', 'The Netherlands', 'Holland'],
  ['NO', 'Norway'],
  ['NP', 'Nepal'],
  ['NR', 'Nauru'],
  ['NU', 'Niue'],
  ['NZ', 'New Zealand'],
  ['OM', 'Oman'],
  ['PA', 'Panama'],
  ['PE', 'Peru'],
  ['PF', 'French Polynesia'],
  ['PG', 'Papua New Guinea'],
  ['PH', 'Philippines', 'The Philippines'],
  ['PK', 'Pakistan'],
  ['PL', 'Poland'],
  ['PM', 'Saint Pierre and Miquelon'],
  ['PN', 'Pitcairn Islands', 'Pitcairn'],
  ['PR', 'Puerto Rico'],
  ['PS', 'Palestine', 'Palestinian', 'Palestinian Territories', 'Palestinian Authority', 'State of Palestine', 'West Bank', 'Gaza', 'Gaza Strip', 'North Gaza', 'Northern Gaza', 'West Bank and Gaza'],
  ['PT', 'Portugal'],
  ['PW', 'Palau'],
  ['PY', 'Paraguay'],
  ['QA', 'Qatar'],
  ['RE', 'Réunion', 'Reunion'],
  ['RO', 'Romania'],
  ['RS', 'Serbia'],
  ['RU', 'Russia', 'Russian Federation'],
  ['RW', 'Rwanda'],
  ['SA', 'Saudi Arabia', 'KSA'],
  ['SB', 'Solomon Islands'],
  ['SC', 'Seychelles'],
  ['SD', 'Sudan', 'Darfur'],
  ['SE', 'Sweden'],
  ['SG', 'Singapore'],
  ['SH', 'Saint Helena', 'Saint Helena, Ascension and Tristan da Cunha'],
  ['SI', 'Slovenia'],
  ['SJ', 'Svalbard and Jan Mayen', 'Svalbard'],
  ['SK', 'Slovakia', 'Slovak Republic'],
  ['SL', 'Sierra Leone'],
  ['SM', 'San Marino'],
  ['SN', 'Senegal'],
  ['SO', 'Somalia'],
  ['SR', 'Suriname', 'Surinam'],
  ['SS', 'South Sudan'],
  ['ST', 'São Tomé and Príncipe', 'Sao Tome and Principe'],
  ['SV', 'El Salvador'],
  ['SX', 'Sint Maarten', 'Sint Maarten (Dutch part)'],
  ['SY', 'Syria', 'Syrian Arab Republic'],
  ['SZ', 'Eswatini', 'Swaziland'],
  ['TC', 'Turks and Caicos Islands', 'Turks and Caicos'],
  ['TD', 'Chad'],
  ['TF', 'French Southern Territories'],
  ['TG', 'Togo'],
  ['TH', 'Thailand'],
  ['TJ', 'Tajikistan'],
  ['TK', 'Tokelau'],
  ['TL', 'Timor-Leste', 'East Timor'],
  ['TM', 'Turkmenistan'],
  ['TN', 'Tunisia'],
  ['TO', 'Tonga'],
  ['TR', 'Turkey', 'Türkiye', 'Turkiye', 'Republic of Turkey'],
  ['TT', 'Trinidad and Tobago', 'Trinidad'],
  ['TV', 'Tuvalu'],
  ['TW', 'Taiwan', 'Republic of China', 'Chinese Taipei', 'Taiwan, Province of China'],
  ['TZ', 'Tanzania', 'United Republic of Tanzania', 'Tanzania, United Republic of'],
  ['UA', 'Ukraine', 'Crimea', 'Autonomous Republic of Crimea', 'Sevastopol', 'Donetsk', 'Luhansk'],
  ['UG', 'Uganda'],
  ['UM', 'United States Minor Outlying Islands'],
  ['US', 'United States', 'USA', 'U.S.A.', 'U.S.', 'US', 'United States of America', 'America'],
  ['UY', 'Uruguay'],
  ['UZ', 'Uzbekistan'],
  ['VA', 'Vatican City', 'Holy See', 'Vatican'],
  ['VC', 'Saint Vincent and the Grenadines', 'Saint Vincent'],
  ['VE', 'Venezuela', 'Bolivarian Republic of Venezuela'],
  ['VG', 'British Virgin Islands', 'Virgin Islands, British', 'BVI'],
  ['VI', 'U.S. Virgin Islands', 'Virgin Islands, U.S.', 'US Virgin Islands', 'United States Virgin Islands'],
  ['VN', 'Vietnam', 'Viet Nam'],
  ['VU', 'Vanuatu'],
  ['WF', 'Wallis and Futuna'],
  ['WS', 'Samoa'],
  ['XK', 'Kosovo'],
  ['YE', 'Yemen'],
  ['YT', 'Mayotte'],
  ['ZA', 'South Africa'],
  ['ZM', 'Zambia'],
  ['ZW', 'Zimbabwe'],
];

/** A lookup key: ASCII, lower case, "&" as "and", "St." as "saint", punctuation dropped, no leading "the". */
function key(name: string): string {
  return anyAscii(name)
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['`.]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^st /, 'saint ')
    .replace(/ st /g, ' saint ')
    .replace(/^the /, '');
}

const byKey = new Map<string, string>();
const displayName = new Map<string, string>();
for (const [code, display, ...others] of COUNTRIES) {
  displayName.set(code, display);
  for (const name of [display, ...others]) byKey.set(key(name), code);
}

/** True for an ISO 3166 alpha-2 code this module knows (upper or lower case), Kosovo's XK included. */
export function isCountryCode(code: string): boolean {
  return displayName.has(code.toUpperCase());
}

/**
 * The code of a country written as a name, never as a bare code: what the parsers use, because list
 * text is full of short tokens ("(i)", "IN", "TO") that must not turn into countries.
 */
export function countryCodeFromName(name: string): string | null {
  const k = key(name.replace(/^\s*Region:\s*/i, ''));
  if (!k) return null;
  const direct = byKey.get(k);
  if (direct) return direct;
  // OFAC writes "Congo, Democratic Republic of the", "Man, Isle of": try the parts the other way round.
  const comma = name.indexOf(',');
  if (comma > 0) {
    const swapped = byKey.get(key(`${name.slice(comma + 1)} ${name.slice(0, comma)}`));
    if (swapped) return swapped;
  }
  const unprefixed = k.replace(/^(republic of (the )?|kingdom of (the )?|state of )/, '');
  return unprefixed !== k ? (byKey.get(unprefixed) ?? null) : null;
}

/**
 * The code of a country given as a name, an everyday name ("UK", "DPRK") or an alpha-2 code, as a user
 * types or pastes it: invisible characters ignored, Cyrillic or Greek look-alikes (`Сuba`) read as Latin.
 */
export function countryCode(name: string): string | null {
  const trimmed = cleanText(name).trim();
  if (/^[A-Za-z]{2}$/.test(trimmed) && isCountryCode(trimmed)) return trimmed.toUpperCase();
  return countryCodeFromName(trimmed) ?? countryCodeFromName(lookalikeReading(trimmed));
}

/** The display name of an alpha-2 code, or null for an unknown code. */
export function countryName(code: string): string | null {
  return displayName.get(code.toUpperCase()) ?? null;
}

export interface CountryCandidate {
  code: string;
  name: string;
  /** Every name the country is known by here, the display name first. */
  names: string[];
}

/** Every country with all its names, for suggesting close names to a user who typed an unknown one. */
export function countryCandidates(): CountryCandidate[] {
  return COUNTRIES.map(([code, name, ...others]) => ({ code, name, names: [name, ...others] }));
}

/** OFAC program codes whose name does not say the country, or says it in a way the names above miss. */
const PROGRAM_COUNTRIES: Record<string, string[]> = {
  '561-RELATED': ['IR'], // Part 561 is the Iranian Financial Sanctions Regulations
  'BPI-RUSSIA-EO14024': ['RU'],
  'CAATSA - IRAN': ['IR'],
  'CAATSA - RUSSIA': ['RU'],
  CAR: ['CF'],
  DARFUR: ['SD'],
  DRCONGO: ['CD'],
  'FSE-IR': ['IR'],
  'FSE-SY': ['SY'],
  'HK-EO13936': ['CN', 'HK'],
  'HRIT-IR': ['IR'],
  'HRIT-SY': ['SY'],
  IFCA: ['IR'], // Iran Freedom and Counter-Proliferation Act
  IFSR: ['IR'], // Iranian Financial Sanctions Regulations
  IRGC: ['IR'],
  ISA: ['IR'], // Iran Sanctions Act
  'NS-ISA': ['IR'],
  JADE: ['MM'], // the Burma JADE Act
  COTED: ['CI'],
  'NS-PLC': ['PS'],
  PAARSSR: ['SY'], // Promoting Accountability for Assad and Regional Stabilization, Syria's program since 2025
  PEESA: ['RU'], // Nord Stream pipeline sanctions
  'PEESA-EO14039': ['RU'],
  'RUSSIA-EO14065': ['RU', 'UA'], // the so-called DNR and LNR regions of Ukraine
  SSIDES: ['RU'], // Ukraine Freedom Support Act, aimed at Russian persons
  UHRPA: ['CN'], // Uyghur Human Rights Policy Act
  'UKRAINE-EO13660': ['UA'],
  'UKRAINE-EO13661': ['RU'],
  'UKRAINE-EO13662': ['RU'], // sectoral sanctions on the Russian economy
  'UKRAINE-EO13685': ['UA'], // Crimea
  'WEST-BANK-EO14115': ['PS'],
  // Programs named after a region or a theme, not one country.
  BALKANS: [],
  'BALKANS-EO14033': [],
  'CMIC-EO13959': [],
};

/** Country programs are named after the country ("SYRIA-EO13894", "SOUTH SUDAN", "IRAN-HR", "DPRK4"). */
const PROGRAM_PREFIX = /^(.+?)(?:\d+)?(?:-(?:EO)?\d+.*|-[A-Z]+.*)?$/;

/** Countries an OFAC program code implies (DPRK3 -> KP, IRGC -> IR); none for thematic programs (SDGT, GLOMAG). */
export function programCountries(program: string): string[] {
  const code = program.trim().replace(/^\[|\]$/g, '').trim().toUpperCase();
  const prefix = PROGRAM_PREFIX.exec(code)?.[1] ?? code;
  const known = PROGRAM_COUNTRIES[code] ?? PROGRAM_COUNTRIES[prefix];
  if (known) return [...known];
  if (prefix.length < 4) return [];
  const country = prefix === 'DPRK' ? 'KP' : countryCodeFromName(prefix);
  return country ? [country] : [];
}
