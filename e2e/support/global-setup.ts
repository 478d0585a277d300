import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { build, preview } from 'vite';
import { findChromium } from './browsers';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the built web host is served, or '' when Chromium is missing and browser tests skip. */
    baseURL: string;
    chromium: string;
  }
}

/** Builds the web host once and serves it on a free localhost port for the browser tests. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const chromium = findChromium();
  if (!chromium) {
    if (process.env.CI) throw new Error('e2e: Chromium is required in CI but none was found (install Debian chromium or set CHROMIUM_PATH).');
    console.log('e2e: skipping the browser tests: no Chromium found (install chromium or set CHROMIUM_PATH).');
    project.provide('baseURL', '');
    project.provide('chromium', '');
    return async () => {};
  }
  const configFile = resolve(import.meta.dirname, '../../vite.web.config.ts');
  await build({ configFile, logLevel: 'warn' });
  const server = await preview({ configFile, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('e2e: the preview server did not report its address.');
  project.provide('baseURL', url);
  project.provide('chromium', chromium);
  return async () => {
    await server.close();
  };
}
