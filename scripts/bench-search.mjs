// Search half of `npm run bench`: the app's search index (src/shared/search) over ten copies of the
// 260-page report's text, as ten reports: build, serialise, load, and query times. Prints JSON.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { register } from 'tsx/esm/api';

register();
const root = resolve(import.meta.dirname, '..');
const txt = join(root, '.bench/big.txt');
if (!existsSync(txt)) {
  mkdirSync(join(root, '.bench'), { recursive: true });
  const r = spawnSync('python3', [join(root, '../shared/fixtures/tip/make_big_report.py'), txt, '--countries', '190'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
}
const { ingestFile } = await import('../src/shared/ingest/ingest.ts');
const { ReportSearch } = await import('../src/shared/search/search-index.ts');
const { loadNodePdfjs } = await import('../src/node/pdfjs-node.ts');

const REPORTS = 10;
const QUERIES = ['trafficking', 'victims identified', 'forced labor', 'prosecut', '"reflection period"', 'shelter NGO', 'tier 2 watch', 'côte', 'government did not', '"minimum standards for the elimination"', 'convict', 'labour recruitment fees', 'child soldiers', 'sex trafficking victims', 'anti-trafficking law', 'police'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (f) => {
  const t0 = performance.now();
  const v = f();
  return [performance.now() - t0, v];
};

const doc = await ingestFile({ fileName: 'big.txt', bytes: new Uint8Array(readFileSync(txt)), pdfjs: await loadNodePdfjs() });
const documents = [];
const texts = new Map();
for (let i = 0; i < REPORTS; i++) {
  const id = `report-${i}`;
  documents.push({ id, title: `Report ${2015 + i}`, sha256: `bench-${i}`, characters: doc.text.length });
  texts.set(id, { text: doc.text, structure: doc.structure });
}
const [buildMs, search] = time(() => new ReportSearch(documents, texts, []));
const [serialiseMs, json] = time(() => JSON.stringify(search.toJSON()));
const [loadMs, loaded] = time(() => ReportSearch.fromJSON(JSON.parse(json)));
for (const q of QUERIES) loaded.search(q); // warm up
// Wall time, and CPU time, which a busy shared machine inflates far less.
const perQuery = QUERIES.map((q) => {
  const wall = [];
  const cpu = [];
  let hits = 0;
  for (let i = 0; i < 5; i++) {
    const c0 = process.cpuUsage();
    const [ms, h] = time(() => loaded.search(q));
    const c = process.cpuUsage(c0);
    wall.push(ms);
    cpu.push((c.user + c.system) / 1000);
    hits = h.length;
  }
  return { query: q, ms: +median(wall).toFixed(2), cpuMs: +median(cpu).toFixed(2), hits };
});
const all = perQuery.map((q) => q.ms);
const allCpu = perQuery.map((q) => q.cpuMs);
console.log(
  JSON.stringify(
    {
      reports: REPORTS,
      charactersPerReport: doc.text.length,
      pagesPerReport: 'about 260 once typeset (.bench/big.pdf)',
      buildMs: Math.round(buildMs),
      serialisedMB: +(json.length / 1e6).toFixed(1),
      serialiseMs: Math.round(serialiseMs),
      loadMs: Math.round(loadMs),
      queryMs: { median: +median(all).toFixed(2), max: Math.max(...all), target: 50, note: 'up to 200 hits each, with snippets' },
      queryCpuMs: { median: +median(allCpu).toFixed(2), max: Math.max(...allCpu) },
      perQuery,
    },
    null,
    2,
  ),
);
