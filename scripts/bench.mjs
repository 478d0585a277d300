#!/usr/bin/env node
// `npm run bench`: ingestion speed and memory on a 260-page two-column TIP-style report, side by
// side with pdftotext in the same run, search over ten such reports, then the reader's figures in Chromium (tag to highlight,
// first page painted, scrolling with 5,000 findings). Prints JSON; nothing here fails on time.
// The report is generated once into .bench/ (make_big_report.py, typeset_report.py --layout twocol).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const tip = resolve(root, '../shared/fixtures/tip');
const dir = join(root, '.bench');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30, cwd: root, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
  return r.stdout;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Wall time of a command, median of RUNS. */
function wall(cmd, args) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    run(cmd, args);
    times.push(performance.now() - t0);
  }
  return Math.round(median(times));
}

mkdirSync(dir, { recursive: true });
const txt = join(dir, 'big.txt');
const pdf = join(dir, 'big.pdf');
if (!existsSync(txt)) run('python3', [join(tip, 'make_big_report.py'), txt, '--countries', '190']);
if (!existsSync(pdf)) run('python3', [join(tip, 'typeset_report.py'), txt, pdf, '--layout', 'twocol', '--year', '2015']);
run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--logLevel', 'silent']);

const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]))?.[1]);
const pdftotextMs = wall('pdftotext', [pdf, '/dev/null']);
const runs = [];
for (let i = 0; i < RUNS; i++) runs.push(JSON.parse(run(process.execPath, [join(root, 'scripts/bench-ingest-runner.mjs'), pdf])));
const app = {
  totalMs: median(runs.map((r) => r.totalMs)),
  firstCountryMs: median(runs.map((r) => r.firstCountryMs)),
  peakMB: Math.max(...runs.map((r) => r.peakMB)),
  countries: runs[0].countries,
};
// The floor with pdf.js: its text extraction plus our page layout, single-threaded CPU, split
// ideally over two cores (nothing else: no start-up, no assembly, no structure).
const floors = [];
for (let i = 0; i < RUNS; i++) floors.push(JSON.parse(run(process.execPath, [join(root, 'scripts/bench-pdfjs-floor.mjs'), pdf])));
const floor = { textContentCpuMs: median(floors.map((f) => f.textContentCpuMs)), layoutCpuMs: median(floors.map((f) => f.layoutCpuMs)) };
const twoCoreFloorMs = Math.round((floor.textContentCpuMs + floor.layoutCpuMs) / 2);
// pdf.js alone in two worker threads, as the app starts its page workers (bench-pdfjs-split.mjs):
// the measured best the app could do with pdf.js on two cores, before any work of ours.
const split = [];
for (let i = 0; i < RUNS; i++) split.push(JSON.parse(run(process.execPath, [join(root, 'scripts/bench-pdfjs-split.mjs'), pdf])).wallMs);
const pdfjsTwoWorkersMs = median(split);
const cliMs = wall(process.execPath, [join(root, 'bin/rwb.mjs'), 'ingest', pdf]);
// Search over ten such reports (see bench-search.mjs).
const search = JSON.parse(run(process.execPath, [join(root, 'scripts/bench-search.mjs')]));
// The reader's figures, measured in Chromium on the web host (see bench-browser.mjs).
const browser = JSON.parse(run(process.execPath, [join(root, 'scripts/bench-browser.mjs')]));

console.log(
  JSON.stringify(
    {
      report: { file: pdf, pages, countries: app.countries },
      runs: RUNS,
      pdftotext: { wallMs: pdftotextMs },
      ingestion: {
        note: 'the app path: the built ingestion worker with parallel page workers; clean text, structure and figures',
        wallMs: app.totalMs,
        ratioToPdftotext: +(app.totalMs / pdftotextMs).toFixed(2),
        firstCountryMs: app.firstCountryMs,
        peakMB: app.peakMB,
        cpuMs: median(runs.map((r) => r.cpuMs)),
      },
      pdfjsFloor: {
        note: 'one thread: CPU of pdf.js getTextContent and of our page layout over all pages; twoCoreFloorMs = their sum split over 2 cores',
        ...floor,
        twoCoreFloorMs,
        ratioToPdftotext: +(twoCoreFloorMs / pdftotextMs).toFixed(2),
      },
      pdfjsAloneInTwoWorkers: {
        note: 'getTextContent of every page split over 2 worker threads, with the app’s parameters and limits; no layout or structure',
        wallMs: pdfjsTwoWorkersMs,
        ratioToPdftotext: +(pdfjsTwoWorkersMs / pdftotextMs).toFixed(2),
      },
      cli: { note: 'rwb ingest from source (tsx start-up included)', wallMs: cliMs, ratioToPdftotext: +(cliMs / pdftotextMs).toFixed(2) },
      search,
      reader: browser,
      targets: { ratioToPdftotextAtMost: 2, firstCountryMsAtMost: 1000, peakMBUnder: 400, searchQueryMedianMsUnder: 50 },
    },
    null,
    2,
  ),
);
