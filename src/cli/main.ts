import { parseArgs } from 'node:util';
import { ingestPath } from '../node/ingest-path';
import { ingestJson } from '../shared/ingest/ingest-json';
import { errorMessage } from '../shared/result';

const USAGE = `Report Workbench command line

Usage:
  rwb ingest <file> [--json] [--password <pw>]   Read a PDF or text file: its structure, figures and text

Options:
  --json        Print JSON: { file, year, yearSource, pages, characters, warnings, countries, outline, text }
  --password    User password of an encrypted PDF
  -h, --help    Show this help`;

/** Runs the CLI with the given arguments; resolves to the process exit code. */
export async function main(argv: string[], out = process.stdout, errOut = process.stderr): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        password: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    errOut.write(`rwb: ${errorMessage(e)}\n`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.help || !command) {
    out.write(USAGE + '\n');
    return command || parsed.values.help ? 0 : 2;
  }
  if (command !== 'ingest') {
    errOut.write(`rwb: unknown command “${command}” (try: rwb --help)\n`);
    return 2;
  }
  if (rest.length !== 1) {
    errOut.write('rwb: ingest takes exactly one file\n');
    return 2;
  }
  const file = rest[0]!;
  try {
    const { document } = await ingestPath(file, parsed.values.password !== undefined ? { password: parsed.values.password } : {});
    if (parsed.values.json) {
      out.write(JSON.stringify(ingestJson(file, document), null, 2) + '\n');
    } else {
      const { year, countries } = document.structure;
      out.write(`${file}: ${document.pageStarts.length} ${document.pageStarts.length === 1 ? "page" : "pages"}, ${document.characters} characters${year ? `, report year ${year}` : ''}\n`);
      for (const c of countries) out.write(`  ${c.name}${c.tier ? `: ${c.tier}` : ''}${c.inferred ? ' (inferred)' : ''} — ${c.sections.map((s) => s.kind).join(', ')}\n`);
      for (const w of document.warnings) out.write(`warning: ${w}\n`);
    }
    return 0;
  } catch (e) {
    errOut.write(`rwb: ${file}: ${errorMessage(e).replace(/\s+/g, ' ')}\n`);
    return 1;
  }
}
