import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowForward } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { narrativeOf, planCarryForward, type CarryPlanItem, type CompareSide, type TextRange } from '../../../../shared/compare';
import type { Finding, Tag } from '../../../../shared/model/types';
import { errorMessage } from '../../../../shared/result';
import type { CarryItem } from '../../../../shared/store/workbench-store';
import { useServices } from '../../workbench/context';

/** One edition of the comparison, as the carry-forward panel needs it. */
export interface CarryEdition {
  documentId: string;
  year: number | null;
  side: CompareSide;
}

/** Props of {@link CarryForwardPanel}. */
export interface CarryForwardPanelProps {
  earlier: CarryEdition;
  later: CarryEdition;
  country: string;
}

function rangeOf(e: CarryEdition, country: string): TextRange | undefined {
  const n = narrativeOf(e.side, country);
  return n ? { start: n.start, end: n.end } : undefined;
}

const inRange = (f: Finding, r: TextRange | undefined) => !r || (f.position.start >= r.start && f.position.start < r.end);

/**
 * The country's findings of both editions side by side; each earlier one found again in the later
 * edition (same, reworded, gone), to accept one by one or all at once as a finding of the later
 * edition linked to its predecessor. Accepting is undoable and never makes a second copy.
 */
export function CarryForwardPanel({ earlier, later, country }: CarryForwardPanelProps) {
  const { store, history } = useServices();
  const earlierFindings = useLiveQuery(() => store.listFindings(earlier.documentId), [store, earlier.documentId]);
  const laterFindings = useLiveQuery(() => store.listFindings(later.documentId), [store, later.documentId]);
  const tags = useLiveQuery(() => store.listTags(), [store]) ?? [];
  const [busy, setBusy] = useState(false);
  const earlierRange = useMemo(() => rangeOf(earlier, country), [earlier, country]);
  const laterRange = useMemo(() => rangeOf(later, country), [later, country]);

  const plan = useMemo(
    () => (earlierFindings && laterFindings ? planCarryForward(earlierFindings, laterFindings, earlier.side.text, later.side.text, { earlierRange, laterRange }) : []),
    [earlierFindings, laterFindings, earlier.side.text, later.side.text, earlierRange, laterRange],
  );
  const laterHere = (laterFindings ?? []).filter((f) => inRange(f, laterRange));
  const earlierIds = new Set((earlierFindings ?? []).map((f) => f.id));
  const open = plan.filter((p) => p.status !== 'gone' && !p.successor);
  const yearOf = (e: CarryEdition) => (e.year === null ? 'the later edition' : String(e.year));

  const accept = async (items: CarryPlanItem[]): Promise<void> => {
    const input: CarryItem[] = items.map((p) => ({ predecessorId: p.finding.id, documentId: later.documentId, start: p.start!, end: p.end! }));
    setBusy(true);
    try {
      const { created, skipped } = await history.carryForward(input);
      if (created.length) {
        notifications.show({ color: 'green', message: `${created.length === 1 ? '1 finding' : `${created.length} findings`} carried into ${yearOf(later)}.` });
      }
      if (skipped.length) {
        notifications.show({ color: 'yellow', title: `${skipped.length} not carried`, message: [...new Set(skipped.map((s) => s.reason))].join(' ') });
      }
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not carried forward', message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs" aria-label="Carry forward" component="section">
      <Group justify="space-between">
        <Title order={3} size="h5">
          Carry findings forward
        </Title>
        <Button size="xs" leftSection={<IconArrowForward size={14} />} disabled={open.length === 0 || busy} loading={busy} onClick={() => void accept(open)}>
          Accept all ({open.length})
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        <Stack gap={6} aria-label={`Findings in ${earlier.year ?? 'the earlier edition'}`}>
          <Text fw={600} size="sm">
            {country} {earlier.year ?? ''}: {plan.length === 1 ? '1 finding' : `${plan.length} findings`}
          </Text>
          {plan.length === 0 && (
            <Text size="sm" c="dimmed">
              No findings on {country} in the earlier edition. Tag passages there in the reader, then carry them forward here.
            </Text>
          )}
          {plan.map((p) => (
            <Card key={p.finding.id} withBorder padding="xs" data-carry={p.finding.id}>
              <Stack gap={4}>
                <Group gap={4}>
                  <StatusBadge item={p} />
                  <TagBadges finding={p.finding} tags={tags} />
                </Group>
                <Text size="sm" lineClamp={4}>
                  “{p.finding.quote.exact}”
                </Text>
                {p.status === 'reworded' && p.start !== undefined && (
                  <Text size="xs" c="dimmed" lineClamp={4}>
                    Now: “{later.side.text.slice(p.start, p.end)}”
                  </Text>
                )}
                {p.finding.note && (
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    Note: {p.finding.note}
                  </Text>
                )}
                {p.status !== 'gone' && !p.successor && (
                  <Group justify="flex-end">
                    <Button size="compact-xs" variant="light" disabled={busy} onClick={() => void accept([p])} aria-label={`Accept: ${p.finding.quote.exact.slice(0, 60)}`}>
                      Accept
                    </Button>
                  </Group>
                )}
              </Stack>
            </Card>
          ))}
        </Stack>
        <Stack gap={6} aria-label={`Findings in ${later.year ?? 'the later edition'}`}>
          <Text fw={600} size="sm">
            {country} {later.year ?? ''}: {laterHere.length === 1 ? '1 finding' : `${laterHere.length} findings`}
          </Text>
          {laterHere.length === 0 && (
            <Text size="sm" c="dimmed">
              No findings on {country} in this edition yet.
            </Text>
          )}
          {laterHere.map((f) => (
            <Card key={f.id} withBorder padding="xs" data-finding={f.id}>
              <Stack gap={4}>
                <Group gap={4}>
                  {f.predecessorId && earlierIds.has(f.predecessorId) && (
                    <Badge size="xs" variant="outline" color="blue">
                      carried from {earlier.year ?? 'the earlier edition'}
                    </Badge>
                  )}
                  <TagBadges finding={f} tags={tags} />
                </Group>
                <Text size="sm" lineClamp={4}>
                  “{f.quote.exact}”
                </Text>
              </Stack>
            </Card>
          ))}
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}

function StatusBadge({ item }: { item: CarryPlanItem }) {
  if (item.successor) {
    return (
      <Badge size="xs" color="gray" variant="filled">
        already carried
      </Badge>
    );
  }
  if (item.status === 'same') {
    return (
      <Badge size="xs" color="green" variant="light" title="Found word for word in the later edition.">
        same
      </Badge>
    );
  }
  if (item.status === 'reworded') {
    return (
      <Badge size="xs" color="yellow" variant="light" title="Found in other words in the later edition.">
        reworded {Math.round(item.similarity * 100)}%
      </Badge>
    );
  }
  return (
    <Badge size="xs" color="red" variant="light" title="Not found in the later edition.">
      gone
    </Badge>
  );
}

function TagBadges({ finding, tags }: { finding: Finding; tags: Tag[] }) {
  const byId = new Map(tags.map((t) => [t.id, t]));
  return (
    <>
      {finding.tagIds.map((id) => {
        const t = byId.get(id);
        return (
          <Badge key={id} size="xs" color={t?.color ?? 'gray'} variant="light">
            {t?.name ?? 'Unknown tag'}
          </Badge>
        );
      })}
    </>
  );
}
