import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { layoutDocument, looksGarbled, readableText, type LayoutItem, type LayoutPageInput, type LayoutResult } from '../../src/shared/ingest/pdf-layout';
import { extractPdfPages } from '../../src/shared/ingest/pdf-text';
import { pageOf } from '../../src/shared/ingest/report-types';
import { fixture, fixtureBytes } from '../fixtures';

// ---------------------------------------------------------------------------------------------
// Helpers

/** Items of one line, a word per item, advancing 0.5 em per character and 0.3 em per space. */
function words(text: string, x: number, y: number, size = 10, fontName = 'body'): LayoutItem[] {
  const items: LayoutItem[] = [];
  let at = x;
  for (const word of text.split(' ')) {
    const width = word.length * 0.5 * size;
    items.push({ str: word, x: at, y, width, height: size, fontName });
    at += width + 0.3 * size;
  }
  return items;
}

function page(items: LayoutItem[], width = 612, height = 792): LayoutPageInput {
  return { width, height, items };
}

/** Every non-blank character of the text lies in a span, and spans are ordered and inside the text. */
function expectCovered(result: LayoutResult): void {
  const covered = new Uint8Array(result.text.length);
  for (const s of result.spans) {
    expect(s.start).toBeGreaterThanOrEqual(0);
    expect(s.end).toBeLessThanOrEqual(result.text.length);
    expect(s.end).toBeGreaterThan(s.start);
    expect(pageOf(result.pageStarts, s.start)).toBe(s.page);
    covered.fill(1, s.start, s.end);
  }
  const missing: string[] = [];
  for (let i = 0; i < result.text.length; i++) {
    if (!covered[i] && /\S/.test(result.text[i]!)) missing.push(`${i}:${result.text.slice(Math.max(0, i - 10), i + 10)}`);
  }
  expect(missing.slice(0, 5)).toEqual([]);
}

/** The span covering an offset. */
function spanAt(result: LayoutResult, offset: number) {
  return result.spans.find((s) => s.start <= offset && offset < s.end);
}

/** Words for comparing reading orders: lower case, no punctuation, hyphenated breaks joined. */
function normalisedWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/[-\u00ad\u2010]\s*/g, '')
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

/**
 * Longest common subsequence of two word lists, plus the words outside it that still match as
 * runs of at least `minRun` words moved elsewhere (a figure's labels or a block read earlier).
 */
function alignWords(a: readonly string[], b: readonly string[], minRun = 4): { common: number; moved: number } {
  const n = a.length;
  const m = b.length;
  const dp = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
  for (let x = n - 1; x >= 0; x--) {
    for (let y = m - 1; y >= 0; y--) dp[x]![y] = a[x] === b[y] ? dp[x + 1]![y + 1]! + 1 : Math.max(dp[x + 1]![y]!, dp[x]![y + 1]!);
  }
  const leftA: number[] = [];
  const leftB: number[] = [];
  let x = 0;
  let y = 0;
  while (x < n || y < m) {
    if (x < n && y < m && a[x] === b[y]) {
      x++;
      y++;
    } else if (y >= m || (x < n && dp[x + 1]![y]! >= dp[x]![y + 1]!)) leftA.push(x++);
    else leftB.push(y++);
  }
  const runs = (idx: number[], w: readonly string[]): string[][] => {
    const out: string[][] = [];
    idx.forEach((k, i) => {
      if (i === 0 || idx[i - 1] !== k - 1) out.push([]);
      out[out.length - 1]!.push(w[k]!);
    });
    return out;
  };
  const rest = ` ${runs(leftB, b).map((r) => r.join(' ')).join(' | ')} `;
  let moved = 0;
  for (const run of runs(leftA, a)) {
    let i = 0;
    while (i + minRun <= run.length) {
      let len = minRun;
      if (!rest.includes(` ${run.slice(i, i + len).join(' ')} `)) {
        i++;
        continue;
      }
      while (i + len < run.length && rest.includes(` ${run.slice(i, i + len + 1).join(' ')} `)) len++;
      moved += len;
      i += len;
    }
  }
  return { common: dp[0]![0]!, moved };
}

async function extract(rel: string): Promise<LayoutResult> {
  return extractPdfPages(fixtureBytes(rel), { pdfjs: await loadNodePdfjs() });
}

const hasPdftotext = spawnSync('pdftotext', ['-v']).status === 0;
const chromium = '/usr/lib/chromium/chromium';

// ---------------------------------------------------------------------------------------------
// Pure layout on synthetic pages

describe('layoutDocument on synthetic pages', () => {
  it('joins the lines of a paragraph with spaces, one paragraph per line, headings alone', () => {
    const r = layoutDocument([
      page([
        ...words('PROTECTION', 72, 700, 11, 'bold'),
        ...words('The government demonstrated some efforts to assist', 72, 684),
        ...words('victims. Courts identified 30 victims in 2014.', 72, 672),
        ...words('A second paragraph starts after a gap and runs', 72, 650),
        ...words('on to a second line.', 72, 638),
      ]),
    ]);
    expect(r.text).toBe(
      'PROTECTION\nThe government demonstrated some efforts to assist victims. Courts identified 30 victims in 2014.\n' +
        'A second paragraph starts after a gap and runs on to a second line.',
    );
    expect(r.pageStarts).toEqual([0]);
    expect(r.warnings).toEqual([]);
    expectCovered(r);
  });

  it('reads two columns left then right, a full-width heading before the columns it heads', () => {
    const items: LayoutItem[] = [];
    const left = (i: number): string => `left column line ${i} of the first country text`;
    const right = (i: number): string => `right column line ${i} of the first country text`;
    for (let i = 0; i < 12; i++) {
      items.push(...words(left(i), 50, 700 - i * 12, 9));
      items.push(...words(right(i), 320, 700 - i * 12, 9));
    }
    // A country heading set in the left column, larger, with nothing beside it.
    items.push(...words('LUXEMBOURG: Tier 1', 50, 540, 14, 'bold'));
    for (let i = 0; i < 12; i++) {
      items.push(...words(`left column line ${i} of the second country`, 50, 520 - i * 12, 9));
      items.push(...words(`right column line ${i} of the second country`, 320, 520 - i * 12, 9));
    }
    const r = layoutDocument([page(items)]);
    const order = [
      r.text.indexOf('left column line 0 of the first'),
      r.text.indexOf('left column line 11 of the first'),
      r.text.indexOf('right column line 0 of the first'),
      r.text.indexOf('right column line 11 of the first'),
      r.text.indexOf('LUXEMBOURG: Tier 1'),
      r.text.indexOf('left column line 0 of the second'),
      r.text.indexOf('left column line 11 of the second'),
      r.text.indexOf('right column line 0 of the second'),
      r.text.indexOf('right column line 11 of the second'),
    ];
    expect(order.every((o) => o >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(r.text).toContain('\nLUXEMBOURG: Tier 1\n');
    expectCovered(r);
  });

  it('drops running heads and page numbers, and reports the heads', () => {
    const pages = [0, 1, 2, 3].map((i) =>
      page([
        ...words('ANNUAL REPORT ON THINGS 2015', 200, 750, 8),
        ...words(`Body text of page ${i + 1} which says something.`, 72, 600),
        ...words('42', 72, 580),
        ...words(String(i + 7), 300, 40, 9),
      ]),
    );
    const r = layoutDocument(pages);
    expect(r.runningHeads).toEqual(['ANNUAL REPORT ON THINGS 2015']);
    expect(r.text).not.toContain('ANNUAL REPORT');
    expect(r.text).toBe(
      [1, 2, 3, 4].map((n) => `Body text of page ${n} which says something.\n42`).join('\n\n'),
    );
    expect(r.pageStarts).toEqual([0, 1, 2, 3].map((i) => r.text.indexOf(`page ${i + 1} `) - 'Body text of '.length));
    expectCovered(r);
  });

  it('recognises a running head that carries the page number', () => {
    const pages = [0, 1, 2].map((i) =>
      page([...words(`TRAFFICKING IN PERSONS REPORT 2015 ${i + 10}`, 200, 750, 8), ...words(`Body of page ${i + 1}.`, 72, 600)]),
    );
    const r = layoutDocument(pages);
    expect(r.runningHeads).toEqual(['TRAFFICKING IN PERSONS REPORT 2015']);
    expect(r.text).toBe('Body of page 1.\n\nBody of page 2.\n\nBody of page 3.');
  });

  it('keeps a heading that two pages happen to start with', () => {
    const pages = [0, 1].map((i) =>
      page([
        ...words('REPORT HEAD', 250, 760, 8),
        ...words('PROTECTION', 72, 712, 11, 'bold'),
        ...words(`Text of page ${i + 1} right below the heading.`, 72, 698),
      ]),
    );
    const r = layoutDocument(pages);
    expect(r.runningHeads).toEqual(['REPORT HEAD']);
    expect(r.text).toBe('PROTECTION\nText of page 1 right below the heading.\n\nPROTECTION\nText of page 2 right below the heading.');
  });

  it('joins a word broken at a line end, keeps the hyphen of a compound', () => {
    const r = layoutDocument([
      page([
        ...words('they aimed to prevent re-', 72, 700),
        ...words('traumatization and helped at-', 72, 688),
        ...words('risk people with anti-', 72, 676),
        ...words('trafficking work and Government-', 72, 664),
        ...words('funded shelters for traf-', 72, 652),
        ...words('ficking victims.', 72, 640),
      ]),
    ]);
    expect(r.text).toBe(
      'they aimed to prevent retraumatization and helped at-risk people with anti-trafficking work and Government-funded shelters for trafficking victims.',
    );
    expectCovered(r);
    const at = r.text.indexOf('traumatization');
    expect(spanAt(r, at)!.y).toBeLessThan(700);
    expect(spanAt(r, r.text.indexOf('retra'))!.y).toBeGreaterThan(spanAt(r, at)!.y);
  });

  it('repairs lost spaces and hyphen-space artefacts, with spans still on their words', () => {
    const r = layoutDocument([page([...words('aware of this service.The government and Government- funded NGOs.', 72, 700)])]);
    expect(r.text).toBe('aware of this service. The government and Government-funded NGOs.');
    expectCovered(r);
    // One item per word here: the repaired item keeps one span, the next word its own.
    const glued = spanAt(r, r.text.indexOf('The'))!;
    expect(r.text.slice(glued.start, glued.end)).toBe('service. The');
    const next = spanAt(r, r.text.indexOf('government'))!;
    expect(r.text.slice(next.start, next.end)).toBe('government');
    const funded = spanAt(r, r.text.indexOf('funded'))!;
    expect(r.text.slice(funded.start, funded.end)).toBe('funded');
  });

  it('closes up ligature pieces and letter-spaced heads, and keeps superscripts on their line', () => {
    const r = layoutDocument([
      page([
        { str: 'some e', x: 72, y: 700, width: 30, height: 10 },
        { str: 'ff', x: 102, y: 700, width: 6, height: 10 },
        { str: 'orts here', x: 108, y: 700, width: 45, height: 10 },
        { str: '1', x: 153.5, y: 704, width: 3, height: 6 },
        { str: 'T R A F F I C K I N G', x: 72, y: 600, width: 80, height: 8 },
        { str: 'I N', x: 160, y: 600, width: 12, height: 8 },
      ]),
    ]);
    expect(r.text).toBe('some efforts here1\nTRAFFICKING IN');
  });

  it('flags a page without text and a page of unmapped glyphs', () => {
    const r = layoutDocument([
      page([]),
      page([{ str: '’>in', x: 10, y: 20, width: 30, height: 12 }]),
      page(words('Ordinary words on a page.', 72, 700)),
    ]);
    expect(r.warnings).toEqual([
      'page 1: scanned: no selectable text',
      'page 2: text looks garbled (font without Unicode map); not trusted',
    ]);
    expect(r.pageStarts).toEqual([0, 2, r.text.indexOf('Ordinary')]);
    expect(layoutDocument([page([{ str: '’>in', x: 10, y: 20, width: 30, height: 12 }])], { dropGarbled: true }).text).toBe('');
  });

  it('reads a page turned a quarter', () => {
    // Text running up the page (a landscape page stored rotated): lines stack from left to right.
    const items: LayoutItem[] = ['First line of the rotated page.', 'Second line follows it.'].map((str, i) => ({
      str,
      x: 100 + i * 14,
      y: 100,
      width: str.length * 5,
      height: 10,
      angle: 90,
    }));
    // Text running up the page puts the next line to its right; text running down, to its left.
    const up = layoutDocument([page(items)]);
    const down = layoutDocument([page(items.map((it) => ({ ...it, x: 400 - it.x, angle: 270 })))]);
    for (const r of [up, down]) expect(r.text).toBe('First line of the rotated page. Second line follows it.');
    // Boxes stay in page space: tall and narrow for a vertical line.
    const box = up.spans[0]!;
    expect(box.height).toBeGreaterThan(box.width);
    expect(box.y).toBe(100);
  });
});

describe('readableText', () => {
  it.each([
    ['ﬁnancial ﬂows, eﬀorts', 'financial flows, efforts'],
    ['10\u00a0000\u202fUSD', '10 000 USD'],
    ['5 µg', '5 μg'],
    // Lam–khah initial form, in logical order after alef: "the fonts".
    ['ا\ufccbﻄﻮط', 'الخطوط'],
    ['اﻟﻌﺮﺑﻴﺔ', 'العربية'],
    // Other compatibility characters stay as printed.
    ['½ of 2³ … ™', '½ of 2³ … ™'],
    // A byte-order mark is not an Arabic form: the run around it stays as printed too.
    ['\ufeff½ ™', '\ufeff½ ™'],
  ])('%s → %s', (raw, read) => {
    expect(readableText(raw)).toBe(read);
  });
});

describe('looksGarbled', () => {
  it.each([
    ['’>in', true],
    ['! " #  !"$ % & % \' ( ) * + , -', true],
    ['\ue000\ue001\ue002 abc', true],
    ['The government demonstrated some efforts to assist victims.', false],
    ['<img src=x onerror=alert(1)> <script>alert(2)</script>', false],
    ['v0 := ld state[748] // load primes from the trace activation record', false],
    ['اﻧﻮاع اخلﻄﻮط اﻟﻌﺮﺑﻴﺔ', false],
    ['1', false],
  ])('%s → %s', (text, garbled) => {
    expect(looksGarbled(text)).toBe(garbled);
  });
});

// ---------------------------------------------------------------------------------------------
// Real PDFs through pdf.js

describe('reading order of a two-column paper (tracemonkey.pdf) against pdftotext', () => {
  it.skipIf(!hasPdftotext)('agrees word by word with pdftotext', async () => {
    const r = await extract('pdf/real/tracemonkey.pdf');
    const reference = execFileSync('pdftotext', [fixture('pdf/real/tracemonkey.pdf'), '-']).toString('utf8').split('\f');
    expect(r.pageStarts).toHaveLength(14);
    let common = 0;
    let moved = 0;
    let total = 0;
    const perPage: string[] = [];
    r.pageStarts.forEach((start, i) => {
      const ours = normalisedWords(r.text.slice(start, r.pageStarts[i + 1] ?? r.text.length));
      const theirs = normalisedWords(reference[i] ?? '');
      const a = alignWords(ours, theirs);
      common += a.common;
      moved += a.moved;
      total += ours.length + theirs.length;
      perPage.push(`${i + 1}:${((2 * a.common) / (ours.length + theirs.length)).toFixed(3)}`);
    });
    const strict = (2 * common) / total;
    const withMoves = (2 * (common + moved)) / total;
    console.log(
      `tracemonkey.pdf vs pdftotext: word LCS agreement ${(strict * 100).toFixed(2)} %, ` +
        `counting moved runs of 4+ words ${(withMoves * 100).toFixed(2)} % (per page ${perPage.join(' ')})`,
    );
    // Differences left: figure labels and a table read in another order, and page 9, where
    // pdftotext itself reads the right column's top before the left column's last section.
    expect(withMoves).toBeGreaterThanOrEqual(0.99);
    expect(strict).toBeGreaterThanOrEqual(0.96);
    expectCovered(r);
  });

  it.skipIf(hasPdftotext)('needs pdftotext (poppler-utils) for the comparison', () => {
    console.warn('pdftotext is not installed: the reading-order comparison with poppler was skipped.');
  });
});

describe('the TIP 2015 excerpt PDF (single column, running head, page numbers)', () => {
  let r: LayoutResult;
  beforeAll(async () => {
    r = await extract('tip/tip-2015-excerpt.pdf');
  });

  it('gives clean text without running head or page numbers, one line per paragraph', () => {
    expect(r.text).toMatch(
      /^PROTECTION\nThe government demonstrated some efforts to assist victims\. Lithuanian courts officially identified 30 trafficking victims, compared with 15 in 2013\. Authorities/,
    );
    expect(r.runningHeads).toContain('TRAFFICKING IN PERSONS REPORT 2015');
    expect(r.text).not.toContain('TRAFFICKING IN PERSONS REPORT');
    expect(r.text.split('\n').filter((l) => /^\s*\d+\s*$/.test(l))).toEqual([]);
    expect(r.pageStarts).toHaveLength(3);
    expect(r.warnings).toEqual([]);
    const lines = r.text.split('\n');
    expect(lines).toContain('LUXEMBOURG: Tier 1');
    expect(lines).toContain('RECOMMENDATIONS FOR LUXEMBOURG:');
    expect(lines).toContain('PREVENTION');
    expect(lines).toContain('PROSECUTION');
    expect(lines[1]!.endsWith('placed child victims in foster homes and mixed-use shelters.')).toBe(true);
  });

  it('repairs the extraction artefacts', () => {
    expect(r.text).toContain('Government-funded NGOs offered');
    expect(r.text).toContain('service. The government did not ensure');
    expect(r.text).toContain('capabilities. The government provided');
    expect(r.text).toContain('at-risk individuals');
    expect(r.text).toContain('whole-of-government efforts');
    expect(r.text).toContain('funded anti-trafficking training');
    expect(r.text).toContain('non-EU trafficking victims');
    // "re-" ends a line here: "re" is not a compound head (hyphenation splits "re-port"), so it joins.
    expect(r.text).toContain('prevent retraumatization of trafficking victims');
    expect(r.text).not.toMatch(/\w- \w/);
    expect(r.text).not.toMatch(/[a-z]\.[A-Z][a-z]/);
  });

  it('keeps every word of the source text in order', () => {
    const source = normalisedWords(readFileSync(fixture('tip/tip-2015-excerpt.txt'), 'utf8'));
    const ours = normalisedWords(r.text);
    expect(alignWords(ours, source).common).toBe(source.length);
    expect(ours.length).toBe(source.length);
  });

  it('maps words back to their page and place', () => {
    expectCovered(r);
    const expectations: [string, number][] = [
      ['PROTECTION', 1],
      ['Lithuanian courts', 1],
      ['plan to deinstitutionalize', 2],
      ['LUXEMBOURG: Tier 1', 2],
      ['PROSECUTION', 3],
      ['Articles 382-1', 3],
    ];
    for (const [phrase, pageNo] of expectations) {
      const at = r.text.indexOf(phrase);
      expect(at, phrase).toBeGreaterThanOrEqual(0);
      expect(pageOf(r.pageStarts, at), phrase).toBe(pageNo);
      const span = spanAt(r, at)!;
      expect(span.page, phrase).toBe(pageNo);
      expect(span.x).toBeGreaterThanOrEqual(0);
      expect(span.x + span.width).toBeLessThanOrEqual(612);
      expect(span.y).toBeGreaterThan(36);
      expect(span.y + span.height).toBeLessThan(760);
    }
    const heading = spanAt(r, r.text.indexOf('PROTECTION'))!;
    const body = spanAt(r, r.text.indexOf('The government demonstrated'))!;
    expect(heading.y).toBeGreaterThan(body.y);
  });
});

describe('a two-column TIP typeset (generated with typeset_report.py)', () => {
  const canTypeset = existsSync(chromium) && spawnSync('python3', ['--version']).status === 0;
  let dir = '';
  let r: LayoutResult;
  beforeAll(async () => {
    if (!canTypeset) return;
    dir = mkdtempSync(join(tmpdir(), 'rwb-twocol-'));
    const out = join(dir, 'twocol.pdf');
    execFileSync('python3', [fixture('tip/typeset_report.py'), fixture('tip/tip-2015-excerpt.txt'), out, '--layout', 'twocol', '--year', '2015'], {
      timeout: 120_000,
      stdio: 'ignore',
    });
    r = await extractPdfPages(new Uint8Array(readFileSync(out)), { pdfjs: await loadNodePdfjs() });
  }, 150_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!canTypeset)('reads the columns in order, headings first, sentences intact', () => {
    const t = r.text;
    const order = ['PROTECTION', 'The government offered foreign victims', 'PREVENTION', 'LUXEMBOURG: Tier 1', 'RECOMMENDATIONS FOR LUXEMBOURG:', 'PROSECUTION'].map((s) =>
      t.indexOf(s),
    );
    expect(order.every((o) => o >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    for (const sentence of [
      'Although the government had official procedures to identify trafficking victims among vulnerable populations—such as women in prostitution, street children, and undocumented migrants—observers reported these procedures were not effective in practice.',
      'Lithuanian law permits authorities to use video conferencing and other technologies in the courtroom, which could be used to prevent re-traumatization of trafficking victims, but courts still had limited technical capabilities.',
      'Government action to prevent the sex trafficking of boys and girls in orphanages was limited, though in March the Ministry of Social Affairs announced a plan to deinstitutionalize children in protective custody.',
      'Victims of sex trafficking from Europe, Africa, Asia, and South America are exploited in prostitution in cabarets, private apartments, and on the street.',
    ]) {
      expect(t).toContain(sentence);
    }
    expect(t.split('\n')).toContain('LUXEMBOURG: Tier 1');
    expect(r.runningHeads).toEqual(['TRAFFICKING IN PERSONS REPORT 2015']);
    const source = normalisedWords(readFileSync(fixture('tip/tip-2015-excerpt.txt'), 'utf8'));
    expect(alignWords(normalisedWords(t), source).common).toBe(source.length);
    expectCovered(r);
  });

  it.skipIf(canTypeset)('needs Chromium to typeset the two-column PDF', () => {
    console.warn(`${chromium} not found: the two-column TIP test was skipped.`);
  });
});

describe('pages that cannot be trusted', () => {
  it('flags an image-only page as scanned', async () => {
    expect((await extract('pdf/tricky/issue7200.pdf')).warnings).toEqual(['page 1: scanned: no selectable text']);
    const baltic = await extract('pdf/real/geographer-02-Baltic-States-1991.pdf');
    expect(baltic.warnings).toEqual(['page 1: scanned: no selectable text']);
    expect(baltic.text).toBe('');
    expect(baltic.pageStarts).toEqual([0]);
  });

  it('flags text from a font without a Unicode map as garbled', async () => {
    const r = await extract('pdf/tricky/TrueType_without_cmap.pdf');
    expect(r.warnings).toEqual(['page 1: text looks garbled (font without Unicode map); not trusted']);
  });

  it('does not flag ordinary pages', async () => {
    expect((await extract('pdf/hostile/xss-text.pdf')).warnings).toEqual([]);
    expect((await extract('pdf/real/geographer-22-Eritrea-Ethiopia-2003.pdf')).warnings).toEqual([]);
  });
});
