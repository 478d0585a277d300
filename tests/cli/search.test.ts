import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { createBackup } from '../../src/shared/backup/create-backup';
import { ingestFile } from '../../src/shared/ingest/ingest';
import { WorkbenchDb } from '../../src/shared/store/workbench-db';
import { WorkbenchStore } from '../../src/shared/store/workbench-store';
import { fixture, fixtureBytes } from '../fixtures';

const BIN = resolve(import.meta.dirname, '../../bin/rwb.mjs');

function rwb(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface SearchJson {
  query: string;
  files: string[];
  total: number;
  truncated: boolean;
  groups: {
    file: string;
    document: string;
    year: number | null;
    country: string | null;
    hits: { kind: 'paragraph' | 'note'; page: number; start: number; end: number; snippet: string; finding?: { id: string; tags: string[]; quote: string; note: string } }[];
  }[];
}

const TIP_PDF = fixture('tip/tip-2015-excerpt.pdf');
const BELARUS_2016 = fixture('factbook/belarus/2016.txt');
const GTIP_2004 = fixture('text/gtip-projects-fy2004.html');

describe('rwb search', () => {
  it('prints matches grouped by document and country, words in any case, with page and context', () => {
    const r = rwb('search', TIP_PDF, BELARUS_2016, 'forced BEGGING');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${TIP_PDF} (2015) — Luxembourg: 2 matches`);
    expect(lines.filter((l) => l.startsWith('  p. '))).toHaveLength(2);
    expect(r.stdout).toContain('prohibits forced begging and the sale of children');
    expect(r.stdout).not.toContain(BELARUS_2016);
    expect(lines.at(-1)).toBe('2 matches in 1 place');
  });

  it('checks "phrases" as written, as JSON', () => {
    const phrase = JSON.parse(rwb('search', TIP_PDF, BELARUS_2016, '"reflection period"', '--json').stdout) as SearchJson;
    expect(phrase.total).toBe(1);
    expect(phrase.groups).toEqual([
      { file: TIP_PDF, document: TIP_PDF, year: 2015, country: 'Lithuania', hits: [expect.objectContaining({ kind: 'paragraph', page: 1, snippet: expect.stringContaining('30-day reflection period') })] },
    ]);
    expect((JSON.parse(rwb('search', TIP_PDF, '"period reflection"', '--json').stdout) as SearchJson).total).toBe(0);
  });

  it('matches prefixes, and keeps text outside any country narrative in its own group', () => {
    const prefix = JSON.parse(rwb('search', TIP_PDF, 'prosecut', '--json').stdout) as SearchJson;
    expect(prefix.groups.map((g) => g.country)).toContain('Luxembourg');
    expect(prefix.groups.flatMap((g) => g.hits).some((h) => /prosecutions?\b/i.test(h.snippet))).toBe(true);
    // Belarus 2016 is one Factbook field: no country narrative of its own.
    const belarus = JSON.parse(rwb('search', TIP_PDF, BELARUS_2016, 'belarus', '--json').stdout) as SearchJson;
    expect(belarus.groups.map((g) => [g.file, g.year, g.country])).toEqual([[BELARUS_2016, 2016, null]]);
  });

  it('ignores accents both ways', () => {
    const accented = JSON.parse(rwb('search', GTIP_2004, 'cote soap', '--json').stdout) as SearchJson;
    expect(accented.total).toBe(1);
    expect(accented.groups[0]!.hits[0]!.snippet).toContain("Côte d'Ivoire");
    const plain = JSON.parse(rwb('search', GTIP_2004, '"CÔTE D’IVOIRE"', '--json').stdout) as SearchJson;
    const snippets = plain.groups.flatMap((g) => g.hits.map((h) => h.snippet)).join('\n');
    expect(snippets).toContain("Côte d'Ivoire");
    expect(snippets).toContain("Cote D'Ivoire");
  });

  it('says what is wrong with the arguments or a file, and prints no results', () => {
    const noQuery = rwb('search', TIP_PDF);
    expect(noQuery.code).toBe(2);
    expect(noQuery.stderr).toMatch(/^rwb: search takes one or more files, then the query/);
    const missing = rwb('search', '/no/such/report.pdf', 'victims');
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^rwb: \/no\/such\/report\.pdf: .*no such file/)]);
    const none = rwb('search', TIP_PDF, 'zeppelin');
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('No matches for zeppelin in 1 file.\n');
  });
});

describe('rwb search over a workspace backup', () => {
  const VICTIMS = 'Lithuanian courts officially identified 30 trafficking victims, compared with 15 in 2013.';
  const SOAP = 'To record and produce the soap opera in Bamako';
  let dir: string;
  let backup: string;
  let victimsId: string;
  let soapId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rwb-search-backup-'));
    const pdfjs = await loadNodePdfjs();
    const store = new WorkbenchStore(new WorkbenchDb({ name: 'search-backup', indexedDB: new IDBFactory(), IDBKeyRange }));
    const ids: Record<string, string> = {};
    for (const rel of ['tip/tip-2015-excerpt.pdf', 'text/gtip-projects-fy2004.html']) {
      const bytes = fixtureBytes(rel);
      const doc = await ingestFile({ fileName: rel.split('/')[1]!, bytes, pdfjs });
      ids[rel] = (await store.importDocument(doc, bytes)).document.id;
    }
    const pdfText = (await store.getText(ids['tip/tip-2015-excerpt.pdf']!))!.text;
    const htmlText = (await store.getText(ids['text/gtip-projects-fy2004.html']!))!.text;
    const at = pdfText.indexOf(VICTIMS);
    const soapAt = htmlText.indexOf(SOAP);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(soapAt).toBeGreaterThanOrEqual(0);
    victimsId = (await store.createFinding({
      documentId: ids['tip/tip-2015-excerpt.pdf']!, start: at, end: at + VICTIMS.length,
      tagIds: ['tag-victim-identification', 'tag-figure'], note: 'Doubled in a year: cross-check with the NGO shelter census.',
    })).id;
    soapId = (await store.createFinding({
      documentId: ids['text/gtip-projects-fy2004.html']!, start: soapAt, end: soapAt + SOAP.length,
      tagIds: ['tag-prevention'], note: 'Évaluation prévue en Côte d’Ivoire.',
    })).id;
    backup = join(dir, 'workspace.rwb-backup');
    writeFileSync(backup, await createBackup(store, { appVersion: '0.1.0' }));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const search = (...args: string[]) => {
    const r = rwb('search', ...args, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as SearchJson;
  };

  it('searches every document text in it, grouped by document and country, words in any case', () => {
    const r = search(backup, 'forced BEGGING');
    expect(r.groups).toEqual([
      { file: backup, document: 'tip-2015-excerpt', year: 2015, country: 'Luxembourg', hits: [expect.objectContaining({ kind: 'paragraph', page: 2 }), expect.objectContaining({ kind: 'paragraph' })] },
    ]);
    expect(r.groups[0]!.hits.map((h) => h.snippet).join(' ')).toContain('prohibits forced begging and the sale of children');
  });

  it('checks "phrases" as written and matches prefixes', () => {
    const phrase = search(backup, '"reflection period"');
    expect(phrase.total).toBe(1);
    expect(phrase.groups[0]).toMatchObject({ document: 'tip-2015-excerpt', country: 'Lithuania' });
    expect(phrase.groups[0]!.hits[0]!.snippet).toContain('30-day reflection period');
    expect(search(backup, '"period reflection"').total).toBe(0);
    const prefix = search(backup, 'prosecut');
    expect(prefix.groups.map((g) => g.country)).toContain('Luxembourg');
    expect(prefix.groups.flatMap((g) => g.hits).some((h) => /prosecutions?\b/i.test(h.snippet))).toBe(true);
  });

  it('ignores accents, in texts and in notes', () => {
    const text = search(backup, 'cote soap');
    const paragraphs = text.groups.flatMap((g) => g.hits.filter((h) => h.kind === 'paragraph').map((h) => [g.document, h.snippet]));
    expect(paragraphs).toEqual([['gtip-projects-fy2004', expect.stringContaining("Côte d'Ivoire")]]);
    const note = search(backup, 'evaluation prevue');
    expect(note.total).toBe(1);
    expect(note.groups[0]!.hits[0]).toMatchObject({
      kind: 'note',
      snippet: 'Évaluation prévue en Côte d’Ivoire.',
      finding: { id: soapId, tags: ['Prevention'], quote: SOAP, note: 'Évaluation prévue en Côte d’Ivoire.' },
    });
  });

  it('finds a finding’s note and says which finding it is (id, codes, passage)', () => {
    const r = search(backup, 'census');
    expect(r.total).toBe(1);
    expect(r.groups).toEqual([
      {
        file: backup,
        document: 'tip-2015-excerpt',
        year: 2015,
        country: 'Lithuania',
        hits: [
          expect.objectContaining({
            kind: 'note',
            page: 1,
            snippet: 'Doubled in a year: cross-check with the NGO shelter census.',
            finding: { id: victimsId, tags: ['Victim identification', 'Figure'], quote: VICTIMS, note: 'Doubled in a year: cross-check with the NGO shelter census.' },
          }),
        ],
      },
    ]);
    const plain = rwb('search', backup, 'census');
    expect(plain.code).toBe(0);
    expect(plain.stdout).toBe(
      `${backup}: tip-2015-excerpt (2015) — Lithuania: 1 match\n` +
        `  p. 1, note of finding ${victimsId} [Victim identification, Figure] on “${VICTIMS}”: Doubled in a year: cross-check with the NGO shelter census.\n` +
        '1 match in 1 place\n',
    );
  });

  it('recognises a backup by its content, whatever its name, beside report files', () => {
    const renamed = join(dir, 'colleague.zip');
    copyFileSync(backup, renamed);
    const r = search(renamed, BELARUS_2016, 'census');
    expect(r.groups.map((g) => [g.file, g.document])).toEqual([[renamed, 'tip-2015-excerpt']]);
  });

  it('refuses a damaged or newer backup with the one-line message of rwb export, and prints no results', () => {
    const bytes = readFileSync(backup);
    const cut = join(dir, 'cut.rwb-backup');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 100));
    const damaged = rwb('search', cut, 'census');
    expect(damaged.code).toBe(1);
    expect(damaged.stdout).toBe('');
    expect(damaged.stderr).toMatch(/^rwb: .*cut\.rwb-backup: The backup is damaged or incomplete[^\n]*\n$/);
    expect(damaged.stderr).toBe(rwb('export', cut, '--format', 'csv').stderr);

    const entries = unzipSync(bytes);
    const manifest = JSON.parse(strFromU8(entries['manifest.json']!)) as { formatVersion: number };
    manifest.formatVersion = 99;
    entries['manifest.json'] = strToU8(JSON.stringify(manifest));
    const newer = join(dir, 'newer');
    writeFileSync(newer, zipSync(entries));
    const refused = rwb('search', TIP_PDF, newer, 'census');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(`rwb: ${newer}: This backup was made by a newer version of Report Workbench (backup format 99); this version reads up to backup format 1. Update the app to restore it.\n`);
  });
});
