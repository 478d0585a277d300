// The floor under ingestion with pdf.js: reads every page of one PDF in this one thread, as a page
// worker does, and prints the CPU time of pdf.js's getTextContent and of our page layout. Run
// from source through tsx (the same pdf.js set-up as the app: src/node/pdfjs-node.ts).
import { readFileSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();
const { loadNodePdfjs } = await import('../src/node/pdfjs-node.ts');
const { pdfDocumentParams } = await import('../src/shared/ingest/pdf-open.ts');
const { layoutInputFromContent } = await import('../src/shared/ingest/pdf-text.ts');
const { layoutPage } = await import('../src/shared/ingest/pdf-layout.ts');

const cpu = () => {
  const u = process.threadCpuUsage?.() ?? process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const bytes = new Uint8Array(readFileSync(process.argv[2]));
const pdfjs = await loadNodePdfjs();
const task = pdfjs.getDocument(pdfDocumentParams(bytes, pdfjs));
const doc = await task.promise;
let textContentCpuMs = 0;
let layoutCpuMs = 0;
for (let n = 1; n <= doc.numPages; n++) {
  let t = cpu();
  const page = await doc.getPage(n);
  const content = await page.getTextContent();
  textContentCpuMs += cpu() - t;
  t = cpu();
  layoutPage(layoutInputFromContent(page.view, content), n);
  layoutCpuMs += cpu() - t;
  page.cleanup();
}
await task.destroy();
console.log(JSON.stringify({ textContentCpuMs: Math.round(textContentCpuMs), layoutCpuMs: Math.round(layoutCpuMs) }));
