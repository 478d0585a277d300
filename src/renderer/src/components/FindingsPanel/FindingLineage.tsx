import { Anchor, List, Stack, Text } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { findingLineage, type LineageStep } from '../../../../shared/compare';
import type { Finding } from '../../../../shared/model/types';
import { useServices } from '../../workbench/context';

/** Props of {@link FindingLineage}. */
export interface FindingLineageProps {
  finding: Finding;
  /** Opens another year's finding; without it the steps are only listed. */
  onOpen?: (step: LineageStep) => void;
}

/** A carried-forward passage's history, year by year ("History: 2013 → 2014 → 2015"); nothing for a finding never carried. */
export function FindingLineage({ finding, onOpen }: FindingLineageProps) {
  const { store } = useServices();
  const steps = useLiveQuery(async () => findingLineage(finding, await store.db.findings.toArray(), await store.listDocuments()), [store, finding]);
  if (!steps || steps.length < 2) return null;
  const label = (s: LineageStep) => (s.year === null ? s.title || 'unknown edition' : String(s.year));
  return (
    <Stack gap={4} aria-label="History">
      <Text size="sm" fw={600}>
        History: {steps.map(label).join(' → ')}
      </Text>
      <List size="xs" spacing={2}>
        {steps.map((s) => (
          <List.Item key={s.findingId}>
            {s.current || !onOpen ? (
              <Text span size="xs" fw={s.current ? 700 : undefined}>
                {label(s)}
              </Text>
            ) : (
              <Anchor component="button" type="button" size="xs" onClick={() => onOpen(s)}>
                {label(s)}
              </Anchor>
            )}
            <Text span size="xs" c="dimmed">
              {' '}
              {s.title && s.year !== null ? `(${s.title}) ` : ''}“{s.quote.length > 160 ? `${s.quote.slice(0, 160)}…` : s.quote}”
            </Text>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
