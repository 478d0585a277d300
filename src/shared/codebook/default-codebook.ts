import type { Tag } from '../model/types';
import type { CodebookTag } from './codebook-tag';

interface CodeSpec {
  id: string;
  name: string;
  color: string;
  description: string;
  shortcut?: string;
  children?: CodeSpec[];
}

// Ids of the first, flat starter list (builtin-tags.ts) are kept wherever a code means the same,
// so findings tagged before the hierarchy existed stay linked. Each family shares a hue range so
// the tree reads at a glance; every colour is readable on white (contrast at least 3:1) and
// differs visibly from every other (CIE76 distance over 12), which the tests check.
const SPEC: CodeSpec[] = [
  {
    id: 'tag-prosecution',
    name: 'Prosecution',
    color: '#e8590c',
    description: 'Law enforcement against trafficking: investigations, prosecutions, convictions, sentences',
    shortcut: '1',
    children: [
      { id: 'tag-prosecution-investigations', name: 'Investigations', color: '#c2410c', description: 'Trafficking cases investigated by police and other authorities' },
      { id: 'tag-prosecution-prosecutions', name: 'Prosecutions', color: '#9a3412', description: 'Suspects charged and cases brought to court' },
      { id: 'tag-prosecution-convictions', name: 'Convictions', color: '#b45309', description: 'Traffickers convicted, and acquittals' },
      { id: 'tag-prosecution-sentences', name: 'Sentences', color: '#7c2d12', description: 'Penalties imposed on convicted traffickers, including suspended sentences and fines' },
      { id: 'tag-prosecution-official-complicity', name: 'Official complicity', color: '#a61e4d', description: 'Officials involved in or tolerating trafficking, and action taken against them' },
    ],
  },
  {
    id: 'tag-protection',
    name: 'Protection',
    color: '#2f9e44',
    description: 'Identifying victims and giving them care, protection and support',
    shortcut: '2',
    children: [
      { id: 'tag-victim-identification', name: 'Victim identification', color: '#087f5b', description: 'Victims identified, and the procedures used to screen vulnerable groups' },
      { id: 'tag-protection-referral', name: 'Referral', color: '#5c940d', description: 'Referral of identified victims to care, such as a national referral mechanism' },
      { id: 'tag-protection-shelter-services', name: 'Shelter and services', color: '#166534', description: 'Shelter, medical, psychological, legal and reintegration services for victims' },
      { id: 'tag-protection-funding', name: 'Funding', color: '#4d7c0f', description: 'Government funding for victim protection, including to NGOs' },
      { id: 'tag-protection-foreign-victims', name: 'Foreign victims', color: '#0f766e', description: 'Residence permits, reflection periods, repatriation and alternatives to removal' },
      { id: 'tag-protection-non-punishment', name: 'Non-punishment', color: '#3f6212', description: 'Victims penalised, or shielded, for unlawful acts traffickers compelled them to commit' },
    ],
  },
  {
    id: 'tag-prevention',
    name: 'Prevention',
    color: '#1971c2',
    description: 'Efforts to stop trafficking before it happens',
    shortcut: '3',
    children: [
      { id: 'tag-prevention-coordination', name: 'Coordination', color: '#364fc7', description: 'National action plans, coordinating bodies, rapporteurs and monitoring' },
      { id: 'tag-prevention-awareness', name: 'Awareness', color: '#0369a1', description: 'Awareness campaigns, training and hotlines' },
      { id: 'tag-prevention-labor-recruitment', name: 'Labor recruitment', color: '#5f3dc4', description: 'Recruitment agencies and fees, labor inspections, migrant worker protections' },
      { id: 'tag-prevention-demand-reduction', name: 'Demand reduction', color: '#1e3a8a', description: 'Reducing demand for commercial sex acts and forced labor' },
    ],
  },
  { id: 'tag-recommendation', name: 'Recommendations', color: '#a16207', description: 'What the report asks the government to do', shortcut: '4' },
  { id: 'tag-tier', name: 'Tier and compliance', color: '#c92a2a', description: 'Tier placement and statements on meeting the minimum standards', shortcut: '5' },
  { id: 'tag-figure', name: 'Figure', color: '#0c8599', description: 'A number worth tracking', shortcut: '6' },
];

function flatten(specs: CodeSpec[]): CodebookTag[] {
  const out: CodebookTag[] = [];
  const visit = (spec: CodeSpec, parentId: string | null) => {
    const { children, shortcut, ...fields } = spec;
    out.push({ ...fields, parentId, order: out.length + 1, ...(shortcut ? { shortcut } : {}) });
    for (const child of children ?? []) visit(child, spec.id);
  };
  for (const spec of specs) visit(spec, null);
  return out;
}

/**
 * The codebook a new workspace starts with: the TIP Report's "3P" structure (prosecution,
 * protection, prevention) with their usual sub-topics, plus recommendations, tier and figures.
 * The six top-level codes are bound to keys 1–6; sub-codes start without a key.
 */
export const DEFAULT_CODEBOOK: readonly CodebookTag[] = Object.freeze(flatten(SPEC).map((t) => Object.freeze(t)));

/**
 * The default codebook for a workspace that has the old flat starter list: matching ids take the
 * default code's place, name, colour and parent (the flat list could not be edited); any other
 * stored tag is kept as it was, at the top level after the default codes.
 */
export function upgradeToDefaultCodebook(existing: readonly Tag[]): CodebookTag[] {
  const defaults = DEFAULT_CODEBOOK.map((t) => ({ ...t }));
  const known = new Set(defaults.map((t) => t.id));
  const extra = existing
    .filter((t) => !known.has(t.id))
    .sort((a, b) => a.order - b.order)
    .map((t, i): CodebookTag => ({ ...t, parentId: null, order: defaults.length + i + 1 }));
  return [...defaults, ...extra];
}
