import type { CountryComparison, PassageRef, SectionChange } from './compare';

const passage = (p: PassageRef) => ({ text: p.text, start: p.start, end: p.end, page: p.page });

function change(c: SectionChange) {
  return {
    type: c.type,
    ...(c.earlier && { earlier: passage(c.earlier) }),
    ...(c.later && { later: passage(c.later) }),
  };
}

/**
 * The JSON `rwb compare --json` prints for a country: `{ country, earlier: { year, tier }, later,
 * tierChange, figures: [{ kind, earlier, later, change }], recommendations: { kept, reworded,
 * dropped, added }, sections: [{ kind, changes: [{ type, earlier?, later? }] }] }`.
 * Recommendations are given as their texts; passages and figure values keep their offsets.
 */
export function comparisonJson(c: CountryComparison) {
  return {
    country: c.country,
    earlier: { year: c.earlier.year, tier: c.earlier.tier },
    later: { year: c.later.year, tier: c.later.tier },
    tierChange: c.tierChange,
    figures: c.figures.map((f) => ({ kind: f.kind, earlier: f.earlier, later: f.later, change: f.change })),
    recommendations: {
      kept: c.recommendations.kept.map((k) => k.earlier.text),
      reworded: c.recommendations.reworded.map((r) => ({ earlier: r.earlier.text, later: r.later.text, similarity: r.similarity })),
      dropped: c.recommendations.dropped.map((r) => r.text),
      added: c.recommendations.added.map((r) => r.text),
    },
    sections: c.sections.map((s) => ({ kind: s.kind, changes: s.changes.map(change) })),
  };
}
