import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { createBackup } from '../../src/shared/backup/create-backup';
import { ingestFile } from '../../src/shared/ingest/ingest';
import { CURRENT_SCHEMA_VERSION } from '../../src/shared/store/schema';
import { WorkbenchDb } from '../../src/shared/store/workbench-db';
import { WorkbenchStore } from '../../src/shared/store/workbench-store';
import { fixture, fixtureBytes } from '../fixtures';

const BIN = resolve(import.meta.dirname, '../../bin/rwb.mjs');

function rwb(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, failed) => {
    const child = spawn(process.execPath, [BIN, ...args], { timeout: 60_000 });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', failed);
    child.on('close', (code) => done({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

const VICTIMS = 'Lithuanian courts officially identified 30 trafficking victims, compared with 15 in 2013.';
let dir: string;
let backup: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rwb-backup-cli-'));
  const pdfjs = await loadNodePdfjs();
  const store = new WorkbenchStore(new WorkbenchDb({ name: 'cli', indexedDB: new IDBFactory(), IDBKeyRange }));
  for (const name of ['tip-2015-excerpt.txt', 'tip-2015-excerpt.pdf']) {
    const bytes = fixtureBytes(`tip/${name}`);
    const doc = await ingestFile({ fileName: name, bytes, pdfjs });
    const { document } = await store.importDocument(doc, bytes);
    const start = doc.text.indexOf(VICTIMS);
    await store.createFinding({ documentId: document.id, start, end: start + VICTIMS.length, tagIds: ['tag-victim-identification'], note: `From the ${name.slice(-3)}.` });
  }
  backup = join(dir, 'workspace.rwb-backup');
  writeFileSync(backup, await createBackup(store, { appVersion: '0.1.0' }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const oneLineError = (stderr: string) => {
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).toMatch(/^rwb: /);
};

describe('rwb backup-info', () => {
  it('prints the manifest and counts as JSON', async () => {
    const r = await rwb('backup-info', backup, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout) as { file: string; manifest: Record<string, unknown>; counts: Record<string, number>; warnings: string[] };
    expect(info.file).toBe(backup);
    expect(info.manifest).toMatchObject({ format: 'report-workbench-backup', formatVersion: 1, schemaVersion: CURRENT_SCHEMA_VERSION, appVersion: '0.1.0', counts: { documents: 2, findings: 2 } });
    expect(info.counts).toMatchObject({ documents: 2, findings: 2, settings: 0 });
    expect(info.counts.bytes).toBeGreaterThan(fixtureBytes('tip/tip-2015-excerpt.pdf').length);
    expect(info.warnings).toEqual([]);
  });

  it('prints a summary without --json', async () => {
    const r = await rwb('backup-info', backup);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Report Workbench backup (format 1, schema');
    expect(r.stdout).toMatch(/2 documents, 2 findings, \d+ codes, 0 settings/);
  });

  it('refuses a damaged backup with one line on stderr', async () => {
    const cut = join(dir, 'cut.rwb-backup');
    const bytes = readFileSync(backup);
    writeFileSync(cut, bytes.subarray(0, bytes.length - 100));
    const r = await rwb('backup-info', cut, '--json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    oneLineError(r.stderr);
    expect(r.stderr).toContain('The backup is damaged or incomplete');
  });

  it('says a PDF is not a backup, and a missing file is missing', async () => {
    const pdf = await rwb('backup-info', fixture('tip/tip-2015-excerpt.pdf'));
    expect(pdf.code).toBe(1);
    oneLineError(pdf.stderr);
    expect(pdf.stderr).toMatch(/tip-2015-excerpt\.pdf: This file is not a Report Workbench backup: it is a PDF document/);
    const missing = await rwb('backup-info', join(dir, 'nope.rwb-backup'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`rwb: ${join(dir, 'nope.rwb-backup')}: no such file\n`);
  });
});

describe('rwb export', () => {
  it('writes CSV to stdout', async () => {
    const r = await rwb('export', backup, '--format', 'csv');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.replace(/^\uFEFF/, '').trimEnd().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(r.stdout).toContain(VICTIMS);
    expect(r.stdout).toContain('From the pdf.');
  });

  it('writes W3C JSON-LD that parses', async () => {
    const r = await rwb('export', backup, '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.stringify(JSON.parse(r.stdout))).toContain(VICTIMS);
  });

  it('needs --out for binary formats, and writes them there (into a folder under the suggested name)', async () => {
    const refused = await rwb('export', backup, '--format', 'xlsx');
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    oneLineError(refused.stderr);
    expect(refused.stderr).toBe('rwb: xlsx is a binary format: give the file to write with --out\n');

    const xlsx = join(dir, 'findings.xlsx');
    const r = await rwb('export', backup, '--format', 'xlsx', '--out', xlsx);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(Object.keys(unzipSync(readFileSync(xlsx)))).toContain('xl/workbook.xml');

    const folder = mkdtempSync(join(dir, 'out-'));
    const q = await rwb('export', backup, '--format', 'qdpx', '--out', folder);
    expect(q.code).toBe(0);
    expect(readdirSync(folder)).toEqual(['workspace.qdpx']);
    expect(Object.keys(unzipSync(readFileSync(join(folder, 'workspace.qdpx'))))).toContain('project.qde');
  });

  it('refuses bad arguments with exit code 2', async () => {
    const unknown = await rwb('export', backup, '--format', 'docx');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('rwb: unknown export format “docx” (use one of: csv, xlsx, json, md, html, qdpx)\n');
    const none = await rwb('export', backup);
    expect(none.code).toBe(2);
    oneLineError(none.stderr);
    const self = await rwb('export', backup, '--format', 'md', '--out', backup);
    expect(self.code).toBe(2);
    expect(self.stderr).toBe('rwb: --out names the backup itself; choose another file\n');
    expect((await rwb('backup-info', backup, '--bogus')).code).toBe(2);
  });

  it('refuses a tampered backup before exporting anything', async () => {
    const entries = unzipSync(readFileSync(backup));
    const tampered = join(dir, 'tampered.rwb-backup');
    entries['findings.json'] = strToU8(strFromU8(entries['findings.json']!).replace('From the pdf.', 'From elsewhere.'));
    writeFileSync(tampered, zipSync(entries));
    const r = await rwb('export', tampered, '--format', 'csv');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`rwb: ${tampered}: The backup is damaged: findings.json does not match its checksum (its size differs from the manifest's).\n`);
  });

  it('lists the backup commands in the help', async () => {
    const r = await rwb('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('rwb export <backup> --format csv|xlsx|json|md|html|qdpx [--out <file>]');
    expect(r.stdout).toContain('rwb backup-info <backup> [--json]');
  });
});
