import type { Tag } from './types';

/** The flat starting list of schema version 1 (kept for its migration test); new workspaces get DEFAULT_CODEBOOK. */
export const BUILTIN_TAGS: readonly Tag[] = [
  { id: 'tag-prosecution', name: 'Prosecution', color: '#e8590c', description: 'Investigations, prosecutions, convictions, sentences', order: 1 },
  { id: 'tag-protection', name: 'Protection', color: '#2f9e44', description: 'Victim identification, referral, shelter and services', order: 2 },
  { id: 'tag-prevention', name: 'Prevention', color: '#1971c2', description: 'Coordination, awareness, recruitment, demand reduction', order: 3 },
  { id: 'tag-victim-identification', name: 'Victim identification', color: '#9c36b5', description: 'Victims identified or referred', order: 4 },
  { id: 'tag-recommendation', name: 'Recommendation', color: '#f08c00', description: 'What the report asks the government to do', order: 5 },
  { id: 'tag-figure', name: 'Figure', color: '#0c8599', description: 'A number worth tracking', order: 6 },
  { id: 'tag-tier', name: 'Tier and compliance', color: '#c92a2a', description: 'Tier placement and compliance statements', order: 7 },
];
