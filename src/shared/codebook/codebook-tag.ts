import type { Tag } from '../model/types';

/**
 * A code of a hierarchical codebook: a stored {@link Tag} plus where it sits and how it is applied.
 * `order` is the code's position in a depth-first listing of the whole tree (1-based), so sorting
 * by `order` alone lists parents before their children and siblings in their order.
 */
export type CodebookTag = Tag & {
  /** The parent code's id; null at the top level. */
  parentId: string | null;
  /** One of {@link SHORTCUT_KEYS}: pressed with a passage selected, it applies this code. */
  shortcut?: string;
  /** REFI-QDA GUID kept from an imported codebook, so exporting it again keeps the other tool's identity. */
  guid?: string;
};

/**
 * Keys a code can be bound to. Single digits only: letters are left free for the reader's own
 * shortcuts, and ten direct keys is about what an analyst keeps in their head.
 */
export const SHORTCUT_KEYS: readonly string[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

/** Longest code name accepted (REFI-QDA tools show names in narrow tree views). */
export const MAX_NAME_LENGTH = 1000;

/** Longest description accepted (MAXQDA keeps long code memos as descriptions). */
export const MAX_DESCRIPTION_LENGTH = 100_000;

/** Deepest nesting accepted: far beyond any real codebook, shallow enough to walk safely. */
export const MAX_DEPTH = 100;

/** Most codes in one codebook. */
export const MAX_CODES = 20_000;

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

/** True for a `#rrggbb` colour, the one form the codebook stores. */
export function isHexColour(color: string): boolean {
  return HEX_COLOUR.test(color);
}

/** `#rrggbb` in lower case from `#rgb` or `#rrggbb` in any case; null for anything else. */
export function normalizeHexColour(color: string): string | null {
  const c = color.trim();
  if (/^#[0-9a-f]{3}$/i.test(c)) return `#${[...c.slice(1)].map((x) => x + x).join('')}`.toLowerCase();
  return HEX_COLOUR.test(c) ? c.toLowerCase() : null;
}

/** Colours given to new or colourless codes, in turn: all readable on white (contrast at least 3:1). */
export const FALLBACK_COLOURS: readonly string[] = [
  '#e8590c', '#2f9e44', '#1971c2', '#c92a2a', '#0c8599', '#9c36b5', '#a16207', '#5f3dc4', '#087f5b', '#a61e4d',
];

/** Lifts stored tags that predate the hierarchy: each becomes a top-level code. */
export function toCodebookTags(tags: readonly Tag[]): CodebookTag[] {
  return tags.map((t) => ({ parentId: null, ...t }) as CodebookTag);
}
