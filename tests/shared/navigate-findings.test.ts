import { describe, expect, it } from 'vitest';
import { adjacentFinding, findingsInReadingOrder } from '../../src/shared/findings/navigate-findings';
import { readTextFile } from '../../src/shared/ingest/ingest';
import type { Finding } from '../../src/shared/model/types';
import { fixtureBytes } from '../fixtures';

const text = readTextFile(fixtureBytes('tip/tip-2015-excerpt.txt')).text;

/** A finding on a real passage of the TIP 2015 excerpt. */
function findingOn(id: string, passage: string, createdAt: string, orphaned = false): Finding {
  const start = text.indexOf(passage);
  if (start < 0) throw new Error(`not in the excerpt: ${passage}`);
  return {
    id,
    documentId: 'tip-2015',
    quote: { exact: passage, prefix: '', suffix: '' },
    position: { start, end: start + passage.length },
    page: 1,
    tagIds: [],
    note: '',
    createdAt,
    updatedAt: createdAt,
    ...(orphaned ? { anchor: { status: 'orphaned' as const, similarity: 0, checkedAt: createdAt } } : {}),
  };
}

// Created in a different order from the one they are read in.
const lux = findingOn('lux', 'LUXEMBOURG: Tier 1', '2026-01-01T00:00:03Z');
const lit = findingOn('lit', 'Lithuanian courts officially identified 30 trafficking victims', '2026-01-01T00:00:01Z');
const assist = findingOn('assist', 'The government demonstrated some efforts to assist victims.', '2026-01-01T00:00:02Z');
const gone = findingOn('gone', 'LUXEMBOURG: Tier 1', '2026-01-01T00:00:04Z', true);
const all = [lux, gone, assist, lit];

describe('moving between findings (F8 / Shift+F8)', () => {
  it('orders findings as the text reads, leaving out orphans that have no place', () => {
    const order = findingsInReadingOrder(all).map((f) => f.id);
    expect(order).toHaveLength(3);
    expect(order).not.toContain('gone');
    const starts = findingsInReadingOrder(all).map((f) => f.position.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(order.indexOf('lit')).toBeLessThan(order.indexOf('lux'));
  });

  it('steps forward and back from the selected finding and wraps round at both ends', () => {
    const order = findingsInReadingOrder(all);
    const first = order[0]!;
    const last = order.at(-1)!;
    expect(adjacentFinding(all, first.id, 1)?.id).toBe(order[1]!.id);
    expect(adjacentFinding(all, order[1]!.id, -1)?.id).toBe(first.id);
    expect(adjacentFinding(all, last.id, 1)?.id).toBe(first.id);
    expect(adjacentFinding(all, first.id, -1)?.id).toBe(last.id);
  });

  it('with nothing selected, starts from where the analyst is reading', () => {
    const order = findingsInReadingOrder(all);
    const between = order[1]!.position.start - 1;
    expect(adjacentFinding(all, undefined, 1, between)?.id).toBe(order[1]!.id);
    expect(adjacentFinding(all, undefined, -1, between)?.id).toBe(order[0]!.id);
    // Past the last finding, forward wraps to the first; before the first, back goes to the last.
    expect(adjacentFinding(all, undefined, 1, text.length)?.id).toBe(order[0]!.id);
    expect(adjacentFinding(all, undefined, -1, 0)?.id).toBe(order.at(-1)!.id);
    // A selected orphan (no place in the text) counts as no selection.
    expect(adjacentFinding(all, 'gone', 1, 0)?.id).toBe(order[0]!.id);
  });

  it('has nowhere to go in a document without placed findings', () => {
    expect(adjacentFinding([], undefined, 1)).toBeUndefined();
    expect(adjacentFinding([gone], 'gone', -1)).toBeUndefined();
  });
});
