/**
 * Tier placements compared across years.
 *
 * Ordering: Tier 1 > Tier 2 > Tier 2 Watch List > Tier 3 ("up" is towards Tier 1). Special Case
 * (a country the report cannot assess, such as Libya, Somalia or Yemen in some years) sits outside
 * that scale, and an unknown tier (a narrative the excerpt starts in the middle of) says nothing:
 * a move into, out of or from either is 'n/a', never 'same', so "no change" is only claimed when
 * both placements are known and equal (Special Case both years is 'same').
 */
import type { Tier } from '../ingest/report-types';

/** Direction of a country's tier move between two editions; 'n/a' when it cannot be ranked. */
export type TierChange = 'up' | 'down' | 'same' | 'n/a';

const RANK: Partial<Record<Tier, number>> = { 'Tier 1': 1, 'Tier 2': 2, 'Tier 2 Watch List': 3, 'Tier 3': 4 };

/** Position on the tier scale, 1 (Tier 1) to 4 (Tier 3); undefined for Special Case and unknown. */
export function tierRank(tier: Tier | null | undefined): number | undefined {
  return tier ? RANK[tier] : undefined;
}

/** How a placement moved from `earlier` to `later`. */
export function tierChange(earlier: Tier | null | undefined, later: Tier | null | undefined): TierChange {
  if (earlier && earlier === later) return 'same';
  const a = tierRank(earlier);
  const b = tierRank(later);
  if (a === undefined || b === undefined) return 'n/a';
  return b < a ? 'up' : b > a ? 'down' : 'same';
}

const TIER_RE = /^(?:tier\s*(1|2|3|iii|ii|i)\b(\s*[-–]?\s*watch\s*-?\s*list)?|special\s+cases?\b)/i;
const LEVELS = new Map([['1', 1], ['i', 1], ['2', 2], ['ii', 2], ['3', 3], ['iii', 3]]);
const LABEL_RE = /\btier\s+(?:rating|placement|ranking)\s*:\s*/gi;

/**
 * The tier a summary that is not a TIP narrative states in a labelled field, as the World
 * Factbook prints it ("tier rating: Tier 2 Watch List – Belarus does not…", "tier rating: Tier 3
 * - lack of…", "Tier 2 Watch list"). Only the labelled value counts: the prose after it often names
 * other tiers ("improved from Tier 3 to the Tier 2 Watch List"). Null when there is none.
 */
export function tierFromText(text: string): Tier | null {
  LABEL_RE.lastIndex = 0;
  for (let m = LABEL_RE.exec(text); m; m = LABEL_RE.exec(text)) {
    const hit = TIER_RE.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 40));
    if (!hit) continue;
    if (!hit[1]) return 'Special Case';
    const level = LEVELS.get(hit[1].toLowerCase());
    if (hit[2]) return level === 2 ? 'Tier 2 Watch List' : null;
    return level === 1 ? 'Tier 1' : level === 2 ? 'Tier 2' : 'Tier 3';
  }
  return null;
}
