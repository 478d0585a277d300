/**
 * Country and territory names as the TIP Report uses them, with aliases and demonyms, so that a
 * heading, a sentence and a data table from another year all resolve to one canonical name.
 *
 * Canonical names follow the 2015 edition's headings (the era of the fixtures and data tables):
 * "Burma", "Cote d'Ivoire", "Korea, South", "The Gambia", "Swaziland", "Macedonia". Later renamings
 * (Eswatini, North Macedonia, Czechia, Türkiye) are aliases, so the same country matches across years.
 */

/**
 * One row per country: `Canonical | aliases; … | demonyms; …`. Ambiguous demonyms ("Korean",
 * "Congolese") are deliberately absent: a wrong guess is worse than none when inferring a country.
 */
const TABLE = `
Afghanistan | Islamic Republic of Afghanistan | Afghan; Afghani
Albania | | Albanian
Algeria | | Algerian
Andorra | | Andorran
Angola | | Angolan
Antigua and Barbuda | Antigua | Antiguan; Barbudan
Argentina | | Argentine; Argentinian
Armenia | | Armenian
Aruba | | Aruban
Australia | | Australian
Austria | | Austrian
Azerbaijan | | Azerbaijani; Azeri
The Bahamas | Bahamas; Bahamas, The; Commonwealth of The Bahamas | Bahamian
Bahrain | | Bahraini
Bangladesh | | Bangladeshi
Barbados | | Barbadian; Bajan
Belarus | Byelorussia; Republic of Belarus | Belarusian; Belarusan; Byelorussian
Belgium | | Belgian
Belize | | Belizean
Benin | | Beninese
Bhutan | | Bhutanese
Bolivia | Bolivia, Plurinational State of; Plurinational State of Bolivia | Bolivian
Bosnia and Herzegovina | Bosnia-Herzegovina; Bosnia; BiH | Bosnian; Herzegovinian
Botswana | | Motswana; Batswana; Botswanan
Brazil | | Brazilian
Brunei | Brunei Darussalam | Bruneian
Bulgaria | | Bulgarian
Burkina Faso | Burkina | Burkinabe; Burkinabè
Burma | Myanmar; Burma (Myanmar); Myanmar (Burma); Republic of the Union of Myanmar; Union of Burma | Burmese
Burundi | | Burundian
Cabo Verde | Cape Verde | Cabo Verdean; Cape Verdean
Cambodia | Kampuchea | Cambodian
Cameroon | | Cameroonian
Canada | | Canadian
Central African Republic | CAR | Central African
Chad | | Chadian
Chile | | Chilean
China | People's Republic of China; PRC; China (PRC); Mainland China | Chinese
Colombia | | Colombian
Comoros | Union of the Comoros; The Comoros | Comoran; Comorian
Congo, Democratic Republic of the | Democratic Republic of the Congo; DRC; DR Congo; D.R. Congo; Congo, Democratic Rep. of; Congo (Kinshasa); Congo-Kinshasa; Zaire; Congo, DemRep (Zaire) |
Congo, Republic of the | Republic of the Congo; Republic of Congo; Congo; Congo (Brazzaville); Congo-Brazzaville; Congo (Brazzaville; Rep) |
Costa Rica | | Costa Rican
Cote d'Ivoire | Côte d'Ivoire; Ivory Coast; Republic of Cote d'Ivoire | Ivoirian; Ivorian
Croatia | | Croatian
Cuba | | Cuban
Curaçao | Curacao | Curaçaoan; Curacaoan
Cyprus | | Cypriot
Czech Republic | Czechia; Czech Rep | Czech
Denmark | | Danish; Dane
Djibouti | | Djiboutian
Dominica | Commonwealth of Dominica |
Dominican Republic | | Dominican
Ecuador | | Ecuadorian; Ecuadoran
Egypt | Arab Republic of Egypt | Egyptian
El Salvador | | Salvadoran; Salvadorean
Equatorial Guinea | Eq. Guinea | Equatorial Guinean; Equatoguinean
Eritrea | | Eritrean
Estonia | | Estonian
Ethiopia | | Ethiopian
Fiji | | Fijian
Finland | | Finnish; Finn
France | | French
Gabon | | Gabonese
The Gambia | Gambia; Gambia, The | Gambian
Georgia | | Georgian
Germany | | German
Ghana | | Ghanaian
Greece | | Greek
Grenada | | Grenadian
Guatemala | | Guatemalan
Guinea | | Guinean
Guinea-Bissau | | Bissau-Guinean
Guyana | | Guyanese
Haiti | | Haitian
Holy See | Vatican; Vatican City |
Honduras | | Honduran
Hong Kong | Hong Kong SAR; Hong Kong, China; Hong Kong Special Administrative Region | Hong Konger; Hongkonger
Hungary | | Hungarian
Iceland | | Icelandic; Icelander
India | | Indian
Indonesia | | Indonesian
Iran | Iran, Islamic Republic of; Islamic Republic of Iran | Iranian
Iraq | | Iraqi
Ireland | | Irish
Israel | | Israeli
Italy | | Italian
Jamaica | | Jamaican
Japan | | Japanese
Jordan | Hashemite Kingdom of Jordan | Jordanian
Kazakhstan | | Kazakhstani; Kazakh
Kenya | | Kenyan
Kiribati | | I-Kiribati
Korea, North | North Korea; Korea, Democratic People's Republic of; Democratic People's Republic of Korea; DPRK; Korea (North) | North Korean
Korea, South | South Korea; Korea, Republic of; Republic of Korea; ROK; Korea (South) | South Korean
Kosovo | | Kosovar; Kosovan
Kuwait | | Kuwaiti
Kyrgyzstan | Kyrgyz Republic; Kyrgyz Rep; Kirghizia | Kyrgyz; Kyrgyzstani
Laos | Lao People's Democratic Republic; Lao PDR; Lao | Lao; Laotian
Latvia | | Latvian
Lebanon | | Lebanese
Lesotho | | Basotho; Mosotho
Liberia | | Liberian
Libya | Libyan Arab Jamahiriya | Libyan
Liechtenstein | | Liechtensteiner
Lithuania | | Lithuanian
Luxembourg | Grand Duchy of Luxembourg | Luxembourgish; Luxembourger
Macau | Macao; Macau SAR; Macao SAR; Macau, China | Macanese
Macedonia | North Macedonia; Republic of North Macedonia; Macedonia, the former Yugoslav Republic of; former Yugoslav Republic of Macedonia; FYROM; Macedonia (FYROM) | Macedonian
Madagascar | | Malagasy
Malawi | | Malawian
Malaysia | | Malaysian
Maldives | The Maldives; Republic of Maldives | Maldivian
Mali | | Malian
Malta | | Maltese
Marshall Islands | Republic of the Marshall Islands; Marshall Is. | Marshallese
Mauritania | | Mauritanian
Mauritius | | Mauritian
Mexico | | Mexican
Micronesia | Micronesia, Federated States of; Federated States of Micronesia; FSM | Micronesian
Moldova | Moldova, Republic of; Republic of Moldova | Moldovan
Monaco | | Monegasque
Mongolia | | Mongolian
Montenegro | | Montenegrin
Morocco | | Moroccan
Mozambique | | Mozambican
Namibia | | Namibian
Nauru | | Nauruan
Nepal | | Nepali; Nepalese
Netherlands | The Netherlands; Holland; Kingdom of the Netherlands | Dutch
New Zealand | | New Zealander
Nicaragua | | Nicaraguan
Niger | | Nigerien
Nigeria | | Nigerian
Norway | | Norwegian
Oman | | Omani
Pakistan | | Pakistani
Palau | | Palauan
Panama | | Panamanian
Papua New Guinea | PNG; Papua NG | Papua New Guinean
Paraguay | | Paraguayan
Peru | | Peruvian
Philippines | The Philippines | Filipino; Filipina; Philippine
Poland | | Polish; Pole
Portugal | | Portuguese
Qatar | | Qatari
Romania | | Romanian
Russia | Russian Federation | Russian
Rwanda | | Rwandan
Saint Kitts and Nevis | Saint Christopher and Nevis; St Kitts; Saint Kitts | Kittitian; Nevisian
Saint Lucia | | Saint Lucian
Saint Vincent and the Grenadines | Saint Vincent; St Vincent | Vincentian
Samoa | Western Samoa | Samoan
San Marino | | Sammarinese
Sao Tome and Principe | São Tomé and Príncipe; Sao Tome | Sao Tomean; Santomean
Saudi Arabia | Kingdom of Saudi Arabia | Saudi; Saudi Arabian
Senegal | | Senegalese
Serbia | Republic of Serbia | Serbian; Serb
Serbia and Montenegro | |
Seychelles | | Seychellois
Sierra Leone | | Sierra Leonean
Singapore | | Singaporean
Sint Maarten | Saint Maarten; Sint Maarten (Dutch part) |
Slovakia | Slovak Republic; Slovak Rep | Slovak; Slovakian
Slovenia | | Slovenian; Slovene
Solomon Islands | | Solomon Islander
Somalia | | Somali
South Africa | | South African
South Sudan | | South Sudanese
Spain | | Spanish; Spaniard
Sri Lanka | | Sri Lankan
Sudan | The Sudan | Sudanese
Suriname | Surinam | Surinamese
Swaziland | Eswatini; Kingdom of Eswatini | Swazi; Emaswati
Sweden | | Swedish; Swede
Switzerland | | Swiss
Syria | Syrian Arab Republic | Syrian
Taiwan | Taiwan, Province of China; Chinese Taipei; Taiwan (Republic of China) | Taiwanese
Tajikistan | | Tajik; Tajikistani
Tanzania | Tanzania, United Republic of; United Republic of Tanzania | Tanzanian
Thailand | Kingdom of Thailand | Thai
Timor-Leste | East Timor | Timorese
Togo | | Togolese
Tonga | | Tongan
Trinidad and Tobago | Trinidad | Trinidadian; Tobagonian
Tunisia | | Tunisian
Turkey | Türkiye; Turkiye | Turkish
Turkmenistan | | Turkmen; Turkmenistani
Tuvalu | | Tuvaluan
Uganda | | Ugandan
Ukraine | The Ukraine | Ukrainian
United Arab Emirates | UAE; U.A.E.; Emirates | Emirati
United Kingdom | UK; U.K.; Great Britain; Britain; United Kingdom of Great Britain and Northern Ireland | British; Briton
United States | United States of America; USA; U.S.A.; U.S. | American
Uruguay | | Uruguayan
Uzbekistan | | Uzbek; Uzbekistani
Vanuatu | | Ni-Vanuatu
Venezuela | Venezuela, Bolivarian Republic of; Bolivarian Republic of Venezuela | Venezuelan
Vietnam | Viet Nam | Vietnamese
Yemen | Republic of Yemen | Yemeni
Yugoslavia | Federal Republic of Yugoslavia |
Zambia | | Zambian
Zimbabwe | | Zimbabwean
`;

/** Abbreviations that tables and headings spell out differently ("St. Lucia", "Congo, Democratic Rep. of"). */
const TOKEN_EXPANSIONS: Readonly<Record<string, string>> = {
  st: 'saint',
  ste: 'sainte',
  rep: 'republic',
  dem: 'democratic',
  fed: 'federated',
};

/** Formal long-form prefixes ("Republic of Kenya", "Kingdom of Bahrain") that a short name omits. */
const FORMAL_PREFIX =
  /^(?:(?:federal|democratic|islamic|peoples|socialist|united|plurinational|bolivarian|federated|oriental|arab|hashemite|independent|sovereign|co operative|cooperative)\s+)*(?:republic|kingdom|state|states|commonwealth|principality|grand duchy|sultanate|union|federation|emirate|duchy)\s+of\s+/;

/**
 * The lookup key of a name: accents, case, punctuation and the word "the" removed; abbreviations
 * expanded. "Côte d’Ivoire", "COTE D'IVOIRE" and "Cote d'Ivoire" share one key.
 */
export function countryKey(name: string): string {
  const plain = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    // An apostrophe joins ("d'Ivoire" → "divoire", "People's" → "peoples") rather than splits.
    .replace(/['’‘`´ʼ]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  if (plain === '') return '';
  const out: string[] = [];
  for (const token of plain.split(' ')) {
    if (token === 'the') continue;
    out.push(TOKEN_EXPANSIONS[token] ?? token);
  }
  return out.join(' ');
}

interface CountryRow {
  name: string;
  aliases: string[];
  demonyms: string[];
}

function parseTable(table: string): CountryRow[] {
  const rows: CountryRow[] = [];
  for (const line of table.split('\n')) {
    if (line.trim() === '') continue;
    const [name = '', aliases = '', demonyms = ''] = line.split('|').map((s) => s.trim());
    const list = (s: string): string[] =>
      s
        .split(';')
        .map((x) => x.trim())
        .filter((x) => x !== '');
    rows.push({ name, aliases: list(aliases), demonyms: list(demonyms) });
  }
  return rows;
}

const ROWS = parseTable(TABLE);

/** Builds a key → canonical map; a key claimed by two countries maps to nothing, never to a guess. */
function buildIndex(entries: Iterable<[string, string]>): Map<string, string | null> {
  const index = new Map<string, string | null>();
  for (const [label, canonical] of entries) {
    const key = countryKey(label);
    if (key === '') continue;
    const seen = index.get(key);
    if (seen === undefined) index.set(key, canonical);
    else if (seen !== canonical) index.set(key, null);
  }
  return index;
}

function* nameEntries(): Iterable<[string, string]> {
  for (const row of ROWS) {
    yield [row.name, row.name];
    for (const alias of row.aliases) yield [alias, row.name];
  }
}

function* demonymEntries(): Iterable<[string, string]> {
  for (const row of ROWS) for (const d of row.demonyms) yield [d, row.name];
}

const NAME_INDEX = buildIndex(nameEntries());
const DEMONYM_INDEX = buildIndex(demonymEntries());

/** Every canonical country or territory name in the table, in table order. */
export const COUNTRY_NAMES: readonly string[] = ROWS.map((r) => r.name);

function lookupKey(key: string): string | undefined {
  return NAME_INDEX.get(key) ?? undefined;
}

/** The other readings of a name worth trying when the literal one is unknown. */
function* variants(name: string): Iterable<string> {
  const noParens = name.replace(/\([^)]*\)/g, ' ');
  for (const base of noParens === name ? [name] : [name, noParens]) {
    const comma = base.indexOf(',');
    // "Korea, South" → "South Korea"; "Iran, Islamic Republic of" → "Islamic Republic of Iran".
    if (comma > 0) yield `${base.slice(comma + 1)} ${base.slice(0, comma)}`;
    if (base !== name) yield base;
  }
}

/**
 * The canonical name of a country or territory, whatever the spelling (case, accents, punctuation,
 * "The", "St.", inverted "Korea, South", formal "Republic of …"); undefined when unknown.
 */
export function canonicalCountryName(name: string): string | undefined {
  const key = countryKey(name);
  if (key === '') return undefined;
  const direct = lookupKey(key);
  if (direct !== undefined) return direct;
  const candidates = [key];
  for (const v of variants(name)) {
    const k = countryKey(v);
    if (k === '') continue;
    const hit = lookupKey(k);
    if (hit !== undefined) return hit;
    candidates.push(k);
  }
  for (const k of candidates) {
    const short = k.replace(FORMAL_PREFIX, '');
    if (short !== k) {
      const hit = lookupKey(short);
      if (hit !== undefined) return hit;
    }
  }
  return undefined;
}

/**
 * The country a demonym or adjective refers to ("Lithuanian" → "Lithuania", "Thais" → "Thailand");
 * undefined when unknown or ambiguous ("Korean", "Congolese").
 */
export function countryForDemonym(word: string): string | undefined {
  let key = countryKey(word);
  if (key === '') return undefined;
  const direct = DEMONYM_INDEX.get(key);
  if (direct !== undefined) return direct ?? undefined;
  if (key.endsWith('s')) {
    key = key.slice(0, -1);
    const plural = DEMONYM_INDEX.get(key);
    if (plural !== undefined) return plural ?? undefined;
  }
  return undefined;
}
