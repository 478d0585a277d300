import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { pdfjsAssets } from './build/vite-pdfjs-assets';
import { CONTENT_SECURITY_POLICY } from './src/main/security';

/**
 * The web host: the same renderer in an ordinary browser. `npm run web` serves it for
 * development; `npm run web:build` writes out/web, which the end-to-end tests serve.
 */
export default defineConfig({
  root: resolve(import.meta.dirname, 'src/renderer'),
  base: './',
  // resources/ holds the sample report served at samples/…
  publicDir: resolve(import.meta.dirname, 'resources'),
  plugins: [react(), pdfjsAssets()],
  build: { outDir: resolve(import.meta.dirname, 'out/web'), emptyOutDir: true },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5174 },
  preview: {
    host: '127.0.0.1',
    headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' },
  },
});
