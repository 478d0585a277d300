#!/usr/bin/env node
// Renders resources/icon.svg to resources/icon.png (1024×1024, transparent corners) with Chromium,
// once, when the design changes: `node scripts/render-icon.mjs`. The PNG is committed;
// electron-builder derives the .ico, .icns and Linux sizes from it at packaging time.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
const SIZE = 1024;
const svg = readFileSync(resolve(root, 'resources/icon.svg'), 'utf8');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  // The SVG is inlined: the page loads nothing from anywhere.
  await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${svg}`);
  await page.screenshot({ path: resolve(root, 'resources/icon.png'), omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } });
  console.log('resources/icon.png written');
} finally {
  await browser.close();
}
