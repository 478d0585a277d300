import { describe, expect, it } from 'vitest';
import { CODEBOOK_JSON_FORMAT, codebookFromJson, codebookToJson } from '../../src/shared/codebook/codebook-json';
import { mergeTags, moveTag } from '../../src/shared/codebook/codebook-ops';
import type { CodebookTag } from '../../src/shared/codebook/codebook-tag';
import { DEFAULT_CODEBOOK } from '../../src/shared/codebook/default-codebook';
import { parseQdc } from '../../src/shared/codebook/refi-qdc';

const file = (codes: unknown[], header: Record<string, unknown> = { format: CODEBOOK_JSON_FORMAT, version: 1 }) => JSON.stringify({ ...header, codes });
const c = (id: string, parentId: string | null = null, extra: Record<string, unknown> = {}) => ({ id, name: id.toUpperCase(), color: '#112233', description: '', parentId, ...extra });

describe('codebookToJson / codebookFromJson', () => {
  it('round-trips everything a code has, keys and kept GUIDs included', () => {
    const text = codebookToJson(DEFAULT_CODEBOOK);
    expect(JSON.parse(text)).toMatchObject({ format: 'report-workbench-codebook', version: 1 });
    expect(JSON.parse(text).codes[0]).toEqual({
      id: 'tag-prosecution',
      name: 'Prosecution',
      color: '#e8590c',
      description: DEFAULT_CODEBOOK[0]!.description,
      parentId: null,
      shortcut: '1',
    });
    expect(codebookFromJson(text)).toEqual(DEFAULT_CODEBOOK);
    expect(codebookToJson(codebookFromJson(text))).toBe(text);

    const imported = parseQdc(
      '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" name="x" isCodable="true" color="#123456"/></Codes></CodeBook>',
    ).tags;
    expect(codebookFromJson(codebookToJson(imported))).toEqual(imported);
  });

  it('writes codes parents first, whatever order they are stored in', () => {
    const moved = moveTag(DEFAULT_CODEBOOK, 'tag-figure', 'tag-prosecution', 0);
    if (!moved.ok) throw new Error(moved.error);
    const reversed = [...moved.value.tags].reverse();
    expect(codebookFromJson(codebookToJson(reversed))).toEqual(moved.value.tags);
  });

  it('accepts a file with optional fields left out and unknown fields added, and sibling names repeated', () => {
    const tags = codebookFromJson(
      JSON.stringify({ format: CODEBOOK_JSON_FORMAT, version: 1, note: 'hi', codes: [{ id: 'a', name: 'A', color: '#abcdef', extra: 1 }, c('b', null, { name: 'A' })] }),
    );
    expect(tags).toEqual([
      { id: 'a', name: 'A', color: '#abcdef', description: '', order: 1, parentId: null },
      { id: 'b', name: 'A', color: '#112233', description: '', order: 2, parentId: null },
    ]);
  });

  it('keeps findings’ codes after a merge and an export/import cycle', () => {
    const merged = mergeTags(DEFAULT_CODEBOOK, [], 'tag-protection-referral', 'tag-victim-identification');
    if (!merged.ok) throw new Error(merged.error);
    expect(codebookFromJson(codebookToJson(merged.value.tags)).map((t: CodebookTag) => t.id)).toEqual(merged.value.tags.map((t) => t.id));
  });

  const bad: [string, string, string | RegExp][] = [
    ['not JSON', '{"format": ', /^This file is not valid JSON \(/],
    ['an array', '[]', 'This is not a Report Workbench codebook: it has no format header.'],
    ['another format', file([], { format: 'qdpx', version: 1 }), 'This is not a Report Workbench codebook: its format is “qdpx”.'],
    ['a newer version', file([], { format: CODEBOOK_JSON_FORMAT, version: 2 }), 'This codebook was saved by a newer Report Workbench (format version 2); update the app to open it.'],
    ['no version', file([], { format: CODEBOOK_JSON_FORMAT }), 'The codebook file has no valid version number.'],
    ['no codes', JSON.stringify({ format: CODEBOOK_JSON_FORMAT, version: 1 }), 'The codebook file has no list of codes.'],
    ['a code that is not an object', file([c('a'), 3]), 'Code 2 is not an object.'],
    ['a code without name', file([{ id: 'a', color: '#000000' }]), 'Code 1 has no name text.'],
    ['a code without colour', file([{ id: 'a', name: 'Alpha' }]), 'Code 1 (“Alpha”) has no color text.'],
    ['an empty id', file([c('')]), /^Code 1 has an id that is empty/],
    ['a bad parentId', file([c('a', 5 as unknown as string)]), 'Code 1 (“A”) has a parentId that is neither text nor null.'],
    ['a repeated id', file([c('a'), c('a')]), 'The codebook file is damaged: Two codes share the id “a”.'],
    ['a bad colour', file([c('a', null, { color: 'red' })]), 'The codebook file is damaged: “A” has the colour “red”, which is not a #rrggbb colour.'],
    ['a cycle', file([c('a', 'b'), c('b', 'a')]), 'The codebook file is damaged: “A” is inside itself (its parents form a loop); it is shown at the top level.'],
    ['a missing parent', file([c('a', 'zz')]), /^The codebook file is damaged: “A” belongs under a code that does not exist/],
    ['a shared key', file([c('a', null, { shortcut: '1' }), c('b', null, { shortcut: '1' })]), 'The codebook file is damaged: “A” and “B” both use key 1.'],
    [
      'many problems',
      file([c('a', null, { color: 'x' }), c('b', null, { color: 'y' }), c('d', null, { color: 'z' }), c('e', null, { color: 'w' })]),
      /^The codebook file is damaged: .* \(and 1 more\)$/,
    ],
  ];
  it.each(bad)('refuses %s, readably', (_label, text, message) => {
    expect(() => codebookFromJson(text)).toThrow(message);
  });

  it('refuses a 10,000-level chain and a huge file without trouble', () => {
    const chain = Array.from({ length: 10_000 }, (_, i) => c(`n${i}`, i === 0 ? null : `n${i - 1}`));
    expect(() => codebookFromJson(file(chain))).toThrow(/nested 101 levels deep; the limit is 100/);
    expect(() => codebookFromJson(' '.repeat(33 * 1024 * 1024))).toThrow(/larger than 32 MB/);
  });
});
