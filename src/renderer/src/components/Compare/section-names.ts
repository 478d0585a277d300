/** Display names of the TIP section kinds; other kinds (a Factbook field, a heading) show their slug with spaces. */
const SECTION_NAMES: Record<string, string> = {
  profile: 'Profile',
  compliance: 'Compliance',
  recommendations: 'Recommendations',
  prosecution: 'Prosecution',
  protection: 'Protection',
  prevention: 'Prevention',
  'trafficking-profile': 'Trafficking profile',
};

/** The heading shown for a section kind ("prosecution" → "Prosecution", "tier-rating" → "Tier rating"). */
export function sectionName(kind: string): string {
  const known = SECTION_NAMES[kind];
  if (known) return known;
  const spaced = kind.replace(/-/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
