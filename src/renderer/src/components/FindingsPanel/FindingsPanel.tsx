import { ActionIcon, Badge, Card, Group, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { memo, useEffect, useRef } from 'react';
import type { Finding, Tag } from '../../../../shared/model/types';

/** Props of {@link FindingsPanel}. */
export interface FindingsPanelProps {
  findings: Finding[];
  tags: Tag[];
  selectedId?: string;
  onSelect: (id: string) => void;
  onEdit: (finding: Finding) => void;
  onDelete: (finding: Finding) => void;
}

/**
 * The findings of the open document, in reading order; click one to jump to its passage. Memoised:
 * with thousands of findings a render costs seconds, so it renders only when its props change,
 * not whenever the window does (e.g. when the library's finding counts arrive while the analyst
 * scrolls the text).
 */
export const FindingsPanel = memo(function FindingsPanel({ findings, tags, selectedId, onSelect, onEdit, onDelete }: FindingsPanelProps) {
  const tagById = new Map(tags.map((t) => [t.id, t]));
  const list = useRef<HTMLDivElement>(null);
  // The selected finding (clicked in the text, or reached with F8) is brought into view here too.
  useEffect(() => {
    if (!selectedId) return;
    const item = [...(list.current?.children ?? [])].find((el) => el instanceof HTMLElement && el.dataset.finding === selectedId);
    item?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);
  return (
    <Stack gap="xs" h="100%">
      <Title order={2} size="h5">
        Findings {findings.length > 0 && <Badge variant="light">{findings.length}</Badge>}
      </Title>
      {findings.length === 0 ? (
        <Text size="sm" c="dimmed">
          No findings yet. Select a passage in the text and choose a tag to record one.
        </Text>
      ) : (
        <ScrollArea style={{ flex: 1 }} offsetScrollbars>
          <Stack ref={list} gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Findings">
            {findings.map((f) => (
              <Card
                key={f.id}
                component="li"
                withBorder
                padding="xs"
                data-finding={f.id}
                aria-current={f.id === selectedId ? 'true' : undefined}
                bg={f.id === selectedId ? 'var(--mantine-primary-color-light)' : undefined}
              >
                <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                  <Stack gap={4} style={{ minWidth: 0, cursor: 'pointer' }} onClick={() => onSelect(f.id)}>
                    <Group gap={4}>
                      {f.anchor?.status === 'orphaned' && (
                        <Badge size="xs" color="red" variant="outline" title="This passage is not in the current version of the document.">
                          orphaned
                        </Badge>
                      )}
                      {f.anchor?.status === 'fuzzy' && (
                        <Badge size="xs" color="yellow" variant="outline" title="Found again in reworded text.">
                          reworded {Math.round(f.anchor.similarity * 100)}%
                        </Badge>
                      )}
                      {f.tagIds.map((id) => {
                        const t = tagById.get(id);
                        return (
                          <Badge key={id} size="xs" color={t?.color ?? 'gray'} variant="light">
                            {t?.name ?? 'Unknown tag'}
                          </Badge>
                        );
                      })}
                      <Text size="xs" c="dimmed">
                        p. {f.page}
                      </Text>
                    </Group>
                    <Text
                      size="sm"
                      lineClamp={3}
                      component="button"
                      onClick={() => onSelect(f.id)}
                      style={{ textAlign: 'left', background: 'none', border: 0, padding: 0, color: 'inherit', cursor: 'pointer' }}
                    >
                      “{f.quote.exact}”
                    </Text>
                    {f.note && (
                      <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                        {f.note}
                      </Text>
                    )}
                  </Stack>
                  <Stack gap={2}>
                    <ActionIcon variant="subtle" color="gray" aria-label="Edit finding" onClick={() => onEdit(f)}>
                      <IconPencil size={16} />
                    </ActionIcon>
                    <ActionIcon variant="subtle" color="red" aria-label="Delete finding" onClick={() => onDelete(f)}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Stack>
                </Group>
              </Card>
            ))}
          </Stack>
        </ScrollArea>
      )}
    </Stack>
  );
});
