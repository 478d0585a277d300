import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize, relative } from 'node:path';
import type { Plugin } from 'vite';

/** pdf.js data folders the app needs locally (fonts, CMaps, wasm decoders): never fetched from a CDN. */
const FOLDERS = ['standard_fonts', 'cmaps', 'wasm'];
// The scripting engine is never enabled (no PDF JavaScript runs), so its wasm is not shipped.
const EXCLUDED = new Set(['quickjs-eval.wasm']);

function pdfjsRoot(): string {
  return dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
}

/** Serves (dev) and emits (build) pdf.js's data files under `pdfjs/` of the app's own origin. */
export function pdfjsAssets(): Plugin {
  const root = pdfjsRoot();
  return {
    name: 'rwb-pdfjs-assets',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0] ?? '';
        const at = url.indexOf('/pdfjs/');
        if (at < 0) return next();
        const rel = normalize(decodeURIComponent(url.slice(at + '/pdfjs/'.length)));
        const file = join(root, rel);
        if (!FOLDERS.some((f) => rel.startsWith(f + '/')) || EXCLUDED.has(rel.split('/').pop() ?? '') || relative(root, file).startsWith('..') || !existsSync(file) || !statSync(file).isFile()) {
          return next();
        }
        res.setHeader('Content-Type', file.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream');
        createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      for (const folder of FOLDERS) {
        const dir = join(root, folder);
        for (const name of readdirSync(dir)) {
          const file = join(dir, name);
          if (EXCLUDED.has(name) || !statSync(file).isFile()) continue;
          this.emitFile({ type: 'asset', fileName: `pdfjs/${folder}/${name}`, source: readFileSync(file) });
        }
      }
    },
  };
}
