import type { Tag } from '../model/types';

/** What joins a code's ancestors' names into its path ("Protection › Victim identification"). */
export const TAG_PATH_SEPARATOR = ' › ';

/** A code placed in the codebook tree, as the exports list it. */
export interface TagNode {
  tag: Tag;
  /** The parent's id as placed (null at the top level, also for a dangling or cyclic parent). */
  parentId: string | null;
  depth: number;
  /** Names from the top-level ancestor down to this code. */
  names: string[];
  /** `names` joined with {@link TAG_PATH_SEPARATOR}. */
  path: string;
  /** This code's id and every descendant's. */
  subtree: Set<string>;
}

// Tags gain `parentId` with the hierarchical codebook; stored tags from before it have none.
function declaredParent(tag: Tag): string | null {
  const p = (tag as { parentId?: string | null }).parentId;
  return typeof p === 'string' && p !== '' ? p : null;
}

/**
 * The codebook in tree order (depth-first; siblings by `order`, then as given). A tag whose
 * parent is missing, or that sits in a parent cycle, is listed at the top level, so a damaged
 * codebook still exports every code exactly once. Duplicate ids after the first are ignored.
 */
export function tagTree(tags: readonly Tag[]): TagNode[] {
  const byId = new Map<string, Tag>();
  const position = new Map<string, number>();
  tags.forEach((t, i) => {
    if (!byId.has(t.id)) {
      byId.set(t.id, t);
      position.set(t.id, i);
    }
  });
  const rank = (a: Tag, b: Tag) => (a.order ?? 0) - (b.order ?? 0) || position.get(a.id)! - position.get(b.id)!;
  const ranked = [...byId.values()].sort(rank);
  const children = new Map<string | null, Tag[]>();
  for (const t of ranked) {
    const p = declaredParent(t);
    const key = p !== null && p !== t.id && byId.has(p) ? p : null;
    const list = children.get(key);
    if (list) list.push(t);
    else children.set(key, [t]);
  }

  const out: TagNode[] = [];
  const placed = new Set<string>();
  const visit = (tag: Tag, parent: TagNode | null) => {
    if (placed.has(tag.id)) return;
    placed.add(tag.id);
    const names = parent ? [...parent.names, tag.name] : [tag.name];
    const node: TagNode = {
      tag,
      parentId: parent ? parent.tag.id : null,
      depth: parent ? parent.depth + 1 : 0,
      names,
      path: names.join(TAG_PATH_SEPARATOR),
      subtree: new Set([tag.id]),
    };
    out.push(node);
    for (const child of children.get(tag.id) ?? []) visit(child, node);
    for (const id of node.subtree) parent?.subtree.add(id);
  };
  for (const root of children.get(null) ?? []) visit(root, null);
  // Codes in a parent cycle are reachable from no root: they become roots, in rank order.
  for (const t of ranked) visit(t, null);
  return out;
}
