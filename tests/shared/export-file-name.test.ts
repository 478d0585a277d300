import { describe, expect, it } from 'vitest';
import { FALLBACK_FILE_NAME, MAX_FILE_NAME_CHARACTERS, safeFileName } from '../../src/shared/export/file-name';

const codePoints = (s: string) => [...s].length;
const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;

describe('safeFileName', () => {
  it('keeps an ordinary title, accents and all', () => {
    expect(safeFileName('TIP 2015 findings', 'csv')).toBe('TIP 2015 findings.csv');
    expect(safeFileName('Rapport déjà vu – 2015 (révisé)', 'md')).toBe('Rapport déjà vu – 2015 (révisé).md');
    expect(safeFileName('Trafficking in Persons Report 2015 — Lithuania', 'xlsx')).toBe('Trafficking in Persons Report 2015 — Lithuania.xlsx');
  });

  it('composes decomposed letters (NFC), as macOS names arrive', () => {
    expect(safeFileName('Re\u0301sume\u0301', 'txt')).toBe('Résumé.txt');
  });

  it('removes path separators and ..', () => {
    expect(safeFileName('2015/2016 report', 'csv')).toBe('2015 2016 report.csv');
    expect(safeFileName('a\\b\\c', 'csv')).toBe('a b c.csv');
    expect(safeFileName('../../etc/passwd', 'csv')).toBe('etc passwd.csv');
    expect(safeFileName('..\\..\\Windows\\System32', 'csv')).toBe('Windows System32.csv');
    expect(safeFileName('..', 'csv')).toBe('export.csv');
    expect(safeFileName('.', 'csv')).toBe('export.csv');
    expect(safeFileName('a..b', 'csv')).toBe('ab.csv');
    for (const name of ['x/../y', 'x\\..\\y', '/etc/x', 'C:\\x']) {
      const safe = safeFileName(name, 'csv');
      expect(safe, name).not.toMatch(/[/\\]|\.\./);
    }
  });

  it('removes control characters, keeping words apart where a line broke', () => {
    expect(safeFileName('a\u0000b\u0007c\u001Fd\u007Fe', 'csv')).toBe('abcde.csv');
    expect(safeFileName('line one\nline two\r\nthree\tfour', 'csv')).toBe('line one line two three four.csv');
    expect(safeFileName('x\u0085y\u2028z\u2029w', 'csv')).toBe('x y z w.csv');
    expect(safeFileName('nul\u0000', 'csv')).toBe('_nul.csv');
  });

  it('removes every bidi override, isolate and mark', () => {
    for (const c of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F']) {
      expect(safeFileName(`report${c}2015`, 'csv'), `U+${c.codePointAt(0)!.toString(16)}`).toBe('report2015.csv');
    }
    // The classic spoof: shown as "invoiceexe.pdf", really an .exe name.
    expect(safeFileName('invoice\u202Efdp.exe', 'csv')).toBe('invoicefdp.exe.csv');
    // Zero-width characters and lone surrogates go too.
    expect(safeFileName('a\u200Bb\uFEFFc\uD800d', 'csv')).toBe('abcd.csv');
  });

  it('prefixes Windows reserved device names, with or without an extension', () => {
    const reserved = ['CON', 'PRN', 'AUX', 'NUL', ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((n) => [`COM${n}`, `LPT${n}`])];
    for (const name of reserved) {
      expect(safeFileName(name, 'csv')).toBe(`_${name}.csv`);
      expect(safeFileName(name.toLowerCase(), 'csv')).toBe(`_${name.toLowerCase()}.csv`);
      expect(safeFileName(`${name}.backup`, 'csv')).toBe(`_${name}.backup.csv`);
      expect(safeFileName(name, '')).toBe(`_${name}`);
    }
    expect(safeFileName('con ', 'txt')).toBe('_con.txt');
    expect(safeFileName('Nul .tar', 'gz')).toBe('_Nul .tar.gz');
    expect(safeFileName('COM¹', 'csv')).toBe('_COM¹.csv');
    expect(safeFileName('CONOUT$', 'csv')).toBe('_CONOUT$.csv');
    // Longer names that merely start like one are fine.
    expect(safeFileName('CONSOLE', 'csv')).toBe('CONSOLE.csv');
    expect(safeFileName('COM10', 'csv')).toBe('COM10.csv');
    expect(safeFileName('Auxiliary report', 'csv')).toBe('Auxiliary report.csv');
    expect(safeFileName('CON-2015', 'csv')).toBe('CON-2015.csv');
  });

  it('removes trailing dots and spaces, and leading dots', () => {
    expect(safeFileName('report. . ', 'csv')).toBe('report.csv');
    expect(safeFileName('report...', 'csv')).toBe('report.csv');
    expect(safeFileName('   report   ', 'csv')).toBe('report.csv');
    expect(safeFileName('.hidden', 'csv')).toBe('hidden.csv');
    expect(safeFileName('report.', '')).toBe('report');
  });

  it('replaces characters Windows forbids', () => {
    for (const c of ['<', '>', ':', '"', '/', '\\', '|', '?', '*']) {
      expect(safeFileName(`a${c}b`, 'csv'), c).toBe('a b.csv');
    }
    expect(safeFileName('What? A "report": 2015*', 'csv')).toBe('What A report 2015.csv');
    expect(safeFileName('<>:"/\\|?*', 'csv')).toBe('export.csv');
  });

  it('keeps at most 120 characters, cutting the name and never the extension or a character', () => {
    const long = safeFileName('x'.repeat(300), 'xlsx');
    expect(codePoints(long)).toBe(MAX_FILE_NAME_CHARACTERS);
    expect(long).toBe(`${'x'.repeat(115)}.xlsx`);
    const emoji = safeFileName('😀'.repeat(200), 'csv');
    expect(emoji.endsWith('.csv')).toBe(true);
    expect(emoji).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(codePoints(emoji)).toBeLessThanOrEqual(MAX_FILE_NAME_CHARACTERS);
    // A cut that lands after a space or dot does not leave it trailing.
    expect(safeFileName(`${'a'.repeat(115)} .b c`, 'csv')).toBe(`${'a'.repeat(115)}.csv`);
  });

  it('stays within 255 UTF-8 bytes, which 120 CJK characters would exceed', () => {
    const cjk = safeFileName('人口販賣'.repeat(50), 'csv');
    expect(utf8Bytes(cjk)).toBeLessThanOrEqual(255);
    expect(cjk.endsWith('.csv')).toBe(true);
    expect(cjk.startsWith('人口販賣')).toBe(true);
  });

  it('never returns an empty name', () => {
    for (const name of ['', '   ', '\u202E', '\u0000\u0001', '...', '. .', '..\\..', '/', '\uFEFF'])
      expect(safeFileName(name, 'csv'), JSON.stringify(name)).toBe(`${FALLBACK_FILE_NAME}.csv`);
    expect(safeFileName('', '')).toBe(FALLBACK_FILE_NAME);
  });

  it('cleans the extension and does not repeat one the name already has', () => {
    expect(safeFileName('report', '.csv')).toBe('report.csv');
    expect(safeFileName('report', 'tar.gz')).toBe('report.tar.gz');
    expect(safeFileName('report', '')).toBe('report');
    expect(safeFileName('report', 'c/s\\v')).toBe('report.csv');
    expect(safeFileName('report.csv', 'csv')).toBe('report.csv');
    expect(safeFileName('REPORT.CSV', 'csv')).toBe('REPORT.csv');
    expect(safeFileName('report.csv.', 'csv')).toBe('report.csv');
  });
});
