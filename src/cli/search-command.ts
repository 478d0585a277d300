import { parseArgs } from 'node:util';
import { ingestPath } from '../node/ingest-path';
import type { DocumentRecord } from '../shared/model/types';
import { errorMessage } from '../shared/result';
import { groupSearchHits, ReportSearch, type SearchText } from '../shared/search/search-index';

/** Help for `rwb search`, printed with the main usage. */
export const SEARCH_USAGE = `Search:
  rwb search <file>… <query> [--json] [--limit <n>]
                Search reports: words (all must occur), prefixes ("prosecut"), "exact phrases",
                case- and accent-insensitive; matches grouped by document and country, in context`;

type Output = Pick<NodeJS.WritableStream, 'write'>;

/** One line, for messages on stderr. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

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
  const pageStarts = new Map<string, number[]>();
  for (const file of files) {
    try {
      const { document } = await ingestPath(file, values.password !== undefined ? { password: values.password } : {});
      // The file's path identifies it: the same name in two folders stays two documents.
      documents.push({ id: file, title: file, fileName: file, sha256: '', characters: document.characters, year: document.structure.year } as DocumentRecord);
      texts.set(file, document);
      pageStarts.set(file, document.pageStarts);
    } catch (e) {
      errOut.write(`rwb: ${file}: ${oneLine(errorMessage(e))}\n`);
      return 1;
    }
  }
  const hits = new ReportSearch(documents, texts).search(query, limit);
  const pageOf = (file: string, offset: number): number => {
    const starts = pageStarts.get(file)!;
    let page = 1;
    while (page < starts.length && starts[page]! <= offset) page++;
    return page;
  };
  const groups = groupSearchHits(hits).map((g) => ({
    file: g.documentId,
    year: documents.find((d) => d.id === g.documentId)!.year,
    country: g.country || null,
    hits: g.hits.map((h) => ({ page: pageOf(g.documentId, h.start), start: h.start, end: h.end, snippet: h.snippet })),
  }));
  if (values.json) {
    out.write(JSON.stringify({ query, files, total: hits.length, truncated: hits.length >= limit, groups }, null, 2) + '\n');
    return 0;
  }
  if (hits.length === 0) {
    out.write(`No matches for ${query} in ${files.length} ${files.length === 1 ? 'file' : 'files'}.\n`);
    return 0;
  }
  for (const g of groups) {
    out.write(`${g.file}${g.year ? ` (${g.year})` : ''} — ${g.country ?? 'outside any country'}: ${g.hits.length} ${g.hits.length === 1 ? 'match' : 'matches'}\n`);
    for (const h of g.hits) out.write(`  p. ${h.page}: ${oneLine(h.snippet)}\n`);
  }
  out.write(`${hits.length}${hits.length >= limit ? '+' : ''} ${hits.length === 1 ? 'match' : 'matches'} in ${groups.length} ${groups.length === 1 ? 'place' : 'places'}\n`);
  return 0;
}
