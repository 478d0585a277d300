import { ActionIcon, Badge, Card, Group, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, type FocusEvent } from 'react';
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

/** Space between two cards, in px (Mantine's `xs` spacing, the gap the list always had). */
const GAP = 10;

/**
 * A first guess at a card's height before it is measured: the codes line, a quote of a line or two
 * (three at most: it is clamped), and the note's lines. Only has to be close: every card is
 * measured once it is drawn.
 */
function estimateCardHeight(f: Finding): number {
  const quoteLines = Math.min(3, Math.ceil((f.quote.exact.length + 2) / 38));
  const noteLines = f.note ? f.note.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / 45)), 0) : 0;
  return 22 + 26 + quoteLines * 21 + noteLines * 18;
}

/**
 * The findings of the open document, in reading order; click one to jump to its passage.
 *
 * Virtualised: only the cards near the panel's view are in the DOM, so a document with thousands of
 * findings renders (and re-renders while the analyst tags or scrolls the text) like one with a
 * dozen. Every card says where it is in the whole list (aria-posinset/aria-setsize), and the card
 * holding keyboard focus stays drawn (with its neighbours) even when it is scrolled away, so focus
 * is never lost.
 *
 * Memoised: it renders only when its props change, not whenever the window does (e.g. when the
 * library's finding counts arrive while the analyst scrolls the text).
 */
export const FindingsPanel = memo(function FindingsPanel({ findings, tags, selectedId, onSelect, onEdit, onDelete }: FindingsPanelProps) {
  const tagById = useMemo(() => new Map(tags.map((t) => [t.id, t])), [tags]);
  const viewport = useRef<HTMLDivElement>(null);
  // The index of the card holding keyboard focus: drawn whatever the scroll position, with its
  // neighbours, so that Tab and Shift+Tab go on to the next card rather than out of the list.
  const focused = useRef<number | undefined>(undefined);
  const rangeExtractor = useCallback((range: Range) => {
    const shown = defaultRangeExtractor(range);
    const f = focused.current;
    if (f === undefined) return shown;
    const keep = [f - 1, f, f + 1].filter((i) => i >= 0 && i < range.count && !shown.includes(i));
    return keep.length ? [...shown, ...keep].sort((a, b) => a - b) : shown;
  }, []);
  // Stable per list: the virtualiser recomputes every card's position when these change.
  const estimateSize = useCallback((i: number) => estimateCardHeight(findings[i]!), [findings]);
  const getItemKey = useCallback((i: number) => findings[i]!.id, [findings]);
  const virtual = useVirtualizer({
    count: findings.length,
    getScrollElement: () => viewport.current,
    estimateSize,
    getItemKey,
    gap: GAP,
    overscan: 4,
    rangeExtractor,
  });

  // The selected finding (clicked in the text, or reached with F8) is brought into view here too:
  // once per selection, as soon as it is in the list (a finding just tagged is selected before
  // the list that holds it arrives).
  const toReveal = useRef<string | undefined>(undefined);
  useEffect(() => {
    toReveal.current = selectedId;
  }, [selectedId]);
  useEffect(() => {
    if (!toReveal.current) return;
    const index = findings.findIndex((f) => f.id === toReveal.current);
    if (index < 0) return;
    toReveal.current = undefined;
    virtual.scrollToIndex(index, { align: 'auto' });
  }, [selectedId, findings, virtual]);

  const onFocus = useCallback((e: FocusEvent<HTMLElement>) => {
    const item = (e.target as HTMLElement).closest<HTMLElement>('li[data-index]');
    focused.current = item ? Number(item.dataset.index) : undefined;
  }, []);
  const onBlur = useCallback((e: FocusEvent<HTMLElement>) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) focused.current = undefined;
  }, []);

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
        <ScrollArea style={{ flex: 1 }} scrollbars="y" offsetScrollbars viewportRef={viewport}>
          <ul
            aria-label="Findings"
            onFocus={onFocus}
            onBlur={onBlur}
            style={{ listStyle: 'none', padding: 0, margin: 0, position: 'relative', height: virtual.getTotalSize() }}
          >
            {virtual.getVirtualItems().map((item) => {
              const f = findings[item.index]!;
              const selected = f.id === selectedId;
              return (
                <Card
                  key={item.key}
                  ref={virtual.measureElement}
                  component="li"
                  withBorder
                  padding="xs"
                  data-index={item.index}
                  data-finding={f.id}
                  aria-setsize={findings.length}
                  aria-posinset={item.index + 1}
                  aria-current={selected ? 'true' : undefined}
                  bg={selected ? 'var(--mantine-primary-color-light)' : undefined}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
                >
                  <FindingCardBody finding={f} tagById={tagById} onSelect={onSelect} onEdit={onEdit} onDelete={onDelete} />
                </Card>
              );
            })}
          </ul>
        </ScrollArea>
      )}
    </Stack>
  );
});

interface FindingCardBodyProps {
  finding: Finding;
  tagById: Map<string, Tag>;
  onSelect: (id: string) => void;
  onEdit: (finding: Finding) => void;
  onDelete: (finding: Finding) => void;
}

/** One card's content. Memoised: scrolling the panel moves the cards without redrawing them. */
const FindingCardBody = memo(function FindingCardBody({ finding: f, tagById, onSelect, onEdit, onDelete }: FindingCardBodyProps) {
  return (
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
  );
});
