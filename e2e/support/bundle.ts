import { resolve } from 'node:path';
import { build } from 'vite';

/**
 * Bundles `entry` (a file in e2e/support that runs in the app's page) into one script, the way the
 * app itself is bundled, for `page.evaluate`: the tests drive the app's own store code on the
 * app's own origin and database, not a re-implementation of it.
 */
export async function bundleForPage(entry: string): Promise<string> {
  const bundled = await build({
    configFile: false,
    logLevel: 'warn',
    build: { write: false, minify: false, lib: { entry: resolve(import.meta.dirname, entry), formats: ['iife'], name: 'rwbTestModule' } },
  });
  const outputs = (Array.isArray(bundled) ? bundled[0]! : bundled) as { output: { type: string; code?: string }[] };
  const code = outputs.output.find((o) => o.type === 'chunk')?.code;
  if (!code) throw new Error(`${entry} did not bundle`);
  return code;
}
