import { buildTree, type CodebookNode } from '../codebook/codebook-ops';
import { toCodebookTags } from '../codebook/codebook-tag';
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

/**
 * The codebook in tree order (depth-first, siblings by `order`), placed exactly as the app's
 * codebook shows it: a tag whose parent is missing, or that sits in a parent cycle, is cut to the
 * top level, so a damaged codebook still exports every code exactly once.
 */
export function tagTree(tags: readonly Tag[]): TagNode[] {
  const out: TagNode[] = [];
  const visit = (node: CodebookNode, parent: TagNode | null) => {
    const names = parent ? [...parent.names, node.tag.name] : [node.tag.name];
    const placed: TagNode = {
      tag: node.tag,
      parentId: parent ? parent.tag.id : null,
      depth: node.depth,
      names,
      path: names.join(TAG_PATH_SEPARATOR),
      subtree: new Set([node.tag.id]),
    };
    out.push(placed);
    for (const child of node.children) visit(child, placed);
    for (const id of placed.subtree) parent?.subtree.add(id);
  };
  for (const root of buildTree(toCodebookTags(tags))) visit(root, null);
  return out;
}
