import { open } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ingestPath } from '../node/ingest-path';
import { BACKUP_EXTENSION } from '../shared/backup/backup-format';
import type { DocumentRecord } from '../shared/model/types';
import { errorMessage } from '../shared/result';
import { groupSearchHits, ReportSearch, type SearchNote, type SearchText } from '../shared/search/search-index';
import { loadBackupFile } from './export-command';

/** Help for `rwb search`, printed with the main usage. */
export const SEARCH_USAGE = `Search:
  rwb search <file>… <query> [--json] [--limit <n>]
                Search reports: words (all must occur), prefixes ("prosecut"), "exact phrases",
                case- and accent-insensitive; matches grouped by document and country, in context.
                A workspace backup (${BACKUP_EXTENSION}) is searched whole: every document's text
                and every finding's note (a note's match names its finding, codes and passage)`;

type Output = Pick<NodeJS.WritableStream, 'write'>;

/** One line, for messages on stderr. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
/** A passage shortened for a listing. */
const short = (s: string) => (s.length > 100 ? `${s.slice(0, 99)}…` : s);

/** Runs `rwb search`; resolves to the exit code (0 also when nothing matches, 2: bad arguments, 1: a file could not be read). */
export async function runSearchCommand(argv: string[], out: Output, errOut: Output): Promise<number> {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        limit: { type: 'string', default: '500' },
        password: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    errOut.write(`rwb: ${oneLine(errorMessage(e))}\n`);
    return 2;
  }
  if (values.help) {
    out.write(SEARCH_USAGE + '\n');
    return 0;
  }
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) {
    errOut.write(`rwb: --limit must be a whole number above 0, not “${values.limit}”\n`);
    return 2;
  }
  const files = positionals.slice(0, -1);
  const query = positionals.at(-1)?.trim() ?? '';
  if (files.length === 0 || !query.replace(/"/g, '').trim()) {
    errOut.write('rwb: search takes one or more files, then the query (quote it: rwb search report.pdf "forced labor")\n');
    return 2;
  }

  const documents: DocumentRecord[] = [];
  const texts = new Map<string, SearchText>();
  const sources = new Map<string, Source>();
  const notes: SearchNote[] = [];
  const findings = new Map<string, FoundFinding>();
  for (const file of files) {
    if (await isBackupFile(file)) {
      const contents = await loadBackupFile(file, errOut);
      if (!contents) return 1;
      const tagNames = new Map(contents.tags.map((t) => [t.id, t.name]));
      const backupTexts = new Map(contents.texts.map((t) => [t.documentId, t]));
      // Two backups may hold the same document under the same id: the file keeps them apart.
      const key = (documentId: string) => `${file}\u0000${documentId}`;
      for (const d of contents.documents) {
        const text = backupTexts.get(d.id)!;
        documents.push({ ...d, id: key(d.id) });
        texts.set(key(d.id), text);
        sources.set(key(d.id), { file, document: d.title, year: d.year, pageStarts: text.pageStarts });
      }
      for (const f of contents.findings) {
        notes.push({ id: key(f.id), documentId: key(f.documentId), note: f.note, position: f.position });
        findings.set(key(f.id), { id: f.id, tags: f.tagIds.map((id) => tagNames.get(id) ?? id), quote: f.quote.exact, note: f.note });
      }
      continue;
    }
    try {
      const { document } = await ingestPath(file, values.password !== undefined ? { password: values.password } : {});
      // The file's path identifies it: the same name in two folders stays two documents.
      documents.push({ id: file, title: file, fileName: file, sha256: '', characters: document.characters, year: document.structure.year } as DocumentRecord);
      texts.set(file, document);
      sources.set(file, { file, document: file, year: document.structure.year, pageStarts: document.pageStarts });
    } catch (e) {
      errOut.write(`rwb: ${file}: ${oneLine(errorMessage(e))}\n`);
      return 1;
    }
  }
  const hits = new ReportSearch(documents, texts, notes).search(query, limit);
  const pageOf = (documentId: string, offset: number): number => {
    const starts = sources.get(documentId)!.pageStarts;
    let page = 1;
    while (page < starts.length && starts[page]! <= offset) page++;
    return page;
  };
  const groups = groupSearchHits(hits).map((g) => {
    const source = sources.get(g.documentId)!;
    return {
      file: source.file,
      document: source.document,
      year: source.year,
      country: g.country || null,
      hits: g.hits.map((h) => ({
        kind: h.kind,
        page: pageOf(g.documentId, h.start),
        start: h.start,
        end: h.end,
        snippet: h.snippet,
        ...(h.findingId !== undefined ? { finding: findings.get(h.findingId)! } : {}),
      })),
    };
  });
  if (values.json) {
    out.write(JSON.stringify({ query, files, total: hits.length, truncated: hits.length >= limit, groups }, null, 2) + '\n');
    return 0;
  }
  if (hits.length === 0) {
    out.write(`No matches for ${query} in ${files.length} ${files.length === 1 ? 'file' : 'files'}.\n`);
    return 0;
  }
  for (const g of groups) {
    const where = g.document === g.file ? g.file : `${g.file}: ${g.document}`;
    out.write(`${where}${g.year ? ` (${g.year})` : ''} — ${g.country ?? 'outside any country'}: ${g.hits.length} ${g.hits.length === 1 ? 'match' : 'matches'}\n`);
    for (const h of g.hits) {
      const f = h.finding;
      const on = f ? `, note of finding ${f.id}${f.tags.length ? ` [${f.tags.join(', ')}]` : ''} on “${short(oneLine(f.quote))}”` : '';
      out.write(`  p. ${h.page}${on}: ${oneLine(h.snippet)}\n`);
    }
  }
  out.write(`${hits.length}${hits.length >= limit ? '+' : ''} ${hits.length === 1 ? 'match' : 'matches'} in ${groups.length} ${groups.length === 1 ? 'place' : 'places'}\n`);
  return 0;
}

/** Where a searched document came from. */
interface Source {
  file: string;
  /** The document's title in a backup; the file itself for a report file. */
  document: string;
  year: number | null;
  pageStarts: readonly number[];
}

/** The finding a note hit belongs to, as printed. */
interface FoundFinding {
  id: string;
  /** Its codes' names (an id where the codebook lacks the code). */
  tags: string[];
  quote: string;
  note: string;
}

const ZIP_MAGIC = [0x50, 0x4b];

/**
 * A backup is recognised by its extension or by its content (a zip archive: reports never are), so a
 * renamed backup is still searched as one, and a file named .rwb-backup that is not one is refused as
 * a damaged backup rather than read as a report.
 */
async function isBackupFile(file: string): Promise<boolean> {
  if (file.toLowerCase().endsWith(BACKUP_EXTENSION)) return true;
  let handle;
  try {
    handle = await open(file, 'r');
    const head = new Uint8Array(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && ZIP_MAGIC.every((b, i) => head[i] === b) && (head[2] === 3 || head[2] === 5) && head[3] === head[2] + 1;
  } catch {
    // Unreadable here: ingestion says why, in its own words.
    return false;
  } finally {
    await handle?.close();
  }
}
