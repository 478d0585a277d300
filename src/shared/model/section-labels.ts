import type { FigureKind, SectionKind } from '../ingest/report-types';

/** Section kinds as a reader sees them: the outline, the findings table, exports and compare use the same words. */
export const SECTION_LABELS: Readonly<Record<SectionKind, string>> = {
  profile: 'Profile',
  compliance: 'Compliance',
  recommendations: 'Recommendations',
  prosecution: 'Prosecution',
  protection: 'Protection',
  prevention: 'Prevention',
  'trafficking-profile': 'Trafficking profile',
};

/** The heading shown for any section kind ("prosecution" → "Prosecution"; a Factbook field or heading slug "tier-rating" → "Tier rating"). */
export function sectionName(kind: string): string {
  const known = (SECTION_LABELS as Readonly<Record<string, string>>)[kind];
  if (known) return known;
  const spaced = kind.replace(/-/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** Figure kinds as column headings and chart labels (the timeline in the app and in `rwb timeline`). */
export const FIGURE_LABELS: Readonly<Record<FigureKind, string>> = {
  'victims-identified': 'Victims identified',
  'potential-victims': 'Potential victims',
  investigations: 'Investigations',
  prosecutions: 'Prosecutions',
  convictions: 'Convictions',
  'people-assisted': 'People assisted',
  funding: 'Funding',
  'penalty-years': 'Penalty (years)',
};
