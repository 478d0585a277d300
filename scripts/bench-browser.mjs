// Browser half of `npm run bench` (web host in Chromium): tag → highlight drawn and saved, one
// country's comparison of two editions opened and rendered side by side, the main thread's longest
// stall while a 5,000,000-line text file is refused, 260-page report → first
// page painted, frame times while scrolling its text view with 5,000 findings, and the findings table with 50,000. Prints JSON; needs Chromium ($CHROMIUM_PATH or a system install).
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { manyLineTextFile, tempFolder } from '../tests/generated-inputs.ts';

const root = resolve(import.meta.dirname, '..');
const bigPdf = join(root, '.bench/big.pdf');
const exe = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));
if (!exe) {
  console.log(JSON.stringify({ skipped: 'no Chromium found (set CHROMIUM_PATH)' }));
  process.exit(0);
}

// Two editions of a TIP-style report whose Luxembourg narrative is as long as the longest real ones
// (about 350 sentences): the excerpt's sections repeated with their numbers shifted, then edited.
function compareEditions(original) {
  const luxAt = original.indexOf('LUXEMBOURG: Tier 1');
  const lit = original.slice(0, luxAt);
  const lux = original.slice(luxAt);
  const head = lux.slice(0, lux.indexOf('PROSECUTION\n'));
  const prosecution = lux.slice(lux.indexOf('PROSECUTION\n') + 'PROSECUTION\n'.length, lux.lastIndexOf('.') + 1);
  const protection = lit.slice('PROTECTION\n'.length, lit.indexOf('PREVENTION\n')).replace(/Lithuanian?/g, 'Luxembourg');
  const prevention = lit.slice(lit.indexOf('PREVENTION\n') + 'PREVENTION\n'.length).trim().replace(/Lithuanian?/g, 'Luxembourg');
  const repeat = (body, copies) =>
    Array.from({ length: copies }, (_, k) => (k === 0 ? body.trim() : body.trim().replace(/\b\d+\b/g, (n) => String(Number(n) + 3 * k)))).join('\n');
  const long = `${head}PROSECUTION\n${repeat(prosecution, 10)}\nPROTECTION\n${repeat(protection, 10)}\nPREVENTION\n${repeat(prevention, 10)}\n`;
  const earlier = `${lit}${long}`;
  // The later edition: tier down, every ninth number changed, every fourth "The government" reworded, two sentences dropped.
  let n = 0;
  let g = 0;
  const later = `${lit}${long
    .replace('LUXEMBOURG: Tier 1', 'LUXEMBOURG: Tier 2 Watch List')
    .replace(/\b\d+\b/g, (x) => (++n % 9 === 0 ? String(Number(x) + 5) : x))
    .replace(/The government/g, (x) => (++g % 4 === 0 ? 'Authorities' : x))
    .replace(/Several police officers have been accused of pimping crimes in recent\s+years\.\s*/, '')
    .replace(/However, experts reported NGOs needed to resort to\s+private funding[^.]*\.\s*/, '')}`;
  return { earlier, later };
}

const configFile = join(root, 'vite.web.config.ts');
await build({ configFile, logLevel: 'silent' });
const server = await preview({ configFile, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' });
const url = server.resolvedUrls.local[0];
const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'rwb-bench-')), {
  executablePath: exe,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1360, height: 860 },
});
const page = context.pages()[0] ?? (await context.newPage());
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Findings `from`..`to`-1 spread over the big report, written straight to IndexedDB (the app sees them after a reload). */
async function seedFindings(page, from, to) {
  await page.evaluate(
    async ([from, to]) => {
      const db = await new Promise((ok, ko) => {
        const r = indexedDB.open('report-workbench');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => ko(r.error);
      });
      const read = (store, key) => new Promise((ok) => (db.transaction(store).objectStore(store).get(key).onsuccess = (e) => ok(e.target.result)));
      const docs = await new Promise((ok) => (db.transaction('documents').objectStore('documents').getAll().onsuccess = (e) => ok(e.target.result)));
      const big = docs.find((d) => d.pageCount > 200);
      const { text } = await read('texts', big.id);
      const tx = db.transaction('findings', 'readwrite');
      const step = Math.floor(text.length / to);
      const now = new Date().toISOString();
      for (let i = from; i < to; i++) {
        const start = i * step;
        tx.objectStore('findings').put({
          id: `bench-${i}`,
          documentId: big.id,
          quote: { exact: text.slice(start, start + 40), prefix: '', suffix: '' },
          position: { start, end: start + 40 },
          page: 1,
          tagIds: ['tag-protection'],
          note: '',
          createdAt: now,
          updatedAt: now,
        });
      }
      await new Promise((ok) => (tx.oncomplete = ok));
      db.close();
    },
    [from, to],
  );
}

/** Frame times while scrolling `selector` by `stepPx` every frame for 240 frames. */
function scrollFrames(page, selector, stepPx) {
  return page.evaluate(
    ([selector, stepPx]) =>
      new Promise((done) => {
        const el = document.querySelector(selector);
        const times = [];
        let last = performance.now();
        let n = 0;
        const tick = () => {
          const now = performance.now();
          times.push(now - last);
          last = now;
          el.scrollTop += stepPx;
          if (++n < 240) requestAnimationFrame(tick);
          else done(times.slice(1));
        };
        requestAnimationFrame(tick);
      }),
    [selector, stepPx],
  );
}

/** Median, p95, max and long frames of a list of frame times. */
function frameStats(frames) {
  const sorted = [...frames].sort((a, b) => a - b);
  return {
    frames: sorted.length,
    medianMs: Math.round(median(sorted)),
    p95Ms: Math.round(sorted[Math.floor(sorted.length * 0.95)]),
    maxMs: Math.round(sorted.at(-1)),
    over50ms: sorted.filter((f) => f > 50).length,
    target: 'no frame over 50 ms',
  };
}
/**
 * Selects `needle` in the text view, chooses the Protection code and saves: resolves to the time
 * from choosing Save to the new highlight drawn (the save is durable before the highlight shows).
 */
async function tagAndTime(page, needle) {
  await page.evaluate((needle) => {
    const el = document.querySelector('[data-testid="reader"]');
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.textContent.indexOf(needle);
      if (at < 0) continue;
      const r = document.createRange();
      r.setStart(n, at);
      r.setEnd(n, at + needle.length);
      getSelection().removeAllRanges();
      getSelection().addRange(r);
      n.parentElement.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      return;
    }
    throw new Error(`not in the text view: ${needle}`);
  }, needle);
  const popover = page.getByRole('dialog', { name: 'Tag the selected passage' });
  await popover.waitFor({ timeout: 30_000 });
  await popover.getByText('Protection', { exact: false }).first().click({ timeout: 30_000 });
  if (process.env.BENCH_DEBUG) console.error(`bench-browser: tagging ${JSON.stringify(needle)}`);
  const ms = await page.evaluate(
    (needle) =>
      new Promise((done, fail) => {
        // Done when a highlight that was not there before shows (part of) the passage.
        const before = new Set(document.querySelectorAll('mark[data-ids]'));
        const t0 = performance.now();
        const obs = new MutationObserver(() => {
          const drawn = [...document.querySelectorAll('mark[data-ids]')].some((m) => !before.has(m) && m.textContent.length >= 5 && needle.includes(m.textContent));
          if (!drawn) return;
          obs.disconnect();
          clearTimeout(timer);
          done(performance.now() - t0);
        });
        const timer = setTimeout(() => {
          obs.disconnect();
          fail(new Error(`no highlight of ${JSON.stringify(needle)} after 30 s`));
        }, 30_000);
        obs.observe(document.body, { subtree: true, childList: true, characterData: true });
        [...document.querySelectorAll('button')].find((b) => b.textContent === 'Save finding').click();
      }),
    needle,
  );
  return Math.round(ms);
}

/** Up to `count` passages of 40 characters on screen in the text view, outside any highlight. */
function visiblePassages(page, count) {
  return page.evaluate((count) => {
    const el = document.querySelector('[data-testid="reader"]');
    const box = el.getBoundingClientRect();
    const out = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n && out.length < count; n = walker.nextNode()) {
      if (n.parentElement.closest('mark') || n.textContent.length < 120) continue;
      const range = document.createRange();
      range.setStart(n, 60);
      range.setEnd(n, 100);
      const r = range.getBoundingClientRect();
      if (r.top < box.top || r.bottom > box.bottom) continue;
      // Trimmed: the app trims the whitespace round a selection, and the highlight shows the rest.
      out.push(n.textContent.slice(60, 100).trim());
    }
    return out;
  }, count);
}

/** Says on stderr which step runs (stdout carries only the JSON). */
const progress = (step) => console.error(`bench-browser: ${step}`);
const result = {};
try {
  await page.goto(url);
  const reader = page.getByTestId('reader');
  await reader.getByText('LUXEMBOURG: Tier 1').waitFor();

  // 1. Choosing the tag to the highlight drawn and the finding saved (strict durability).
  progress('1. Choosing the tag to the highlight drawn and the finding saved (strict durability)');
  const tagTimes = [];
  const sentences = ['Authorities identified 47 potential victims', 'The government continued some prevention efforts.', 'Luxembourg is a destination country'];
  for (const s of sentences) tagTimes.push(await tagAndTime(page, s));
  result.tagToHighlightMs = { median: median(tagTimes), all: tagTimes, target: 50 };

  // 2. Compare: two editions whose Luxembourg narrative is long (about 47,000 characters, 320
  // sentences a side); from choosing the country to the side-by-side view painted.
  progress('2. Compare');
  {
    const dir = mkdtempSync(join(tmpdir(), 'rwb-bench-compare-'));
    const { earlier, later } = compareEditions(readFileSync(resolve(root, '../shared/fixtures/tip/tip-2015-excerpt.txt'), 'utf8'));
    const files = [join(dir, 'compare-2015.txt'), join(dir, 'compare-2016.txt')];
    writeFileSync(files[0], earlier);
    writeFileSync(files[1], later);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open…' }).click();
    await (await chooser).setFiles(files);
    const library = page.getByRole('navigation', { name: 'Documents' });
    await library.getByText('compare-2016', { exact: true }).waitFor({ timeout: 60_000 });
    await library.getByText('compare-2015', { exact: true }).waitFor({ timeout: 60_000 });
    await page.locator('label').filter({ hasText: /^Compare$/ }).click();
    const view = page.getByTestId('compare-view');
    await view.getByLabel('Earlier edition').selectOption({ label: 'compare-2015 (2015)' });
    await view.getByLabel('Later edition').selectOption({ label: 'compare-2016 (2016)' });
    await view.getByRole('button', { name: 'Compare' }).click();
    await view.getByLabel('Country').selectOption('Lithuania');
    await view.locator('label').filter({ hasText: /^Side by side$/ }).click();
    await view.getByRole('region', { name: /^Lithuania side by side/ }).waitFor();
    const openTimes = [];
    for (let run = 0; run < 7; run++) {
      for (const country of ['Luxembourg', 'Lithuania']) {
        const ms = await page.evaluate(
          (name) =>
            new Promise((done) => {
              const select = [...document.querySelectorAll('[data-testid="compare-view"] select')].find((s) => s.labels?.[0]?.textContent === 'Country');
              const painted = () => {
                const region = document.querySelector('[data-testid="side-by-side"] [role="region"]');
                return region?.getAttribute('aria-label')?.startsWith(`${name} side by side`) && region.querySelector('[data-row]');
              };
              const t0 = performance.now();
              const obs = new MutationObserver(() => {
                if (!painted()) return;
                obs.disconnect();
                // A timeout queued from an animation frame runs after that frame is painted.
                requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0)));
              });
              obs.observe(document.body, { subtree: true, childList: true, attributes: true });
              select.value = name;
              select.dispatchEvent(new Event('change', { bubbles: true }));
            }),
          country,
        );
        if (country === 'Luxembourg') openTimes.push(Math.round(ms));
      }
    }
    result.compareOneCountrySideBySideMs = { median: median(openTimes), all: openTimes, target: 200, narrativeChars: 47_000 };
    await page.locator('label').filter({ hasText: /^Reader$/ }).click();
  }

  // 3. A 5,000,000-line text file (61 MB, under the size limit) read and refused in the worker:
  // the longest stall of the main thread from choosing it to the refusal shown.
  progress('3. A 5,000,000-line text file (61 MB, under the size limit) read and refused in the worker');
  {
    const tmp = tempFolder();
    try {
      const file = manyLineTextFile(tmp.dir, 5_000_000);
      await page.evaluate(() => {
        let last = performance.now();
        window.benchGap = 0;
        window.benchTimer = setInterval(() => {
          const now = performance.now();
          window.benchGap = Math.max(window.benchGap, now - last);
          last = now;
        }, 20);
      });
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Open…' }).click();
      const t0 = Date.now();
      await (await chooser).setFiles(file);
      await page.getByRole('alert').filter({ hasText: 'lines-5000000.txt' }).waitFor({ timeout: 120_000 });
      const refusedMs = Date.now() - t0;
      const gap = await page.evaluate(() => {
        clearInterval(window.benchTimer);
        return window.benchGap;
      });
      result.hugeTextRefused = { refusedMs, longestMainThreadStallMs: Math.round(gap), target: 'the window keeps answering (stalls well under 1 s)' };
      await page.getByRole('alert').filter({ hasText: 'lines-5000000.txt' }).getByRole('button', { name: 'Dismiss' }).click();
    } finally {
      tmp.remove();
    }
  }

  // 4. The 260-page report: opened, then the page view's first page painted.
  progress('4. The 260-page report');
  if (existsSync(bigPdf)) {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open…' }).click();
    const t0 = Date.now();
    await (await chooser).setFiles(bigPdf);
    await reader.getByText('COUNTRY 000: Tier', { exact: false }).waitFor({ timeout: 120_000 });
    result.bigReportOpenToTextMs = Date.now() - t0;
    const t1 = Date.now();
    await page.locator('label').filter({ hasText: /^Pages$/ }).click();
    await page.getByTestId('page-view').locator('[data-page="1"] canvas').waitFor();
    await page.waitForFunction(() => {
      const c = document.querySelector('[data-testid="page-view"] [data-page="1"] canvas');
      return c && c.width > 0;
    });
    result.firstPagePaintedMs = { value: Date.now() - t1, target: 1000 };
    await page.locator('label').filter({ hasText: /^Text$/ }).click();

    // 5. 5,000 findings on the report (written straight to IndexedDB), then scroll the text view.
    progress('5. 5,000 findings on the report (written straight to IndexedDB), then scroll the text view');
    await seedFindings(page, 0, 5000);
    // Written behind Dexie's back, so the app sees them after a reload (it reopens the same document).
    const t2 = Date.now();
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="reader"] mark[data-ids]').length > 10, null, { timeout: 120_000 });
    result.reloadWith5000FindingsMs = Date.now() - t2;
    const frames = await scrollFrames(page, '[data-testid="reader"]', 400);
    result.textViewScrollWith5000Findings = frameStats(frames);
    // Tagging there: the same act as in 1, on the 260-page report that holds 5,000 findings.
    // BENCH_PROFILE=1 also writes a CPU profile of it to .bench/tag-with-5000.cpuprofile (DevTools opens it).
    const cdp = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    progress('5. tagging with 5,000 findings');
    const bigTagTimes = [];
    for (const needle of await visiblePassages(page, 3)) bigTagTimes.push(await tagAndTime(page, needle));
    if (cdp) writeFileSync(join(root, '.bench/tag-with-5000.cpuprofile'), JSON.stringify((await cdp.send('Profiler.stop')).profile));
    result.tagToHighlightWith5000FindingsMs = { median: median(bigTagTimes), all: bigTagTimes, target: 50 };

    // 6. 50,000 findings in the findings table: shown, scrolled, filtered.
    progress('6. 50,000 findings in the findings table');
    await seedFindings(page, 5000, 50_000);
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="reader"] mark[data-ids]').length > 10, null, { timeout: 300_000 });
    const t3 = Date.now();
    await page.locator('label').filter({ hasText: /^All findings$/ }).click();
    // 50,000 on the big report, and the few tagged earlier in this run.
    await page.waitForFunction(() => Number(document.querySelector('[aria-label="Findings table"]')?.getAttribute('aria-rowcount')) >= 50_000, null, { timeout: 120_000 });
    result.findingsTable50000 = { shownMs: Date.now() - t3 };
    result.findingsTable50000.scroll = frameStats(await scrollFrames(page, '[data-testid="findings-table"]', 600));
    const t4 = Date.now();
    await page.getByRole('textbox', { name: 'Words' }).fill('zzzz-no-such-word');
    // No row matches: the table gives way to its empty state.
    await page.waitForFunction(() => (document.querySelector('[aria-label="Findings table"]')?.getAttribute('aria-rowcount') ?? '0') === '0', null, { timeout: 60_000 });
    result.findingsTable50000.filterMs = Date.now() - t4;
  } else result.bigReport = 'skipped: run npm run bench once to generate .bench/big.pdf';
} finally {
  await context.close();
  await server.close();
}
console.log(JSON.stringify(result, null, 2));
