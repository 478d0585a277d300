/**
 * `npm run bench`: speed and memory of ingestion on a 260-page two-column TIP-style report,
 * side by side with pdftotext in the same run. Prints JSON. Not a test: nothing fails on time.
 *
 * The report is generated once into .bench/ (make_big_report.py, typeset_report.py --layout twocol).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const fixtures = resolve(root, '../shared/fixtures/tip');
const dir = join(root, '.bench');

/** Makes the synthetic report (text, truth and typeset PDF) unless it is already there. */
function ensureBigReport(): { txt: string; pdf: string } {
  mkdirSync(dir, { recursive: true });
  const txt = join(dir, 'big.txt');
  const pdf = join(dir, 'big.pdf');
  if (!existsSync(txt)) run('python3', [join(fixtures, 'make_big_report.py'), txt, '--countries', '190']);
  if (!existsSync(pdf)) run('python3', [join(fixtures, 'typeset_report.py'), txt, pdf, '--layout', 'twocol', '--year', '2015']);
  return { txt, pdf };
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** Median wall time of a command over `n` runs, in ms, and the peak RSS of the last run (kB, GNU time). */
function timeCommand(cmd: string, args: string[], n = 3): { ms: number; peakMB: number | null } {
  const times: number[] = [];
  let peakMB: number | null = null;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
    const kb = Number(r.stderr.trim().split('\n').pop());
    if (Number.isFinite(kb)) peakMB = Math.round(kb / 1024);
  }
  times.sort((a, b) => a - b);
  return { ms: Math.round(times[Math.floor(n / 2)]!), peakMB };
}

const { pdf } = ensureBigReport();
const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]))?.[1]);
const pdftotext = timeCommand('pdftotext', [pdf, '/dev/null']);
const node = process.execPath;
const rwb = join(root, 'bin/rwb.mjs');
// The CLI's own start-up (Node + TypeScript loader) measured apart, so ingestion itself can be read off.
const startup = timeCommand(node, [rwb, '--help']);
const ingest = timeCommand(node, [rwb, 'ingest', pdf, '--json', '--out', '/dev/null']);
const firstCountry = JSON.parse(run(node, [rwb, 'ingest', pdf, '--timings'])) as { firstCountryMs: number; totalMs: number };

const result = {
  report: { file: pdf, pages },
  pdftotext: { wallMs: pdftotext.ms, peakMB: pdftotext.peakMB },
  rwbIngest: {
    wallMs: ingest.ms,
    cliStartupMs: startup.ms,
    ingestionMs: firstCountry.totalMs,
    peakMB: ingest.peakMB,
    firstCountryMs: firstCountry.firstCountryMs,
  },
  ratios: {
    wallVsPdftotext: +(ingest.ms / pdftotext.ms).toFixed(2),
    ingestionVsPdftotext: +(firstCountry.totalMs / pdftotext.ms).toFixed(2),
  },
  targets: { ratioAtMost: 2, firstCountryMsAtMost: 1000, peakMBUnder: 400 },
};
console.log(JSON.stringify(result, null, 2));
