import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { backupExportInput } from '../shared/backup/backup-export-input';
import { BACKUP_EXTENSION, BACKUP_LIMITS, formatBytes, type BackupContents } from '../shared/backup/backup-format';
import { readBackup } from '../shared/backup/read-backup';
import { EXPORT_FORMATS, exportFindings, type ExportFormat } from '../shared/export/export-findings';
import { errorMessage } from '../shared/result';

/** The commands this file runs; main.ts hands them over before its own argument parsing. */
export const BACKUP_COMMANDS: readonly string[] = ['export', 'backup-info'];

/** Help for the backup commands, printed after the main usage. */
export const BACKUP_USAGE = `Backups (${BACKUP_EXTENSION} files, made by the app):
  rwb export <backup> --format ${EXPORT_FORMATS.join('|')} [--out <file>]
                Export the backup's findings; text formats go to stdout without --out
  rwb backup-info <backup> [--json]
                Check a backup completely and print its manifest and counts`;

const BINARY: ReadonlySet<ExportFormat> = new Set(['xlsx', 'qdpx']);

type Output = Pick<NodeJS.WritableStream, 'write'>;

class UsageError extends Error {}

/** Runs `rwb export` or `rwb backup-info`; resolves to the exit code (2: bad arguments, 1: the backup or the output failed). */
export async function runBackupCommand(argv: string[], out: Output, errOut: Output): Promise<number> {
  const command = argv[0]!;
  try {
    const { values, positionals } = parseArgs({
      args: argv.slice(1),
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        out: { type: 'string', short: 'o' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      out.write(BACKUP_USAGE + '\n');
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError(`${command} takes exactly one backup file`);
    const file = positionals[0]!;
    if (command === 'export') {
      if (values.json) throw new UsageError('export has no --json; use --format json');
      return await exportCommand(file, values.format, values.out, out, errOut);
    }
    if (values.format !== undefined || values.out !== undefined) throw new UsageError('backup-info takes only --json');
    return await infoCommand(file, values.json, out, errOut);
  } catch (e) {
    errOut.write(`rwb: ${oneLine(errorMessage(e))}\n`);
    return e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1;
  }
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Reads and checks a backup file; on failure writes one line (`rwb: <file>: <why>`) to `errOut` and
 * resolves to undefined. Shared by every command that reads a backup, so all fail alike.
 */
export async function loadBackupFile(file: string, errOut: Output): Promise<BackupContents | undefined> {
  let bytes: Uint8Array;
  try {
    const size = (await stat(file)).size;
    if (size > BACKUP_LIMITS.maxArchiveBytes) {
      errOut.write(`rwb: ${file}: too large to be a backup (${formatBytes(size)}; a backup is at most ${formatBytes(BACKUP_LIMITS.maxArchiveBytes)})\n`);
      return undefined;
    }
    bytes = new Uint8Array(await readFile(file));
  } catch (e) {
    const code = (e as { code?: string }).code;
    errOut.write(`rwb: ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a backup file' : oneLine(errorMessage(e))}\n`);
    return undefined;
  }
  const read = await readBackup(bytes);
  if (!read.ok) {
    errOut.write(`rwb: ${file}: ${oneLine(read.error)}\n`);
    return undefined;
  }
  return read.value;
}

async function exportCommand(file: string, format: string | undefined, outFile: string | undefined, out: Output, errOut: Output): Promise<number> {
  if (format === undefined) throw new UsageError(`export needs --format (${EXPORT_FORMATS.join(', ')})`);
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown export format “${format}” (use one of: ${EXPORT_FORMATS.join(', ')})`);
  const fmt = format as ExportFormat;
  if (outFile === undefined && BINARY.has(fmt)) throw new UsageError(`${fmt} is a binary format: give the file to write with --out`);
  const contents = await loadBackupFile(file, errOut);
  if (!contents) return 1;
  const exported = await exportFindings(backupExportInput(contents), fmt, basename(file).replace(/\.rwb-backup$/i, '') || 'findings');
  if (outFile === undefined) {
    out.write(exported.bytes);
    return 0;
  }
  // A folder receives the export under its suggested name.
  const target = (await stat(outFile).catch(() => undefined))?.isDirectory() ? join(outFile, exported.fileName) : outFile;
  if (resolve(target) === resolve(file)) throw new UsageError('--out names the backup itself; choose another file');
  try {
    await writeFile(target, exported.bytes);
  } catch (e) {
    errOut.write(`rwb: ${target}: ${oneLine(errorMessage(e))}\n`);
    return 1;
  }
  return 0;
}

async function infoCommand(file: string, json: boolean, out: Output, errOut: Output): Promise<number> {
  const contents = await loadBackupFile(file, errOut);
  if (!contents) return 1;
  const { manifest } = contents;
  const counts = {
    documents: contents.documents.length,
    findings: contents.findings.length,
    tags: contents.tags.length,
    settings: contents.settings.length,
    bytes: manifest.entries.reduce((n, e) => n + e.size, 0),
  };
  if (json) {
    out.write(JSON.stringify({ file, manifest, counts, warnings: contents.warnings }, null, 2) + '\n');
    return 0;
  }
  const by = manifest.appVersion ? ` by Report Workbench ${manifest.appVersion}` : '';
  out.write(`${file}: Report Workbench backup (format ${manifest.formatVersion}, schema ${manifest.schemaVersion}), made ${manifest.createdAt}${by}\n`);
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  out.write(`  ${plural(counts.documents, 'document')}, ${plural(counts.findings, 'finding')}, ${plural(counts.tags, 'code')}, ${plural(counts.settings, 'setting')}; ${formatBytes(counts.bytes)} unpacked\n`);
  for (const d of contents.documents) out.write(`  ${d.title} (${d.fileName}${d.year ? `, ${d.year}` : ''})\n`);
  for (const w of contents.warnings) out.write(`warning: ${w}\n`);
  return 0;
}
