import { parseArgs } from 'node:util';
import { ingestPath } from '../node/ingest-path';
import { errorMessage } from '../shared/result';

const USAGE = `Report Workbench command line

Usage:
  rwb ingest <file> [--json] [--password <pw>]   Read a PDF or text file and print its text per page

Options:
  --json        Print JSON: { file, pages, characters, text: [per-page strings] }
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
      out.write(JSON.stringify({ file, pages: document.pages.length, characters: document.characters, text: document.pages }, null, 2) + '\n');
    } else {
      out.write(`${file}: ${document.pages.length} pages, ${document.characters} characters\n`);
      for (const w of document.warnings) out.write(`warning: ${w}\n`);
    }
    return 0;
  } catch (e) {
    errOut.write(`rwb: ${file}: ${errorMessage(e).replace(/\s+/g, ' ')}\n`);
    return 1;
  }
}
