import { AxeBuilder } from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newProfileDir, openApp, OUTPUT_DIR, selectTextWithMouse, tagPassage, type AppSession } from './support/app';
import { openFiles, writeEditions } from './support/editions';

const SCHEMES = ['light', 'dark'] as const;
type Scheme = (typeof SCHEMES)[number];

/**
 * Runs axe-core on the page as it is and returns one readable line per serious or critical
 * violation and element: rule, impact, where, and what the rule asks for.
 */
async function seriousViolations(page: Page): Promise<string[]> {
  // Dialogs, drawers and menus fade in: let every transition end, or axe measures half-transparent
  // text. A transition may not have started yet when nothing is running, so also wait until every
  // open menu, dialog and list box is fully opaque.
  await page.waitForFunction(() => {
    const settled = document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity);
    const opaque = [...document.querySelectorAll('[role="menu"], [role="dialog"], [role="listbox"]')].every((el) => {
      for (let e: Element | null = el; e; e = e.parentElement) if (Number(getComputedStyle(e).opacity) < 1) return false;
      return true;
    });
    return settled && opaque;
  });
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map((n) => `${v.id} (${v.impact}) at ${n.target.join(' ')}: ${v.help}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`),
    );
}

/** Fails with the list of violations on `screen`, one per line, when there is any. */
function expectNone(found: string[], screen: string): void {
  expect(found.length, `${screen}: ${found.length} serious or critical axe violations:\n${found.join('\n')}\n`).toBe(0);
}

/** Audits the page as `screen`, keeping a screenshot of what was audited for review. */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  const found = await seriousViolations(page);
  mkdirSync(OUTPUT_DIR, { recursive: true });
  await page.screenshot({ path: join(OUTPUT_DIR, `a11y-${screen.replace(/[^a-z]+/gi, '-').replace(/-$/, '')}.png`) });
  expectNone(found, screen);
}

/** Text contrast of every highlight in the text view, against its tint painted over the page. */
async function highlightContrasts(page: Page): Promise<{ text: string; ratio: number; fg: string; bg: string }[]> {
  return page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    /** Paints CSS colours over one another and reads the pixel back: what the eye gets. */
    const paint = (colors: string[]): number[] => {
      ctx.clearRect(0, 0, 1, 1);
      for (const c of colors) {
        // The canvas ignores a colour it cannot parse: fail rather than measure the wrong one.
        ctx.fillStyle = '#010203';
        ctx.fillStyle = c;
        if (ctx.fillStyle === '#010203') throw new Error(`cannot paint the colour ${c}`);
        ctx.fillRect(0, 0, 1, 1);
      }
      return [...ctx.getImageData(0, 0, 1, 1).data.slice(0, 3)];
    };
    const luminance = (rgb: number[]): number => {
      const [r, g, b] = rgb.map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const hex = (rgb: number[]): string => `#${rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
    const opaqueBackground = (el: Element | null): string => {
      for (let e = el; e; e = e.parentElement) {
        const bg = getComputedStyle(e).backgroundColor;
        if (bg !== 'transparent' && !/\/ 0\)$|, 0\)$/.test(bg)) return bg;
      }
      return 'white';
    };
    const out: { text: string; ratio: number; fg: string; bg: string }[] = [];
    for (const mark of document.querySelectorAll('[data-testid="reader"] mark')) {
      const style = getComputedStyle(mark);
      const under = opaqueBackground(mark.parentElement);
      // A single tint, or the stops of the stripes where findings overlap.
      const tints =
        style.backgroundImage === 'none'
          ? [style.backgroundColor]
          : (style.backgroundImage.match(/color-mix\((?:[^()]|\([^()]*\))*\)|(?:rgba?|color)\([^()]*\)/g) ?? []);
      for (const tint of tints) {
        const bg = paint([under, tint]);
        const fg = paint([under, tint, style.color]);
        const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
        out.push({ text: mark.textContent!.slice(0, 30), ratio: (hi! + 0.05) / (lo! + 0.05), fg: hex(fg), bg: hex(bg) });
      }
    }
    return out;
  });
}

/**
 * Tabs from the top of the window until every `wanted` control ("tag name", e.g. "button Open…")
 * has had focus, and checks each stop on the way shows a focus ring.
 */
async function expectTabReaches(page: Page, wanted: RegExp[]): Promise<void> {
  await page.getByRole('heading', { name: 'Report Workbench' }).click();
  const stops: { name: string; visible: boolean }[] = [];
  const reached = (w: RegExp): boolean => stops.some((s) => w.test(s.name));
  for (let i = 0; i < 150 && !wanted.every(reached); i++) {
    await page.keyboard.press('Tab');
    stops.push(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return { name: '(body)', visible: true };
        const label = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null;
        const name = (el.getAttribute('aria-label') ?? label?.textContent ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 50);
        // The focus ring is on the element itself, or on the label drawn for a hidden radio.
        const shows = (e: Element): boolean => {
          const s = getComputedStyle(e);
          return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
        };
        return { name: `${el.tagName.toLowerCase()} ${name}`, visible: shows(el) || (label !== null && shows(label)) };
      }),
    );
  }
  const names = stops.map((s) => s.name).join('\n');
  for (const w of wanted) expect(reached(w), `Tab never reached ${w}; it went through:\n${names}`).toBe(true);
  const unmarked = stops.filter((s) => !s.visible).map((s) => s.name);
  expect(unmarked, 'focused with no visible focus indicator').toEqual([]);
}

/** Switches the emulated OS colour scheme and waits until the app (Mantine 'auto') follows it. */
async function useScheme(page: Page, scheme: Scheme): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await page.waitForFunction((s) => document.documentElement.dataset.mantineColorScheme === s, scheme);
}

/** Clicks a segment of a Mantine SegmentedControl by its visible label. */
async function segment(page: Page, label: string): Promise<void> {
  await page.locator('label').filter({ hasText: new RegExp(`^${label}$`) }).click();
}

/** The compare screen on Luxembourg, 2015 against 2016. */
async function compareEditions(page: Page): Promise<void> {
  await segment(page, 'Compare');
  const view = page.getByTestId('compare-view');
  await view.getByLabel('Earlier edition').selectOption({ label: 'tip-2015 (2015)' });
  await view.getByLabel('Later edition').selectOption({ label: 'tip-2016 (2016)' });
  await view.getByRole('button', { name: 'Compare' }).click();
  await view.getByLabel('Country').selectOption('Luxembourg');
  await view.getByLabel('Tier change').waitFor();
}

describe.skipIf(!inject('baseURL'))('accessibility', () => {
  let session: AppSession;
  let page: Page;
  /** Console messages of refused loads (the web host is served with the app's real CSP). */
  const cspViolations: string[] = [];

  beforeAll(async () => {
    // Two editions of a report (for compare), the sample PDF (for the page view) and findings.
    // The later edition moves a tier, changes a figure and a sentence, and rewords, drops and adds
    // recommendations, so every kind of change label is on the compare screen.
    const { earlier, later } = writeEditions((text) =>
      text
        .replace('LUXEMBOURG: Tier 1', 'LUXEMBOURG: Tier 2')
        .replace('range from three to 10 years’', 'range from five to 10 years’')
        .replace('The government demonstrated progress in holding traffickers accountable with prison time.', 'The government demonstrated limited progress in holding traffickers accountable.')
        .replace('establish a hotline with operators trained to assist victims', 'establish a national hotline with operators trained in several languages to assist victims')
        .replace(/allow non-EU\s+trafficking victims access to Luxembourg’s labor market; /, '')
        .replace('train law enforcement that subjecting', 'fund specialised shelters for male victims; train law enforcement that subjecting'),
    );

    session = await openApp(newProfileDir());
    page = session.page;
    page.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) cspViolations.push(m.text());
    });
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    await tagPassage(page, 'The government demonstrated some efforts to assist victims.', 'Protection', 'Weak on shelters');
    await tagPassage(page, 'LUXEMBOURG: Tier 1', 'Tier and compliance');
    // A second finding over part of the first: drawn as stripes of both colours.
    await tagPassage(page, 'LUXEMBOURG', 'Figure');

    await openFiles(page, [earlier, later], 3);
  });

  afterAll(async () => {
    await session?.close();
  });

  /** Back to the reader on the sample PDF, in the given view. */
  async function openSample(view: 'Text' | 'Pages'): Promise<void> {
    await segment(page, 'Reader');
    await page.getByRole('navigation', { name: 'Documents' }).getByRole('button', { name: /^tip-2015-excerpt/ }).click();
    await segment(page, view);
  }

  describe.each(SCHEMES)('%s colour scheme', (scheme) => {
    beforeAll(async () => {
      await useScheme(page, scheme);
    });

    it('library and reader (text view with highlights)', async () => {
      await openSample('Text');
      await expect.poll(() => page.getByTestId('reader').locator('mark').count()).toBeGreaterThan(1);
      await expect.poll(() => page.getByRole('list', { name: 'Findings' }).getByRole('listitem').count()).toBe(3);
      await expectAccessible(page, `reader text view (${scheme})`);
    });

    it('highlights and find matches in the text view keep 4.5:1 text contrast', async () => {
      await openSample('Text');
      const reader = page.getByTestId('reader');
      await reader.click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+f');
      await page.getByLabel('Find in document').fill('trafficking');
      await expect.poll(() => reader.locator('mark[data-hit]:not([data-ids])').count()).toBeGreaterThan(0);
      const measured = await highlightContrasts(page);
      // Finding tints, the stripes of overlapping findings, and find matches were all measured.
      expect(measured.length).toBeGreaterThan(4);
      mkdirSync(OUTPUT_DIR, { recursive: true });
      await page.screenshot({ path: join(OUTPUT_DIR, `highlights-${scheme}.png`) });
      const poor = [...new Set(measured.filter((m) => m.ratio < 4.5).map((m) => `“${m.text}”: ${m.fg} on ${m.bg} is ${m.ratio.toFixed(2)}:1`))];
      await page.getByRole('button', { name: 'Close find' }).click();
      expect(poor, `highlights below 4.5:1 (${scheme}):\n${poor.join('\n')}`).toEqual([]);
    });

    it('tag popover', async () => {
      await openSample('Text');
      await selectTextWithMouse(page, 'Lithuanian courts officially identified 30 trafficking victims');
      const popover = page.getByRole('dialog', { name: 'Tag the selected passage' });
      await popover.waitFor();
      const found = await seriousViolations(page);
      await popover.getByRole('button', { name: 'Cancel' }).click();
      await popover.waitFor({ state: 'detached' });
      expectNone(found, `tag popover (${scheme})`);
    });

    it('edit finding dialog', async () => {
      await openSample('Text');
      await page.getByRole('list', { name: 'Findings' }).getByRole('button', { name: 'Edit finding' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'Edit finding' });
      await dialog.waitFor();
      const found = await seriousViolations(page);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      expectNone(found, `edit finding dialog (${scheme})`);
    });

    it('document actions menu and rename dialog', async () => {
      await openSample('Text');
      // By keyboard: Enter opens the menu on its first item, Enter on it opens the dialog.
      await page.getByRole('button', { name: /^Actions for tip-2015-excerpt/ }).focus();
      await page.keyboard.press('Enter');
      const menu = page.getByRole('menu');
      await menu.waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Rename…');
      const inMenu = await seriousViolations(page);
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Rename document' });
      await dialog.waitFor();
      const inDialog = await seriousViolations(page);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      expectNone(inMenu, `document actions menu (${scheme})`);
      expectNone(inDialog, `rename dialog (${scheme})`);
    });

    it('reader (page view)', async () => {
      await openSample('Pages');
      const pages = page.getByTestId('page-view');
      await pages.locator('[data-page="1"] canvas').waitFor();
      await pages.locator('[data-page="1"] .textLayer span').first().waitFor();
      await expect.poll(() => pages.locator('[data-finding]').count()).toBeGreaterThan(0);
      await expectAccessible(page, `page view (${scheme})`);
      await segment(page, 'Text');
    });

    it('findings table and code × country matrix', async () => {
      await segment(page, 'All findings');
      await expect.poll(() => page.getByRole('table', { name: 'Findings table' }).getByRole('row').count()).toBe(3);
      await expectAccessible(page, `findings table (${scheme})`);
      await segment(page, 'Code × country');
      await page.getByRole('table', { name: 'Code by country' }).waitFor();
      await expectAccessible(page, `code × country matrix (${scheme})`);
    });

    it('search across reports', async () => {
      await segment(page, 'Search');
      await page.getByLabel('Search all reports').fill('shelters');
      await expect.poll(() => page.getByText(/\d+ matches in \d+ places/).count()).toBe(1);
      await expectAccessible(page, `search (${scheme})`);
    });

    it('compare', async () => {
      await compareEditions(page);
      const view = page.getByTestId('compare-view');
      await expect.poll(() => view.getByLabel('Tier change').textContent()).toContain('moved down');
      // Every change label is shown: reworded, dropped and new recommendations, changed words.
      for (const label of [/^reworded \d+%$/, /^dropped$/, /^new$/]) await view.getByText(label).first().waitFor();
      await view.locator('ins').first().waitFor();
      await expectAccessible(page, `compare (${scheme})`);
    });

    it('codebook drawer', async () => {
      await page.getByRole('button', { name: 'Codebook' }).click();
      const drawer = page.getByRole('dialog', { name: 'Codebook' });
      await drawer.waitFor();
      const found = await seriousViolations(page);
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'detached' });
      expectNone(found, `codebook drawer (${scheme})`);
    });
  });

  it('reaches the main controls of the reader with Tab, each with a visible focus indicator', async () => {
    await useScheme(page, 'light');
    await openSample('Text');
    await expectTabReaches(page, [
      /^input Reader$/,
      /^button Open…$/,
      /^button Export findings$/,
      /^button Codebook$/,
      /^button tip-2015-excerpt/,
      /^button Actions for tip-2015-excerpt/,
      /^input Text$/,
      /^input Go to page$/,
      /^div Document text$/,
      /^mark LUXEMBOURG/,
      /^button Edit finding$/,
      /^button Delete finding$/,
    ]);
  });

  it('reaches the findings table and compare controls with Tab, each with a visible focus indicator', async () => {
    await useScheme(page, 'dark');
    await segment(page, 'All findings');
    await page.getByRole('table', { name: 'Findings table' }).waitFor();
    await expectTabReaches(page, [/^input Words$/, /^input Code$/, /^input Orphaned only$/, /^input Select all shown$/, /^button Sort by /, /^input Select finding$/]);
    await compareEditions(page);
    await expectTabReaches(page, [/^select Earlier edition/, /^select Later edition/, /^button Compare$/, /^select Country/, /^input Only significant changes$/]);
  });

  it('delete dialog and the empty reader, in both schemes', async () => {
    // Last: it deletes a document. tip-2016 has no findings, so none is lost for other tests.
    await segment(page, 'Reader');
    const found: string[] = [];
    for (const scheme of SCHEMES) {
      await useScheme(page, scheme);
      await page.getByRole('button', { name: /^Actions for tip-2016/ }).click();
      await page.getByRole('menuitem', { name: 'Delete…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete document?' });
      await dialog.waitFor();
      found.push(...(await seriousViolations(page)).map((v) => `delete dialog (${scheme}): ${v}`));
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
    }
    await page.getByRole('navigation', { name: 'Documents' }).getByRole('button', { name: /^tip-2016/ }).click();
    await page.getByRole('button', { name: /^Actions for tip-2016/ }).click();
    await page.getByRole('menuitem', { name: 'Delete…' }).click();
    await page.getByRole('dialog', { name: 'Delete document?' }).getByRole('button', { name: 'Delete document' }).click();
    await page.getByRole('heading', { name: 'Open a report to start' }).waitFor();
    for (const scheme of SCHEMES) {
      await useScheme(page, scheme);
      found.push(...(await seriousViolations(page)).map((v) => `empty reader (${scheme}): ${v}`));
    }
    expectNone(found, 'delete dialog and empty reader');
  });

  it('uses the bundled Inter font, served by the app itself, and nothing is refused by the CSP', async () => {
    const font = await page.evaluate(async () => {
      await document.fonts.ready;
      const origin = location.origin;
      return {
        family: getComputedStyle(document.querySelector('button')!).fontFamily,
        loaded: [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Inter Variable' && f.status === 'loaded').length,
        files: performance
          .getEntriesByType('resource')
          .map((e) => e.name)
          .filter((n) => /inter-[a-z-]*wght-normal[^/]*\.woff2$/.test(n))
          .map((n) => (n.startsWith(origin) ? 'own origin' : n)),
      };
    });
    expect(font.family).toMatch(/^"?Inter Variable"?,/);
    expect(font.loaded).toBeGreaterThan(0);
    expect(font.files.length).toBeGreaterThan(0);
    expect(new Set(font.files)).toEqual(new Set(['own origin']));
    expect(session.foreignRequests).toEqual([]);
    expect(cspViolations).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});
