import { describe, expect, it } from 'vitest';
import { findAll } from '../../src/shared/model/find-in-text';

describe('findAll', () => {
  const text = 'Trafficking victims were identified.\nThe government identified 30 trafficking\nvictims; (a+b) costs $5.';
  it('finds every occurrence case-insensitively with the original offsets', () => {
    const hits = findAll(text, 'IDENTIFIED');
    expect(hits.map((h) => text.slice(h.start, h.end))).toEqual(['identified', 'identified']);
  });
  it('lets a space in the query match a line break in the text', () => {
    const hits = findAll(text, 'trafficking victims');
    expect(hits.map((h) => text.slice(h.start, h.end))).toEqual(['Trafficking victims', 'trafficking\nvictims']);
  });
  it('treats regular-expression characters literally and ignores empty queries', () => {
    expect(findAll(text, '(a+b)').map((h) => text.slice(h.start, h.end))).toEqual(['(a+b)']);
    expect(findAll(text, '$5.')).toHaveLength(1);
    expect(findAll(text, '   ')).toEqual([]);
  });
  it('stops at the limit', () => {
    expect(findAll('a '.repeat(5000), 'a', 100)).toHaveLength(100);
  });
});
