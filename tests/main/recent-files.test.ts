import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecentFiles } from '../../src/main/recent-files';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'rwb-recent-')), 'recent-files.json');

describe('recent documents', () => {
  it('keeps the newest first without duplicates, up to the limit, across a reload', async () => {
    const path = tempFile();
    const recent = await RecentFiles.load({ path, max: 3 });
    expect(recent.list()).toEqual([]);
    await recent.add('/docs/a.pdf');
    await recent.add('/docs/b.pdf');
    await recent.add('/docs/a.pdf');
    await recent.add('/docs/c.txt');
    await recent.add('/docs/d.md');
    expect(recent.list()).toEqual(['/docs/d.md', '/docs/c.txt', '/docs/a.pdf']);
    const again = await RecentFiles.load({ path, max: 3 });
    expect(again.list()).toEqual(['/docs/d.md', '/docs/c.txt', '/docs/a.pdf']);
    expect(readdirSync(join(path, '..'))).toEqual(['recent-files.json']);
  });

  it('removes and clears, and writes each change', async () => {
    const path = tempFile();
    const recent = await RecentFiles.load({ path });
    await Promise.all([recent.add('/x/one.pdf'), recent.add('/x/two.pdf'), recent.add('/x/three.pdf')]);
    await recent.remove('/x/two.pdf');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ version: 1, files: ['/x/three.pdf', '/x/one.pdf'] });
    await recent.clear();
    expect((await RecentFiles.load({ path })).list()).toEqual([]);
  });

  it('refuses a relative path', async () => {
    const recent = await RecentFiles.load({ path: tempFile() });
    await expect(recent.add('report.pdf')).rejects.toThrow(/Not an absolute path/);
    expect(recent.list()).toEqual([]);
  });

  it.each([
    ['not JSON', 'recent'],
    ['the wrong shape', JSON.stringify({ version: 1, files: [42] })],
    ['no version', JSON.stringify({ files: ['/a.pdf'] })],
  ])('starts empty from a damaged file (%s) and says why', async (_what, content) => {
    const path = tempFile();
    writeFileSync(path, content);
    const logged: string[] = [];
    const recent = await RecentFiles.load({ path, log: (m) => logged.push(m) });
    expect(recent.list()).toEqual([]);
    expect(logged).toEqual([expect.stringContaining('Recent documents list ignored')]);
    // The next change replaces the damaged file with a good one.
    await recent.add('/docs/new.pdf');
    expect((await RecentFiles.load({ path })).list()).toEqual(['/docs/new.pdf']);
  });

  it('drops relative paths and duplicates a hand-edited file holds', async () => {
    const path = tempFile();
    writeFileSync(path, JSON.stringify({ version: 1, files: ['/a.pdf', 'b.pdf', '/a.pdf', '/c.pdf'] }));
    expect((await RecentFiles.load({ path })).list()).toEqual(['/a.pdf', '/c.pdf']);
  });
});
