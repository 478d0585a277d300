import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COUNTRY_NAMES, canonicalCountryName, countryForDemonym } from '../../src/shared/ingest/countries';
import { fixture } from '../fixtures';

/** Rows of a CSV file as objects (quoted fields may hold commas, quotes and line breaks). */
function readCsv(rel: string): Array<Record<string, string>> {
  const src = readFileSync(fixture(rel), 'utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  const [head = [], ...body] = rows.filter((r) => r.length > 1 || r[0] !== '');
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

describe('canonicalCountryName', () => {
  it('maps the aliases the report has used over the years to one name', () => {
    const groups: Record<string, string[]> = {
      Burma: ['Burma', 'Myanmar', 'BURMA', 'Burma (Myanmar)'],
      "Cote d'Ivoire": ["Côte d'Ivoire", "Cote d'Ivoire", 'COTE D’IVOIRE', "COTE D'IVOIRE", 'Ivory Coast', 'cote divoire'],
      'Czech Republic': ['Czech Republic', 'Czechia', 'CZECH REPUBLIC'],
      Turkey: ['Turkey', 'Türkiye', 'TÜRKIYE', 'Turkiye'],
      Swaziland: ['Swaziland', 'Eswatini', 'ESWATINI'],
      Macedonia: ['Macedonia', 'North Macedonia', 'Macedonia, the former Yugoslav Republic of', 'MACEDONIA (FYROM)'],
      'Cabo Verde': ['Cabo Verde', 'Cape Verde'],
      'Timor-Leste': ['Timor-Leste', 'East Timor', 'TIMOR LESTE'],
      'The Gambia': ['The Gambia', 'Gambia', 'Gambia, The', 'THE GAMBIA'],
      'The Bahamas': ['The Bahamas', 'Bahamas', 'Bahamas, The'],
      'Korea, South': ['Korea, South', 'South Korea', 'Republic of Korea', 'Korea, Republic of', 'KOREA, SOUTH'],
      'Korea, North': ['KOREA, NORTH', 'North Korea', "Korea, Democratic People's Republic of", 'DPRK'],
      'Congo, Democratic Republic of the': [
        'Congo, Democratic Republic of the',
        'CONGO, DEMOCRATIC REPUBLIC OF THE',
        'Democratic Republic of the Congo',
        'DRC',
        'Congo, Democratic Rep. of',
        'Congo, the Democratic Republic of the',
      ],
      'Congo, Republic of the': ['Congo, Republic of the', 'Republic of the Congo', 'Congo, Republic of', 'Congo', 'Congo (Brazzaville)'],
      'Saint Vincent and the Grenadines': ['St. Vincent & The Grenadines', 'Saint Vincent and the Grenadines', 'ST. VINCENT AND THE GRENADINES'],
      'Saint Lucia': ['St. Lucia', 'ST LUCIA', 'Saint Lucia'],
      'Sint Maarten': ['St. Maarten', 'Sint Maarten (Dutch part)'],
      'Curaçao': ['Curacao', 'CURAÇAO'],
      'Guinea-Bissau': ['Guinea-Bissau', 'GUINEA BISSAU'],
      Russia: ['Russian Federation', 'RUSSIA'],
      Laos: ["Lao People's Democratic Republic", 'Laos', 'Lao PDR'],
      Vietnam: ['Viet Nam', 'VIETNAM'],
      Iran: ['Iran, Islamic Republic of', 'Islamic Republic of Iran'],
      Tanzania: ['Tanzania, United Republic of', 'United Republic of Tanzania'],
      Micronesia: ['Micronesia, Federated States of', 'Federated States of Micronesia'],
      Taiwan: ['Taiwan, Province of China', 'TAIWAN'],
      'United Kingdom': ['UK', 'United Kingdom', 'Great Britain'],
      'Trinidad and Tobago': ['Trinidad & Tobago', 'TRINIDAD AND TOBAGO'],
      Kenya: ['Republic of Kenya', 'kenya'],
    };
    for (const [canonical, aliases] of Object.entries(groups)) {
      for (const alias of aliases) expect([alias, canonicalCountryName(alias)]).toEqual([alias, canonical]);
    }
  });

  it('returns every canonical name unchanged, in any case', () => {
    expect(COUNTRY_NAMES.length).toBeGreaterThanOrEqual(190);
    expect(new Set(COUNTRY_NAMES).size).toBe(COUNTRY_NAMES.length);
    for (const name of COUNTRY_NAMES) {
      expect(canonicalCountryName(name)).toBe(name);
      expect(canonicalCountryName(name.toUpperCase())).toBe(name);
      expect(canonicalCountryName(`  ${name.toLowerCase()} `)).toBe(name);
    }
  });

  it('knows nothing it should not', () => {
    for (const s of ['Country 007', 'Atlantis', '', '   ', 'Government', 'Korea', 'Tier 2', 'the', 'Europe', 'Africa']) {
      expect([s, canonicalCountryName(s)]).toEqual([s, undefined]);
    }
  });

  it('resolves every country of the TIP tier tables and the Factbook table', () => {
    const names = new Set<string>();
    for (const r of readCsv('structured/tip_tiers_by_country_year_1999-2015.csv')) names.add(r.countryname!);
    for (const r of readCsv('structured/tip_tiers_2015_numeric.csv')) names.add(r.countryname!);
    for (const r of readCsv('structured/tip_year_country_first_in_report.csv')) names.add(r.country_name!);
    for (const r of readCsv('structured/cia_factbook_trafficking_in_persons_by_edition_2006-2025.csv')) names.add(r.country!);
    names.delete('World');
    expect(names.size).toBeGreaterThan(220);
    const unknown = [...names].filter((n) => canonicalCountryName(n) === undefined);
    expect(unknown).toEqual([]);
  });

  it('matches the same country across two tables spelled differently (2015 tiers)', () => {
    // One table says "Korea, South", "Burma", "St. Lucia"; the other "Korea, Republic of", "Myanmar", "Saint Lucia".
    const numericTier: Record<string, string> = { '1': 'Tier 1', '2': 'Tier 2', '2.5': 'Watchlist', '3': 'Tier 3', '666': 'NA' };
    const byYear = new Map<string, string>();
    for (const r of readCsv('structured/tip_tiers_by_country_year_1999-2015.csv')) {
      if (r.year === '2015') byYear.set(canonicalCountryName(r.countryname!)!, r.tier!.trim());
    }
    const numeric = readCsv('structured/tip_tiers_2015_numeric.csv');
    expect(numeric).toHaveLength(187);
    expect(byYear.size).toBe(187);
    for (const r of numeric) {
      const name = canonicalCountryName(r.countryname!)!;
      expect([r.countryname, byYear.get(name)]).toEqual([r.countryname, numericTier[r.tier!.trim()]]);
    }
  });
});

describe('countryForDemonym', () => {
  it('finds the country of a demonym, plural or not', () => {
    const cases: Record<string, string> = {
      Lithuanian: 'Lithuania',
      Luxembourgish: 'Luxembourg',
      Luxembourger: 'Luxembourg',
      Malaysian: 'Malaysia',
      Belarusian: 'Belarus',
      Thai: 'Thailand',
      Thais: 'Thailand',
      Russian: 'Russia',
      Russians: 'Russia',
      Burmese: 'Burma',
      Filipino: 'Philippines',
      Filipinos: 'Philippines',
      Ivorian: "Cote d'Ivoire",
      'South African': 'South Africa',
      'North Korean': 'Korea, North',
      'South Sudanese': 'South Sudan',
      Sudanese: 'Sudan',
      Nigerien: 'Niger',
      Nigerian: 'Nigeria',
      Dominican: 'Dominican Republic',
      Swazi: 'Swaziland',
      Emirati: 'United Arab Emirates',
      Dutch: 'Netherlands',
      British: 'United Kingdom',
      American: 'United States',
      Swiss: 'Switzerland',
      LITHUANIAN: 'Lithuania',
      Türkish: 'Turkey',
    };
    for (const [word, country] of Object.entries(cases)) expect([word, countryForDemonym(word)]).toEqual([word, country]);
  });

  it('refuses ambiguous and unknown words', () => {
    for (const w of ['Korean', 'Congolese', 'Martian', 'Government', '', 'Lithuania']) {
      expect([w, countryForDemonym(w)]).toEqual([w, undefined]);
    }
  });
});
