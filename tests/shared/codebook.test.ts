import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  addTag,
  buildTree,
  countFindings,
  deleteTag,
  descendantIds,
  flattenTree,
  mergeTags,
  moveTag,
  normalizeCodebook,
  renameTag,
  tagFilterIds,
  updateTag,
  validateCodebook,
  type CodebookEdit,
  type FindingTags,
} from '../../src/shared/codebook/codebook-ops';
import { MAX_DEPTH, toCodebookTags, type CodebookTag } from '../../src/shared/codebook/codebook-tag';
import { DEFAULT_CODEBOOK, upgradeToDefaultCodebook } from '../../src/shared/codebook/default-codebook';
import { sha1, uuidV5 } from '../../src/shared/codebook/name-uuid';
import { BUILTIN_TAGS } from '../../src/shared/model/builtin-tags';
import type { Result } from '../../src/shared/result';

/** A code with sensible defaults; `order` follows the call order unless given. */
let seq = 0;
function code(id: string, parentId: string | null, extra: Partial<CodebookTag> = {}): CodebookTag {
  return { id, name: id.toUpperCase(), color: '#123456', description: '', order: ++seq, parentId, ...extra };
}

/**
 * A small codebook:
 *   A (key 1)
 *     A1
 *     A2
 *       A2x
 *   B
 *     B1
 *   C
 */
function sample(): CodebookTag[] {
  seq = 0;
  return [
    code('a', null, { shortcut: '1' }),
    code('a1', 'a'),
    code('a2', 'a'),
    code('a2x', 'a2'),
    code('b', null),
    code('b1', 'b'),
    code('c', null),
  ];
}

const outline = (tags: readonly CodebookTag[]) =>
  flattenTree(buildTree(tags)).map((n) => `${'  '.repeat(n.depth)}${n.tag.id}`);

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected success, got: ${r.error}`);
  return r.value;
}

function error<T>(r: Result<T>): string {
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

/** Every edit must hand back a normalised codebook: depth-first, order 1..n, parents known. */
function expectNormalised(edit: CodebookEdit) {
  expect(edit.tags.map((t) => t.order)).toEqual(edit.tags.map((_, i) => i + 1));
  expect(flattenTree(buildTree(edit.tags)).map((n) => n.tag.id)).toEqual(edit.tags.map((t) => t.id));
  expect(validateCodebook(edit.tags).filter((p) => p.severity === 'error')).toEqual([]);
}

// ---------------------------------------------------------------------------------------------

/** WCAG contrast ratio against white. */
function contrastOnWhite(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  const lin = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const l = 0.2126 * lin(n >> 16) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
  return 1.05 / (l + 0.05);
}

/** CIE L*a*b* (D65) of a hex colour, for a perceptual distance. */
function lab(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  const lin = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const [r, g, b] = [lin(n >> 16), lin((n >> 8) & 255), lin(n & 255)];
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

describe('the default TIP codebook', () => {
  const byId = new Map(DEFAULT_CODEBOOK.map((t) => [t.id, t]));
  const childrenNames = (id: string) => DEFAULT_CODEBOOK.filter((t) => t.parentId === id).map((t) => t.name);

  it('is a sound codebook, already normalised', () => {
    expect(validateCodebook(DEFAULT_CODEBOOK)).toEqual([]);
    expect(normalizeCodebook(DEFAULT_CODEBOOK)).toEqual(DEFAULT_CODEBOOK);
    expect(DEFAULT_CODEBOOK).toHaveLength(21);
  });

  it('has the 3P structure with recommendations, tier and figures at the top level', () => {
    expect(outline(DEFAULT_CODEBOOK)).toEqual([
      'tag-prosecution',
      '  tag-prosecution-investigations',
      '  tag-prosecution-prosecutions',
      '  tag-prosecution-convictions',
      '  tag-prosecution-sentences',
      '  tag-prosecution-official-complicity',
      'tag-protection',
      '  tag-victim-identification',
      '  tag-protection-referral',
      '  tag-protection-shelter-services',
      '  tag-protection-funding',
      '  tag-protection-foreign-victims',
      '  tag-protection-non-punishment',
      'tag-prevention',
      '  tag-prevention-coordination',
      '  tag-prevention-awareness',
      '  tag-prevention-labor-recruitment',
      '  tag-prevention-demand-reduction',
      'tag-recommendation',
      'tag-tier',
      'tag-figure',
    ]);
    expect(childrenNames('tag-prosecution')).toEqual(['Investigations', 'Prosecutions', 'Convictions', 'Sentences', 'Official complicity']);
    expect(childrenNames('tag-protection')).toEqual(['Victim identification', 'Referral', 'Shelter and services', 'Funding', 'Foreign victims', 'Non-punishment']);
    expect(childrenNames('tag-prevention')).toEqual(['Coordination', 'Awareness', 'Labor recruitment', 'Demand reduction']);
    expect(byId.get('tag-tier')!.name).toBe('Tier and compliance');
  });

  it('keeps every id of the old flat list, so existing findings stay linked', () => {
    for (const t of BUILTIN_TAGS) expect(byId.has(t.id), t.id).toBe(true);
    expect(byId.get('tag-victim-identification')!.parentId).toBe('tag-protection');
    expect(byId.get('tag-figure')!.parentId).toBeNull();
  });

  it('binds keys 1–6 to the top-level codes only', () => {
    expect(DEFAULT_CODEBOOK.filter((t) => t.shortcut).map((t) => [t.shortcut, t.id])).toEqual([
      ['1', 'tag-prosecution'],
      ['2', 'tag-protection'],
      ['3', 'tag-prevention'],
      ['4', 'tag-recommendation'],
      ['5', 'tag-tier'],
      ['6', 'tag-figure'],
    ]);
  });

  it('gives every code a one-line description and a distinct colour readable on white', () => {
    for (const t of DEFAULT_CODEBOOK) {
      expect(t.description.length, t.id).toBeGreaterThan(10);
      expect(t.description, t.id).not.toMatch(/\n/);
      expect(t.color, t.id).toMatch(/^#[0-9a-f]{6}$/);
      expect(contrastOnWhite(t.color), t.id).toBeGreaterThanOrEqual(3);
    }
    let closest = Infinity;
    for (let i = 0; i < DEFAULT_CODEBOOK.length; i++) {
      for (let j = i + 1; j < DEFAULT_CODEBOOK.length; j++) {
        const [p, q] = [lab(DEFAULT_CODEBOOK[i]!.color), lab(DEFAULT_CODEBOOK[j]!.color)];
        closest = Math.min(closest, Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]));
      }
    }
    expect(closest).toBeGreaterThan(12);
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(DEFAULT_CODEBOOK)).toBe(true);
    expect(Object.isFrozen(DEFAULT_CODEBOOK[0])).toBe(true);
  });

  it('replaces the old starter list and keeps tags the analyst added, at the top level', () => {
    expect(upgradeToDefaultCodebook(BUILTIN_TAGS)).toEqual(DEFAULT_CODEBOOK);
    const mine = { id: 'mine', name: 'Mine', color: '#000000', description: 'x', order: 99 };
    const up = upgradeToDefaultCodebook([...BUILTIN_TAGS, mine]);
    expect(up.at(-1)).toEqual({ ...mine, parentId: null, order: 22 });
    expect(validateCodebook(up)).toEqual([]);
  });

  it('lifts flat stored tags to top-level codes', () => {
    expect(toCodebookTags(BUILTIN_TAGS).every((t) => t.parentId === null)).toBe(true);
    expect(buildTree(toCodebookTags(BUILTIN_TAGS))).toHaveLength(BUILTIN_TAGS.length);
  });
});

// ---------------------------------------------------------------------------------------------

describe('sha1 and uuidV5', () => {
  it('match node:crypto on lengths around the block boundaries', () => {
    for (const n of [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 1000]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 31 + 7) & 255);
      expect(Buffer.from(sha1(bytes)).toString('hex'), `length ${n}`).toBe(createHash('sha1').update(bytes).digest('hex'));
    }
    expect(Buffer.from(sha1(new TextEncoder().encode('abc'))).toString('hex')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
  });

  it('gives RFC 4122 name-based UUIDs (Python uuid5 reference values)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    expect(uuidV5('0aaa4d00-5cf3-419a-aa67-e69fac4c0aa5', 'tag-prosecution')).toBe('1959745b-1f41-5417-81c3-e0a8e5596208');
    expect(() => uuidV5('not-a-uuid', 'x')).toThrow(/Not a UUID/);
  });
});

// ---------------------------------------------------------------------------------------------

describe('buildTree', () => {
  it('orders siblings by order and nests children', () => {
    const tags = sample();
    const shuffled = [tags[6]!, tags[3]!, tags[0]!, tags[5]!, tags[2]!, tags[4]!, tags[1]!];
    expect(outline(shuffled)).toEqual(['a', '  a1', '  a2', '    a2x', 'b', '  b1', 'c']);
    expect(buildTree(shuffled)[0]!.children[1]!.children[0]!.depth).toBe(2);
    // Equal orders keep list position.
    const flat = [code('x', null, { order: 1 }), code('y', null, { order: 1 })];
    expect(outline(flat)).toEqual(['x', 'y']);
    expect(outline([flat[1]!, flat[0]!])).toEqual(['y', 'x']);
  });

  it('shows codes whose parent is missing or themselves at the top level', () => {
    seq = 0;
    const tags = [code('a', null), code('orphan', 'gone'), code('self', 'self'), code('kid', 'orphan')];
    expect(outline(tags)).toEqual(['a', 'orphan', '  kid', 'self']);
  });

  it('breaks cycles at their first member, shows every code once, and keeps tails attached', () => {
    seq = 0;
    // p → q → r → p is a loop; t hangs below q.
    const tags = [code('root', null), code('q', 'p'), code('p', 'r'), code('r', 'q'), code('t', 'q')];
    expect(outline(tags)).toEqual(['root', 'q', '  r', '    p', '  t']);
    seq = 0;
    const two = [code('m', 'n'), code('n', 'm')];
    expect(outline(two)).toEqual(['m', '  n']);
  });

  it('ignores a repeated id after the first', () => {
    seq = 0;
    expect(outline([code('a', null), code('a', null, { name: 'other' }), code('b', null)])).toEqual(['a', 'b']);
  });

  it('handles 10,000 levels without recursion', () => {
    seq = 0;
    const chain = Array.from({ length: 10_000 }, (_, i) => code(`n${i}`, i === 0 ? null : `n${i - 1}`));
    const nodes = flattenTree(buildTree(chain));
    expect(nodes).toHaveLength(10_000);
    expect(nodes.at(-1)!.depth).toBe(9_999);
    expect(descendantIds(chain, 'n0')).toHaveLength(9_999);
    expect(normalizeCodebook(chain)).toHaveLength(10_000);
    const problems = validateCodebook(chain);
    expect(problems).toEqual([{ tagId: `n${MAX_DEPTH}`, severity: 'error', message: `“N${MAX_DEPTH}” is nested ${MAX_DEPTH + 1} levels deep; the limit is ${MAX_DEPTH}.` }]);
  });
});

describe('descendantIds, tagFilterIds, countFindings', () => {
  it('lists everything below a code, depth-first, for filters', () => {
    const tags = sample();
    expect(descendantIds(tags, 'a')).toEqual(['a1', 'a2', 'a2x']);
    expect(descendantIds(tags, 'a2x')).toEqual([]);
    expect(descendantIds(tags, 'missing')).toEqual([]);
    expect([...tagFilterIds(tags, 'a2')]).toEqual(['a2', 'a2x']);
  });

  it('terminates on a cycle', () => {
    seq = 0;
    expect(descendantIds([code('m', 'n'), code('n', 'm')], 'n')).toEqual([]);
    expect(descendantIds([code('m', 'n'), code('n', 'm')], 'm')).toEqual(['n']);
  });

  it('counts findings per code, directly and with the codes below', () => {
    const findings: FindingTags[] = [
      { id: 'f1', tagIds: ['a1', 'a2x'] },
      { id: 'f2', tagIds: ['a'] },
      { id: 'f3', tagIds: ['b1', 'b1', 'unknown'] },
    ];
    const counts = countFindings(sample(), findings);
    expect(counts.get('a')).toEqual({ direct: 1, total: 2 });
    expect(counts.get('a2')).toEqual({ direct: 0, total: 1 });
    expect(counts.get('a2x')).toEqual({ direct: 1, total: 1 });
    expect(counts.get('b')).toEqual({ direct: 0, total: 1 });
    expect(counts.get('b1')).toEqual({ direct: 1, total: 1 });
    expect(counts.get('c')).toEqual({ direct: 0, total: 0 });
  });
});

// ---------------------------------------------------------------------------------------------

describe('addTag', () => {
  it('adds a code at a place among its siblings', () => {
    const edit = value(addTag(sample(), { id: 'new', name: '  Shelter  ', parentId: 'a', index: 1, color: '#ABC', description: ' d ', shortcut: '2' }));
    expectNormalised(edit);
    expect(outline(edit.tags)).toEqual(['a', '  a1', '  new', '  a2', '    a2x', 'b', '  b1', 'c']);
    expect(edit.tags.find((t) => t.id === 'new')).toEqual({ id: 'new', name: 'Shelter', color: '#aabbcc', description: 'd', order: 3, parentId: 'a', shortcut: '2' });
    // The new code and the codes after it (renumbered) are to be written; nothing removed.
    expect(edit.changed.map((t) => t.id)).toEqual(['new', 'a2', 'a2x', 'b', 'b1', 'c']);
    expect(edit.removedIds).toEqual([]);
    expect(edit.message).toBe('“Shelter” is added under “A”.');
  });

  it('gives a fresh id and an unused palette colour by default, at the end', () => {
    const edit = value(addTag(sample(), { name: 'D' }));
    const d = edit.tags.at(-1)!;
    expect(d.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(d.color).toBe('#e8590c');
    expect(d.parentId).toBeNull();
    expect(edit.message).toBe('“D” is added at the top level.');
  });

  it('refuses what would damage the codebook', () => {
    const tags = sample();
    expect(error(addTag(tags, { name: '   ' }))).toBe('A code needs a name.');
    expect(error(addTag(tags, { name: 'a1', parentId: 'a' }))).toBe('There is already a code called “A1” under “A”.');
    expect(error(addTag(tags, { name: 'x', parentId: 'nope' }))).toBe('The chosen parent code no longer exists.');
    expect(error(addTag(tags, { name: 'x', color: 'red' }))).toBe('“red” is not a colour; use #rrggbb.');
    expect(error(addTag(tags, { name: 'x', shortcut: '1' }))).toBe('Key 1 is already used by “A”.');
    expect(error(addTag(tags, { name: 'x', shortcut: 'F5' }))).toBe('“F5” cannot be a shortcut; use a single digit key, 0 to 9.');
    expect(error(addTag(tags, { id: 'b', name: 'x' }))).toBe('A code with the id “b” already exists.');
    expect(error(addTag(tags, { name: 'x'.repeat(1001) }))).toMatch(/at most 1000 characters/);
  });

  it('allows the same name under different parents', () => {
    expect(addTag(sample(), { name: 'A1', parentId: 'b' }).ok).toBe(true);
  });
});

describe('renameTag and updateTag', () => {
  it('renames, trimming, and writes only that code', () => {
    const tags = sample();
    const edit = value(renameTag(tags, 'b1', '  Referral '));
    expectNormalised(edit);
    expect(edit.changed).toEqual([{ ...tags[5]!, name: 'Referral' }]);
    expect(edit.tags[5]!.name).toBe('Referral');
    expect(tags[5]!.name).toBe('B1');
    expect(edit.message).toBe('“B1” is renamed “Referral”.');
  });

  it('allows changing only the case, and refuses empty or clashing names', () => {
    const tags = sample();
    expect(value(renameTag(tags, 'a1', 'a1')).tags[1]!.name).toBe('a1');
    expect(error(renameTag(tags, 'a1', ''))).toBe('A code needs a name.');
    expect(error(renameTag(tags, 'a1', 'a2'))).toBe('There is already a code called “A2” under “A”.');
    expect(error(renameTag(tags, 'c', 'b'))).toBe('There is already a code called “B” at the top level.');
    expect(error(renameTag(tags, 'zzz', 'x'))).toBe('That code no longer exists.');
  });

  it('changes colour, description and key; removes a key with null', () => {
    const tags = sample();
    const edit = value(updateTag(tags, 'c', { color: '#00FF00', description: ' Why ', shortcut: '7' }));
    expect(edit.changed).toEqual([{ ...tags[6]!, color: '#00ff00', description: 'Why', shortcut: '7' }]);
    expect(edit.message).toBe('“C” takes the colour #00ff00, has a new description and is bound to key 7.');
    const cleared = value(updateTag(tags, 'a', { shortcut: null }));
    expect(cleared.tags[0]).not.toHaveProperty('shortcut');
    expect(cleared.message).toBe('“A” no longer has key 1.');
    expect(value(updateTag(tags, 'a', { shortcut: '1' })).changed).toEqual([]);
    expect(error(updateTag(tags, 'c', { shortcut: '1' }))).toBe('Key 1 is already used by “A”.');
    expect(error(updateTag(tags, 'c', { color: '#12345' }))).toBe('“#12345” is not a colour; use #rrggbb.');
  });
});

describe('moveTag', () => {
  it('moves a code with its subtree under another parent at an index', () => {
    const tags = sample();
    const edit = value(moveTag(tags, 'a2', 'b', 0));
    expectNormalised(edit);
    expect(outline(edit.tags)).toEqual(['a', '  a1', 'b', '  a2', '    a2x', '  b1', 'c']);
    expect(edit.tags.find((t) => t.id === 'a2')!.parentId).toBe('b');
    expect(edit.changed.map((t) => t.id)).toEqual(['b', 'a2', 'a2x']);
    expect(edit.message).toBe('“A2” moves under “B”.');
  });

  it('reorders among siblings, counting the index without the moved code', () => {
    const edit = value(moveTag(sample(), 'a', null, 2));
    expect(outline(edit.tags)).toEqual(['b', '  b1', 'c', 'a', '  a1', '  a2', '    a2x']);
    expect(edit.message).toBe('“A” moves to a new place at the top level.');
    expect(outline(value(moveTag(sample(), 'c', null, 0)).tags)[0]).toBe('c');
    expect(outline(value(moveTag(sample(), 'a1', 'a', 99)).tags).slice(0, 4)).toEqual(['a', '  a2', '    a2x', '  a1']);
  });

  it('moves to the top level', () => {
    const edit = value(moveTag(sample(), 'a2x', null));
    expect(outline(edit.tags)).toEqual(['a', '  a1', '  a2', 'b', '  b1', 'c', 'a2x']);
    expect(edit.message).toBe('“A2X” moves to the top level.');
  });

  it('refuses to move a code under itself or anything inside it', () => {
    const tags = sample();
    expect(error(moveTag(tags, 'a', 'a'))).toBe('“A” cannot be placed under itself.');
    expect(error(moveTag(tags, 'a', 'a2x'))).toBe('“A” cannot move under “A2X”, which is inside it.');
    expect(error(moveTag(tags, 'a', 'a1'))).toBe('“A” cannot move under “A1”, which is inside it.');
    expect(error(moveTag(tags, 'a', 'nope'))).toBe('The chosen parent code no longer exists.');
    expect(error(moveTag(tags, 'nope', null))).toBe('That code no longer exists.');
    const clash = value(renameTag(tags, 'b1', 'A1')).tags;
    expect(error(moveTag(clash, 'b1', 'a'))).toBe('There is already a code called “A1” under “A”.');
  });

  it('refuses to nest deeper than the limit', () => {
    seq = 0;
    const chain = Array.from({ length: MAX_DEPTH }, (_, i) => code(`n${i}`, i === 0 ? null : `n${i - 1}`));
    const tags = [...chain, code('x', null), code('x1', 'x')];
    expect(error(moveTag(tags, 'x', `n${MAX_DEPTH - 2}`))).toBe(`Codes can be nested at most ${MAX_DEPTH} levels deep.`);
    expect(moveTag(tags, 'x1', `n${MAX_DEPTH - 2}`).ok).toBe(true);
    expect(error(addTag(tags, { name: 'deep', parentId: `n${MAX_DEPTH - 1}` }))).toBe(`Codes can be nested at most ${MAX_DEPTH} levels deep.`);
  });

  it('repairs a damaged codebook as it goes', () => {
    seq = 0;
    const damaged = [code('a', null), code('orphan', 'gone'), code('m', 'n'), code('n', 'm')];
    const edit = value(renameTag(damaged, 'a', 'Alpha'));
    expectNormalised(edit);
    expect(edit.tags.find((t) => t.id === 'orphan')!.parentId).toBeNull();
    expect(edit.changed.map((t) => t.id).sort()).toEqual(['a', 'm', 'orphan']);
  });

  it('refuses to edit a codebook with a repeated id', () => {
    seq = 0;
    expect(error(renameTag([code('a', null), code('a', null)], 'a', 'x'))).toMatch(/two codes with the id “a”/);
  });
});

// ---------------------------------------------------------------------------------------------

describe('mergeTags', () => {
  const findings: FindingTags[] = [
    { id: 'f1', tagIds: ['a1'] },
    { id: 'f2', tagIds: ['a1', 'b1'] },
    { id: 'f3', tagIds: ['b1', 'c', 'a1'] },
    { id: 'f4', tagIds: ['c'] },
  ];

  it('replaces the code on findings, once, and removes it', () => {
    const edit = value(mergeTags(sample(), findings, 'a1', 'b1'));
    expectNormalised(edit);
    expect(edit.findingUpdates).toEqual([
      { findingId: 'f1', tagIds: ['b1'] },
      { findingId: 'f2', tagIds: ['b1'] },
      { findingId: 'f3', tagIds: ['b1', 'c'] },
    ]);
    expect(edit.removedIds).toEqual(['a1']);
    expect(edit.tags.map((t) => t.id)).not.toContain('a1');
    expect(edit.message).toBe('“A1” is merged into “B1”: its 3 findings will carry “B1” instead (2 already do).');
  });

  it('moves the merged code’s children under the target and hands over its key', () => {
    const edit = value(mergeTags(sample(), [], 'a', 'c'));
    expectNormalised(edit);
    expect(outline(edit.tags)).toEqual(['b', '  b1', 'c', '  a1', '  a2', '    a2x']);
    expect(edit.tags.find((t) => t.id === 'c')!.shortcut).toBe('1');
    expect(edit.message).toBe('“A” is merged into “C”; it holds no findings. Its 2 subcodes move under “C”.');
  });

  it('keeps the target’s own key', () => {
    const tags = value(updateTag(sample(), 'c', { shortcut: '3' })).tags;
    expect(value(mergeTags(tags, [], 'a', 'c')).tags.find((t) => t.id === 'c')!.shortcut).toBe('3');
  });

  it('merging into a code inside it lifts that code into its place', () => {
    const edit = value(mergeTags(sample(), [{ id: 'f', tagIds: ['a', 'a2x'] }], 'a', 'a2x'));
    expectNormalised(edit);
    expect(outline(edit.tags)).toEqual(['a2x', '  a1', '  a2', 'b', '  b1', 'c']);
    expect(edit.findingUpdates).toEqual([{ findingId: 'f', tagIds: ['a2x'] }]);
    expect(edit.message).toBe('“A” is merged into “A2X”: its 1 finding will carry “A2X” instead (1 already does). Its 2 subcodes move under “A2X”.');
  });

  it('merging into its parent puts the children where it stood', () => {
    const edit = value(mergeTags(sample(), [], 'a1', 'a'));
    expect(outline(edit.tags)).toEqual(['a', '  a2', '    a2x', 'b', '  b1', 'c']);
    const edit2 = value(mergeTags(sample(), [], 'a2', 'a'));
    expect(outline(edit2.tags)).toEqual(['a', '  a1', '  a2x', 'b', '  b1', 'c']);
  });

  it('refuses merging a code into itself or a missing code', () => {
    expect(error(mergeTags(sample(), findings, 'a', 'a'))).toBe('A code cannot be merged into itself.');
    expect(error(mergeTags(sample(), findings, 'a', 'zzz'))).toBe('That code no longer exists.');
  });
});

// ---------------------------------------------------------------------------------------------

describe('deleteTag', () => {
  it('moves the children up where the code stood; findings lose the code and are never dropped', () => {
    const findings: FindingTags[] = [
      { id: 'f1', tagIds: ['a'] },
      { id: 'f2', tagIds: ['a', 'c'] },
      { id: 'f3', tagIds: ['a1'] },
      { id: 'f4', tagIds: ['a'] },
    ];
    const plan = value(deleteTag(sample(), findings, 'a', 'reparent-children'));
    expectNormalised(plan);
    expect(outline(plan.tags)).toEqual(['a1', 'a2', '  a2x', 'b', '  b1', 'c']);
    expect(plan.removedIds).toEqual(['a']);
    expect(plan.affectedFindingIds).toEqual(['f1', 'f2', 'f4']);
    expect(plan.untaggedFindingIds).toEqual(['f1', 'f4']);
    expect(plan.findingUpdates).toEqual([
      { findingId: 'f1', tagIds: [] },
      { findingId: 'f2', tagIds: ['c'] },
      { findingId: 'f4', tagIds: [] },
    ]);
    expect(plan.message).toBe('“A” holds 3 findings; they will lose this tag (2 have no other tag and will be kept, untagged). Its 2 subcodes will move up to the top level.');
  });

  it('names the parent the children move up to', () => {
    const plan = value(deleteTag(sample(), [{ id: 'f', tagIds: ['a2', 'c'] }], 'a2', 'reparent-children'));
    expect(outline(plan.tags)).toEqual(['a', '  a1', '  a2x', 'b', '  b1', 'c']);
    expect(plan.message).toBe('“A2” holds 1 finding; it will lose this tag. Its 1 subcode will move up under “A”.');
  });

  it('deletes a whole subtree, counting each finding once', () => {
    const findings: FindingTags[] = [
      { id: 'f1', tagIds: ['a1', 'a2x'] },
      { id: 'f2', tagIds: ['a2', 'b'] },
      { id: 'f3', tagIds: ['b1'] },
    ];
    const plan = value(deleteTag(sample(), findings, 'a', 'delete-subtree'));
    expectNormalised(plan);
    expect(outline(plan.tags)).toEqual(['b', '  b1', 'c']);
    expect(plan.removedIds).toEqual(['a', 'a1', 'a2', 'a2x']);
    expect(plan.affectedFindingIds).toEqual(['f1', 'f2']);
    expect(plan.untaggedFindingIds).toEqual(['f1']);
    expect(plan.message).toBe('“A” and its 3 subcodes hold 2 findings; they will lose these tags (1 has no other tag and will be kept, untagged). All 4 codes will be deleted.');
  });

  it('says so when nothing is tagged, and when every finding would be left untagged', () => {
    expect(value(deleteTag(sample(), [], 'c', 'reparent-children')).message).toBe('“C” holds no findings.');
    expect(value(deleteTag(sample(), [], 'b', 'delete-subtree')).message).toBe('“B” and its 1 subcode hold no findings. Both codes will be deleted.');
    expect(value(deleteTag(sample(), [{ id: 'f', tagIds: ['c'] }], 'c', 'reparent-children')).message).toBe(
      '“C” holds 1 finding; it will lose this tag (it has no other tag and will be kept, untagged).',
    );
    expect(value(deleteTag(sample(), [{ id: 'f', tagIds: ['c'] }, { id: 'g', tagIds: ['c'] }], 'c', 'reparent-children')).message).toBe(
      '“C” holds 2 findings; they will lose this tag (none has another tag; all will be kept, untagged).',
    );
  });

  it('frees the deleted code’s key and refuses a missing code', () => {
    const plan = value(deleteTag(sample(), [], 'a', 'reparent-children'));
    expect(plan.tags.some((t) => t.shortcut === '1')).toBe(false);
    expect(addTag(plan.tags, { name: 'New', shortcut: '1' }).ok).toBe(true);
    expect(error(deleteTag(sample(), [], 'zzz', 'delete-subtree'))).toBe('That code no longer exists.');
  });
});

// ---------------------------------------------------------------------------------------------

describe('validateCodebook', () => {
  it('finds each kind of problem and says it readably', () => {
    seq = 0;
    const tags: CodebookTag[] = [
      code('a', null, { name: 'Alpha', shortcut: '1' }),
      code('a', null, { name: 'Again' }),
      code('b', null, { name: '  ' }),
      code('c', null, { name: 'Gamma', color: 'red' }),
      code('d', null, { name: 'Delta', shortcut: '1' }),
      code('e', null, { name: 'Epsilon', shortcut: 'x' }),
      code('f', 'ghost', { name: 'Phi' }),
      code('g', 'h', { name: 'G' }),
      code('h', 'g', { name: 'H' }),
      code('i', null, { name: 'gamma' }),
      code('j', null, { name: 'J', guid: 'nope' }),
    ];
    expect(validateCodebook(tags)).toEqual([
      { tagId: 'a', severity: 'error', message: 'Two codes share the id “a”.' },
      { tagId: 'b', severity: 'error', message: 'The code “b” has no name.' },
      { tagId: 'c', severity: 'error', message: '“Gamma” has the colour “red”, which is not a #rrggbb colour.' },
      { tagId: 'e', severity: 'error', message: '“Epsilon” has the key “x”; keys are single digits, 0 to 9.' },
      { tagId: 'j', severity: 'error', message: '“J” has a malformed GUID “nope”.' },
      { tagId: 'd', severity: 'error', message: '“Alpha” and “Delta” both use key 1.' },
      { tagId: 'f', severity: 'error', message: '“Phi” belongs under a code that does not exist (“ghost”); it is shown at the top level.' },
      { tagId: 'g', severity: 'error', message: '“G” is inside itself (its parents form a loop); it is shown at the top level.' },
      { tagId: 'i', severity: 'warning', message: 'Two codes at the top level are both called “gamma”.' },
    ]);
  });

  it('says two codes “both” share a key', () => {
    const tags = sample();
    tags[6]!.shortcut = '1';
    expect(validateCodebook(tags).map((p) => p.message)).toEqual(['“A” and “C” both use key 1.']);
  });

  it('accepts a sound codebook, with either case of hex colour', () => {
    const tags = sample();
    tags[0]!.color = '#ABCDEF';
    expect(validateCodebook(tags)).toEqual([]);
  });
});
