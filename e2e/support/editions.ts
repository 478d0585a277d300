import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { fixture } from '../../tests/fixtures';

/**
 * Two editions of a report for the compare tests: the TIP 2015 excerpt as it is, and a "2016"
 * edition made from it (its running head says 2016) with the test's own edits. Written to a fresh
 * temp folder as tip-2015.txt and tip-2016.txt.
 */
export function writeEditions(edit2016: (text: string) => string): { earlier: string; later: string } {
  const original = readFileSync(fixture('tip/tip-2015-excerpt.txt'), 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'rwb-editions-'));
  const earlier = join(dir, 'tip-2015.txt');
  const later = join(dir, 'tip-2016.txt');
  writeFileSync(earlier, original);
  writeFileSync(later, edit2016(original.replace(/TRAFFICKING IN PERSONS REPORT 2015/g, 'TRAFFICKING IN PERSONS REPORT 2016')));
  return { earlier, later };
}

/** Opens files with the Open… button and waits until the library lists `total` documents. */
export async function openFiles(page: Page, paths: string[], total: number): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open…' }).click();
  await (await chooser).setFiles(paths);
  // A locator wait, not expect.poll: this also runs in beforeAll hooks.
  await page.getByRole('navigation', { name: 'Documents' }).getByRole('listitem').nth(total - 1).waitFor({ timeout: 30_000 });
}
