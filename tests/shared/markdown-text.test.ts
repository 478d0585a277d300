import { describe, expect, it } from 'vitest';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { ingestFile } from '../../src/shared/ingest/ingest';
import { markdownToText, stripStrongEmphasis } from '../../src/shared/ingest/markdown-text';

describe('markdownToText', () => {
  it('turns ATX headings into bare title lines set apart by blank lines', () => {
    expect(markdownToText('# Luxembourg\nThe government…\n## Prosecution ##\n   ### C#\n####### not a heading\n#hashtag')).toBe(
      '\nLuxembourg\n\nThe government…\n\nProsecution\n\n\nC#\n\n####### not a heading\n#hashtag',
    );
  });

  it('turns setext headings into bare title lines', () => {
    expect(markdownToText('Protection\n==========\ntext\n\nPrevention\n---\n- item\n---')).toBe('\nProtection\n\ntext\n\n\nPrevention\n\n- item\n---');
  });

  it('removes strong-emphasis marks around words only', () => {
    expect(stripStrongEmphasis('**Tier 2** and __Watch List__ and ***both***')).toBe('Tier 2 and Watch List and *both*');
    expect(stripStrongEmphasis('2 ** 3 ** 4, snake__case__name, a * b')).toBe('2 ** 3 ** 4, snake__case__name, a * b');
    expect(stripStrongEmphasis('`**code**` and **bold** and \\*\\*escaped\\*\\*')).toBe('`**code**` and bold and \\*\\*escaped\\*\\*');
    expect(stripStrongEmphasis('**unclosed and *italic*')).toBe('**unclosed and *italic*');
  });

  it('keeps fenced code as written', () => {
    const md = '```sh\n# a comment, not a heading\necho **x**\n```\n# After';
    expect(markdownToText(md)).toBe('```sh\n# a comment, not a heading\necho **x**\n```\n\nAfter\n');
  });

  it('is linear on a long line full of marks', () => {
    // A quadratic scan of these 2 million characters would run for many minutes, past the test's
    // timeout; linear work takes milliseconds. The time is printed, not asserted.
    const line = '**a `'.repeat(400_000);
    const t0 = performance.now();
    // Code spans alternate with the text between them: only the marks outside a span are stripped.
    expect(stripStrongEmphasis(line)).toBe('a `**a `'.repeat(200_000));
    expect(markdownToText(`# ${' '.repeat(1_000_000)}x`).trim()).toBe('x');
    console.log(`markdown, 2 M characters of marks and a 1 M-space heading: ${Math.round(performance.now() - t0)} ms`);
  });
});

describe('ingestFile on Markdown', () => {
  it('reads headings as their own lines and unwraps paragraphs', async () => {
    const md = '# Luxembourg: Tier 1\nThe Government of Luxembourg **fully meets** the minimum\nstandards for the elimination of trafficking.\n\n## Recommendations for Luxembourg\n- Vigorously prosecute offenders;\n- train officials.\n';
    const doc = await ingestFile({ fileName: 'notes.md', bytes: new TextEncoder().encode(md), pdfjs: await loadNodePdfjs() });
    expect(doc.kind).toBe('text');
    expect(doc.text.split('\n')).toEqual([
      'Luxembourg: Tier 1',
      'The Government of Luxembourg fully meets the minimum standards for the elimination of trafficking.',
      'Recommendations for Luxembourg',
      '- Vigorously prosecute offenders;',
      '- train officials.',
    ]);
  });
});
