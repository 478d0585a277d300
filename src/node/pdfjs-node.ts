import { createRequire, enableCompileCache } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PdfjsRuntime } from '../shared/ingest/pdf-text';

let runtime: Promise<PdfjsRuntime> | undefined;

/**
 * pdf.js for Node (main process, its workers, the CLI): the legacy build, with its bundled fonts,
 * CMaps and wasm read from the local package, never fetched.
 */
export function loadNodePdfjs(): Promise<PdfjsRuntime> {
  runtime ??= (async () => {
    // pdf.js is 3 MB of JavaScript that every page worker compiles afresh: Node's on-disk code
    // cache (in the OS temporary folder, checked against the source) spares them that.
    enableCompileCache?.();
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve('pdfjs-dist/package.json'));
    const lib = (await import(pathToFileURL(join(root, 'legacy/build/pdf.mjs')).href)) as typeof import('pdfjs-dist');
    return {
      getDocument: lib.getDocument,
      documentOptions: {
        standardFontDataUrl: join(root, 'standard_fonts') + '/',
        cMapUrl: join(root, 'cmaps') + '/',
        wasmUrl: join(root, 'wasm') + '/',
      },
    };
  })();
  return runtime;
}
