import { Badge, Button, Group, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { sideBySide, type CompareSide, type SideBySideRow, type SideCell } from '../../../../shared/compare';
import type { Finding, Tag } from '../../../../shared/model/types';
import { errorMessage } from '../../../../shared/result';
import { useServices } from '../../workbench/context';
import { sectionName } from '../../../../shared/model/section-labels';
import classes from './SideBySide.module.css';

/** One edition as the side-by-side view needs it. */
export interface SideBySideEdition {
  documentId: string;
  year: number | null;
  side: CompareSide;
}

/** Props of {@link SideBySide}. */
export interface SideBySideProps {
  country: string;
  earlier: SideBySideEdition;
  later: SideBySideEdition;
  /** Mark only numbers, negations and claim words; routine rewording and moves shown plainly. */
  significantOnly: boolean;
}

type Item = { type: 'section'; kind: string; changes: number } | { type: 'row'; row: SideBySideRow };

/** Rough height of a row before it is measured: the longer side's lines in a half-width column. */
function estimate(item: Item | undefined): number {
  if (!item || item.type === 'section') return 40;
  const chars = Math.max(item.row.earlier?.text.length ?? 0, item.row.later?.text.length ?? 0);
  return 8 + 22 * Math.max(1, Math.ceil(chars / 70));
}

/** Findings of one document sorted by start, to find those over a passage quickly. */
function byStart(findings: readonly Finding[] | undefined): Finding[] {
  return (findings ?? []).filter((f) => f.anchor?.status !== 'orphaned').sort((a, b) => a.position.start - b.position.start);
}

/** The findings overlapping [start, end) of a list sorted by start (only the rows in view ask). */
function findingsOver(sorted: readonly Finding[], start: number, end: number): Finding[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.position.start < end) lo = mid + 1;
    else hi = mid;
  }
  const out: Finding[] = [];
  for (let k = lo - 1; k >= 0; k--) {
    const f = sorted[k]!;
    if (f.position.end > start) out.push(f);
  }
  return out.reverse();
}

/**
 * Both editions of one country in full, in two columns that scroll together: one scroll container
 * whose rows each hold the earlier passage and its later counterpart, so aligned passages always
 * stay level. Word changes, moves, removed and added passages are marked; passages with findings
 * carry their code's colour. Only the rows near the view are in the DOM.
 */
export function SideBySide({ country, earlier, later, significantOnly }: SideBySideProps) {
  const { store } = useServices();
  const earlierFindings = useLiveQuery(() => store.listFindings(earlier.documentId), [store, earlier.documentId]);
  const laterFindings = useLiveQuery(() => store.listFindings(later.documentId), [store, later.documentId]);
  const tags = useLiveQuery(() => store.listTags(), [store]);
  const tagById = useMemo(() => new Map((tags ?? []).map((t) => [t.id, t])), [tags]);
  const findings = useMemo(() => ({ earlier: byStart(earlierFindings), later: byStart(laterFindings) }), [earlierFindings, laterFindings]);

  const layout = useMemo((): Item[] | string => {
    try {
      return sideBySide(earlier.side, later.side, country, { significantOnly }).flatMap((s): Item[] => [
        { type: 'section', kind: s.kind, changes: s.rows.filter((r) => r.changed).length },
        ...s.rows.map((row): Item => ({ type: 'row', row })),
      ]);
    } catch (e) {
      return errorMessage(e);
    }
  }, [earlier.side, later.side, country, significantOnly]);
  const items = useMemo(() => (typeof layout === 'string' ? [] : layout), [layout]);
  const changes = useMemo(() => items.flatMap((it, i) => (it.type === 'row' && it.row.changed ? [i] : [])), [items]);
  /** The item holding each passage, by edition and start offset (a moved passage links to its other copy). */
  const itemAt = useMemo(() => {
    const out = { earlier: new Map<number, number>(), later: new Map<number, number>() };
    items.forEach((it, i) => {
      if (it.type !== 'row') return;
      if (it.row.earlier) out.earlier.set(it.row.earlier.start, i);
      if (it.row.later) out.later.set(it.row.later.start, i);
    });
    return out;
  }, [items]);

  const scrollerRef = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: items.length, getScrollElement: () => scrollerRef.current, estimateSize: (i) => estimate(items[i]), overscan: 8 });
  const [active, setActive] = useState<number>();
  const goTo = useCallback(
    (index: number) => {
      setActive(index);
      virtual.scrollToIndex(index, { align: 'center' });
    },
    [virtual],
  );

  const go = useCallback(
    (direction: 1 | -1) => {
      if (changes.length === 0) return;
      const visible = virtual.getVirtualItems();
      const offset = virtual.scrollOffset ?? 0;
      const height = scrollerRef.current?.clientHeight ?? 0;
      const inView = (i: number) => visible.some((v) => v.index === i && v.end > offset && v.start < offset + height);
      // From the change last gone to while it is still in view; else from what is at the top of the view.
      const top = visible.find((v) => v.end > offset + 1)?.index ?? 0;
      const from = active !== undefined && inView(active) ? active : direction === 1 ? top - 1 : top;
      const target = direction === 1 ? changes.find((i) => i > from) : changes.findLast((i) => i < from);
      if (target !== undefined) goTo(target);
    },
    [changes, active, virtual, goTo],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target as HTMLElement;
    if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
    if (e.key === 'n' || e.key === 'p') {
      e.preventDefault();
      go(e.key === 'n' ? 1 : -1);
    }
  };

  if (typeof layout === 'string') return <Text c="red">{layout}</Text>;
  const position = active === undefined ? undefined : changes.indexOf(active) + 1;
  return (
    <div onKeyDown={onKeyDown} data-testid="side-by-side">
      <Group justify="space-between" mb={6}>
        <Text size="sm" c="dimmed" aria-live="polite">
          {changes.length === 0 ? 'No marked changes.' : `${position ? `Change ${position} of ` : ''}${changes.length} marked change${changes.length === 1 ? '' : 's'}`} · keys n / p
        </Text>
        <Group gap="xs">
          <Button size="xs" variant="default" leftSection={<IconArrowUp size={14} />} onClick={() => go(-1)} disabled={changes.length === 0}>
            Previous change
          </Button>
          <Button size="xs" variant="default" leftSection={<IconArrowDown size={14} />} onClick={() => go(1)} disabled={changes.length === 0}>
            Next change
          </Button>
        </Group>
      </Group>
      <div className={classes.columns}>
        <Text size="sm" fw={600}>
          {earlier.year ?? 'Earlier edition'}
        </Text>
        <Text size="sm" fw={600}>
          {later.year ?? 'Later edition'}
        </Text>
      </div>
      <div ref={scrollerRef} className={classes.scroller} tabIndex={0} role="region" aria-label={`${country} side by side, ${earlier.year ?? 'earlier'} and ${later.year ?? 'later'}`}>
        <div style={{ position: 'relative', height: virtual.getTotalSize() }}>
          {virtual.getVirtualItems().map((v) => {
            const item = items[v.index]!;
            return (
              <div
                key={v.key}
                data-index={v.index}
                ref={virtual.measureElement}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${v.start}px)` }}
              >
                {item.type === 'section' ? (
                  <div className={`${classes.columns} ${classes.section}`} role="heading" aria-level={3}>
                    <span>{sectionName(item.kind)}</span>
                    <Text span size="xs" c="dimmed" fw={400}>
                      {item.changes === 0 ? 'unchanged' : `${item.changes} marked`}
                    </Text>
                  </div>
                ) : (
                  <div
                    className={`${classes.columns} ${classes.row}`}
                    data-paragraph={(items[v.index - 1]?.type === 'row' && (item.row.earlier?.paragraphStart || item.row.later?.paragraphStart)) || undefined}
                    data-row={v.index} data-changed={item.row.changed || undefined} data-active={v.index === active || undefined}>
                    {(['earlier', 'later'] as const).map((which) => {
                      const cell = item.row[which];
                      const other = which === 'earlier' ? 'later' : 'earlier';
                      const otherItem = cell?.otherStart === undefined ? undefined : itemAt[other].get(cell.otherStart);
                      return (
                        <Cell
                          key={which}
                          cell={cell}
                          side={which}
                          year={which === 'earlier' ? earlier.year : later.year}
                          otherYear={which === 'earlier' ? later.year : earlier.year}
                          findings={findings[which]}
                          tagById={tagById}
                          onGoToOther={otherItem === undefined ? undefined : () => goTo(otherItem)}
                        />
                      );
                    })}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

const MARK_LABEL: Record<SideCell['mark'], string | null> = { same: null, changed: null, moved: 'moved', removed: 'removed', added: 'new' };

interface CellProps {
  cell: SideCell | null;
  side: 'earlier' | 'later';
  year: number | null;
  otherYear: number | null;
  findings: readonly Finding[];
  tagById: Map<string, Tag>;
  /** A moved passage: shows its copy in the other edition. */
  onGoToOther: (() => void) | undefined;
}

function Cell({ cell, side, year, otherYear, findings, tagById, onGoToOther }: CellProps) {
  if (!cell) return <div className={`${classes.cell} ${classes.empty}`} data-side={side} aria-hidden />;
  const over = findings.length > 0 ? findingsOver(findings, cell.start, cell.end) : [];
  const tag = over.flatMap((f) => f.tagIds.map((id) => tagById.get(id)).filter((t): t is Tag => t !== undefined))[0];
  const label = MARK_LABEL[cell.mark];
  const moved = cell.mark === 'moved' && cell.otherSection ? ` ${side === 'earlier' ? 'to' : 'from'} ${sectionName(cell.otherSection)}` : '';
  return (
    <div
      className={classes.cell}
      data-side={side}
      data-mark={cell.mark}
      data-findings={over.length > 0 ? over.map((f) => f.id).join(' ') : undefined}
      style={tag ? { borderLeftColor: tag.color } : undefined}
      title={over.length > 0 ? `${over.length} finding${over.length === 1 ? '' : 's'} here (${year ?? side}): ${[...new Set(over.flatMap((f) => f.tagIds.map((id) => tagById.get(id)?.name ?? '')))].filter(Boolean).join(', ')}` : undefined}
    >
      {label &&
        (onGoToOther ? (
          <Badge
            component="button"
            type="button"
            size="xs"
            variant="outline"
            color="blue"
            mr={6}
            style={{ cursor: 'pointer' }}
            title={`Show it in ${otherYear ?? 'the other edition'}`}
            aria-label={`${label}${moved}: show it in ${otherYear ?? 'the other edition'}`}
            onClick={onGoToOther}
          >
            {label}
            {moved}
          </Badge>
        ) : (
          <Badge size="xs" variant="outline" color={cell.mark === 'removed' ? 'red' : cell.mark === 'added' ? 'green' : 'blue'} mr={6}>
            {label}
            {moved}
          </Badge>
        ))}
      {cell.runs && cell.mark !== 'same'
        ? cell.runs.map((r, k) =>
            !r.marked ? (
              <span key={k}>{r.text}</span>
            ) : side === 'earlier' ? (
              <del key={k} className={classes.del}>
                {r.text}
              </del>
            ) : (
              <ins key={k} className={classes.ins}>
                {r.text}
              </ins>
            ),
          )
        : cell.text}
    </div>
  );
}
