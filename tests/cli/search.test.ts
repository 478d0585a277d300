import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../fixtures';

const BIN = resolve(import.meta.dirname, '../../bin/rwb.mjs');

function rwb(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface SearchJson {
  query: string;
  files: string[];
  total: number;
  truncated: boolean;
  groups: { file: string; year: number | null; country: string | null; hits: { page: number; start: number; end: number; snippet: string }[] }[];
}

const TIP_PDF = fixture('tip/tip-2015-excerpt.pdf');
const BELARUS_2016 = fixture('factbook/belarus/2016.txt');
const GTIP_2004 = fixture('text/gtip-projects-fy2004.html');

describe('rwb search', () => {
  it('prints matches grouped by document and country, words in any case, with page and context', () => {
    const r = rwb('search', TIP_PDF, BELARUS_2016, 'forced BEGGING');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${TIP_PDF} (2015) — Luxembourg: 2 matches`);
    expect(lines.filter((l) => l.startsWith('  p. '))).toHaveLength(2);
    expect(r.stdout).toContain('prohibits forced begging and the sale of children');
    expect(r.stdout).not.toContain(BELARUS_2016);
    expect(lines.at(-1)).toBe('2 matches in 1 place');
  });

  it('checks "phrases" as written, as JSON', () => {
    const phrase = JSON.parse(rwb('search', TIP_PDF, BELARUS_2016, '"reflection period"', '--json').stdout) as SearchJson;
    expect(phrase.total).toBe(1);
    expect(phrase.groups).toEqual([
      { file: TIP_PDF, year: 2015, country: 'Lithuania', hits: [expect.objectContaining({ page: 1, snippet: expect.stringContaining('30-day reflection period') })] },
    ]);
    expect((JSON.parse(rwb('search', TIP_PDF, '"period reflection"', '--json').stdout) as SearchJson).total).toBe(0);
  });

  it('matches prefixes, and keeps text outside any country narrative in its own group', () => {
    const prefix = JSON.parse(rwb('search', TIP_PDF, 'prosecut', '--json').stdout) as SearchJson;
    expect(prefix.groups.map((g) => g.country)).toContain('Luxembourg');
    expect(prefix.groups.flatMap((g) => g.hits).some((h) => /prosecutions?\b/i.test(h.snippet))).toBe(true);
    // Belarus 2016 is one Factbook field: no country narrative of its own.
    const belarus = JSON.parse(rwb('search', TIP_PDF, BELARUS_2016, 'belarus', '--json').stdout) as SearchJson;
    expect(belarus.groups.map((g) => [g.file, g.year, g.country])).toEqual([[BELARUS_2016, 2016, null]]);
  });

  it('ignores accents both ways', () => {
    const accented = JSON.parse(rwb('search', GTIP_2004, 'cote soap', '--json').stdout) as SearchJson;
    expect(accented.total).toBe(1);
    expect(accented.groups[0]!.hits[0]!.snippet).toContain("Côte d'Ivoire");
    const plain = JSON.parse(rwb('search', GTIP_2004, '"CÔTE D’IVOIRE"', '--json').stdout) as SearchJson;
    const snippets = plain.groups.flatMap((g) => g.hits.map((h) => h.snippet)).join('\n');
    expect(snippets).toContain("Côte d'Ivoire");
    expect(snippets).toContain("Cote D'Ivoire");
  });

  it('says what is wrong with the arguments or a file, and prints no results', () => {
    const noQuery = rwb('search', TIP_PDF);
    expect(noQuery.code).toBe(2);
    expect(noQuery.stderr).toMatch(/^rwb: search takes one or more files, then the query/);
    const missing = rwb('search', '/no/such/report.pdf', 'victims');
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^rwb: \/no\/such\/report\.pdf: .*no such file/)]);
    const none = rwb('search', TIP_PDF, 'zeppelin');
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('No matches for zeppelin in 1 file.\n');
  });
});
