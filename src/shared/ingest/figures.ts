/**
 * Quantitative statements ("figures") in TIP country narratives: victims identified, cases
 * investigated, prosecuted and convicted, people assisted, funding and prescribed or imposed
 * prison terms, each with the sentence that states it.
 *
 * The scanner is number-centred: one pass finds every number token, and a figure is kept only
 * when the words right after it name what is counted (or a currency, or a prison term) and the
 * words right before it say what was done ("identified", "convicted", "provided … support to").
 * A number that fails either test is dropped: an analyst must be able to trust every figure.
 *
 * Representation choices:
 * - `unit` is the counted noun phrase as printed, whitespace collapsed ("trafficking victims",
 *   "trafficking victims and at-risk individuals", "cases"); funding has no unit.
 * - A prison-term range ("three to 10 years’ imprisonment") gives two `penalty-years` figures,
 *   unit `years (minimum)` then `years (maximum)`; "up to 15 years" gives `years (maximum)`,
 *   "at least 5 years" `years (minimum)`, a single term ("sentenced to five years") `years`.
 *   Terms given only in months keep months as the unit ("months", "months (minimum)"); a mixed
 *   term ("five years and six months", "six months to two years") is converted to years.
 * - `currency` is an ISO code for symbols, codes, euros and US dollars ("EUR", "USD"); any other
 *   currency keeps the report's words ("litas", "Hong Kong dollars").
 * - "the same amount as the previous year" sets `comparedValue` to the value and leaves
 *   `comparedYear` unset: the text does not name the year.
 * - `page` is the page of the figure's sentence start.
 */
import { pageOf, type Figure, type FigureKind } from './report-types';

/** Where to scan and how to number pages. */
export interface ExtractFiguresOptions {
  start?: number;
  end?: number;
  pageStarts?: readonly number[];
}

// ---------------------------------------------------------------- numbers

const UNIT_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEEN_WORDS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TEN_WORDS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const WORD_VALUES = new Map<string, number>([
  ...UNIT_WORDS.map((w, i) => [w, i + 1] as const),
  ...TEEN_WORDS.map((w, i) => [w, i + 10] as const),
  ...TEN_WORDS.map((w, i) => [w, (i + 2) * 10] as const),
]);

// Sentence-initial numbers are capitalised ("Three victims were…"); an `i` flag would also make
// every ISO-code and proper-noun test case-blind, so only the first letter is doubled.
const anyCase = (words: string[]) => words.map((w) => `[${w[0]}${w[0]!.toUpperCase()}]${w.slice(1)}`).join('|');
const UNITS_SRC = anyCase(UNIT_WORDS);
const BELOW_100_SRC = `(?:(?:${anyCase(TEN_WORDS)})(?:-(?:${UNIT_WORDS.join('|')}))?|${anyCase(TEEN_WORDS)}|${UNITS_SRC})`;
const WORDS_SRC = `(?:(?:${UNITS_SRC}|[Aa])\\s+hundred(?:\\s+(?:and\\s+)?${BELOW_100_SRC})?|${BELOW_100_SRC})`;
const DIGITS_SRC = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const NUM_SRC = `(?:${DIGITS_SRC}|${WORDS_SRC})`;
const SCALES: Record<string, number> = { million: 1e6, billion: 1e9 };
const YEAR_RE = /^(?:1[89]|20)\d\d$/;

const CURRENCY_SYMBOLS: Record<string, string> = {
  $: 'USD', US$: 'USD', HK$: 'HKD', NT$: 'TWD', NZ$: 'NZD', A$: 'AUD', AU$: 'AUD', CA$: 'CAD', R$: 'BRL', S$: 'SGD',
  '€': 'EUR', '£': 'GBP', '₹': 'INR', '₽': 'RUB', '₺': 'TRY', '₩': 'KRW', '₱': 'PHP', '₦': 'NGN', '₴': 'UAH',
  '₸': 'KZT', '₫': 'VND', '₪': 'ILS', '฿': 'THB',
};

// A number stands alone: not glued to a word, a decimal or a hyphenated code ("382-1", "30-day",
// "30%"); "10-20 years" is still read as 10 followed by a range.
const TOKEN_RE = new RegExp(
  String.raw`(?<![\w$€£₹₽₺₩₱₦₴₸₫₪฿.,/-])(?:(?<sym>(?:US|HK|NT|NZ|AU|CA|[ARS])?\$|[€£₹₽₺₩₱₦₴₸₫₪฿])\s?)?` +
    String.raw`(?<num>${NUM_SRC})(?:\s+(?<scale>million|billion))?(?![\w%]|[.,]\d|-[A-Za-z])`,
  'g',
);

function parseNumber(s: string): number | null {
  if (/^\d/.test(s)) {
    const n = Number(s.replace(/,/g, ''));
    return Number.isFinite(n) ? n : null;
  }
  let total = 0;
  for (const w of s.toLowerCase().split(/[\s-]+/)) {
    if (w === 'and') continue;
    if (w === 'a') total = 1;
    else if (w === 'hundred') total = (total || 1) * 100;
    else {
      const v = WORD_VALUES.get(w);
      if (v === undefined) return null;
      total += v;
    }
  }
  return total;
}

function scaled(n: number, scale: string | undefined): number {
  return scale ? Math.round(n * SCALES[scale]!) : n;
}

// ---------------------------------------------------------------- sentences

const ABBREVIATIONS = new Set(
  ('art arts no nos nr mr mrs ms dr st jan feb mar apr jun jul aug sep sept oct nov dec approx vs cf al fig ' +
    'vol para paras sec ch gen gov govt lt col capt sgt jr sr inc co corp ltd prof rev rep sen hon pp p op')
    .split(' '),
);
// The first alternative ends a sentence at a stop before white space; the second catches a stop
// whose following space was lost in PDF extraction ("service.The").
const TERM_RE = /[.!?](?:[.!?]*["'’”)\]]*(?=\s|$)|(?<=\p{Ll}{2}\.)(?=\p{Lu}\p{Ll}))/gu;
const NEXT_IS_LOWER_RE = /\s*[\p{Ll}\d]/uy;
const DOTTED_ABBREV_RE = /^(?:\p{L}{1,3}\.)+\p{L}{1,3}$/u;
const BLANK_LINE_RE = /[ \t\r\f\v]*(?:\n|$)/y;
// Lines that end a sentence without a stop: tier headings ("LUXEMBOURG: Tier 1"), section
// headings, running heads and other all-capital lines, page numbers, rules. Anchored at a line start,
// each alternative fails within a few characters on an ordinary line, which keeps this linear.
const HEADING_LINE_RE = new RegExp(
  String.raw`[ \t]*(?:[^\p{Ll}\n:(]{2,60}(?::\s*|\s*\(\s*)(?:Tier\s*[123](?:\s+Watch\s+List)?|TIER\s*[123](?:\s+WATCH\s+LIST)?|Special\s+Case|SPECIAL\s+CASE)\s*\)?` +
    String.raw`|(?:Prosecution|Protection|Prevention|Trafficking\s+Profile|(?:Prioritized\s+)?Recommendations(?:\s+for\s+[^\n:]{1,60})?:)` +
    String.raw`|[^\p{Ll}\n]*\p{Lu}{3}[^\p{Ll}\n]*|\d{1,4}|[-–—=_*]{3,})[ \t\r]*(?=\n|$)`,
  'uy',
);

/** White space by char code: the hot loops would spend most of their time in `/\s/.test`. */
function isSpace(c: number): boolean {
  return c <= 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function isAbbreviationDot(text: string, dot: number): boolean {
  let i = dot;
  while (i > 0 && dot - i < 30 && !isSpace(text.charCodeAt(i - 1))) i--;
  const word = text.slice(i, dot).replace(/^[("'“‘[]+/, '');
  if (DOTTED_ABBREV_RE.test(word)) return true; // "U.S", "e.g", "i.e"
  if (/^\p{L}$/u.test(word)) return true; // an initial
  return ABBREVIATIONS.has(word.toLowerCase());
}

function isBreakLine(text: string, from: number): boolean {
  BLANK_LINE_RE.lastIndex = from;
  if (BLANK_LINE_RE.test(text)) return true;
  HEADING_LINE_RE.lastIndex = from;
  return HEADING_LINE_RE.test(text);
}

/** Sentence spans of text[start, end) as parallel start/end arrays, whitespace trimmed. */
function splitSentences(text: string, start: number, end: number): { starts: number[]; ends: number[] } {
  const terms: number[] = [];
  TERM_RE.lastIndex = start;
  for (let m = TERM_RE.exec(text); m && m.index < end; m = TERM_RE.exec(text)) {
    const cut = Math.min(m.index + m[0].length, end);
    const after = m.index + m[0].length;
    if (m[0].startsWith('.') && m[0] !== '...' && (after >= text.length || isSpace(text.charCodeAt(after)))) {
      if (isAbbreviationDot(text, m.index)) continue;
    }
    // A lower-case word or a number after the stop means it did not end the sentence ("approx. 50").
    NEXT_IS_LOWER_RE.lastIndex = after;
    if (NEXT_IS_LOWER_RE.test(text)) continue;
    terms.push(cut);
  }

  const cuts: number[] = [start];
  const cut = (at: number) => {
    if (at > cuts[cuts.length - 1]!) cuts.push(at);
  };
  let ti = 0;
  for (let ls = start; ls < end; ) {
    let nl = text.indexOf('\n', ls);
    if (nl < 0 || nl > end) nl = end;
    if (!isBreakLine(text, ls)) {
      while (ti < terms.length && terms[ti]! <= nl) cut(terms[ti++]!);
    } else {
      // Headings carry no stop, so they are cut off on both sides.
      cut(ls);
      while (ti < terms.length && terms[ti]! <= nl) ti++;
      cut(nl);
    }
    ls = nl + 1;
  }
  cut(end);

  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    let a = cuts[i]!;
    let b = cuts[i + 1]!;
    while (a < b && isSpace(text.charCodeAt(a))) a++;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    if (b > a) {
      starts.push(a);
      ends.push(b);
    }
  }
  return { starts, ends };
}

// ---------------------------------------------------------------- context patterns

const QUAL_WORD = String.raw`(?:approximately|about|around|roughly|nearly|almost|at\s+least|more\s+than|over|an\s+estimated|a\s+total\s+of|some|only)`;
/** Left-context cue: `cue`, then optional qualifiers, ending right where the number starts. */
const leftCue = (cue: string) => new RegExp(String.raw`\b(?:${cue})\s+(?:${QUAL_WORD}\s+)*$`, 'i');

const IDENTIFY_CUE = leftCue(String.raw`(?:identified|identifying|identification\s+of)(?:\s+(?:and|or)\s+[a-z]+ed)?`);
const ASSIST_CUE = leftCue(
  String.raw`assisted|assisting|supported|supporting|sheltered|sheltering|accommodated|accommodating|housed|served|serving|helped|cared\s+for|rehabilitated|` +
    String.raw`(?:provid(?:ed|ing|es)|offer(?:ed|ing|s)|gave|giving|render(?:ed|ing)|extend(?:ed|ing))\s+(?:[\w’'-]+,?\s+){0,6}?` +
    String.raw`(?:support|assistance|services|care|shelter|accommodation|aid|protection|rehabilitation|counsell?ing|help|housing|benefits)\s+(?:[\w’'-]+\s+){0,3}?to`,
);
const PROVIDE_CUE = leftCue('provided|offered|gave');
const INVESTIGATE_CUE = leftCue(String.raw`investigated|investigating|(?:investigations?|inquiries|probes?)\s+(?:into|of|against)`);
const PROSECUTE_CUE = leftCue(
  String.raw`prosecuted|prosecuting|indicted|(?:prosecutions?|indictments?)\s+(?:of|against)|(?:criminal\s+)?proceedings\s+against`,
);
const CONVICT_CUE = leftCue(String.raw`convicted|convicting|convictions?\s+(?:of|against)`);
const ACTION_CUE = leftCue(
  String.raw`initiated|initiating|opened|opening|conducted|conducting|launched|began|begun|started|reported|reporting|registered|recorded|` +
    String.raw`undertook|undertaken|pursued|continued|handled|completed|filed|brought|obtained|obtaining|secured|securing|achieved|won|had|` +
    String.raw`there\s+were|resulted\s+in|led\s+to|yielded`,
);

const MOD_SRC =
  String.raw`(?:potential|possible|suspected|presumed|presumptive|alleged|confirmed|certified|new|additional|trafficking|human|sex|sexual|` +
  String.raw`labou?r|forced|forced-\s?labou?r|child|adult|minor|underage|juvenile|female|male|foreign|domestic|local|internal|transnational|` +
  String.raw`international|at-\s?risk|vulnerable|unaccompanied|street|migrant|complicit|government|criminal|[A-Z][a-z]+)`;
const PEOPLE_SRC = String.raw`victims?|survivors?|individuals?|people|persons?|children|child|women|woman|men|man|girls?|boys?|minors?|migrants?|adults?|beneficiaries|clients?|workers?`;
const NOUN_SRC = String.raw`${PEOPLE_SRC}|cases?|suspects?|defendants?|traffickers?|offenders?|perpetrators?|officials?|investigations?|prosecutions?|convictions?|indictments?`;
const COUNT_RE = new RegExp(
  String.raw`(?<mods>(?:\s+${MOD_SRC}){0,4})\s+(?<noun>${NOUN_SRC})` +
    String.raw`(?:\s+of\s+(?:${MOD_SRC}\s+){0,2}(?:trafficking|forced\s+labou?r|exploitation))?` +
    String.raw`(?:\s+and\s+(?:${MOD_SRC}\s+){0,2}(?:${PEOPLE_SRC}))?(?![\w-])`,
  'y',
);
const POTENTIAL_RE = /\b(?:potential|possible|suspected|presumed|presumptive)\b/i;
const PASSIVE_RE =
  /\s+(?:were|was|had\s+been|have\s+been|has\s+been)\s+(?:(?:officially|formally|also|reportedly|newly|successfully)\s+)?(?<verb>identified|investigated|prosecuted|convicted|indicted|assisted|sheltered|accommodated|supported|housed|initiated|opened|launched|registered|conducted|started|recorded|filed|secured|obtained|under\s+investigation)\b/y;
const RECEIVED_RE =
  /\s+(?:(?:have|has|had)\s+)?(?:received|receiving|benefited\s+from|benefitted\s+from|were\s+provided(?:\s+with)?|accessed)\s+(?:[\w’'-]+\s+){0,3}?(?:assistance|support|services|shelter|care|aid|protection|accommodation|counsell?ing)\b/y;
const WITH_AID_RE = /\s+with\s+(?:[\w’'-]+,?\s+){0,3}?(?:assistance|support|services|shelter|care|aid|protection|accommodation|counsell?ing)\b/y;
const LIST_GAP_RE = new RegExp(String.raw`^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:${QUAL_WORD}\s+)*$`);

const UNIT_TERM = String.raw`(?<u>years?|months?)`;
const PRISON_SRC = String.raw`['’]?\s*(?:(?:of|in)\s+)?(?:imprisonment|incarceration|prison|jail|deprivation\s+of\s+(?:liberty|freedom))\b`;
const PENALTY_RANGE_RE = new RegExp(
  String.raw`(?:\s+(?<u1>years?|months?)(?:\s+(?:to|through)\s+|\s*[-–—]\s*)|(?:\s+(?:to|and|through)\s+|\s*[-–—]\s*))(?<n2>${NUM_SRC})\s+${UNIT_TERM}(?![\w-])(?<prison>${PRISON_SRC})?`,
  'y',
);
const PENALTY_SINGLE_RE = new RegExp(
  String.raw`\s+${UNIT_TERM}(?:\s+and\s+(?<n3>${NUM_SRC})\s+months?)?(?![\w-])(?<prison>${PRISON_SRC})?`,
  'y',
);
const PENALTY_CUE = new RegExp(
  String.raw`\b(?:sentenced|sentences?|sentencing|penalt(?:y|ies)|punishable|punishment|punished|imprisonment|prison|jail|terms?)\b[^.;]{0,80}?` +
    String.raw`\b(?:to|of|by|from|between|up\s+to|maximum\s+of|minimum\s+of)\s+$`,
  'i',
);
// "ranged from probation to 12 years": a lower bound in words makes the number the maximum.
const PENALTY_MAX_CUE = /\b(?:up\s+to|maximum\s+of|not\s+more\s+than|no\s+more\s+than|from\s+[a-z]+(?:\s+[a-z]+)?\s+to)\s+$/;
const RESPECTIVELY_RE = /\s*,?\s*respectively\b/y;
const PENALTY_MIN_CUE = /\b(?:at\s+least|minimum\s+of|not\s+less\s+than|no\s+less\s+than)\s+$/;
const NOT_A_TERM_RE = /\s+(?:old|of\s+age|ago|later|earlier|after|before)\b/y;

const CURRENCY_WORDS_SRC =
  String.raw`euros?|dollars?|litas|lats|lati|ringgit|rubles?|roubles?|baht|pesos?|rupees?|rupiah|yuan|renminbi|yen|won|dinars?|dirhams?|` +
  String.raw`riyals?|rials?|shekels?|liras?|lire|kuna|forints?|zlotys?|zloty|korun[ay]?|crowns?|kron(?:er|or|a|e)|leva|lev|lei|leu|` +
  String.raw`hryvnias?|tenge|soms?|somoni|manats?|lari|drams?|naira|cedis?|shillings?|rand|francs?|pounds?|birr|kwacha|taka|kyats?|` +
  String.raw`riels?|kip|dong|reais|bol[ií]vars?|bol[ií]vares|quetzal(?:es|s)?|lempiras?|colones|col[oó]ns?|c[oó]rdobas?|guaran[ií]es|` +
  String.raw`soles|denars?|leks?|tugriks?|togrogs?|afghanis?|ouguiyas?|dalasis?|leones?|maloti|loti|emalangeni|lilangeni|pula|meticais|` +
  String.raw`metical|kwanzas?|ariary|rufiyaa|ngultrum|tala|vatu|kina|gourdes?|balboas?|nakfa|convertible\s+marks`;
const CURRENCY_AFTER_RE = new RegExp(
  String.raw`\s+(?<adj>U\.\s?S\.\s+|US\s+|(?:[A-Z][a-z]+\s+){1,3}|new\s+)?(?<cur>${CURRENCY_WORDS_SRC})(?![\w])|\s?(?<iso>[A-Z]{3})(?![\w])`,
  'y',
);
const ISO_BEFORE_RE = /(?:^|[^\w])(?<iso>[A-Z]{3})\s?$/;
// ISO 4217 codes, less those that are also English words in capitals (ALL, TOP, CUP, SOS, PEN, MOP).
const ISO_CODES = new Set(
  ('AED AFN AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BYR BZD CAD CDF CHF ' +
    'CLP CNY COP CRC CVE CZK DJF DKK DOP DZD EEK EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK ' +
    'HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LTL LVL LYD ' +
    'MAD MDL MGA MKD MMK MNT MRO MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PGK PHP PKR PLN PYG QAR ' +
    'RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLL SRD SSP STN SYP SZL THB TJS TMT TND TRY TTD TWD TZS UAH UGX USD ' +
    'UYU UZS VEF VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL')
    .split(' '),
);
const USD_PAREN_RE = new RegExp(
  String.raw`\s*\(\s*(?:(?:approximately|about|roughly|nearly|almost|more\s+than|over|some)\s+)?(?:US|U\.S\.\s?)?\$\s?(?<n>${DIGITS_SRC})(?:\s+(?<scale>million|billion))?\s*\)`,
  'y',
);
const RESTATED_GAP_RE = /^\s*(?:\([A-Z]{1,4}\)\s*)?\(\s*(?:(?:approximately|about|roughly|some)\s+)?$/;
const FUND_CUE_RE =
  /\b(?:allocat|provid|fund|budget|spen[dt]|grant|gave|give|contribut|disburs|earmark|dedicat|award|financ|donat|invest(?!igat)|appropriat|pledg|suppl|transferr?|devot|set\s+aside|assign|reserv|subsidi[sz])/i;
// Money that is not anti-trafficking funding: fines, compensation, debts, prices, wages, bribes,
// and what victims paid their recruiters.
const FUND_EXCLUDE_RE = new RegExp(
  String.raw`\b(?:fine[ds]?|restitution|compensation|damages|debts?|owed?|bribes?|salar(?:y|ies)|wages?|earn(?:ed|ing|s)?|ransom|fees?|` +
    String.raw`charg(?:ed|ing)|worth|prices?|sold|bought|purchased?|loans?|(?:victims?|workers?|migrants?|women|men|children)\s+(?:had\s+)?paid|` +
    String.raw`paid\s+(?:to\s+)?(?:their\s+|the\s+)?(?:traffickers?|smugglers?|recruit\w*|agents?|brokers?))\b`,
  'i',
);

const COMPARE_RE = new RegExp(
  String.raw`\b(?:(?:compared\s+(?:with|to)|versus|vs\.|(?:an?\s+)?(?:(?:significant|slight|sharp|marked)\s+)?(?:increase|decrease|rise|drop|decline|reduction|jump|fall)\s+from|(?:up|down)\s+from)` +
    String.raw`\s+(?:${QUAL_WORD}\s+)*(?<num>${NUM_SRC}|none|zero)(?:\s+(?<scale>million|billion))?` +
    String.raw`(?:(?:\s*\([^()]{0,40}\)|\s+[A-Za-z][\w’'-]*){0,5}?` +
    String.raw`,?\s+(?:(?:in|during|for)\s+(?:(?:calendar|fiscal)\s+year\s+|FY\s?|CY\s?)?(?<year>(?:19|20)\d\d)(?!\d)|(?:(?:in\s+|during\s+)?the\s+(?:previous|prior|preceding|last)\s+(?:reporting\s+period|(?:fiscal\s+)?year))))?` +
    String.raw`|(?<same>the\s+same\s+(?:number\s+|amount\s+|total\s+|figure\s+|level\s+)?as)\s+` +
    String.raw`(?:(?:in|during)\s+(?:(?:calendar|fiscal)\s+year\s+|FY\s?)?(?<syear>(?:19|20)\d\d)(?!\d)|(?:in\s+|during\s+)?(?:the\s+(?:previous|prior|preceding)\s+(?:reporting\s+period|(?:fiscal\s+)?year)|last\s+year)))`,
);
// A number right after "compared with" or "up from" is the earlier figure, not a new one.
const COMPARE_LEAD_RE = new RegExp(
  String.raw`\b(?:compared\s+(?:with|to)|versus|vs\.|(?:increase|decrease|rise|drop|decline|reduction|jump|fall|up|down)\s+from)\s+(?:${QUAL_WORD}\s+)*$`,
);
const FILLER_NUMBER_RE = new RegExp(String.raw`(?<![\w.,-])(?:${DIGITS_SRC}|${WORDS_SRC})(?![\w-])`, 'g');

// ---------------------------------------------------------------- extraction

type Cue = 'identify' | 'assist' | 'investigate' | 'prosecute' | 'convict' | 'action';

interface Hit {
  kind: FigureKind;
  value: number;
  unit?: string;
  currency?: string;
  usd?: number;
  tokStart: number;
  matchEnd: number;
  sentence: number;
  cue?: Cue;
  comparable: boolean;
}

interface Context {
  text: string;
  tokStart: number;
  numEnd: number;
  sentence: number;
  sentStart: number;
  sentEnd: number;
  prev: Hit | undefined;
}

type Classified = { hits: Hit[]; consumedEnd: number } | null;

const normaliseWords = (s: string) => s.trim().replace(/\s+/g, ' ').replace(/(\w)- (\w)/g, '$1-$2');

function nounClass(noun: string): 'victim' | 'people' | 'case' | 'action' {
  const n = noun.toLowerCase();
  if (/^(?:victim|survivor)/.test(n)) return 'victim';
  if (/^(?:investigation|prosecution|conviction|indictment)/.test(n)) return 'action';
  if (/^(?:case|suspect|defendant|trafficker|offender|perpetrator|official)/.test(n)) return 'case';
  return 'people';
}

const CASE_PEOPLE = /^(?:individuals?|people|persons?)$/i;

/** Whether a noun class can be the object of a cue ("convicted 4 traffickers", "assisted 40 women"). */
function admits(cue: Cue, cls: ReturnType<typeof nounClass>, noun: string): boolean {
  switch (cue) {
    case 'identify':
      return cls === 'victim';
    case 'assist':
      return cls === 'victim' || cls === 'people';
    case 'investigate':
    case 'prosecute':
    case 'convict':
      return cls === 'case' || CASE_PEOPLE.test(noun);
    case 'action':
      return cls === 'action';
  }
}

const CUE_KIND: Record<Exclude<Cue, 'action' | 'identify'>, FigureKind> = {
  assist: 'people-assisted',
  investigate: 'investigations',
  prosecute: 'prosecutions',
  convict: 'convictions',
};

function actionKind(noun: string): FigureKind {
  const n = noun.toLowerCase();
  if (n.startsWith('investigation')) return 'investigations';
  if (n.startsWith('conviction')) return 'convictions';
  return 'prosecutions';
}

const PASSIVE_CUE: Record<string, Cue> = {
  identified: 'identify',
  investigated: 'investigate',
  prosecuted: 'prosecute',
  indicted: 'prosecute',
  convicted: 'convict',
  assisted: 'assist',
  sheltered: 'assist',
  accommodated: 'assist',
  supported: 'assist',
  housed: 'assist',
};

function leftOf(c: Context, chars: number): string {
  return c.text.slice(Math.max(c.sentStart, c.tokStart - chars), c.tokStart);
}

function hit(c: Context, kind: FigureKind, value: number, matchEnd: number, extra: Partial<Hit> = {}): Hit {
  return { kind, value, tokStart: c.tokStart, matchEnd, sentence: c.sentence, comparable: true, ...extra };
}

function currencyOf(raw: string, adj: string | undefined): string {
  const word = raw.toLowerCase();
  const a = adj ? normaliseWords(adj) : '';
  if (/^euros?$/.test(word)) return 'EUR';
  if (/^dollars?$/.test(word) && (!a || /^(?:U\.\s?S\.|US|American)$/.test(a))) return 'USD';
  return normaliseWords(a && !/^(?:U\.\s?S\.|US)$/.test(a) ? `${a} ${raw}` : raw);
}

function funding(c: Context, value: number, currency: string, afterEnd: number): Classified {
  const { text } = c;
  const prev = c.prev;
  // "5 million convertible marks (KM) ($2.8 million)": a sum restated in brackets right after a
  // sum is its equivalent, not a second amount.
  if (prev?.kind === 'funding' && prev.sentence === c.sentence && RESTATED_GAP_RE.test(text.slice(prev.matchEnd, c.tokStart))) {
    if (currency === 'USD' && prev.usd === undefined) prev.usd = value;
    const close = text.indexOf(')', afterEnd);
    prev.matchEnd = close >= 0 && close < c.sentEnd ? close + 1 : afterEnd;
    return { hits: [], consumedEnd: prev.matchEnd };
  }
  USD_PAREN_RE.lastIndex = afterEnd;
  const p = USD_PAREN_RE.exec(text);
  let matchEnd = afterEnd;
  let usd: number | undefined;
  if (p && p.index + p[0].length <= c.sentEnd) {
    matchEnd = p.index + p[0].length;
    const n = parseNumber(p.groups!.n!);
    if (n !== null && currency !== 'USD') usd = scaled(n, p.groups!.scale);
  }
  if (currency === 'USD') usd = value;
  const semi = text.lastIndexOf(';', c.tokStart - 1);
  const clauseStart = Math.max(c.sentStart, semi + 1);
  const semiAfter = text.indexOf(';', matchEnd);
  const clauseEnd = semiAfter >= 0 && semiAfter < c.sentEnd ? semiAfter : c.sentEnd;
  const cueWindow = text.slice(Math.max(clauseStart, c.tokStart - 120), c.tokStart);
  const around = text.slice(Math.max(clauseStart, c.tokStart - 80), Math.min(clauseEnd, matchEnd + 80));
  // The bracketed dollar amount is consumed either way, so it is never read as a second sum.
  if (!FUND_CUE_RE.test(cueWindow) || FUND_EXCLUDE_RE.test(around)) return { hits: [], consumedEnd: matchEnd };
  return { hits: [hit(c, 'funding', value, matchEnd, { currency, usd })], consumedEnd: matchEnd };
}

function penalty(c: Context, value: number): Classified {
  const { text } = c;
  const left = leftOf(c, 160);
  const cued = PENALTY_CUE.test(left);
  PENALTY_RANGE_RE.lastIndex = c.numEnd;
  const r = PENALTY_RANGE_RE.exec(text);
  if (r && r.index + r[0].length <= c.sentEnd) {
    const g = r.groups!;
    const high = parseNumber(g.n2!);
    NOT_A_TERM_RE.lastIndex = r.index + r[0].length;
    if (high !== null && (g.prison || (cued && !NOT_A_TERM_RE.test(text)))) {
      const highUnit = g.u!.startsWith('year') ? 'years' : 'months';
      const lowUnit = g.u1 ? (g.u1.startsWith('year') ? 'years' : 'months') : highUnit;
      // "six months to two years": both bounds in years, so the pair stays comparable.
      const u = lowUnit === highUnit ? highUnit : 'years';
      const inUnit = (v: number, from: string) => (from === u ? v : Math.round((v / 12) * 100) / 100);
      const lo = inUnit(value, lowUnit);
      const hi = inUnit(high, highUnit);
      const end = r.index + r[0].length;
      RESPECTIVELY_RE.lastIndex = end;
      // "sentenced two traffickers to 10 and 12 years, respectively" lists two terms, not a range.
      const [loUnit, hiUnit] = RESPECTIVELY_RE.test(text) ? [u, u] : [`${u} (minimum)`, `${u} (maximum)`];
      return {
        hits: [
          hit(c, 'penalty-years', lo, end, { unit: loUnit, comparable: false }),
          hit(c, 'penalty-years', hi, end, { unit: hiUnit, comparable: false }),
        ],
        consumedEnd: end,
      };
    }
  }
  PENALTY_SINGLE_RE.lastIndex = c.numEnd;
  const s = PENALTY_SINGLE_RE.exec(text);
  if (!s || s.index + s[0].length > c.sentEnd) return null;
  const g = s.groups!;
  const end = s.index + s[0].length;
  NOT_A_TERM_RE.lastIndex = end;
  if (!g.prison && (!cued || NOT_A_TERM_RE.test(text))) return null;
  let unit = g.u!.startsWith('year') ? 'years' : 'months';
  let v = value;
  if (g.n3 && unit === 'years') {
    const months = parseNumber(g.n3);
    if (months === null) return null;
    v = Math.round((value + months / 12) * 100) / 100;
  }
  if (PENALTY_MAX_CUE.test(left)) unit += ' (maximum)';
  else if (PENALTY_MIN_CUE.test(left)) unit += ' (minimum)';
  return { hits: [hit(c, 'penalty-years', v, end, { unit, comparable: false })], consumedEnd: end };
}

function counted(c: Context, value: number): Classified {
  const { text } = c;
  COUNT_RE.lastIndex = c.numEnd;
  const m = COUNT_RE.exec(text);
  if (!m || m.index + m[0].length > c.sentEnd) return null;
  const noun = m.groups!.noun!;
  const cls = nounClass(noun);
  const unit = normaliseWords(m[0]);
  const after = m.index + m[0].length;
  const left = leftOf(c, 200);
  const cues = new Set<Cue>();

  if (cls === 'action') {
    if (ACTION_CUE.test(left)) cues.add('action');
  } else {
    if (IDENTIFY_CUE.test(left)) cues.add('identify');
    if (ASSIST_CUE.test(left)) cues.add('assist');
    if (INVESTIGATE_CUE.test(left)) cues.add('investigate');
    if (PROSECUTE_CUE.test(left)) cues.add('prosecute');
    if (CONVICT_CUE.test(left)) cues.add('convict');
    if (PROVIDE_CUE.test(left)) {
      WITH_AID_RE.lastIndex = after;
      if (WITH_AID_RE.test(text)) cues.add('assist');
    }
    RECEIVED_RE.lastIndex = after;
    if (RECEIVED_RE.test(text)) cues.add('assist');
  }
  PASSIVE_RE.lastIndex = after;
  const passive = PASSIVE_RE.exec(text);
  if (passive) {
    const verb = passive.groups!.verb!.toLowerCase();
    cues.add(cls === 'action' ? 'action' : verb.startsWith('under') ? 'investigate' : (PASSIVE_CUE[verb] ?? 'action'));
  }
  // "investigated 12 cases and 5 suspects": a list carries on the previous figure's verb.
  const prev = c.prev;
  if (cues.size === 0 && prev?.cue && prev.sentence === c.sentence && LIST_GAP_RE.test(text.slice(prev.matchEnd, c.tokStart))) {
    cues.add(prev.cue);
  }

  const hits: Hit[] = [];
  for (const cue of cues) {
    if (!admits(cue, cls, noun)) continue;
    let kind: FigureKind;
    if (cue === 'identify') kind = POTENTIAL_RE.test(m.groups!.mods ?? '') ? 'potential-victims' : 'victims-identified';
    else if (cue === 'action') kind = actionKind(noun);
    else kind = CUE_KIND[cue];
    hits.push(hit(c, kind, value, after, { unit, cue }));
  }
  return hits.length ? { hits, consumedEnd: after } : null;
}

function classify(c: Context, m: RegExpExecArray): Classified {
  const g = m.groups!;
  const base = parseNumber(g.num!);
  if (base === null) return null;
  const value = scaled(base, g.scale);
  const { text } = c;

  if (g.sym) return funding(c, value, CURRENCY_SYMBOLS[g.sym] ?? 'USD', c.numEnd);
  // A bare four-digit year is never a count, a sum or a term ("in 2014", "since 2013").
  if (!g.scale && YEAR_RE.test(g.num!)) return null;
  CURRENCY_AFTER_RE.lastIndex = c.numEnd;
  const cur = CURRENCY_AFTER_RE.exec(text);
  if (cur) {
    const cg = cur.groups!;
    if (cg.cur) return funding(c, value, currencyOf(cg.cur, cg.adj), cur.index + cur[0].length);
    if (cg.iso && ISO_CODES.has(cg.iso)) return funding(c, value, cg.iso, cur.index + cur[0].length);
  }
  const isoBefore = ISO_BEFORE_RE.exec(text.slice(Math.max(c.sentStart, c.tokStart - 5), c.tokStart));
  if (isoBefore && ISO_CODES.has(isoBefore.groups!.iso!)) return funding(c, value, isoBefore.groups!.iso!, c.numEnd);

  return penalty(c, value) ?? counted(c, value);
}

function attachComparison(text: string, h: Hit, limit: number): Pick<Figure, 'comparedValue' | 'comparedYear'> {
  const window = text.slice(h.matchEnd, limit);
  const m = COMPARE_RE.exec(window);
  if (!m) return {};
  const filler = window.slice(0, m.index);
  // Another number (other than a year) before the comparison means it compares that number.
  if (filler.length > 200 || filler.includes(';')) return {};
  FILLER_NUMBER_RE.lastIndex = 0;
  for (let f = FILLER_NUMBER_RE.exec(filler); f; f = FILLER_NUMBER_RE.exec(filler)) {
    if (!YEAR_RE.test(f[0])) return {};
  }
  const g = m.groups!;
  if (g.same) {
    return g.syear ? { comparedValue: h.value, comparedYear: Number(g.syear) } : { comparedValue: h.value };
  }
  const raw = g.num!;
  if (YEAR_RE.test(raw) && !g.scale) return {};
  const n = /^(?:none|zero)$/.test(raw) ? 0 : parseNumber(raw);
  if (n === null) return {};
  const out: Pick<Figure, 'comparedValue' | 'comparedYear'> = { comparedValue: scaled(n, g.scale) };
  if (g.year) out.comparedYear = Number(g.year);
  return out;
}

/** Figures stated in text[start, end) (a country narrative), in text order, with their sentences. */
export function extractFigures(text: string, options: ExtractFiguresOptions = {}): Figure[] {
  const start = Math.max(0, Math.min(options.start ?? 0, text.length));
  const end = Math.max(start, Math.min(options.end ?? text.length, text.length));
  const { starts, ends } = splitSentences(text, start, end);
  const hits: Hit[] = [];
  let si = 0;
  let consumed = start;
  TOKEN_RE.lastIndex = start;
  for (let m = TOKEN_RE.exec(text); m && m.index < end; m = TOKEN_RE.exec(text)) {
    const numEnd = m.index + m[0].length;
    if (m.index < consumed || numEnd > end) continue;
    while (si < ends.length && ends[si]! <= m.index) si++;
    if (si >= ends.length) break;
    const ctx: Context = {
      text,
      tokStart: m.index,
      numEnd,
      sentence: si,
      sentStart: starts[si]!,
      sentEnd: ends[si]!,
      prev: hits[hits.length - 1],
    };
    const r = classify(ctx, m);
    if (!r) continue;
    if (!COMPARE_LEAD_RE.test(leftOf(ctx, 60))) hits.push(...r.hits);
    consumed = r.consumedEnd;
    // The regex may have stepped past the consumed span; resume right after it.
    if (TOKEN_RE.lastIndex < consumed) TOKEN_RE.lastIndex = consumed;
  }

  const figures: Figure[] = [];
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i]!;
    const sStart = starts[h.sentence]!;
    const sEnd = ends[h.sentence]!;
    let limit = sEnd;
    for (let j = i + 1; j < hits.length && hits[j]!.sentence === h.sentence; j++) {
      if (hits[j]!.tokStart >= h.matchEnd) {
        limit = hits[j]!.tokStart;
        break;
      }
    }
    figures.push({
      kind: h.kind,
      value: h.value,
      ...(h.unit !== undefined && { unit: h.unit }),
      ...(h.currency !== undefined && { currency: h.currency }),
      ...(h.usd !== undefined && { usd: h.usd }),
      ...(h.comparable && attachComparison(text, h, limit)),
      quote: text.slice(sStart, sEnd),
      start: sStart,
      end: sEnd,
      page: options.pageStarts?.length ? pageOf(options.pageStarts, sStart) : 1,
    });
  }
  return figures;
}
