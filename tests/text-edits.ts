import { expect } from 'vitest';

/**
 * Replaces the one occurrence of `from` in a hard-wrapped report text, any whitespace run
 * matching a space: how the tests make a next year's edition out of a real one. Fails the test
 * when `from` is not there exactly once.
 */
export function edit(text: string, from: string, to: string): string {
  const re = new RegExp(from.split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'g');
  expect([...text.matchAll(re)], from).toHaveLength(1);
  return text.replace(re, () => to);
}
